// The certificate model every other room works with. Parsed once from DER; all text fields are
// already sanitised (control characters removed, NFC) because they come from hostile input.

type KeyAlgorithm = 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'unknown';

export interface CzechIdentity {
	/** Natural person's name (CN, or GN + SN). */
	name: string | null;
	organization: string | null;
	/** IČO (8 digits) from organizationIdentifier NTRCZ-…, serialNumber NTRCZ-…, or "[IČ n]" in O. */
	ico: string | null;
	icoSource: 'organizationIdentifier' | 'serialNumber' | 'organization' | null;
	/** I.CA user id (SAN otherName 1.3.6.1.4.1.23624.4.6) or holder serialNumber like "ICA - 65248". */
	caUserId: string | null;
	/** IK MPSV (SAN otherName 1.3.6.1.4.1.11801.2.1). */
	ikMpsv: string | null;
	email: string | null;
}

export interface QcInfo {
	compliance: boolean;
	sscd: boolean;
	/** QcType values: esign, eseal, web. */
	types: Array<'esign' | 'eseal' | 'web'>;
}

export interface CertificateInfo {
	der: Uint8Array;
	subject: string;
	issuer: string;
	subjectCN: string | null;
	issuerCN: string | null;
	/** As `openssl x509 -serial` shows it: uppercase hex, whole bytes (see serial.ts). */
	serialNumber: string;
	notBefore: Date;
	notAfter: Date;
	fingerprints: {sha256: string; sha1: string};
	signatureAlgorithm: string;
	/** Hash behind the signature, e.g. "SHA-256", "SHA-1"; null when unknown. */
	signatureHash: string | null;
	publicKey: {algorithm: KeyAlgorithm; bits: number | null; curve: string | null};
	subjectKeyIdentifier: string | null;
	authorityKeyIdentifier: string | null;
	isCA: boolean;
	selfSigned: boolean;
	keyUsage: string[];
	extendedKeyUsage: string[];
	policies: string[];
	qc: QcInfo;
	identity: CzechIdentity;
	/** OIDs of critical extensions this tool does not understand. */
	unknownCriticalExtensions: string[];
}
