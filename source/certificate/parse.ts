// X.509 parsing for the whole tool. Certificates come from files, tokens and e-mail, so this is the
// main door for hostile input: sizes are capped before any decoding, asn1js runs with its resource
// limits, and every text field leaves here through cleanText().
import {hash} from 'node:crypto';
import {bitString, boolean, children, content, context, type Der, DerError, encoded, oid, readDer, TAG, text, time, typed, unwrap} from './der.js';
import type {CertificateInfo, CzechIdentity, QcInfo} from './types.js';
import {cleanText, clipText} from './sanitize.js';
import {serialFromDer} from './serial.js';

/** Thrown for input that is not a usable certificate; the message is human-readable and sanitised. */
export class CertificateParseError extends Error {
	constructor(message: string) {
		super(clipText(cleanText(message), 300));
		this.name = 'CertificateParseError';
	}
}

/** Real certificates are a few KiB; anything above this is refused before decoding. */
export const MAX_CERTIFICATE_BYTES = 1024 * 1024;

export const OID = {
	qcStatements: '1.3.6.1.5.5.7.1.3',
	qcCompliance: '0.4.0.1862.1.1',
	qcSscd: '0.4.0.1862.1.4',
	qcType: '0.4.0.1862.1.6',
	qcTypeEsign: '0.4.0.1862.1.6.1',
	qcTypeEseal: '0.4.0.1862.1.6.2',
	qcTypeWeb: '0.4.0.1862.1.6.3',
	organizationIdentifier: '2.5.4.97',
	serialNumber: '2.5.4.5',
	icaUserId: '1.3.6.1.4.1.23624.4.6',
	ikMpsv: '1.3.6.1.4.1.11801.2.1',
	emailAddress: '1.2.840.113549.1.9.1',
	clientAuth: '1.3.6.1.5.5.7.3.2',
	emailProtection: '1.3.6.1.5.5.7.3.4',
	anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

const ATTRIBUTE_NAMES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.4': 'SN',
	'2.5.4.5': 'serialNumber',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'ST',
	'2.5.4.9': 'STREET',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU',
	'2.5.4.12': 'title',
	'2.5.4.42': 'GN',
	'2.5.4.43': 'initials',
	'2.5.4.46': 'dnQualifier',
	'2.5.4.65': 'pseudonym',
	'2.5.4.97': 'organizationIdentifier',
	'0.9.2342.19200300.100.1.1': 'UID',
	'0.9.2342.19200300.100.1.25': 'DC',
	'1.2.840.113549.1.9.1': 'emailAddress',
};

// Extensions this tool understands or may safely ignore even when marked critical.
const KNOWN_EXTENSIONS = new Set([
	'2.5.29.9',
	'2.5.29.14',
	'2.5.29.15',
	'2.5.29.16',
	'2.5.29.17',
	'2.5.29.18',
	'2.5.29.19',
	'2.5.29.30',
	'2.5.29.31',
	'2.5.29.32',
	'2.5.29.33',
	'2.5.29.35',
	'2.5.29.36',
	'2.5.29.37',
	'2.5.29.46',
	'2.5.29.54',
	'1.3.6.1.5.5.7.1.1',
	'1.3.6.1.5.5.7.1.2',
	'1.3.6.1.5.5.7.1.3',
	'1.3.6.1.5.5.7.1.11',
	'1.3.6.1.5.5.7.48.1.5',
	'1.3.6.1.4.1.11129.2.4.2',
	'1.3.6.1.4.1.311.21.7',
	'1.3.6.1.4.1.311.20.2',
	'2.16.840.1.113730.1.1',
]);

