// A private CA hierarchy that mimics the Czech ones (QCStatements, ETSI and CA policies, NTRCZ-
// organisation ids, I.CA user ids) for --demo and for the tests of every room. Keys are EC P-256 unless asked otherwise:
// fast to make. RSA keys are cached per size because RSA key generation is slow; ask for
// `freshKey: true` when two certificates must not share a key.
import {webcrypto} from 'node:crypto';
// @peculiar/x509 needs reflect-metadata loaded before it. Only the demo's certificates use x509, so
// this is the one place that loads it (every start paid ~1 ms for it in cli.tsx).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {toPem} from '../certificate/pem.js';
import {AsnConvert, AsnArray, AsnPropTypes, AsnType, AsnTypeTypes} from '@peculiar/asn1-schema';
import {
	AttributeTypeAndValue,
	AttributeValue,
	Certificate,
	GeneralName,
	Name as AsnName,
	OtherName,
	RelativeDistinguishedName,
	SubjectAlternativeName,
} from '@peculiar/asn1-x509';
import {QCStatement, QCStatements} from '@peculiar/asn1-x509-qualified';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;
type RsaHashedKeyAlgorithm = webcrypto.RsaHashedKeyAlgorithm;

const crypto = webcrypto;
x509.cryptoProvider.set(crypto as never);

type KeyAlgorithmName = 'EC' | 'RSA';
type Hash = 'SHA-256' | 'SHA-1';

interface KeyHolder {
	privateKey: CryptoKey;
	publicKey: CryptoKey;
	algorithm: KeyAlgorithmName;
}

export interface CaHandle extends KeyHolder {
	der: Uint8Array;
	pem: string;
	cert: x509.X509Certificate;
	/** Subject DN string as @peculiar/x509 prints it. */
	name: string;
	/** DER of the subject Name, used as the issuer of children. */
	nameDer: Uint8Array;
}

export interface LeafHandle {
	der: Uint8Array;
	pem: string;
	cert: x509.X509Certificate;
	privateKey: CryptoKey;
	privateKeyPkcs8Pem: string;
	publicKey: CryptoKey;
}

const DAY = 86_400_000;
const rsaCache = new Map<number, Promise<CryptoKeyPair>>();

const EC_ALG = {name: 'ECDSA', namedCurve: 'P-256'} as const;
const rsaAlg = (bits: number, hash: Hash = 'SHA-256') => ({
	name: 'RSASSA-PKCS1-v1_5',
	modulusLength: bits,
	publicExponent: new Uint8Array([1, 0, 1]),
	hash,
});

async function keyPair(algorithm: KeyAlgorithmName, bits = 2048, fresh = false): Promise<CryptoKeyPair> {
	if (algorithm === 'EC') return crypto.subtle.generateKey(EC_ALG, true, ['sign', 'verify']);
	if (fresh) return crypto.subtle.generateKey(rsaAlg(bits), true, ['sign', 'verify']);
	let cached = rsaCache.get(bits);
	if (!cached) {
		cached = crypto.subtle.generateKey(rsaAlg(bits), true, ['sign', 'verify']);
		rsaCache.set(bits, cached);
	}
	return cached;
}

/** The signing key and algorithm for a hash; RSA keys are bound to a hash in WebCrypto, so re-import. */
async function signer(holder: KeyHolder, hash: Hash): Promise<{key: CryptoKey; alg: Algorithm | EcdsaParams}> {
	if (holder.algorithm === 'EC') return {key: holder.privateKey, alg: {name: 'ECDSA', hash} as EcdsaParams};
	const current = (holder.privateKey.algorithm as RsaHashedKeyAlgorithm).hash.name;
	if (current === hash) return {key: holder.privateKey, alg: {name: 'RSASSA-PKCS1-v1_5'}};
	const pkcs8 = await crypto.subtle.exportKey('pkcs8', holder.privateKey);
	const key = await crypto.subtle.importKey('pkcs8', pkcs8, {name: 'RSASSA-PKCS1-v1_5', hash}, false, ['sign']);
	return {key, alg: {name: 'RSASSA-PKCS1-v1_5'}};
}

