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
	/** A key object (private, or its public half) with the same CKA_ID is visible on the token. */
	hasKey?: boolean;
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

/**
 * The worker answers on a channel of its own (file descriptor 3), never on stdout, where a vendor
 * module may print anything. One answer per line; a line longer than this is no answer of ours.
 */
export const PROTOCOL_FD = 3;
/**
 * Certificates read from one token. A real token holds a handful; every certificate is assessed
 * against the others, so a token (or a module) offering thousands would keep ote-cert busy for minutes.
 */
export const MAX_CERTIFICATES_PER_TOKEN = 500;
/** A token with the most certificates allowed answers in some 2 MB. */
export const MAX_MESSAGE_BYTES = 16 << 20;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';

function isWireCertificate(v: unknown): boolean {
	return isObject(v) && isString(v['der']) && isStringOrNull(v['label']) && isStringOrNull(v['id']);
}

function isWireToken(v: unknown): boolean {
	return isObject(v) && ['label', 'manufacturer', 'model', 'serial'].every((k) => isString(v[k])) && typeof v['flags'] === 'number';
}

function isSlotHeader(v: unknown): v is Record<string, unknown> {
	return (
		isObject(v) &&
		isString(v['slotId']) &&
		isString(v['slotDescription']) &&
		isString(v['slotManufacturer']) &&
		typeof v['tokenPresent'] === 'boolean' &&
		(v['token'] === null || isWireToken(v['token']))
	);
}

const isCertificates = (v: unknown) => Array.isArray(v) && v.every(isWireCertificate);

/** Shape checks for the answers whose content the main process walks into. */
const RESULT_CHECKS: Partial<Record<WorkerRequest['op'], (result: unknown) => boolean>> = {
	probe: (r) =>
		isObject(r) &&
		isObject(r['module']) &&
		Array.isArray(r['slots']) &&
		r['slots'].every((s) => isSlotHeader(s) && isCertificates(s['certificates']) && isStringOrNull(s['error'])),
	open: (r) => isObject(r) && typeof r['session'] === 'number' && isSlotHeader(r['slot']) && isCertificates(r['certificates']),
	tokenInfo: (r) => r === null || isWireToken(r),
	publicKeys: (r) => Array.isArray(r) && r.every((k) => isObject(k) && isString(k['keyType'])),
	privateKey: (r) => isObject(r) && typeof r['found'] === 'boolean',
};

/**
 * Parses and checks one line from the worker against the request it answers; null when it is not
 * a well-formed answer (then the module broke the channel: a fault, never data).
 */
export function parseResponse(line: string, opOf: (id: number) => WorkerRequest['op'] | undefined): WorkerResponse | null {
	let message: unknown;
	try {
		message = JSON.parse(line);
	} catch {
		return null;
	}
	if (!isObject(message) || !Number.isSafeInteger(message['id'])) return null;
	const op = opOf(message['id'] as number);
	if (!op) return null;
	if (message['ok'] === true) {
		if (!('result' in message)) return null;
		const check = RESULT_CHECKS[op];
		return !check || check(message['result']) ? (message as WorkerResponse) : null;
	}
	if (message['ok'] === false) {
		const error = message['error'];
		if (!isObject(error) || !isString(error['code']) || !isString(error['message'])) return null;
		if (!(error['ckr'] === null || typeof error['ckr'] === 'number') || !isStringOrNull(error['method'])) return null;
		return message as WorkerResponse;
	}
	return null;
}
