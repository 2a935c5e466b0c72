// JSON lines between the main process and the PKCS#11 worker child. Binary values travel as base64
// (DER) or hex (CKA_ID, slot ids). Shared by both sides; no I/O here.

export interface ModuleTarget {
	modulePath: string;
	/** NSS softokn only: CK_NSS_C_INITIALIZE_ARGS.LibraryParameters. */
	libraryParameters?: string;
}

export interface TokenMatch {
	token?: string;
	serial?: string;
	manufacturer?: string;
	model?: string;
	slotDescription?: string;
}

export interface WireCertificate {
	der: string;
	label: string | null;
	id: string | null;
}

export interface WireToken {
	label: string;
	manufacturer: string;
	model: string;
	serial: string;
	flags: number;
}

export interface WireSlot {
	slotId: string;
	slotDescription: string;
	slotManufacturer: string;
	tokenPresent: boolean;
	token: WireToken | null;
	certificates: WireCertificate[];
	/** Why the slot could not be read (e.g. CKR_TOKEN_NOT_RECOGNIZED), if it could not. */
	error: string | null;
}

export interface WireModuleInfo {
	manufacturer: string;
	description: string;
	version: string;
	/** true = this process called C_Initialize; false = someone else had (0x191), never finalize. */
	owned: boolean;
}

export interface WirePublicKey {
	id: string | null;
	keyType: 'RSA' | 'EC' | 'other';
	modulus: string | null;
	exponent: string | null;
	/** CKA_EC_POINT as stored (usually a DER OCTET STRING around the point). */
	ecPoint: string | null;
}

export interface WirePrivateKey {
	found: boolean;
	keyType: 'RSA' | 'EC' | 'other' | null;
	alwaysAuthenticate: boolean;
}

export type WorkerRequest =
	| ({op: 'probe'} & ModuleTarget)
	| ({op: 'open'; match: TokenMatch} & ModuleTarget)
	| {op: 'tokenInfo'; session: number}
	| {op: 'login'; session: number; pin: string | null}
	| {op: 'publicKeys'; session: number}
	| {op: 'privateKey'; session: number; id: string}
	| {op: 'sign'; session: number; id: string; mechanism: 'SHA256-RSA-PKCS' | 'ECDSA'; data: string; contextPin: string | null}
	| {op: 'close'; session: number}
	| {op: 'shutdown'};

export interface WorkerError {
	/** CKR_* name for PKCS#11 errors, 'LOAD' for dlopen/symbol failures, 'NO_TOKEN', 'INTERNAL'. */
	code: string;
	ckr: number | null;
	method: string | null;
	message: string;
}

export type WorkerResponse = {id: number; ok: true; result: unknown} | {id: number; ok: false; error: WorkerError};

export interface ProbeResult {
	module: WireModuleInfo;
	slots: WireSlot[];
}

export interface OpenResult {
	session: number;
	slot: Omit<WireSlot, 'certificates' | 'error'>;
	certificates: WireCertificate[];
}
