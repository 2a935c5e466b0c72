// The CA certificates ote-cert chains to: the shipped list (generated JSON, see
// scripts/gen-trust.mjs) plus CAs the user adds with --trust. Start-up time is measured, so shipped
// anchors are only decoded and parsed when a lookup makes them a candidate.
import {X509Certificate, type KeyObject} from 'node:crypto';
import data from './anchors.gen.json' with {type: 'json'};
import {nameKeys, parseCertificate} from '../certificate/parse.js';
import type {CertificateInfo} from '../certificate/types.js';
import type {TrustAnchor} from './types.js';

export const TRUST_DATA_DATE: string = data.date;
const APPROVED_AUTHORITIES: readonly string[] = data.approvedAuthorities;
export const LOCAL_AUTHORITY = 'added locally';

const fold = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The approved authority whose name (O) or organizationIdentifier an issuer carries, with where it
 * publishes its CA certificates. A name proves nothing: only a CA certificate whose key verifies the
 * signature makes a certificate approved; this only says whom to ask for that CA certificate.
 */
export function authorityNamed(organizations: string[], organizationIdentifiers: string[]): {authority: string; published: string} | null {
	const orgs = new Set(organizations.map(fold));
	const ids = new Set(organizationIdentifiers.map(fold));
	for (const entry of data.authorityNames) {
		if (entry.organizations.some((o) => orgs.has(fold(o))) || entry.organizationIdentifiers.some((id) => ids.has(fold(id)))) {
			return {authority: entry.authority, published: entry.published};
		}
	}
	return null;
}

const QUALIFIED_POLICIES = new Set(['0.4.0.194112.1.0', '0.4.0.194112.1.1', '0.4.0.194112.1.2', '0.4.0.194112.1.3', '0.4.0.1456.1.1', '0.4.0.1456.1.2']);

type ShippedRow = (typeof data.anchors)[number];

/** A CA certificate passed with --trust that cannot serve as an anchor. */
export class LocalAnchorError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LocalAnchorError';
	}
}

export interface CustomAnchor {
	der: Uint8Array;
	authority: string;
	file?: string;
	kind?: TrustAnchor['kind'];
	usage?: TrustAnchor['usage'];
	listed?: boolean;
	approvedAuthority?: boolean;
}

interface Entry {
	anchor: TrustAnchor;
	subjectKey: string;
	row: ShippedRow | null;
}

// Per-anchor caches survive across AnchorSet copies (withLocal) because entries are shared.
const parsedCache = new WeakMap<Entry, CertificateInfo>();
const keyCache = new WeakMap<Entry, KeyObject>();

function shippedEntry(row: ShippedRow): Entry {
	let der: Uint8Array | null = null;
	const anchor: TrustAnchor = {
		file: row.file,
		get der(): Uint8Array {
			der ??= new Uint8Array(Buffer.from(row.der, 'base64'));
			return der;
		},
		subject: row.subject,
		sha256: row.sha256,
		subjectKeyIdentifier: row.subjectKeyIdentifier,
		authorityKeyIdentifier: row.authorityKeyIdentifier,
		authority: row.authority,
		kind: row.kind as TrustAnchor['kind'],
		usage: row.usage as TrustAnchor['usage'],
		notBefore: row.notBefore,
		notAfter: row.notAfter,
		otePolicy: row.otePolicy,
		approvedAuthority: row.approvedAuthority,
		origin: 'anchor',
	};
	return {anchor, subjectKey: row.subjectKey, row};
}

let shippedSingleton: AnchorSet | null = null;

export class AnchorSet {
	private readonly entries: Entry[];
	private bySkiIndex: Map<string, Entry[]> | null = null;
	private bySubjectIndex: Map<string, Entry[]> | null = null;
	private bySha256Index: Map<string, Entry> | null = null;

	private constructor(entries: Entry[]) {
		this.entries = entries;
	}

	/** The CA list shipped with ote-cert. */
	static shipped(): AnchorSet {
		shippedSingleton ??= new AnchorSet(data.anchors.map(shippedEntry));
		return shippedSingleton;
	}

	/** An empty set: useful in tests that want only their own CAs. */
	static empty(): AnchorSet {
		return new AnchorSet([]);
	}

	/**
	 * A set of CA certificates described like shipped anchors. Tests use it to run the approval rules
	 * with generated CAs whose keys they hold (the real CAs' keys are, rightly, unavailable).
	 */
	static custom(list: CustomAnchor[]): AnchorSet {
		return new AnchorSet(
			list.map((c, index) => {
				const info = parseCertificate(c.der);
				const entry: Entry = {
					anchor: {
						file: c.file ?? `custom-${index + 1}.pem`,
						der: info.der,
						subject: info.subject,
						sha256: info.fingerprints.sha256,
						subjectKeyIdentifier: info.subjectKeyIdentifier,
						authorityKeyIdentifier: info.authorityKeyIdentifier,
						authority: c.authority,
						kind: c.kind ?? (info.selfSigned ? 'root' : 'qualified'),
						usage: c.usage ?? (info.selfSigned ? 'ca' : 'end-entity'),
						notBefore: info.notBefore.toISOString(),
						notAfter: info.notAfter.toISOString(),
						otePolicy: {listed: c.listed ?? true, basis: 'custom'},
						approvedAuthority: c.approvedAuthority ?? APPROVED_AUTHORITIES.includes(c.authority),
						origin: 'anchor',
					},
					subjectKey: nameKeys(info.der).subjectKey,
					row: null,
				};
				parsedCache.set(entry, info);
				return entry;
			}),
		);
	}