function randomSerial(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	bytes[0] = (bytes[0]! & 0x7f) | 0x01;
	return Buffer.from(bytes).toString('hex');
}

export type StringKind = 'utf8' | 'printable' | 'bmp' | 'teletex' | 'ia5';

/** DER of a Name built attribute by attribute, for odd string types and hostile values. */
export function rawName(attrs: Array<{oid: string; value: string; kind?: StringKind}>): Uint8Array {
	const name = new AsnName(
		attrs.map((a) => {
			const kind = a.kind ?? 'utf8';
			const value = new AttributeValue(
				kind === 'utf8'
					? {utf8String: a.value}
					: kind === 'printable'
						? {printableString: a.value}
						: kind === 'bmp'
							? {bmpString: a.value}
							: kind === 'teletex'
								? {teletexString: a.value}
								: {ia5String: a.value},
			);
			return new RelativeDistinguishedName([new AttributeTypeAndValue({type: a.oid, value})]);
		}),
	);
	return new Uint8Array(AsnConvert.serialize(name));
}

/** DER of the subject Name of a certificate, to copy a real CA's name byte for byte. */
export function subjectNameOf(der: Uint8Array): Uint8Array {
	const cert = AsnConvert.parse(der, Certificate);
	return new Uint8Array(AsnConvert.serialize(cert.tbsCertificate.subject));
}

function dn(cn: string, org?: string, extra: Array<{oid: string; value: string}> = []): Uint8Array {
	const attrs: Array<{oid: string; value: string; kind?: StringKind}> = [{oid: '2.5.4.6', value: 'CZ', kind: 'printable'}];
	if (org) attrs.push({oid: '2.5.4.10', value: org});
	attrs.push(...extra);
	attrs.push({oid: '2.5.4.3', value: cn});
	return rawName(attrs);
}

export interface MakeCaOptions {
	cn: string;
	org?: string;
	parent?: CaHandle;
	keyAlgorithm?: KeyAlgorithmName;
	rsaBits?: number;
	freshKey?: boolean;
	/** Exact subject Name DER (e.g. copied from a real CA with subjectNameOf) instead of cn/org. */
	subjectDer?: Uint8Array;
	/** Force a subject key identifier (hex), e.g. a real CA's, to build a forged look-alike. */
	skiHex?: string;
	policies?: string[];
	notBefore?: Date;
	notAfter?: Date;
	hash?: Hash;
}

export async function makeCa(options: MakeCaOptions): Promise<CaHandle> {
	const algorithm = options.keyAlgorithm ?? 'EC';
	const keys = await keyPair(algorithm, options.rsaBits ?? 2048, options.freshKey ?? false);
	const holder: KeyHolder = {privateKey: keys.privateKey, publicKey: keys.publicKey, algorithm};
	const nameDer = options.subjectDer ?? dn(options.cn, options.org);
	const subject = new x509.Name(nameDer);
	const issuerHolder = options.parent ?? holder;
	const issuer = options.parent ? new x509.Name(options.parent.nameDer) : subject;
	const ski = options.skiHex ?? (await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)).keyId;
	const extensions: x509.Extension[] = [
		new x509.BasicConstraintsExtension(true, undefined, true),
		new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
		new x509.SubjectKeyIdentifierExtension(ski),
	];
	if (options.parent) {
		const parentSki = options.parent.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
		if (parentSki) extensions.push(new x509.AuthorityKeyIdentifierExtension(parentSki));
	}
	if (options.policies?.length) extensions.push(new x509.CertificatePolicyExtension(options.policies));
	const {key, alg} = await signer(issuerHolder, options.hash ?? 'SHA-256');
	const now = Date.now();
	const cert = await x509.X509CertificateGenerator.create({
		serialNumber: randomSerial(),
		subject,
		issuer,
		notBefore: options.notBefore ?? new Date(now - 365 * DAY),
		notAfter: options.notAfter ?? new Date(now + 5 * 365 * DAY),
		publicKey: keys.publicKey,
		signingKey: key,
		signingAlgorithm: alg,
		extensions,
	});
	const der = new Uint8Array(cert.rawData);
	return {...holder, der, pem: toPem(der), cert, name: cert.subject, nameDer};
}

