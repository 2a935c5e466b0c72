// The Certificate step's verdict: build the chain to a shipped (or locally trusted) CA by key id and
// verified signature, decide approval and kind, state which CS OTE uses fit, and list every problem
// as a finding with a stable code. Pure: no I/O; signatures are checked with node:crypto.
import {wholeDaysLeft} from '../certificate/days.js';
import {X509Certificate, type KeyObject} from 'node:crypto';
import {nameKeys, parseCertificateCached, OID} from '../certificate/parse.js';
import type {CertificateInfo} from '../certificate/types.js';
import {type AnchorSet, authorityNamed, issuesApproved} from './anchors.js';
import type {Approval, ChainLink, CsOteUse, FindingCode, Judged, Judgement, Severity, TrustAnchor, UseJudged, UseReason} from './types.js';

type Params = Record<string, string | number>;

/** A certificate expiring in fewer days than this gets EXPIRING_SOON. */
export const EXPIRING_SOON_DAYS = 30;
/** Longest chain followed; real Czech chains have two or three links. */
const MAX_CHAIN_LENGTH = 8;
/** Companion certificates looked at (a .p12 or token may carry many). */
const MAX_COMPANIONS = 200;
/**
 * Signature checks for one chain: a real chain needs a handful. A file of hundreds of CAs sharing the
 * issuer's name would otherwise make every certificate try them all.
 */
export const MAX_SIGNATURE_CHECKS = 32;
/** RSA keys a chain is checked with: a larger modulus or exponent makes one check cost seconds. */
const MAX_RSA_MODULUS_BITS = 8192;
const MAX_RSA_EXPONENT = 2n ** 32n;

const WEAK_HASHES = new Set(['SHA-1', 'MD5', 'MD2']);
const QUALIFIED_POLICIES = new Set(['0.4.0.194112.1.0', '0.4.0.194112.1.1', '0.4.0.194112.1.2', '0.4.0.194112.1.3', '0.4.0.1456.1.1', '0.4.0.1456.1.2']);
const WEB_POLICY = '0.4.0.194112.1.4';
const DOCUMENT_SIGNING = '1.3.6.1.4.1.311.10.3.12';

export interface AssessContext {
	anchors: AnchorSet;
	/** Other certificates that came with this one (.p12/.pem bundle, token): intermediates are used. */
	companions?: Uint8Array[];
	now?: Date;
}

interface Node {
	info: CertificateInfo;
	origin: ChainLink['origin'];
	anchor: TrustAnchor | null;
	/** This certificate's signature was verified with the next node's (or its own, for a root) key. */
	verified: boolean;
}

interface IssuerSearch {
	issuer: Node | null;
	/** A CA found by the authority key id whose key did not verify the signature. */
	badSignature: Node | null;
	/** A shipped CA with the issuer's name whose key did not verify the signature. */
	lookalike: TrustAnchor | null;
}

// Each certificate on a token is every other one's companion; parseCertificateCached shares the
// parse with the entry's own and with the other entries' chains.
function parseCompanion(der: Uint8Array): CertificateInfo | null {
	try {
		return parseCertificateCached(der);
	} catch {
		return null;
	}
}

class ChainBuilder {
	private readonly x509 = new Map<Uint8Array, X509Certificate>();
	private companionNodes: Node[] | null = null;

	constructor(
		private readonly anchors: AnchorSet,
		private readonly companionDers: Uint8Array[],
		private readonly leaf: CertificateInfo,
	) {}

	/** Parsed on first need: a self-signed certificate never looks for an issuer. */
	private get companions(): Node[] {
		if (this.companionNodes) return this.companionNodes;
		const seen = new Set([this.leaf.fingerprints.sha256]);
		this.companionNodes = [];
		for (const der of this.companionDers.slice(0, MAX_COMPANIONS)) {
			const info = parseCompanion(der);
			if (!info) continue; // a broken extra certificate must not spoil the verdict on the main one
			if (seen.has(info.fingerprints.sha256)) continue;
			seen.add(info.fingerprints.sha256);
			this.companionNodes.push({info, origin: 'supplied', anchor: null, verified: false});
		}
		return this.companionNodes;
	}

	private x509Of(info: CertificateInfo): X509Certificate | null {
		let cert = this.x509.get(info.der);
		if (!cert) {
			try {
				cert = new X509Certificate(info.der);
			} catch {
				return null;
			}
			this.x509.set(info.der, cert);
		}
		return cert;
	}

