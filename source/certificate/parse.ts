// X.509 parsing for the whole tool. Certificates come from files, tokens and e-mail, so this is the
// main door for hostile input: sizes are capped before any decoding, asn1js runs with its resource
// limits, and every text field leaves here through cleanText().
import {createHash} from 'node:crypto';
import {AsnArray, AsnConvert, AsnPropTypes, AsnType, AsnTypeTypes} from '@peculiar/asn1-schema';
import {
	AuthorityKeyIdentifier,
	BasicConstraints,
	Certificate,
	CertificatePolicies,
	DirectoryString,
	ExtendedKeyUsage,
	KeyUsage,
	type Name,
	SubjectAlternativeName,
	SubjectKeyIdentifier,
	type AttributeValue,
	type SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import {QCStatements} from '@peculiar/asn1-x509-qualified';
import {RSAPublicKey} from '@peculiar/asn1-rsa';
import {ECParameters} from '@peculiar/asn1-ecc';
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

// QcType statement: SEQUENCE OF OBJECT IDENTIFIER (ETSI EN 319 412-5).
@AsnType({type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.ObjectIdentifier})
class QcTypeSyntax extends AsnArray<string> {}

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

function attributeText(value: AttributeValue): string {
	if (value.utf8String !== undefined) return value.utf8String;
	if (value.printableString !== undefined) return value.printableString;
	if (value.bmpString !== undefined) return value.bmpString;
	if (value.universalString !== undefined) return value.universalString;
	// asn1js hands T61String bytes over as Latin-1 code units, which is what real CAs meant.
	if (value.teletexString !== undefined) return value.teletexString;
	if (value.ia5String !== undefined) return value.ia5String;
	if (value.anyValue !== undefined) return `#${hex(value.anyValue)}`;
	return '';
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

function readName(name: Name): NameParts {
	const rdns: Array<Array<{oid: string; value: string}>> = [];
	for (const rdn of name) {
		const list: Array<{oid: string; value: string}> = [];
		for (const atv of rdn) list.push({oid: atv.type, value: attributeText(atv.value)});
		rdns.push(list);
	}
	const text = [...rdns]
		.reverse()
		.map((rdn) => rdn.map((a) => `${ATTRIBUTE_NAMES[a.oid] ?? a.oid}=${escapeRdnValue(safe(a.value, 256))}`).join('+'))
		.join(', ');
	return {text: safe(text, 1024), key: nameKeyOf(rdns), attrs: rdns.flat()};
}

function stringOf(buffer: ArrayBuffer): string | null {
	// otherName values are [0] EXPLICIT wrapped strings; try both the wrapped and the bare form.
	for (const candidate of [buffer, unwrapExplicit(buffer)]) {
		if (!candidate) continue;
		try {
			const ds = AsnConvert.parse(candidate, DirectoryString);
			const s = ds.utf8String ?? ds.printableString ?? ds.bmpString ?? ds.universalString ?? ds.teletexString;
			if (s !== undefined) return s;
		} catch {
			// try the next form
		}
	}
	return null;
}

function unwrapExplicit(buffer: ArrayBuffer): ArrayBuffer | null {
	const b = new Uint8Array(buffer);
	if (b.length < 2 || (b[0]! & 0xe0) !== 0xa0) return null;
	let offset = 2;
	if (b[1]! & 0x80) offset += b[1]! & 0x7f;
	if (offset >= b.length) return null;
	return b.slice(offset).buffer;
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
function keyInfo(spki: SubjectPublicKeyInfo): CertificateInfo['publicKey'] {
	const unknown = {algorithm: 'unknown' as const, bits: null, curve: null};
	const oid = spki.algorithm.algorithm;
	const key = new Uint8Array(spki.subjectPublicKey);
	try {
		if (oid === '1.2.840.113549.1.1.1' || oid === '1.2.840.113549.1.1.10') {
			const modulus = new Uint8Array(AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey).modulus);
			let i = 0;
			while (i < modulus.length && modulus[i] === 0) i++;
			if (i === modulus.length) return unknown;
			return {algorithm: 'RSA', bits: (modulus.length - i) * 8 - Math.clz32(modulus[i]!) + 24, curve: null};
		}
		if (oid === '1.2.840.10045.2.1') {
			if (!spki.algorithm.parameters) return unknown;
			const namedCurve = AsnConvert.parse(spki.algorithm.parameters, ECParameters).namedCurve;
			const curve = namedCurve ? CURVES[namedCurve] : undefined;
			if (!curve) return {algorithm: 'EC', bits: null, curve: namedCurve ? safe(namedCurve, 64) : null};
			// A point: 04 X Y, or 02/03 X compressed.
			const size = Math.ceil(curve.bits / 8);
			const fits = (key[0] === 0x04 && key.length === 1 + 2 * size) || ((key[0] === 0x02 || key[0] === 0x03) && key.length === 1 + size);
			return fits ? {algorithm: 'EC', bits: curve.bits, curve: curve.name} : unknown;
		}
		if (oid === '1.3.101.112') return key.length === 32 ? {algorithm: 'Ed25519', bits: 256, curve: null} : unknown;
		if (oid === '1.3.101.113') return key.length === 57 ? {algorithm: 'Ed448', bits: 456, curve: null} : unknown;
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
}

// Name keys are needed by the trust engine but are not part of the public model.
const internals = new WeakMap<Uint8Array, Internal>();

/** Comparison keys of the subject and issuer names; parses the certificate if not seen before. */
export function nameKeys(der: Uint8Array): Internal {
	const known = internals.get(der);
	if (known) return known;
	// parseCertificate keeps its own copy of the bytes; remember the caller's array too.
	const info = parseCertificate(der);
	const keys = internals.get(info.der)!;
	internals.set(der, keys);
	return keys;
}

export function parseCertificate(input: Uint8Array): CertificateInfo {
	const der = new Uint8Array(checkEnvelope(input));
	let cert: Certificate;
	try {
		cert = AsnConvert.parse(der, Certificate);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new CertificateParseError(`Not a valid X.509 certificate (${reason}).`);
	}
	try {
		return describe(der, cert);
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

function parseExtension<T>(oid: string, value: ArrayBuffer, type: new () => T): T {
	try {
		return AsnConvert.parse(value, type);
	} catch {
		throw new CertificateParseError(`The certificate has a malformed extension ${oid}.`);
	}
}

function describe(der: Uint8Array, cert: Certificate): CertificateInfo {
	const tbs = cert.tbsCertificate;
	const notBefore = tbs.validity.notBefore.getTime();
	const notAfter = tbs.validity.notAfter.getTime();
	if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
		throw new CertificateParseError('The certificate has an invalid validity date.');
	}
	const subject = readName(tbs.subject);
	const issuer = readName(tbs.issuer);

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

	for (const ext of tbs.extensions ?? []) {
		const oid = ext.extnID;
		const value = ext.extnValue.buffer;
		switch (oid) {
			case '2.5.29.19':
				isCA = parseExtension(oid, value, BasicConstraints).cA === true;
				break;
			case '2.5.29.15': {
				const bits = parseExtension(oid, value, KeyUsage).toNumber();
				keyUsage = KEY_USAGE_BITS.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
				break;
			}
			case '2.5.29.37':
				extendedKeyUsage = [...parseExtension(oid, value, ExtendedKeyUsage)].map((s) => safe(s, 128));
				break;
			case '2.5.29.32':
				policies = [...parseExtension(oid, value, CertificatePolicies)].map((p) => safe(p.policyIdentifier, 128));
				break;
			case '2.5.29.14':
				ski = hex(parseExtension(oid, value, SubjectKeyIdentifier).buffer);
				break;
			case '2.5.29.35': {
				const id = parseExtension(oid, value, AuthorityKeyIdentifier).keyIdentifier;
				aki = id ? hex(id.buffer) : null;
				break;
			}
			case '2.5.29.17':
				for (const gn of parseExtension(oid, value, SubjectAlternativeName)) {
					if (gn.rfc822Name !== undefined) sanEmails.push(gn.rfc822Name);
					if (gn.otherName) {
						if (gn.otherName.typeId === OID.icaUserId) icaUserId ??= stringOf(gn.otherName.value);
						if (gn.otherName.typeId === OID.ikMpsv) ikMpsv ??= stringOf(gn.otherName.value);
					}
				}
				break;
			case OID.qcStatements:
				for (const statement of parseExtension(oid, value, QCStatements)) {
					if (statement.statementId === OID.qcCompliance) qc.compliance = true;
					else if (statement.statementId === OID.qcSscd) qc.sscd = true;
					else if (statement.statementId === OID.qcType && statement.statementInfo && statement.statementInfo.byteLength > 0) {
						for (const type of parseExtension(oid, statement.statementInfo, QcTypeSyntax)) {
							const name = type === OID.qcTypeEsign ? 'esign' : type === OID.qcTypeEseal ? 'eseal' : type === OID.qcTypeWeb ? 'web' : null;
							if (name && !qc.types.includes(name)) qc.types.push(name);
						}
					}
				}
				break;
			default:
				if (ext.critical && !KNOWN_EXTENSIONS.has(oid) && !unknownCriticalExtensions.includes(oid)) {
					unknownCriticalExtensions.push(safe(oid, 128));
				}
		}
	}

	const algOid = cert.signatureAlgorithm.algorithm;
	const known = SIGNATURE_ALGORITHMS[algOid];
	let signatureHash = known?.hash ?? null;
	if (algOid === '1.2.840.113549.1.1.10') signatureHash = pssHash(cert.signatureAlgorithm.parameters);

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
	internals.set(der, {subjectKey: subject.key, issuerKey: issuer.key});

	return {
		der,
		subject: subject.text,
		issuer: issuer.text,
		subjectCN: opt(cn),
		issuerCN: opt(issuer.attrs.find((a) => a.oid === '2.5.4.3')?.value ?? null),
		serialNumber: serialFromDer(tbs.serialNumber),
		notBefore,
		notAfter,
		fingerprints: {
			sha256: createHash('sha256').update(der).digest('hex'),
			sha1: createHash('sha1').update(der).digest('hex'),
		},
		signatureAlgorithm: known?.name ?? safe(algOid, 128),
		signatureHash,
		publicKey: keyInfo(tbs.subjectPublicKeyInfo),
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

export function pssHash(parameters: ArrayBuffer | null | undefined): string | null {
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
