import type {CertificateInfo} from '../certificate/types.js';

export type Severity = 'error' | 'warning' | 'info';

/** Stable codes: scripts and the helpdesk rely on them, never rename one. */
export type FindingCode =
	| 'EXPIRED'
	| 'NOT_YET_VALID'
	| 'EXPIRING_SOON'
	| 'ISSUER_NOT_APPROVED'
	| 'ISSUER_NOT_ON_OTE_LIST'
	| 'ISSUER_SUCCESSOR_NOT_LISTED'
	| 'ISSUER_ADDED_LOCALLY'
	| 'CHAIN_INCOMPLETE'
	| 'CHAIN_TOO_COMPLEX'
	| 'SIGNATURE_INVALID'
	| 'WEAK_ALGORITHM'
	| 'WEAK_KEY'
	| 'KEY_USAGE_MISSING'
	| 'SELF_SIGNED'
	| 'CA_CERTIFICATE'
	| 'COMMERCIAL_NOT_FOR_PORTAL'
	| 'UNKNOWN_CRITICAL_EXTENSION'
	| 'ISSUER_CA_EXPIRED'
	| 'KEY_MISMATCH'
	| 'ISSUER_NOT_SHIPPED'
	| 'REVOKED'
	| 'REVOCATION_UNKNOWN'
	| 'REVOCATION_GOOD';

export interface Finding {
	code: FindingCode;
	severity: Severity;
	/** Human text in the active language; built from code + params by the i18n catalog. */
	message: string;
	params?: Record<string, string | number>;
}

export interface ChainLink {
	subject: string;
	authority: string | null;
	notBefore: string;
	notAfter: string;
	sha256: string;
	/** 'anchor' = shipped in ote-cert, 'local' = --trust, 'supplied' = came with the certificate. */
	origin: 'leaf' | 'anchor' | 'local' | 'supplied';
	signatureVerified: boolean;
}

export type CsOteUse = 'portal-login' | 'portal-signing' | 'automatic-mark' | 'ote-com-login' | 'encrypted-email';

export interface UseFit {
	use: CsOteUse;
	fits: boolean;
	reason: string;
}

export interface Approval {
	approved: boolean;
	authority: string | null;
	/** CN of the issuing CA that was found by key id and verified signature. */
	issuingCa: string | null;
	kind: 'qualified' | 'commercial' | null;
	addedLocally: boolean;
	/** Whether OTE's published table names the issuing CA (successors are approved but not listed). */
	listedByOte: boolean | null;
}

export interface Assessment {
	certificate: CertificateInfo;
	approval: Approval;
	chain: ChainLink[];
	uses: UseFit[];
	findings: Finding[];
	/** True when no finding has severity "error": the wizard lets the user register it. */
	registrable: boolean;
	/** Days from `now` to notAfter, rounded down; negative when expired. */
	daysLeft: number;
}

/** One CA certificate the trust engine can chain to. */
export interface TrustAnchor {
	file: string;
	der: Uint8Array;
	subject: string;
	sha256: string;
	subjectKeyIdentifier: string | null;
	authorityKeyIdentifier: string | null;
	authority: string;
	kind: 'root' | 'qualified' | 'commercial';
	usage: 'ca' | 'end-entity' | 'timestamping' | 'tls';
	notBefore: string;
	notAfter: string;
	otePolicy: {listed: boolean; basis: string};
	/** Authority OTE approves (I.CA, PostSignum, eIdentity, NetLock). */
	approvedAuthority: boolean;
	origin: 'anchor' | 'local';
}