	/** Signature checks made so far; past MAX_SIGNATURE_CHECKS the search gives up (tooComplex). */
	checks = 0;
	tooComplex = false;

	verifies(child: CertificateInfo, key: KeyObject | null): boolean {
		if (!key || !affordable(key)) return false;
		const cert = this.x509Of(child);
		if (!cert) return false;
		if (++this.checks > MAX_SIGNATURE_CHECKS) {
			this.tooComplex = true;
			return false;
		}
		try {
			return cert.verify(key);
		} catch {
			return false;
		}
	}

	keyOf(node: Node): KeyObject | null {
		if (node.anchor) {
			try {
				return this.anchors.publicKey(node.anchor);
			} catch {
				return null;
			}
		}
		return this.x509Of(node.info)?.publicKey ?? null;
	}

	private anchorNode(anchor: TrustAnchor): Node | null {
		try {
			return {info: this.anchors.info(anchor), origin: anchor.origin === 'local' ? 'local' : 'anchor', anchor, verified: false};
		} catch {
			return null;
		}
	}

	findIssuer(child: CertificateInfo): IssuerSearch {
		const {issuerKey} = nameKeys(child.der);
		const aki = child.authorityKeyIdentifier;
		const byKeyId: Node[] = [];
		const byName: Node[] = [];
		if (aki) {
			for (const a of this.anchors.bySki(aki)) {
				const node = this.anchorNode(a);
				if (node) byKeyId.push(node);
			}
			byKeyId.push(...this.companions.filter((c) => c.info.subjectKeyIdentifier === aki));
		}
		for (const a of this.anchors.bySubjectKey(issuerKey)) {
			const node = this.anchorNode(a);
			if (node) byName.push(node);
		}
		byName.push(...this.companions.filter((c) => nameKeys(c.info.der).subjectKey === issuerKey));

		const tried = new Set<string>();
		for (const candidate of [...byKeyId, ...byName]) {
			const sha = candidate.info.fingerprints.sha256;
			if (tried.has(sha) || sha === child.fingerprints.sha256) continue;
			tried.add(sha);
			if (!candidate.anchor && !candidate.info.isCA) continue;
			if (this.verifies(child, this.keyOf(candidate))) {
				// The same CA may be both supplied and shipped: the shipped copy carries the policy data.
				const shipped = candidate.anchor ? candidate : this.asAnchor(candidate);
				return {issuer: {...shipped, verified: false}, badSignature: null, lookalike: null};
			}
		}
		const badSignature = byKeyId.find((n) => nameKeys(n.info.der).subjectKey === issuerKey) ?? null;
		const lookalike = byName.find((n) => n.anchor && n.anchor.origin === 'anchor')?.anchor ?? null;
		return {issuer: null, badSignature, lookalike};
	}

	private asAnchor(node: Node): Node {
		const anchor = this.anchors.bySha256(node.info.fingerprints.sha256);
		return anchor ? (this.anchorNode(anchor) ?? node) : node;
	}
}

/** A key whose signature check costs what a real CA's does (hostile CA certificates carry giant RSA exponents). */
function affordable(key: KeyObject): boolean {
	if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return true;
	// Asked only for RSA: Node computes the details afresh at every read (~70 µs).
	const details = key.asymmetricKeyDetails;
	return (details?.modulusLength ?? 0) <= MAX_RSA_MODULUS_BITS && (details?.publicExponent ?? 0n) <= MAX_RSA_EXPONENT;
}

// A finding's sentence is `trust.finding.CODE`, or `trust.finding.CODE.variant` for codes with several;
// the edge words it (services/describe.ts), and a test holds every code and variant to a sentence.
export function finding(code: FindingCode, severity: Severity, params: Params = {}, variant?: string): Judged {
	return variant === undefined ? {code, severity, params} : {code, severity, params, variant};
}

const nameOf = (info: CertificateInfo): string => info.subjectCN ?? info.subject;
const issuerNameOf = (info: CertificateInfo): string => info.issuerCN ?? info.issuer;

const ORGANIZATION = '2.5.4.10';
const ORGANIZATION_IDENTIFIER = '2.5.4.97';

/** The approved authority the certificate's issuer name (O, organizationIdentifier) points to, if any. */
function issuerAuthority(cert: CertificateInfo): ReturnType<typeof authorityNamed> {
	const orgs: string[] = [];
	const ids: string[] = [];
	for (const {oid, value} of nameKeys(cert.der).issuerAttributes) {
		if (oid === ORGANIZATION) orgs.push(value);
		if (oid === ORGANIZATION_IDENTIFIER) ids.push(value);
	}
	return authorityNamed(orgs, ids);
}

