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

/** A finding as the trust engine decides it: a code, its parameters (codes and data, never text), and which of the code's sentences fits. */
export interface Judged {
	code: FindingCode;
	severity: Severity;
	params?: Record<string, string | number>;
	variant?: string;
}

/** A finding with its sentence in the run's language, added at the edge (services/describe.ts). */
interface Finding extends Judged {
	message: string;
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

/** Why a use fits or not: `trust.reason.<code>` in the catalogs. */
export type UseReason =
	| 'fits'
	| 'keyUsage'
	| 'fitsButErrors'
	| 'caCertificate'
	| 'website'
	| 'needsQualified'
	| 'needsPerson'
	| 'needsSeal'
	| 'needsCommercial';

export interface UseJudged {
	use: CsOteUse;
	fits: boolean;
	why: UseReason;
	/** With why 'keyUsage': the key usages or extended key usages the use needs and the certificate lacks. */
	missing?: string[];
}

interface UseFit extends UseJudged {
	/** The reason in the run's language. */
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

/** What the trust engine decides about a certificate: codes and data only. */
export interface Judgement {
	certificate: CertificateInfo;
	approval: Approval;
	chain: ChainLink[];
	uses: UseJudged[];
	findings: Judged[];
	/** True when no finding has severity "error": the wizard lets the user register it. */
	registrable: boolean;
	/** Days from `now` to notAfter, rounded down; negative when expired. */
	daysLeft: number;
}

/** A judgement with its sentences in the run's language (services/describe.ts). */
export interface Assessment extends Judgement {
	uses: UseFit[];
	findings: Finding[];
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
