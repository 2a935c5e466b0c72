// Revocation: ask where the certificate says (OCSP from its AIA, else the CRL from its CDP) and decide
// what the answer means. The network sits behind RevocationFetcher (source/sources/net/http.ts); this
// file builds the request, checks the responder's or the CRL's signature against the issuing CA,
// honours thisUpdate/nextUpdate and turns the result into a finding. No I/O of its own.
import {constants, createHash, X509Certificate, verify, type KeyObject} from 'node:crypto';
import {AsnConvert, OctetString} from '@peculiar/asn1-schema';
import {
	AlgorithmIdentifier,
	AuthorityInfoAccessSyntax,
	Certificate,
	CertificateList,
	CRLDistributionPoints,
	CRLReason,
	CRLReasons,
	ExtendedKeyUsage,
	id_ce_cRLDistributionPoints,
	id_ce_cRLReasons,
	id_ce_extKeyUsage,
	id_pe_authorityInfoAccess,
	type Name,
} from '@peculiar/asn1-x509';
import {
	BasicOCSPResponse,
	CertID,
	id_kp_OCSPSigning,
	id_pkix_ocsp,
	id_pkix_ocsp_basic,
	OCSPRequest,
	OCSPResponse,
	OCSPResponseStatus,
	Request,
	TBSRequest,
} from '@peculiar/asn1-ocsp';
import {pssHash, SIGNATURE_ALGORITHMS} from '../certificate/parse.js';
import {cleanText, clipText} from '../certificate/sanitize.js';
import {serialFromDer} from '../certificate/serial.js';
import type {RevocationAnswer, RevocationAttempt, RevocationSource, UnknownReason} from './revocation-verdict.js';

/** Time limit for one request, and for the whole check (all sources together). */
const REQUEST_TIMEOUT_MS = 5_000;
const TOTAL_TIMEOUT_MS = 12_000;
/** Largest answer read: an OCSP response is a few KB; a national CA's CRL can be several MB. */
const MAX_OCSP_BYTES = 256 * 1024;
const MAX_CRL_BYTES = 32 * 1024 * 1024;
/** Clock difference tolerated between this computer and the responder. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Sources tried per kind: a certificate may list several mirrors. */
const MAX_URLS = 3;

/** The I/O module throws this for everything the network can do wrong. */
export class RevocationFetchError extends Error {
	constructor(
		readonly kind: 'unreachable' | 'timeout' | 'httpStatus' | 'tooLarge',
		message: string,
	) {
		super(message);
		this.name = 'RevocationFetchError';
	}
}

export interface RevocationRequest {
	url: string;
	method: 'GET' | 'POST';
	body?: Uint8Array;
	contentType?: string;
	accept: string;
	maxBytes: number;
	timeoutMs: number;
}

export interface RevocationFetcher {
	/** The response body of a 2xx answer; throws RevocationFetchError otherwise. */
	fetch(request: RevocationRequest, signal: AbortSignal): Promise<Uint8Array>;
}

export interface RevocationOptions {
	now: Date;
	requestTimeoutMs?: number;
	totalTimeoutMs?: number;
}

/** OCSP responder and CRL addresses the certificate names (http and https only; LDAP is not asked). */
export function revocationSources(leafDer: Uint8Array): {ocsp: string[]; crl: string[]} {
	const cert = AsnConvert.parse(leafDer, Certificate);
	const ocsp: string[] = [];
	const crl: string[] = [];
	const usable = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);
	for (const ext of cert.tbsCertificate.extensions ?? []) {
		try {
			if (ext.extnID === id_pe_authorityInfoAccess) {
				for (const ad of AsnConvert.parse(ext.extnValue, AuthorityInfoAccessSyntax)) {
					const url = ad.accessLocation.uniformResourceIdentifier;
					if (ad.accessMethod === id_pkix_ocsp && usable(url) && !ocsp.includes(url)) ocsp.push(url);
				}
			} else if (ext.extnID === id_ce_cRLDistributionPoints) {
				for (const dp of AsnConvert.parse(ext.extnValue, CRLDistributionPoints)) {
					// A CRL signed by someone other than the CA (cRLIssuer) is not supported: skip it.
					if (dp.cRLIssuer?.length) continue;
					for (const gn of dp.distributionPoint?.fullName ?? []) {
						const url = gn.uniformResourceIdentifier;
						if (usable(url) && !crl.includes(url)) crl.push(url);
					}
				}
			}
		} catch {
			// A broken extension names no source; the parse step already judged the certificate.
		}
	}
	return {ocsp: ocsp.slice(0, MAX_URLS), crl: crl.slice(0, MAX_URLS)};
}