function classify(cert: CertificateInfo): 'qualified' | 'commercial' {
	if (cert.qc.compliance) return 'qualified';
	return cert.policies.some((p) => QUALIFIED_POLICIES.has(p)) ? 'qualified' : 'commercial';
}

function isWebsite(cert: CertificateInfo): boolean {
	const webType = cert.qc.types.includes('web') && !cert.qc.types.includes('esign') && !cert.qc.types.includes('eseal');
	return webType || (cert.policies.includes(WEB_POLICY) && !cert.policies.some((p) => QUALIFIED_POLICIES.has(p)));
}

export function assess(cert: CertificateInfo, ctx: AssessContext): Judgement {
	const now = ctx.now ?? new Date();
	const findings: Judged[] = [];
	const builder = new ChainBuilder(ctx.anchors, ctx.companions ?? [], cert);

	// Chain: leaf first, then each verified issuer, until a self-signed root or a gap.
	const nodes: Node[] = [{info: cert, origin: 'leaf', anchor: null, verified: false}];
	let gap: CertificateInfo | null = null;
	let search: IssuerSearch | null = null;
	const visited = new Set([cert.fingerprints.sha256]);
	for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
		const current = nodes[nodes.length - 1]!;
		if (current.info.selfSigned) {
			current.verified = builder.verifies(current.info, builder.keyOf(current));
			if (!current.verified) {
				findings.push(finding('SIGNATURE_INVALID', 'error', {subject: nameOf(current.info), issuer: nameOf(current.info)}));
			}
			break;
		}
		const found = builder.findIssuer(current.info);
		if (depth === 0) search = found;
		if (!found.issuer || visited.has(found.issuer.info.fingerprints.sha256)) {
			if (found.badSignature) {
				findings.push(finding('SIGNATURE_INVALID', 'error', {subject: nameOf(current.info), issuer: nameOf(found.badSignature.info)}));
			}
			gap = current.info;
			break;
		}
		current.verified = true;
		visited.add(found.issuer.info.fingerprints.sha256);
		nodes.push(found.issuer);
	}
	if (builder.tooComplex) findings.push(finding('CHAIN_TOO_COMPLEX', 'error', {limit: MAX_SIGNATURE_CHECKS}));

	// Each CA must have been valid when it issued the certificate below it.
	for (let i = 1; i < nodes.length; i++) {
		const ca = nodes[i]!.info;
		const child = nodes[i - 1]!.info;
		const params = {issuer: nameOf(ca), subject: nameOf(child), from: ca.notBefore.toISOString(), to: ca.notAfter.toISOString()};
		if (child.notBefore < ca.notBefore || child.notBefore > ca.notAfter) {
			findings.push(finding('ISSUER_CA_EXPIRED', 'error', params, 'atIssue'));
		} else if (i === 1 && ca.notAfter < now && cert.notAfter >= now) {
			findings.push(finding('ISSUER_CA_EXPIRED', 'warning', params, 'now'));
		}
	}

	if (gap && !(nodes.length === 1 && cert.selfSigned)) {
		const anchored = nodes.some((n) => n.anchor);
		const severity: Severity = nodes.length === 1 ? 'error' : anchored ? 'info' : 'warning';
		findings.push(finding('CHAIN_INCOMPLETE', severity, {missing: issuerNameOf(gap)}));
	}

	// Approval.
	const kind = classify(cert);
	const issuing = nodes[1] ?? null;
	const local = nodes.slice(1).find((n) => n.anchor?.origin === 'local') ?? null;
	const shippedAbove = nodes.slice(1).find((n) => n.anchor?.origin === 'anchor') ?? null;
	const approval: Approval = {
		approved: false,
		authority: null,
		issuingCa: issuing ? nameOf(issuing.info) : null,
		kind: cert.isCA ? null : kind,
		addedLocally: false,
		listedByOte: null,
	};
	const issuerFindings: Judged[] = [];
	const issuerParams = (node: Node): Params => ({issuer: nameOf(node.info), authority: node.anchor?.authority ?? ''});
	if (issuing?.anchor && issuing.anchor.origin === 'anchor') {
		const a = issuing.anchor;
		approval.authority = a.authority;
		approval.listedByOte = a.otePolicy.listed;
		if (issuesApproved(a)) {
			approval.approved = true;
			if (!a.otePolicy.listed) issuerFindings.push(finding('ISSUER_SUCCESSOR_NOT_LISTED', 'info', issuerParams(issuing)));
		} else if (!a.approvedAuthority) {
			issuerFindings.push(finding('ISSUER_NOT_ON_OTE_LIST', 'error', issuerParams(issuing)));
		} else {
			issuerFindings.push(finding('ISSUER_NOT_APPROVED', 'error', {...issuerParams(issuing), usage: a.usage}, 'usage'));
		}
	} else if (local) {
		approval.approved = true;
		approval.addedLocally = true;
		approval.authority = local.anchor!.authority;
		approval.listedByOte = false;
		issuerFindings.push(finding('ISSUER_ADDED_LOCALLY', 'info', {issuer: nameOf(local.info)}));
	} else if (issuing && shippedAbove) {
		approval.authority = shippedAbove.anchor!.authority;
		issuerFindings.push(finding('ISSUER_NOT_APPROVED', 'error', {issuer: nameOf(issuing.info), authority: shippedAbove.anchor!.authority}, 'notShipped'));
	} else if (search?.lookalike && !issuing) {
		issuerFindings.push(finding('ISSUER_NOT_APPROVED', 'error', {issuer: issuerNameOf(cert), authority: search.lookalike.authority}, 'lookalike'));
	} else if (!cert.selfSigned) {
		const issuer = issuing ? nameOf(issuing.info) : issuerNameOf(cert);
		// A shipped CA with the very same name means a look-alike, not a CA the list lacks.
		const shippedNamesake = ctx.anchors.bySubjectKey(nameKeys(cert.der).issuerKey).some((a) => a.origin === 'anchor');
		const named = shippedNamesake ? null : issuerAuthority(cert);
		if (named) {
			// Its name says which approved authority it claims to be; only a CA certificate that verifies the signature
			// (shipped later, or added with --trust) can make it approved, so it stays an error.
			issuerFindings.push(finding('ISSUER_NOT_SHIPPED', 'error', {issuer, authority: named.authority, published: named.published}));
		} else {
			issuerFindings.push(finding('ISSUER_NOT_APPROVED', 'error', {issuer}, 'unknown'));
		}
	}
	// For a CA certificate the CA_CERTIFICATE finding says it all; issuer advice would only confuse.
	if (!cert.isCA) findings.push(...issuerFindings);

	// The certificate itself.
	const daysLeft = wholeDaysLeft(cert.notAfter, now);
	if (now > cert.notAfter) findings.push(finding('EXPIRED', 'error', {date: cert.notAfter.toISOString()}));
	else if (now < cert.notBefore) findings.push(finding('NOT_YET_VALID', 'error', {date: cert.notBefore.toISOString()}));
	if (now <= cert.notAfter && daysLeft < EXPIRING_SOON_DAYS) {
		findings.push(finding('EXPIRING_SOON', 'warning', {days: Math.max(0, daysLeft), date: cert.notAfter.toISOString()}));
	}
	if (cert.signatureHash && WEAK_HASHES.has(cert.signatureHash)) {
		findings.push(finding('WEAK_ALGORITHM', 'error', {algorithm: cert.signatureAlgorithm}));
	}
	const {algorithm, bits} = cert.publicKey;
	if ((algorithm === 'RSA' && bits !== null && bits < 2048) || (algorithm === 'EC' && bits !== null && bits < 256)) {
		findings.push(finding('WEAK_KEY', 'error', {algorithm, bits}));
	}
	if (cert.selfSigned) findings.push(finding('SELF_SIGNED', 'error'));
	if (cert.isCA) findings.push(finding('CA_CERTIFICATE', 'error'));
	if (cert.unknownCriticalExtensions.length) {
		findings.push(finding('UNKNOWN_CRITICAL_EXTENSION', 'error', {oids: cert.unknownCriticalExtensions.join(', ')}));
	}
	if (!cert.isCA && kind === 'commercial' && !isWebsite(cert)) findings.push(finding('COMMERCIAL_NOT_FOR_PORTAL', 'warning'));

	// Uses: which CS OTE uses the kind allows, then whether key usage and EKU agree.
	const evaluations = USES.map((use) => ({use, ...evaluateUse(use, cert, kind)}));
	const usageFits = evaluations.filter((e) => e.kindFits && e.missing.length === 0);
	for (const e of evaluations) {
		if (e.kindFits && e.missing.length) {
			findings.push(finding('KEY_USAGE_MISSING', usageFits.length ? 'warning' : 'error', {use: e.use, missing: e.missing.join(', ')}));
		}
	}
	const registrable = !findings.some((f) => f.severity === 'error');
	const uses: UseJudged[] = evaluations.map((e): UseJudged => {
		if (!e.kindFits) return {use: e.use, fits: false, why: e.why};
		if (e.missing.length) return {use: e.use, fits: false, why: 'keyUsage', missing: e.missing};
		if (!registrable) return {use: e.use, fits: false, why: 'fitsButErrors'};
		return {use: e.use, fits: true, why: 'fits'};
	});

	// A supplied intermediate belongs to the authority of the anchor it chains to.
	const authorityAbove = (i: number): string | null => nodes.slice(i).find((n) => n.anchor)?.anchor?.authority ?? null;
	const chain: ChainLink[] = nodes.map((n, i) => ({
		subject: n.info.subject,
		authority: i === 0 ? null : authorityAbove(i),
		notBefore: n.info.notBefore.toISOString(),
		notAfter: n.info.notAfter.toISOString(),
		sha256: n.info.fingerprints.sha256,
		origin: n.origin,
		signatureVerified: n.verified,
	}));

	return {certificate: cert, approval, chain, uses, findings, registrable, daysLeft};
}

