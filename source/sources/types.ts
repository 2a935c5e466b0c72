// Where certificates come from. Files and PKCS#11 tokens both end up as CertificateEntry lists;
// nothing downstream knows or cares which one it was.

export type SourceOrigin =
	| {kind: 'file'; path: string; format: 'der' | 'pem' | 'pkcs12'; index: number}
	| {
			kind: 'pkcs11';
			/** RFC 7512 URI naming this certificate object (never contains a PIN). */
			uri: string;
			modulePath: string;
			tokenLabel: string;
			tokenSerial: string;
			slotDescription: string;
			objectLabel: string | null;
			objectId: string | null;
	  }
	| {kind: 'nss'; uri: string; profile: string; nickname: string | null};

export interface CertificateEntry {
	der: Uint8Array;
	origin: SourceOrigin;
	/** Other certificates that came in the same container (PEM bundle, .p12, token), for chain building. */
	companions: Uint8Array[];
	/** For PKCS#12: whether the private key in the file matches this certificate (checked in memory). */
	keyMatches: boolean | null;
	/** For tokens: a key object with this certificate's CKA_ID is visible without a PIN; null/absent: the source cannot tell. */
	hasKey?: boolean | null;
}

/** A reference the user typed or picked: a file path or a pkcs11: URI. */
export interface SourceRef {
	ref: string;
	kind: 'file' | 'pkcs11' | 'nss';
	/** Human label for lists (file name, token label). */
	label: string;
	detail?: string;
}

export type SecretKind = 'password' | 'pin';

export interface SecretRequest {
	kind: SecretKind;
	/** What the secret opens: file name or token label. */
	target: string;
	/** Set when a previous attempt failed. */
	retry: boolean;
	/** Token PIN counter warnings, if the token reports any. */
	pinState?: 'ok' | 'count-low' | 'final-try';
}

/** Asks the person for a secret; null = they cancelled. Implementations never store or log it. */
export type SecretProvider = (request: SecretRequest) => Promise<string | null>;

export type SourceErrorCode =
	| 'NOT_FOUND'
	| 'NOT_READABLE'
	| 'UNSUPPORTED_FORMAT'
	| 'NO_CERTIFICATE'
	| 'WRONG_PASSWORD'
	| 'PASSWORD_REQUIRED'
	| 'CANCELLED'
	| 'TOO_LARGE'
	| 'MODULE_LOAD_FAILED'
	| 'MODULE_CRASHED'
	| 'MODULE_TIMEOUT'
	| 'TOKEN_NOT_PRESENT'
	| 'TOKEN_REMOVED'
	| 'PIN_INCORRECT'
	| 'PIN_LOCKED'
	/** A PIN that no person typed is never sent on the token's final try. */
	| 'PIN_FINAL_TRY'
	| 'PKCS11_ERROR'
	| 'BAD_URI';

export class SourceError extends Error {
	constructor(
		readonly code: SourceErrorCode,
		message: string,
		readonly params: Record<string, string | number> = {},
	) {
		super(message);
		this.name = 'SourceError';
	}
}