export const POLICY = {
	qcpNaturalQscd: '0.4.0.194112.1.2',
	qcpNatural: '0.4.0.194112.1.0',
	qcpLegalQscd: '0.4.0.194112.1.3',
	qcpLegal: '0.4.0.194112.1.1',
	ncpPlus: '0.4.0.2042.1.2',
	icaQualified: '1.3.6.1.4.1.23624.10.1.30.1.1',
	icaCommercial: '1.3.6.1.4.1.23624.10.1.70.1.1',
	postSignumSeal: '2.23.134.1.4.1.18.200',
} as const;

export const EKU = {
	clientAuth: '1.3.6.1.5.5.7.3.2',
	emailProtection: '1.3.6.1.5.5.7.3.4',
	serverAuth: '1.3.6.1.5.5.7.3.1',
	documentSigning: '1.3.6.1.4.1.311.10.3.12',
} as const;

type KeyUsageName = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign';

export interface MakeLeafOptions {
	issuer: CaHandle;
	cn: string;
	org?: string;
	/** IČO: written as organizationIdentifier NTRCZ-<ico> (or `icoPlace` for the older places). */
	ico?: string;
	icoPlace?: 'organizationIdentifier' | 'serialNumber' | 'organization';
	/** Holder serialNumber such as "ICA - 65248". */
	holderSerial?: string;
	/** I.CA user id in SAN otherName 1.3.6.1.4.1.23624.4.6. */
	icaUserId?: string;
	email?: string;
	qualified?: boolean;
	qcType?: 'esign' | 'eseal';
	sscd?: boolean;
	policies?: string[];
	notBefore?: Date;
	notAfter?: Date;
	/** Key usage names; null leaves the extension out. */
	keyUsage?: KeyUsageName[] | null;
	/** Extended key usage OIDs; null leaves the extension out. */
	eku?: string[] | null;
	extraExtensions?: x509.Extension[];
	hash?: Hash;
	/** Serial number in hex (random when absent): tests need a leading zero nibble or a high bit. */
	serialNumber?: string;
	keyAlgorithm?: KeyAlgorithmName;
	rsaBits?: number;
	freshKey?: boolean;
	/** Exact subject Name DER; overrides cn/org/ico. */
	subjectDer?: Uint8Array;
	/** Leave out the authority key identifier (older certificates). */
	noAki?: boolean;
	/** OCSP responder address(es) for the Authority Information Access extension. */
	ocspUrls?: string[];
	/** CRL distribution point address(es). */
	crlUrls?: string[];
}

const KU_FLAGS: Record<KeyUsageName, number> = {
	digitalSignature: x509.KeyUsageFlags.digitalSignature,
	nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
	keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
	dataEncipherment: x509.KeyUsageFlags.dataEncipherment,
	keyAgreement: x509.KeyUsageFlags.keyAgreement,
	keyCertSign: x509.KeyUsageFlags.keyCertSign,
	cRLSign: x509.KeyUsageFlags.cRLSign,
};

@AsnType({type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.ObjectIdentifier})
class QcTypeSyntax extends AsnArray<string> {}

/** QCStatements extension: QcCompliance, optional QcSSCD and QcType. */
function qcStatementsExtension(options: {compliance?: boolean; sscd?: boolean; type?: 'esign' | 'eseal' | 'web'}): x509.Extension {
	// QCStatement's constructor takes no parameters, so fields are set one by one.
	const statement = (id: string, info?: ArrayBuffer): QCStatement => {
		const s = new QCStatement();
		s.statementId = id;
		(s as {statementInfo?: ArrayBuffer}).statementInfo = info;
		return s;
	};
	const statements = new QCStatements();
	if (options.compliance !== false) statements.push(statement('0.4.0.1862.1.1'));
	if (options.sscd) statements.push(statement('0.4.0.1862.1.4'));
	if (options.type) {
		const oid = {esign: '0.4.0.1862.1.6.1', eseal: '0.4.0.1862.1.6.2', web: '0.4.0.1862.1.6.3'}[options.type];
		statements.push(statement('0.4.0.1862.1.6', AsnConvert.serialize(new QcTypeSyntax([oid]))));
	}
	return new x509.Extension('1.3.6.1.5.5.7.1.3', false, AsnConvert.serialize(statements));
}