export const SIGNATURE_ALGORITHMS: Record<string, {name: string; hash: string | null}> = {
	'1.2.840.113549.1.1.2': {name: 'md2WithRSAEncryption', hash: 'MD2'},
	'1.2.840.113549.1.1.4': {name: 'md5WithRSAEncryption', hash: 'MD5'},
	'1.2.840.113549.1.1.5': {name: 'sha1WithRSAEncryption', hash: 'SHA-1'},
	'1.2.840.113549.1.1.11': {name: 'sha256WithRSAEncryption', hash: 'SHA-256'},
	'1.2.840.113549.1.1.12': {name: 'sha384WithRSAEncryption', hash: 'SHA-384'},
	'1.2.840.113549.1.1.13': {name: 'sha512WithRSAEncryption', hash: 'SHA-512'},
	'1.2.840.113549.1.1.14': {name: 'sha224WithRSAEncryption', hash: 'SHA-224'},
	'1.2.840.113549.1.1.10': {name: 'RSASSA-PSS', hash: null},
	'1.2.840.10045.4.1': {name: 'ecdsa-with-SHA1', hash: 'SHA-1'},
	'1.2.840.10045.4.3.1': {name: 'ecdsa-with-SHA224', hash: 'SHA-224'},
	'1.2.840.10045.4.3.2': {name: 'ecdsa-with-SHA256', hash: 'SHA-256'},
	'1.2.840.10045.4.3.3': {name: 'ecdsa-with-SHA384', hash: 'SHA-384'},
	'1.2.840.10045.4.3.4': {name: 'ecdsa-with-SHA512', hash: 'SHA-512'},
	'1.2.840.10040.4.3': {name: 'dsa-with-sha1', hash: 'SHA-1'},
	'1.3.101.112': {name: 'Ed25519', hash: null},
	'1.3.101.113': {name: 'Ed448', hash: null},
};