const USES: CsOteUse[] = ['portal-login', 'portal-signing', 'automatic-mark', 'ote-com-login', 'encrypted-email'];

interface UseEvaluation {
	kindFits: boolean;
	why: UseReason;
	missing: string[];
}

function evaluateUse(use: CsOteUse, cert: CertificateInfo, kind: 'qualified' | 'commercial'): UseEvaluation {
	const no = (why: UseReason): UseEvaluation => ({kindFits: false, why, missing: []});
	if (cert.isCA) return no('caCertificate');
	if (isWebsite(cert)) return no('website');
	const ku = cert.keyUsage;
	const eku = cert.extendedKeyUsage;
	// No extension means no restriction (RFC 5280).
	const kuHas = (...any: string[]): boolean => ku.length === 0 || any.some((k) => ku.includes(k));
	const ekuHas = (...any: string[]): boolean => eku.length === 0 || eku.includes(OID.anyExtendedKeyUsage) || any.some((k) => eku.includes(k));
	const missing: string[] = [];
	const seal = cert.qc.types.includes('eseal');
	const esign = cert.qc.types.includes('esign');
	// Qualified certificates carry emailProtection and document signing, not clientAuth, yet OTE
	// uses them for portal login, so any of these purposes is accepted for the portal.
	const portalEku = [OID.clientAuth, OID.emailProtection, DOCUMENT_SIGNING];
	switch (use) {
		case 'portal-login':
		case 'portal-signing':
			if (kind !== 'qualified') return no('needsQualified');
			if (seal && !esign) return no('needsPerson');
			if (use === 'portal-login' ? !kuHas('digitalSignature') : !kuHas('nonRepudiation', 'digitalSignature')) {
				missing.push(use === 'portal-login' ? 'digitalSignature' : 'nonRepudiation');
			}
			if (!ekuHas(...portalEku)) missing.push('extendedKeyUsage clientAuth / emailProtection');
			break;
		case 'automatic-mark':
			if (kind !== 'qualified') return no('needsQualified');
			// Qualified system certificates predate QcType; a declared personal signature is not a seal.
			if (esign && !seal) return no('needsSeal');
			if (!kuHas('digitalSignature', 'nonRepudiation')) missing.push('digitalSignature');
			break;
		case 'ote-com-login':
			if (kind !== 'commercial') return no('needsCommercial');
			if (!kuHas('digitalSignature')) missing.push('digitalSignature');
			if (!ekuHas(OID.clientAuth)) missing.push('extendedKeyUsage clientAuth');
			break;
		case 'encrypted-email':
			if (kind !== 'commercial') return no('needsCommercial');
			if (!kuHas('keyEncipherment', 'keyAgreement')) missing.push(cert.publicKey.algorithm === 'EC' ? 'keyAgreement' : 'keyEncipherment');
			if (!ekuHas(OID.emailProtection)) missing.push('extendedKeyUsage emailProtection');
			break;
	}
	return {kindFits: true, why: 'fits', missing};
}