function utf8Explicit(value: string): ArrayBuffer {
	// otherName value is [0] EXPLICIT; the schema stores the inner element, asn1-schema adds the tag.
	const inner = Buffer.from(value, 'utf8');
	const encoded = Buffer.concat([Buffer.from([0x0c]), derLength(inner.length), inner]);
	return new Uint8Array(encoded).buffer;
}

function derLength(n: number): Buffer {
	if (n < 0x80) return Buffer.from([n]);
	const bytes: number[] = [];
	while (n > 0) {
		bytes.unshift(n & 0xff);
		n >>= 8;
	}
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export async function makeLeaf(options: MakeLeafOptions): Promise<LeafHandle> {
	const algorithm = options.keyAlgorithm ?? 'EC';
	const keys = await keyPair(algorithm, options.rsaBits ?? 2048, options.freshKey ?? false);
	const qualified = options.qualified ?? false;
	const qcType = options.qcType ?? 'esign';
	const sscd = options.sscd ?? qualified;

	let nameDer = options.subjectDer;
	if (!nameDer) {
		const extra: Array<{oid: string; value: string}> = [];
		let org = options.org;
		if (options.ico) {
			const place = options.icoPlace ?? 'organizationIdentifier';
			if (place === 'organizationIdentifier') extra.push({oid: '2.5.4.97', value: `NTRCZ-${options.ico}`});
			else if (place === 'serialNumber') extra.push({oid: '2.5.4.5', value: `NTRCZ-${options.ico}`});
			else org = `${org ?? 'Firma'} [IČ ${options.ico}]`;
		}
		if (options.holderSerial) extra.push({oid: '2.5.4.5', value: options.holderSerial});
		if (options.email) extra.push({oid: '1.2.840.113549.1.9.1', value: options.email});
		nameDer = dn(options.cn, org, extra);
	}

	const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true)];
	const defaultKu: KeyUsageName[] = qualified ? ['digitalSignature', 'nonRepudiation'] : ['digitalSignature', 'keyEncipherment'];
	const ku = options.keyUsage === undefined ? defaultKu : options.keyUsage;
	if (ku)
		extensions.push(
			new x509.KeyUsagesExtension(
				ku.reduce((acc, k) => acc | KU_FLAGS[k], 0),
				true,
			),
		);
	const defaultEku = qualified ? [EKU.emailProtection, EKU.documentSigning] : [EKU.clientAuth, EKU.emailProtection];
	const eku = options.eku === undefined ? defaultEku : options.eku;
	if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku));
	const defaultPolicies = qualified
		? [qcType === 'eseal' ? (sscd ? POLICY.qcpLegalQscd : POLICY.qcpLegal) : sscd ? POLICY.qcpNaturalQscd : POLICY.qcpNatural]
		: [POLICY.ncpPlus];
	const policies = options.policies ?? defaultPolicies;
	if (policies.length) extensions.push(new x509.CertificatePolicyExtension(policies));
	if (qualified) extensions.push(qcStatementsExtension({sscd, type: qcType}));
	extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
	const issuerSki = options.issuer.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
	if (issuerSki && !options.noAki) extensions.push(new x509.AuthorityKeyIdentifierExtension(issuerSki));
	const san = new SubjectAlternativeName();
	if (options.email) san.push(new GeneralName({rfc822Name: options.email}));
	if (options.icaUserId) {
		san.push(new GeneralName({otherName: new OtherName({typeId: '1.3.6.1.4.1.23624.4.6', value: utf8Explicit(options.icaUserId)})}));
	}
	if (san.length) extensions.push(new x509.Extension('2.5.29.17', false, AsnConvert.serialize(san)));
	if (options.ocspUrls?.length) extensions.push(new x509.AuthorityInfoAccessExtension({ocsp: options.ocspUrls}));
	if (options.crlUrls?.length) extensions.push(new x509.CRLDistributionPointsExtension(options.crlUrls));
	extensions.push(...(options.extraExtensions ?? []));

	const {key, alg} = await signer(options.issuer, options.hash ?? 'SHA-256');
	const now = Date.now();
	const cert = await x509.X509CertificateGenerator.create({
		serialNumber: options.serialNumber ?? randomSerial(),
		subject: new x509.Name(nameDer),
		issuer: new x509.Name(options.issuer.nameDer),
		notBefore: options.notBefore ?? new Date(now - DAY),
		notAfter: options.notAfter ?? new Date(now + 365 * DAY),
		publicKey: keys.publicKey,
		signingKey: key,
		signingAlgorithm: alg,
		extensions,
	});
	const der = new Uint8Array(cert.rawData);
	const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
	const privateKeyPkcs8Pem = `-----BEGIN PRIVATE KEY-----\n${(pkcs8.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PRIVATE KEY-----\n`;
	return {der, pem: toPem(der), cert, privateKey: keys.privateKey, privateKeyPkcs8Pem, publicKey: keys.publicKey};
}