const PSS_HASHES: Record<string, string> = {
	'1.3.14.3.2.26': 'SHA-1',
	'2.16.840.1.101.3.4.2.1': 'SHA-256',
	'2.16.840.1.101.3.4.2.2': 'SHA-384',
	'2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const hex = (buf: ArrayBuffer | Uint8Array): string => Buffer.from(buf instanceof Uint8Array ? buf : new Uint8Array(buf)).toString('hex');

/** The elements of a SEQUENCE; `what` names it when it is something else. */
const sequenceOf = (element: Der, what: string): Der[] => children(typed(element, TAG.sequence, what));

function safe(s: string, max = 512): string {
	return clipText(cleanText(s), max);
}

/** Check the outer DER envelope by hand so a wrong length gets a precise message. */
function checkEnvelope(der: Uint8Array): Uint8Array {
	if (der.length === 0) throw new CertificateParseError('The file is empty.');
	if (der.length > MAX_CERTIFICATE_BYTES) {
		throw new CertificateParseError(`The certificate is too large (${der.length} bytes; the limit is ${MAX_CERTIFICATE_BYTES}).`);
	}
	if (der[0] !== 0x30) throw new CertificateParseError('Not a DER certificate: it does not start with an ASN.1 SEQUENCE.');
	if (der.length < 2) throw new CertificateParseError('The certificate is truncated.');
	const first = der[1]!;
	let length: number;
	let header: number;
	if (first < 0x80) {
		length = first;
		header = 2;
	} else {
		const count = first & 0x7f;
		if (count === 0) throw new CertificateParseError('Not a DER certificate: indefinite length is not allowed.');
		if (count > 4) throw new CertificateParseError('Not a DER certificate: the length field is invalid.');
		if (der.length < 2 + count) throw new CertificateParseError('The certificate is truncated.');
		length = 0;
		for (let i = 0; i < count; i++) length = length * 256 + der[2 + i]!;
		header = 2 + count;
	}
	const total = header + length;
	if (total > der.length) {
		throw new CertificateParseError(`The certificate is truncated: it declares ${total} bytes but only ${der.length} are present.`);
	}
	if (total < der.length) {
		// Tolerate padding some tools add (NULs, line ends); anything else is a second object or garbage.
		for (let i = total; i < der.length; i++) {
			const b = der[i]!;
			if (b !== 0 && b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) {
				throw new CertificateParseError(`Unexpected data after the certificate (${der.length - total} extra bytes).`);
			}
		}
		return der.subarray(0, total);
	}
	return der;
}

/** An attribute value as text; a value of another type is shown as RFC 4514's #hex of its encoding. */
function attributeText(value: Der): string {
	return text(value) ?? `#${hex(encoded(value))}`;
}

function escapeRdnValue(value: string): string {
	return value
		.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
		.replace(/^([ #])/, '\\$1')
		.replace(/ $/, '\\ ');
}

interface NameParts {
	/** RFC 4514 style display string, last RDN first. */
	text: string;
	/** Comparison key: attribute OIDs and case-folded, space-collapsed values, in DER order. */
	key: string;
	attrs: Array<{oid: string; value: string}>;
}

/** Case- and space-insensitive name comparison key (RFC 5280 §7.1 in spirit). */
function nameKeyOf(attrs: Array<Array<{oid: string; value: string}>>): string {
	return attrs
		.map((rdn) =>
			rdn
				.map((a) => `${a.oid}=${a.value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()}`)
				.sort()
				.join('+'),
		)
		.join('/');
}

function readName(name: Der): NameParts {
	const rdns: Array<Array<{oid: string; value: string}>> = [];
	for (const rdn of sequenceOf(name, 'a name')) {
		const list: Array<{oid: string; value: string}> = [];
		for (const atv of children(typed(rdn, TAG.set, 'a relative distinguished name'))) {
			const [type, value, extra] = sequenceOf(atv, 'a name attribute');
			if (!type || !value || extra) throw new DerError('a name attribute is not a type and a value');
			list.push({oid: oid(type), value: attributeText(value)});
		}
		rdns.push(list);
	}
	const shown = [...rdns]
		.reverse()
		.map((rdn) => rdn.map((a) => `${ATTRIBUTE_NAMES[a.oid] ?? a.oid}=${escapeRdnValue(safe(a.value, 256))}`).join('+'))
		.join(', ');
	return {text: safe(shown, 1024), key: nameKeyOf(rdns), attrs: rdns.flat()};
}

/** An otherName's value ([0] EXPLICIT) when it is a directory string; null for anything else. */
function otherNameText(value: Der): string | null {
	let inner = unwrap(value);
	// Some issuers wrap the string in a second [0].
	if (inner.tag === context(0, true)) inner = unwrap(inner);
	return inner.tag === TAG.ia5String ? null : text(inner);
}

// Named curves by OID, with the names OpenSSL gives them (what earlier versions showed).
const CURVES: Record<string, {name: string; bits: number}> = {
	'1.2.840.10045.3.1.7': {name: 'prime256v1', bits: 256},
	'1.3.132.0.34': {name: 'secp384r1', bits: 384},
	'1.3.132.0.35': {name: 'secp521r1', bits: 521},
	'1.3.132.0.10': {name: 'secp256k1', bits: 256},
	'1.3.132.0.33': {name: 'secp224r1', bits: 224},
	'1.2.840.10045.3.1.1': {name: 'prime192v1', bits: 192},
	'1.3.36.3.3.2.8.1.1.7': {name: 'brainpoolP256r1', bits: 256},
	'1.3.36.3.3.2.8.1.1.11': {name: 'brainpoolP384r1', bits: 384},
	'1.3.36.3.3.2.8.1.1.13': {name: 'brainpoolP512r1', bits: 512},
};

/**
 * Algorithm and size of the subject's key, read from its ASN.1. (Node's createPublicKey gave the same
 * answer for 0.3 ms a certificate: the larger part of reading a 50-certificate token.) A key whose
 * structure does not fit its algorithm is 'unknown', as it was when OpenSSL refused it.
 */
function keyInfo(spki: Spki): CertificateInfo['publicKey'] {
	const unknown = {algorithm: 'unknown' as const, bits: null, curve: null};
	const {algorithm, parameters, key} = spki;
	try {
		if (algorithm === '1.2.840.113549.1.1.1' || algorithm === '1.2.840.113549.1.1.10') {
			const rsa = readDer(key);
			const [modulusElement, exponent, extra] = sequenceOf(rsa, 'an RSA key');
			if (rsa.end !== key.length || !modulusElement || !exponent || extra) return unknown;
			typed(exponent, TAG.integer, 'an RSA exponent');
			const modulus = content(typed(modulusElement, TAG.integer, 'an RSA modulus'));
			let i = 0;
			while (i < modulus.length && modulus[i] === 0) i++;
			if (i === modulus.length) return unknown;
			return {algorithm: 'RSA', bits: (modulus.length - i) * 8 - Math.clz32(modulus[i]!) + 24, curve: null};
		}
		if (algorithm === '1.2.840.10045.2.1') {
			if (!parameters) return unknown;
			// ECParameters: a named curve, or implicitCurve (NULL) / specifiedCurve (SEQUENCE), which name none.
			const namedCurve = parameters.tag === TAG.oid ? oid(parameters) : null;
			const curve = namedCurve ? CURVES[namedCurve] : undefined;
			if (!curve) return {algorithm: 'EC', bits: null, curve: namedCurve ? safe(namedCurve, 64) : null};
			// A point: 04 X Y, or 02/03 X compressed.
			const size = Math.ceil(curve.bits / 8);
			const fits = (key[0] === 0x04 && key.length === 1 + 2 * size) || ((key[0] === 0x02 || key[0] === 0x03) && key.length === 1 + size);
			return fits ? {algorithm: 'EC', bits: curve.bits, curve: curve.name} : unknown;
		}
		if (algorithm === '1.3.101.112') return key.length === 32 ? {algorithm: 'Ed25519', bits: 256, curve: null} : unknown;
		if (algorithm === '1.3.101.113') return key.length === 57 ? {algorithm: 'Ed448', bits: 456, curve: null} : unknown;
		return unknown;
	} catch {
		return unknown;
	}
}

const KEY_USAGE_BITS: Array<[number, string]> = [
	[1, 'digitalSignature'],
	[2, 'nonRepudiation'],
	[4, 'keyEncipherment'],
	[8, 'dataEncipherment'],
	[16, 'keyAgreement'],
	[32, 'keyCertSign'],
	[64, 'cRLSign'],
	[128, 'encipherOnly'],
	[256, 'decipherOnly'],
];

function icoFrom(value: string, prefixed: boolean): string | null {
	const compact = value.replace(/\s+/g, '');
	const m = prefixed ? /^NTRCZ-(\d{8})$/i.exec(compact) : /I[\u010c\u010dCc]O?:?(\d{8})(?!\d)/i.exec(compact);
	return m ? m[1]! : null;
}

interface Internal {
	subjectKey: string;
	issuerKey: string;
	/** The issuer's attributes in DER order, values as read (not clipped): the trust engine matches on them. */
	issuerAttributes: Array<{oid: string; value: string}>;
}

// Name keys are needed by the trust engine but are not part of the public model.
const internals = new WeakMap<Uint8Array, Internal>();

/** Comparison keys of the subject and issuer names, and the issuer's attributes; parses the certificate if not seen before. */
export function nameKeys(der: Uint8Array): Internal {
	const known = internals.get(der);
	if (known) return known;
	// parseCertificate keeps its own copy of the bytes; remember the caller's array too.
	const info = parseCertificate(der);
	const keys = internals.get(info.der)!;
	internals.set(der, keys);
	return keys;
}

/** An AlgorithmIdentifier: the algorithm and, when present, its parameters element. */
interface Algorithm {
	algorithm: string;
	parameters: Der | undefined;
}

interface Spki {
	algorithm: string;
	parameters: Der | undefined;
	/** The subject public key (the BIT STRING's bits). */
	key: Uint8Array;
}

/** The parts of an X.509 certificate (RFC 5280 4.1) this tool reads, checked for shape. */
interface Parts {
	serial: Uint8Array;
	issuer: Der;
	subject: Der;
	notBefore: Date;
	notAfter: Date;
	spki: Spki;
	extensions: Array<{id: string; critical: boolean; value: Uint8Array}>;
	signatureAlgorithm: Algorithm;
}

function algorithmOf(element: Der, what: string): Algorithm {
	const [id, parameters, extra] = sequenceOf(element, what);
	if (!id || extra) throw new DerError(`${what} is not an algorithm and its parameters`);
	return {algorithm: oid(id), parameters};
}

function readParts(der: Uint8Array): Parts {
	const certificate = readDer(der);
	const [tbs, signatureAlgorithm, signature, extra] = sequenceOf(certificate, 'the certificate');
	if (!tbs || !signatureAlgorithm || !signature || extra) throw new DerError('the certificate is not a signed TBSCertificate');
	bitString(signature);
	const fields = sequenceOf(tbs, 'the TBSCertificate');
	let next = 0;
	const field = (what: string): Der => {
		const found = fields[next++];
		if (!found) throw new DerError(`the TBSCertificate has no ${what}`);
		return found;
	};
	if (fields[0]?.tag === context(0, true)) typed(unwrap(field('version')), TAG.integer, 'the version');
	const serial = content(typed(field('serial number'), TAG.integer, 'the serial number'));
	algorithmOf(field('signature algorithm'), 'the signature algorithm');
	const issuer = field('issuer');
	const validity = sequenceOf(field('validity'), 'the validity');
	if (validity.length !== 2) throw new DerError('the validity is not two times');
	const subject = field('subject');
	const [keyAlgorithm, subjectPublicKey, extraKey] = sequenceOf(field('subject public key'), 'the subject public key info');
	if (!keyAlgorithm || !subjectPublicKey || extraKey) throw new DerError('the subject public key info is not an algorithm and a key');
	const {algorithm, parameters} = algorithmOf(keyAlgorithm, 'the key algorithm');
	const spki = {algorithm, parameters, key: bitString(subjectPublicKey).bits};
	// issuerUniqueID [1] and subjectUniqueID [2] (v2, unused today), then extensions [3].
	if (fields[next]?.tag === context(1, false) || fields[next]?.tag === context(1, true)) next++;
	if (fields[next]?.tag === context(2, false) || fields[next]?.tag === context(2, true)) next++;
	const extensions: Parts['extensions'] = [];
	if (fields[next]?.tag === context(3, true)) {
		for (const extension of sequenceOf(unwrap(field('extensions')), 'the extensions')) {
			const parts = sequenceOf(extension, 'an extension');
			const id = parts[0];
			const critical = parts.length === 3 ? boolean(parts[1]!) : false;
			const value = parts[parts.length - 1];
			if (!id || !value || parts.length > 3 || parts.length < 2) throw new DerError('an extension is not an identifier and a value');
			extensions.push({id: oid(id), critical, value: content(typed(value, TAG.octetString, 'an extension value'))});
		}
	}
	if (next !== fields.length) throw new DerError('the TBSCertificate has unexpected fields');
	return {
		serial,
		issuer,
		subject,
		notBefore: time(validity[0]!),
		notAfter: time(validity[1]!),
		spki,
		extensions,
		signatureAlgorithm: algorithmOf(signatureAlgorithm, 'the signature algorithm'),
	};
}

export function parseCertificate(input: Uint8Array): CertificateInfo {
	const der = new Uint8Array(checkEnvelope(input));
	let parts: Parts;
	let subject: NameParts;
	let issuer: NameParts;
	try {
		parts = readParts(der);
		subject = readName(parts.subject);
		issuer = readName(parts.issuer);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new CertificateParseError(`Not a valid X.509 certificate (${reason}).`);
	}
	try {
		return describe(der, parts, subject, issuer);
	} catch (error) {
		if (error instanceof CertificateParseError) throw error;
		const reason = error instanceof Error ? error.message : String(error);
		throw new CertificateParseError(`The certificate could not be read (${reason}).`);
	}
}

// The same certificate is met many times in one run: a token's certificates are each other's chain
// companions, and `inspect` parses every entry too. Parsing ~2 ms each, a 50-certificate token paid
// for 2,550 parses before this memo (then 100). CertificateInfo is never mutated, so one is shared.
const parsedByContent = new Map<string, CertificateInfo | CertificateParseError>();
const MAX_REMEMBERED = 1024;
// The same array is usually met again (a token's entries share their companions' bytes).
const parsedByArray = new WeakMap<Uint8Array, CertificateInfo | CertificateParseError>();

/** parseCertificate, remembered by content: the same bytes give the same object (or error). */
export function parseCertificateCached(input: Uint8Array): CertificateInfo {
	let result = parsedByArray.get(input);
	if (!result) {
		const key = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
		result = parsedByContent.get(key);
		if (!result) {
			try {
				result = parseCertificate(input);
			} catch (error) {
				if (!(error instanceof CertificateParseError)) throw error;
				result = error;
			}
			if (parsedByContent.size >= MAX_REMEMBERED) parsedByContent.clear();
			parsedByContent.set(key, result);
		}
		parsedByArray.set(input, result);
	}
	if (result instanceof CertificateParseError) throw result;
	return result;
}

/**
 * Whether the bytes are a CA certificate, by the same rule as the verdict (basicConstraints cA);
 * false for bytes that are no certificate. Token and browser discovery set CA certificates aside
 * with it; the parse is remembered, so judging the same certificate later costs nothing more.
 */
export function isCaCertificate(der: Uint8Array): boolean {
	try {
		return parseCertificateCached(der).isCA;
	} catch (error) {
		if (error instanceof CertificateParseError) return false;
		throw error;
	}
}

/** The value of extension `id`, read by `read`; any fault in its shape names the extension. */
function parseExtension<T>(id: string, value: Uint8Array, read: (value: Der) => T): T {
	try {
		const element = readDer(value);
		if (element.end !== value.length) throw new DerError('data after the value');
		return read(element);
	} catch {
		throw new CertificateParseError(`The certificate has a malformed extension ${id}.`);
	}
}

/** KeyUsage bits, first bit (digitalSignature) as 1, as X.509's named bits count them. */
function keyUsageBits(element: Der): number {
	const {bits, unused} = bitString(element);
	const count = Math.min(KEY_USAGE_BITS.length, bits.length * 8 - unused);
	let value = 0;
	for (let i = 0; i < count; i++) if ((bits[i >> 3]! >> (7 - (i & 7))) & 1) value |= 1 << i;
	return value;
}

function describe(der: Uint8Array, parts: Parts, subject: NameParts, issuer: NameParts): CertificateInfo {
	const {notBefore, notAfter} = parts;
	if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
		throw new CertificateParseError('The certificate has an invalid validity date.');
	}

	let isCA = false;
	let keyUsage: string[] = [];
	let extendedKeyUsage: string[] = [];
	let policies: string[] = [];
	let ski: string | null = null;
	let aki: string | null = null;
	const qc: QcInfo = {compliance: false, sscd: false, types: []};
	const unknownCriticalExtensions: string[] = [];
	const sanEmails: string[] = [];
	let icaUserId: string | null = null;
	let ikMpsv: string | null = null;

	for (const ext of parts.extensions) {
		const id = ext.id;
		const value = ext.value;
		switch (id) {
			case '2.5.29.19':
				isCA = parseExtension(id, value, (v) => {
					const first = sequenceOf(v, 'basic constraints')[0];
					return first?.tag === TAG.boolean && boolean(first);
				});
				break;
			case '2.5.29.15': {
				const bits = parseExtension(id, value, keyUsageBits);
				keyUsage = KEY_USAGE_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
				break;
			}
			case '2.5.29.37':
				extendedKeyUsage = parseExtension(id, value, (v) => sequenceOf(v, 'extended key usage').map((usage) => safe(oid(usage), 128)));
				break;
			case '2.5.29.32':
				policies = parseExtension(id, value, (v) =>
					sequenceOf(v, 'certificate policies').map((policy) => {
						const policyId = sequenceOf(policy, 'a policy')[0];
						if (!policyId) throw new DerError('a policy has no identifier');
						return safe(oid(policyId), 128);
					}),
				);
				break;
			case '2.5.29.14':
				ski = parseExtension(id, value, (v) => hex(content(typed(v, TAG.octetString, 'the key identifier'))));
				break;
			case '2.5.29.35':
				aki = parseExtension(id, value, (v) => {
					const keyId = sequenceOf(v, 'the authority key identifier').find((part) => part.tag === context(0, false));
					return keyId ? hex(content(keyId)) : null;
				});
				break;
			case '2.5.29.17':
				parseExtension(id, value, (v) => {
					for (const name of sequenceOf(v, 'the alternative names')) {
						// GeneralName is a CHOICE of context tags [0]..[8].
						if (name.tag === -1 || (name.tag & 0xc0) !== 0x80 || (name.tag & 0x1f) > 8) throw new DerError('not a general name');
						if (name.tag === context(1, false)) sanEmails.push(Buffer.from(content(name)).toString('latin1'));
						else if (name.tag === context(0, true)) {
							const [typeId, otherValue, extra] = children(name);
							if (!typeId || !otherValue || extra) throw new DerError('an otherName is not a type and a value');
							const type = oid(typeId);
							if (type === OID.icaUserId) icaUserId ??= otherNameText(otherValue);
							if (type === OID.ikMpsv) ikMpsv ??= otherNameText(otherValue);
						}
					}
				});
				break;
			case OID.qcStatements:
				parseExtension(id, value, (v) => {
					for (const statement of sequenceOf(v, 'the QC statements')) {
						const [statementId, statementInfo] = sequenceOf(statement, 'a QC statement');
						if (!statementId) throw new DerError('a QC statement has no identifier');
						const statementOid = oid(statementId);
						if (statementOid === OID.qcCompliance) qc.compliance = true;
						else if (statementOid === OID.qcSscd) qc.sscd = true;
						else if (statementOid === OID.qcType && statementInfo) {
							for (const type of sequenceOf(statementInfo, 'the QC types')) {
								const typeOid = oid(type);
								const name = typeOid === OID.qcTypeEsign ? 'esign' : typeOid === OID.qcTypeEseal ? 'eseal' : typeOid === OID.qcTypeWeb ? 'web' : null;
								if (name && !qc.types.includes(name)) qc.types.push(name);
							}
						}
					}
				});
				break;
			default:
				if (ext.critical && !KNOWN_EXTENSIONS.has(id) && !unknownCriticalExtensions.includes(id)) {
					unknownCriticalExtensions.push(safe(id, 128));
				}
		}
	}

	const algOid = parts.signatureAlgorithm.algorithm;
	const known = SIGNATURE_ALGORITHMS[algOid];
	let signatureHash = known?.hash ?? null;
	if (algOid === '1.2.840.113549.1.1.10') {
		const parameters = parts.signatureAlgorithm.parameters;
		signatureHash = pssHash(parameters ? encoded(parameters) : null);
	}

	const attr = (oid: string): string | null => subject.attrs.find((a) => a.oid === oid)?.value ?? null;
	const cn = attr('2.5.4.3');
	const given = attr('2.5.4.42');
	const surname = attr('2.5.4.4');
	const org = attr('2.5.4.10');
	const orgId = attr(OID.organizationIdentifier);
	const serial = attr(OID.serialNumber);

	let ico: string | null = null;
	let icoSource: CzechIdentity['icoSource'] = null;
	if (orgId && (ico = icoFrom(orgId, true))) icoSource = 'organizationIdentifier';
	else if (serial && (ico = icoFrom(serial, true))) icoSource = 'serialNumber';
	else if (org && (ico = icoFrom(org, false))) icoSource = 'organization';

	const holderSerial = serial && !/^NTRCZ-/i.test(serial.trim()) ? serial : null;
	const nameText = cn ?? ([given, surname].filter(Boolean).join(' ') || null);
	const email = attr(OID.emailAddress) ?? sanEmails[0] ?? null;
	const opt = (s: string | null): string | null => (s === null ? null : safe(s, 256));

	const selfSigned = subject.key === issuer.key && (aki === null || ski === null || aki === ski);
	internals.set(der, {subjectKey: subject.key, issuerKey: issuer.key, issuerAttributes: issuer.attrs});

	return {
		der,
		subject: subject.text,
		issuer: issuer.text,
		subjectCN: opt(cn),
		issuerCN: opt(issuer.attrs.find((a) => a.oid === '2.5.4.3')?.value ?? null),
		serialNumber: serialFromDer(parts.serial),
		notBefore,
		notAfter,
		fingerprints: {
			// One-shot hash: no Hash object per digest (two per certificate, every certificate of a token).
			sha256: hash('sha256', der, 'hex'),
			sha1: hash('sha1', der, 'hex'),
		},
		signatureAlgorithm: known?.name ?? safe(algOid, 128),
		signatureHash,
		publicKey: keyInfo(parts.spki),
		subjectKeyIdentifier: ski,
		authorityKeyIdentifier: aki,
		isCA,
		selfSigned,
		keyUsage,
		extendedKeyUsage,
		policies,
		qc,
		identity: {
			name: opt(nameText),
			organization: opt(org),
			ico,
			icoSource,
			caUserId: opt(icaUserId ?? holderSerial),
			ikMpsv: opt(ikMpsv),
			email: opt(email),
		},
		unknownCriticalExtensions,
	};
}

export function pssHash(parameters: ArrayBuffer | Uint8Array | null | undefined): string | null {
	if (!parameters) return 'SHA-1';
	// RSASSA-PSS-params: hashAlgorithm [0] defaults to SHA-1; look for a known hash OID inside.
	const text = hex(parameters);
	for (const [oid, name] of Object.entries(PSS_HASHES)) {
		if (text.includes(oidHex(oid))) return name;
	}
	return 'SHA-1';
}

function oidHex(oid: string): string {
	const parts = oid.split('.').map(Number);
	const bytes: number[] = [40 * parts[0]! + parts[1]!];
	for (const part of parts.slice(2)) {
		const chunk: number[] = [];
		let n = part;
		do {
			chunk.unshift(n & 0x7f);
			n = Math.floor(n / 128);
		} while (n > 0);
		for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
		bytes.push(...chunk);
	}
	return Buffer.from(bytes).toString('hex');
}