	/**
	 * This set plus CA certificates the user trusts locally (--trust). Throws CertificateParseError
	 * for garbage and LocalAnchorError for a certificate that is not a CA.
	 */
	withLocal(ders: Uint8Array[], labels: string[] = []): AnchorSet {
		const entries = [...this.entries];
		ders.forEach((der, index) => {
			const info = parseCertificate(der);
			const label = labels[index] ?? `local-${index + 1}`;
			if (!info.isCA) throw new LocalAnchorError(`${label}: ${info.subject} is not a CA certificate and cannot be trusted as an issuer.`);
			const shipped = this.bySha256(info.fingerprints.sha256);
			if (shipped?.origin === 'anchor') return;
			if (entries.some((e) => e.anchor.sha256 === info.fingerprints.sha256)) return;
			const qualified = info.policies.some((p) => QUALIFIED_POLICIES.has(p));
			const entry: Entry = {
				anchor: {
					file: label,
					der: info.der,
					subject: info.subject,
					sha256: info.fingerprints.sha256,
					subjectKeyIdentifier: info.subjectKeyIdentifier,
					authorityKeyIdentifier: info.authorityKeyIdentifier,
					authority: LOCAL_AUTHORITY,
					kind: info.selfSigned ? 'root' : qualified ? 'qualified' : 'commercial',
					usage: info.selfSigned ? 'ca' : 'end-entity',
					notBefore: info.notBefore.toISOString(),
					notAfter: info.notAfter.toISOString(),
					otePolicy: {listed: false, basis: 'added locally with --trust'},
					approvedAuthority: false,
					origin: 'local',
				},
				subjectKey: nameKeys(info.der).subjectKey,
				row: null,
			};
			parsedCache.set(entry, info);
			entries.push(entry);
		});
		return new AnchorSet(entries);
	}

	all(): TrustAnchor[] {
		return this.entries.map((e) => e.anchor);
	}

	get size(): number {
		return this.entries.length;
	}

	bySki(ski: string): TrustAnchor[] {
		this.bySkiIndex ??= index(this.entries, (e) => e.anchor.subjectKeyIdentifier?.toLowerCase() ?? null);
		return (this.bySkiIndex.get(ski.toLowerCase()) ?? []).map((e) => e.anchor);
	}

	/** Anchors whose subject equals the given name key (see nameKeys()). */
	bySubjectKey(key: string): TrustAnchor[] {
		this.bySubjectIndex ??= index(this.entries, (e) => e.subjectKey);
		return (this.bySubjectIndex.get(key) ?? []).map((e) => e.anchor);
	}

	bySha256(sha256: string): TrustAnchor | null {
		if (!this.bySha256Index) {
			this.bySha256Index = new Map();
			for (const e of this.entries) this.bySha256Index.set(e.anchor.sha256, e);
		}
		return this.bySha256Index.get(sha256.toLowerCase())?.anchor ?? null;
	}

	/** The anchor parsed as a certificate; parsed on first use only. */
	info(anchor: TrustAnchor): CertificateInfo {
		const entry = this.entryOf(anchor);
		let info = parsedCache.get(entry);
		if (!info) {
			info = parseCertificate(anchor.der);
			parsedCache.set(entry, info);
		}
		return info;
	}

	/** Node's view of the anchor's public key, for signature checks. */
	publicKey(anchor: TrustAnchor): KeyObject {
		const entry = this.entryOf(anchor);
		let key = keyCache.get(entry);
		if (!key) {
			key = new X509Certificate(anchor.der).publicKey;
			keyCache.set(entry, key);
		}
		return key;
	}

	private entryOf(anchor: TrustAnchor): Entry {
		const entry = this.entries.find((e) => e.anchor === anchor);
		if (!entry) throw new Error('anchor does not belong to this set');
		return entry;
	}
}

function index(entries: Entry[], key: (e: Entry) => string | null): Map<string, Entry[]> {
	const map = new Map<string, Entry[]>();
	for (const e of entries) {
		const k = key(e);
		if (k === null) continue;
		const list = map.get(k);
		if (list) list.push(e);
		else map.set(k, [e]);
	}
	return map;
}

interface AnchorRow {
	file: string;
	subject: string;
	authority: string;
	kind: TrustAnchor['kind'];
	usage: TrustAnchor['usage'];
	notBefore: string;
	notAfter: string;
	sha256: string;
	/** Named in OTE's published table (or covered by "all commercial certificates"). */
	listed: boolean;
	/** Certificates issued directly by this CA are approved for CS OTE. */
	approved: boolean;
	origin: TrustAnchor['origin'];
	basis: string;
}

export interface AnchorListing {
	date: string;
	approvedAuthorities: readonly string[];
	sources: Array<{repo: string | null; path: string; commit: string | null}>;
	anchors: AnchorRow[];
}

/** Whether certificates issued directly by this anchor are approved (see the README rule). */
export function issuesApproved(anchor: TrustAnchor): boolean {
	if (anchor.origin === 'local') return true;
	return anchor.approvedAuthority && anchor.usage === 'end-entity';
}

/** JSON-able listing for `ote-cert trust [--json]`; no certificate is parsed. */
export function describeAnchors(set: AnchorSet): AnchorListing {
	return {
		date: TRUST_DATA_DATE,
		approvedAuthorities: APPROVED_AUTHORITIES,
		sources: data.sources,
		anchors: set.all().map((a) => ({
			file: a.file,
			subject: a.subject,
			authority: a.authority,
			kind: a.kind,
			usage: a.usage,
			notBefore: a.notBefore,
			notAfter: a.notAfter,
			sha256: a.sha256,
			listed: a.otePolicy.listed,
			approved: issuesApproved(a),
			origin: a.origin,
			basis: a.otePolicy.basis,
		})),
	};
}