/** A Czech-like hierarchy: root, a qualified and a commercial issuing CA, all EC P-256. */
export async function makeCzechHierarchy(prefix = 'Test'): Promise<{root: CaHandle; qualifiedCa: CaHandle; commercialCa: CaHandle}> {
	const root = await makeCa({cn: `${prefix} Root CA/ECC 2026`, org: 'Testovací certifikační autorita, a.s.'});
	const qualifiedCa = await makeCa({
		cn: `${prefix} EU Qualified CA2/ECC 2026`,
		org: 'Testovací certifikační autorita, a.s.',
		parent: root,
		policies: ['1.3.6.1.4.1.23624.11.1.30.1.0'],
	});
	const commercialCa = await makeCa({
		cn: `${prefix} Public CA/ECC 2026`,
		org: 'Testovací certifikační autorita, a.s.',
		parent: root,
		policies: [POLICY.ncpPlus],
	});
	return {root, qualifiedCa, commercialCa};
}

/** A self-signed end-entity certificate (CA:FALSE), as some tools make for testing. */
export async function makeSelfSignedLeaf(cn: string): Promise<LeafHandle> {
	const keys = await keyPair('EC');
	const name = new x509.Name(dn(cn));
	const cert = await x509.X509CertificateGenerator.createSelfSigned({
		serialNumber: randomSerial(),
		name,
		notBefore: new Date(Date.now() - DAY),
		notAfter: new Date(Date.now() + 365 * DAY),
		keys,
		signingAlgorithm: {name: 'ECDSA', hash: 'SHA-256'} as EcdsaParams,
		extensions: [
			new x509.BasicConstraintsExtension(false, undefined, true),
			new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
			await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
		],
	});
	const der = new Uint8Array(cert.rawData);
	const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
	const privateKeyPkcs8Pem = `-----BEGIN PRIVATE KEY-----\n${(pkcs8.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PRIVATE KEY-----\n`;
	return {der, pem: toPem(der), cert, privateKey: keys.privateKey, privateKeyPkcs8Pem, publicKey: keys.publicKey};
}

/** The CA's private key as PKCS#8 PEM, for an OCSP responder run by a test (never a real person's key). */
export async function privateKeyPem(holder: KeyHolder): Promise<string> {
	const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', holder.privateKey)).toString('base64');
	return `-----BEGIN PRIVATE KEY-----\n${(pkcs8.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PRIVATE KEY-----\n`;
}

export interface CrlEntry {
	serialNumber: string;
	revocationDate: Date;
	reason?: x509.X509CrlReason;
}

/** A CRL signed by the CA (DER). */
export async function makeCrl(
	ca: CaHandle,
	options: {entries?: CrlEntry[]; thisUpdate?: Date; nextUpdate?: Date; signer?: KeyHolder} = {},
): Promise<Uint8Array> {
	const now = Date.now();
	const {key, alg} = await signer(options.signer ?? ca, 'SHA-256');
	const crl = await x509.X509CrlGenerator.create({
		issuer: new x509.Name(ca.nameDer),
		thisUpdate: options.thisUpdate ?? new Date(now - 3_600_000),
		nextUpdate: options.nextUpdate ?? new Date(now + DAY),
		entries: options.entries ?? [],
		signingKey: key,
		signingAlgorithm: alg,
	});
	return new Uint8Array(crl.rawData);
}