const HASHES: Record<string, string> = {
	'1.3.14.3.2.26': 'sha1',
	'2.16.840.1.101.3.4.2.1': 'sha256',
	'2.16.840.1.101.3.4.2.2': 'sha384',
	'2.16.840.1.101.3.4.2.3': 'sha512',
};
const SHA1 = '1.3.14.3.2.26';

const bytes = (buf: ArrayBuffer | Uint8Array): Uint8Array => (buf instanceof Uint8Array ? buf : new Uint8Array(buf));
const equalBytes = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array): boolean => Buffer.from(bytes(a)).equals(Buffer.from(bytes(b)));
const nameDer = (name: Name): Uint8Array => bytes(AsnConvert.serialize(name));

interface Parties {
	leaf: Certificate;
	issuer: Certificate;
	issuerKey: KeyObject;
}

function parties(leafDer: Uint8Array, issuerDer: Uint8Array): Parties {
	return {leaf: AsnConvert.parse(leafDer, Certificate), issuer: AsnConvert.parse(issuerDer, Certificate), issuerKey: new X509Certificate(issuerDer).publicKey};
}

function certId(p: Parties, hashOid: string): CertID | null {
	const hash = HASHES[hashOid];
	if (!hash) return null;
	return new CertID({
		hashAlgorithm: new AlgorithmIdentifier({algorithm: hashOid, parameters: null}),
		issuerNameHash: new OctetString(createHash(hash).update(nameDer(p.leaf.tbsCertificate.issuer)).digest()),
		issuerKeyHash: new OctetString(createHash(hash).update(bytes(p.issuer.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)).digest()),
		serialNumber: p.leaf.tbsCertificate.serialNumber,
	});
}

/** DER OCSPRequest for the certificate, CertID hashed with SHA-1 as responders expect (RFC 5019). */
export function buildOcspRequest(leafDer: Uint8Array, issuerDer: Uint8Array): Uint8Array {
	const id = certId(parties(leafDer, issuerDer), SHA1)!;
	return bytes(AsnConvert.serialize(new OCSPRequest({tbsRequest: new TBSRequest({requestList: [new Request({reqCert: id})]})})));
}

/** Checks a signature made with the given algorithm; false for algorithms ote-cert cannot check. */
function verifies(
	algorithm: AlgorithmIdentifier,
	data: ArrayBuffer | Uint8Array,
	signature: ArrayBuffer | Uint8Array,
	key: KeyObject,
): boolean | 'unsupported' {
	const known = SIGNATURE_ALGORITHMS[algorithm.algorithm];
	if (!known) return 'unsupported';
	const pss = algorithm.algorithm === '1.2.840.113549.1.1.10';
	const hashName = pss ? pssHash(algorithm.parameters) : known.hash;
	const hash = hashName ? hashName.replace('-', '').toLowerCase() : null;
	if (hash === 'md2' || hash === 'md5') return 'unsupported';
	try {
		const keyArg = pss ? {key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO} : key;
		return verify(hash, bytes(data), keyArg, bytes(signature));
	} catch {
		return false;
	}
}

const unknown = (source: RevocationSource, url: string, reason: UnknownReason, detail?: string): RevocationAttempt =>
	detail === undefined ? {source, url, reason} : {source, url, reason, detail: clipText(cleanText(detail), 200)};

type Judged = RevocationAnswer | RevocationAttempt;

function freshness(source: RevocationSource, url: string, thisUpdate: Date, nextUpdate: Date | null, now: Date): RevocationAttempt | null {
	if (thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) return unknown(source, url, 'notYetValid', thisUpdate.toISOString());
	if (nextUpdate && nextUpdate.getTime() < now.getTime() - CLOCK_SKEW_MS) return unknown(source, url, 'stale', nextUpdate.toISOString());
	return null;
}

function reasonName(reason: CRLReasons | undefined): string | null {
	return reason === undefined ? null : (CRLReasons[reason] ?? String(reason));
}

function hasOcspSigning(cert: Certificate): boolean {
	const ext = cert.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_extKeyUsage);
	if (!ext) return false;
	try {
		return AsnConvert.parse(ext.extnValue, ExtendedKeyUsage).includes(id_kp_OCSPSigning);
	} catch {
		return false;
	}
}

/** What an OCSP responder's answer says about the certificate. */
function judgeOcspResponse(body: Uint8Array, leafDer: Uint8Array, issuerDer: Uint8Array, url: string, now: Date): Judged {
	const p = parties(leafDer, issuerDer);
	let basic: BasicOCSPResponse;
	try {
		const response = AsnConvert.parse(body, OCSPResponse);
		if (response.responseStatus !== OCSPResponseStatus.successful) {
			return unknown('ocsp', url, 'responderStatus', OCSPResponseStatus[response.responseStatus] ?? String(response.responseStatus));
		}
		if (!response.responseBytes || response.responseBytes.responseType !== id_pkix_ocsp_basic) return unknown('ocsp', url, 'malformed');
		basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
	} catch (error) {
		return unknown('ocsp', url, 'malformed', (error as Error).message);
	}
	if (!basic.tbsResponseDataRaw) return unknown('ocsp', url, 'malformed');

	// Who signed: the issuing CA itself, or a responder the CA certified for OCSP signing.
	const rid = basic.tbsResponseData.responderID;
	const keyHashOf = (c: Certificate) => createHash('sha1').update(bytes(c.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)).digest();
	const isResponder = (c: Certificate): boolean =>
		rid.byName ? equalBytes(nameDer(rid.byName), nameDer(c.tbsCertificate.subject)) : !!rid.byKey && equalBytes(rid.byKey.buffer, keyHashOf(c));
	let signerKey: KeyObject | null = null;
	if (isResponder(p.issuer)) {
		signerKey = p.issuerKey;
	} else {
		for (const c of basic.certs ?? []) {
			if (!isResponder(c)) continue;
			const der = bytes(AsnConvert.serialize(c));
			let x: X509Certificate;
			try {
				x = new X509Certificate(der);
			} catch {
				continue;
			}
			const valid = new Date(x.validFrom) <= now && now <= new Date(x.validTo);
			if (valid && hasOcspSigning(c) && x.verify(p.issuerKey)) {
				signerKey = x.publicKey;
				break;
			}
		}
	}
	if (!signerKey) return unknown('ocsp', url, 'responderNotAuthorised');
	const ok = verifies(basic.signatureAlgorithm, basic.tbsResponseDataRaw, basic.signature, signerKey);
	if (ok === 'unsupported') return unknown('ocsp', url, 'unsupportedAlgorithm', basic.signatureAlgorithm.algorithm);
	if (!ok) return unknown('ocsp', url, 'badSignature');

	const serial = serialFromDer(p.leaf.tbsCertificate.serialNumber);
	for (const single of basic.tbsResponseData.responses) {
		const id = single.certID;
		if (serialFromDer(id.serialNumber) !== serial) continue;
		const expected = certId(p, id.hashAlgorithm.algorithm);
		if (
			!expected ||
			!equalBytes(expected.issuerNameHash.buffer, id.issuerNameHash.buffer) ||
			!equalBytes(expected.issuerKeyHash.buffer, id.issuerKeyHash.buffer)
		) {
			continue;
		}
		const stale = freshness('ocsp', url, single.thisUpdate, single.nextUpdate ?? null, now);
		if (stale) return stale;
		const status = single.certStatus;
		if (status.revoked) {
			return {status: 'revoked', source: 'ocsp', url, revokedAt: status.revoked.revocationTime, reason: reasonName(status.revoked.revocationReason?.reason)};
		}
		if (status.good !== undefined) return {status: 'good', source: 'ocsp', url, thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate ?? null};
		return unknown('ocsp', url, 'statusUnknown');
	}
	return unknown('ocsp', url, 'noMatchingResponse');
}

function crlDer(body: Uint8Array): Uint8Array {
	const text = Buffer.from(body.subarray(0, 64)).toString('latin1');
	if (!text.includes('-----BEGIN')) return body;
	const m = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(Buffer.from(body).toString('latin1'));
	return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : body;
}

/** What a CRL says about the certificate, after checking that the issuing CA signed it. */
function judgeCrl(body: Uint8Array, leafDer: Uint8Array, issuerDer: Uint8Array, url: string, now: Date): Judged {
	const p = parties(leafDer, issuerDer);
	let crl: CertificateList;
	try {
		crl = AsnConvert.parse(crlDer(body), CertificateList);
	} catch (error) {
		return unknown('crl', url, 'malformed', (error as Error).message);
	}
	if (!crl.tbsCertListRaw) return unknown('crl', url, 'malformed');
	const tbs = crl.tbsCertList;
	if (!equalBytes(nameDer(tbs.issuer), nameDer(p.leaf.tbsCertificate.issuer))) return unknown('crl', url, 'wrongIssuer');
	const ok = verifies(crl.signatureAlgorithm, crl.tbsCertListRaw, crl.signature, p.issuerKey);
	if (ok === 'unsupported') return unknown('crl', url, 'unsupportedAlgorithm', crl.signatureAlgorithm.algorithm);
	if (!ok) return unknown('crl', url, 'badSignature');
	const thisUpdate = tbs.thisUpdate.getTime();
	const nextUpdate = tbs.nextUpdate ? tbs.nextUpdate.getTime() : null;
	const stale = freshness('crl', url, thisUpdate, nextUpdate, now);
	if (stale) return stale;
	const serial = serialFromDer(p.leaf.tbsCertificate.serialNumber);
	for (const entry of tbs.revokedCertificates ?? []) {
		if (serialFromDer(entry.userCertificate) !== serial) continue;
		let reason: CRLReasons | undefined;
		const ext = entry.crlEntryExtensions?.find((e) => e.extnID === id_ce_cRLReasons);
		if (ext) {
			try {
				reason = AsnConvert.parse(ext.extnValue, CRLReason).reason;
			} catch {
				reason = undefined;
			}
		}
		// removeFromCRL lifts a hold: the certificate is good again.
		if (reason === CRLReasons.removeFromCRL) break;
		return {status: 'revoked', source: 'crl', url, revokedAt: entry.revocationDate.getTime(), reason: reasonName(reason)};
	}
	return {status: 'good', source: 'crl', url, thisUpdate, nextUpdate};
}

const isAnswer = (j: Judged): j is RevocationAnswer => 'status' in j;

function fetchFailure(source: RevocationSource, url: string, error: unknown, totalSignal: AbortSignal): RevocationAttempt {
	if (totalSignal.aborted) return unknown(source, url, 'timeout');
	if (error instanceof RevocationFetchError) return unknown(source, url, error.kind, error.message);
	return unknown(source, url, 'unreachable', (error as Error)?.message ?? String(error));
}

/**
 * Asks the certificate's OCSP responders, then its CRL distribution points, until one gives a
 * trustworthy answer; stops at the total time limit. Never throws: the worst case is "unknown".
 */
export async function checkRevocation(
	leafDer: Uint8Array,
	issuerDer: Uint8Array,
	fetcher: RevocationFetcher,
	options: RevocationOptions,
): Promise<RevocationAnswer> {
	let sources: {ocsp: string[]; crl: string[]};
	try {
		sources = revocationSources(leafDer);
	} catch {
		return {status: 'unknown', reason: 'noSource', attempts: []};
	}
	if (sources.ocsp.length === 0 && sources.crl.length === 0) return {status: 'unknown', reason: 'noSource', attempts: []};
	const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
	const total = new AbortController();
	const timer = setTimeout(() => total.abort(), options.totalTimeoutMs ?? TOTAL_TIMEOUT_MS);
	const attempts: RevocationAttempt[] = [];
	try {
		let ocspRequest: Uint8Array | null = null;
		const plan: Array<{source: RevocationSource; url: string}> = [
			...sources.ocsp.map((url) => ({source: 'ocsp' as const, url})),
			...sources.crl.map((url) => ({source: 'crl' as const, url})),
		];
		for (const {source, url} of plan) {
			if (total.signal.aborted) {
				attempts.push(unknown(source, url, 'timeout'));
				continue;
			}
			let body: Uint8Array;
			try {
				if (source === 'ocsp') {
					ocspRequest ??= buildOcspRequest(leafDer, issuerDer);
					body = await fetcher.fetch(
						{
							url,
							method: 'POST',
							body: ocspRequest,
							contentType: 'application/ocsp-request',
							accept: 'application/ocsp-response',
							maxBytes: MAX_OCSP_BYTES,
							timeoutMs: requestTimeoutMs,
						},
						total.signal,
					);
				} else {
					body = await fetcher.fetch({url, method: 'GET', accept: 'application/pkix-crl', maxBytes: MAX_CRL_BYTES, timeoutMs: requestTimeoutMs}, total.signal);
				}
			} catch (error) {
				attempts.push(fetchFailure(source, url, error, total.signal));
				continue;
			}
			const judged = source === 'ocsp' ? judgeOcspResponse(body, leafDer, issuerDer, url, options.now) : judgeCrl(body, leafDer, issuerDer, url, options.now);
			if (isAnswer(judged)) return judged;
			attempts.push(judged);
		}
	} finally {
		clearTimeout(timer);
	}
	return {status: 'unknown', reason: attempts[0]?.reason ?? 'noSource', attempts};
}
