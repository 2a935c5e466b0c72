// The only code that loads pkcs11js. It runs in a child process (dist/pkcs11-worker.js) so a vendor
// module that segfaults or hangs takes down this child, not the wizard. Requests arrive as JSON
// lines on stdin (the PIN included: never argv or env), answers leave as JSON lines on fd 3: stdout
// belongs to the vendor module, which may print anything there. Nothing here logs request contents.
import {realpathSync} from 'node:fs';
import {Socket} from 'node:net';
import {createInterface} from 'node:readline';
import {Worker} from 'node:worker_threads';
import type * as P from 'pkcs11js';
import type {
	ModuleTarget,
	OpenResult,
	ProbeResult,
	TokenMatch,
	WireCertificate,
	WireModuleInfo,
	WirePrivateKey,
	WirePublicKey,
	WireSlot,
	WireToken,
	WorkerError,
	WorkerRequest,
	WorkerResponse,
} from './protocol.js';
import {MAX_CERTIFICATES_PER_TOKEN, PROTOCOL_FD} from './protocol.js';

// When the parent dies, this process must not live on, least of all inside a hung module call, where
// this thread's event loop never turns again. A thread of its own watches the parent and ends the
// whole process once it is gone (this process is then adopted, so its parent id changes).
// The parent's id is read here, not in the thread: the thread may start after the parent is gone.
new Worker(
	`const {workerData: parent} = require('node:worker_threads');
	const check = () => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); };
	check();
	setInterval(check, 500);`,
	{eval: true, workerData: process.ppid, stdout: false, stderr: false},
).unref();

const answers = new Socket({fd: PROTOCOL_FD, readable: false, writable: true});
import {loadPkcs11js} from './native.js';

// Exits with TOKEN_SUPPORT_MISSING_EXIT where pkcs11js is not installed (an optional dependency, native.ts).
const pkcs11js = loadPkcs11js();

interface LoadedModule {
	lib: P.PKCS11;
	info: WireModuleInfo;
}

// One load per real path: loading the same .so twice shares its state, and finalizing either copy
// would de-initialise both (tokens.md §4).
const modules = new Map<string, LoadedModule>();
const sessions = new Map<number, {lib: P.PKCS11; handle: Buffer; slot: Buffer}>();
let nextSession = 1;

const CKF_TOKEN_PRESENT = 0x1;
const CKF_OS_LOCKING_OK = 0x2;
const text = (s: string) => s.replace(/\0/g, '').trimEnd();

function loadModule(target: ModuleTarget): LoadedModule {
	let real: string;
	try {
		real = realpathSync(target.modulePath);
	} catch (e) {
		throw Object.assign(new Error((e as Error).message), {workerCode: 'NOT_FOUND'});
	}
	const key = real + (target.libraryParameters ? `\n${target.libraryParameters}` : '');
	const existing = modules.get(key);
	if (existing) return existing;
	const lib = new pkcs11js.PKCS11();
	try {
		lib.load(real);
	} catch (e) {
		// dlopen: wrong architecture, not a shared library, or no C_GetFunctionList (not PKCS#11).
		throw Object.assign(new Error((e as Error).message), {workerCode: 'LOAD'});
	}
	let owned = true;
	// pkcs11js always passes CK_C_INITIALIZE_ARGS; with flags 0 p11-kit-client answers CKR_CANT_LOCK,
	// so ask for OS locking first and fall back to none for modules that cannot do it.
	// pkcs11js 2.1.7 drops the last character of libraryParameters: callers end it with a space.
	const params = target.libraryParameters ? {libraryParameters: target.libraryParameters} : {};
	const init = (flags: number) => lib.C_Initialize({...params, flags});
	try {
		try {
			init(CKF_OS_LOCKING_OK);
		} catch (e) {
			if (e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_CANT_LOCK) init(0);
			else throw e;
		}
	} catch (e) {
		if (e instanceof pkcs11js.Pkcs11Error && e.code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) owned = false;
		else throw e;
	}
	const raw = lib.C_GetInfo();
	const info: WireModuleInfo = {
		manufacturer: text(raw.manufacturerID),
		description: text(raw.libraryDescription),
		version: `${raw.libraryVersion.major}.${raw.libraryVersion.minor}`,
		owned,
	};
	const loaded = {lib, info};
	modules.set(key, loaded);
	return loaded;
}

function slotIdText(slot: Buffer): string {
	return slot.length === 8 ? slot.readBigUInt64LE().toString() : slot.length === 4 ? String(slot.readUInt32LE()) : slot.toString('hex');
}

function tokenOf(lib: P.PKCS11, slot: Buffer): WireToken {
	const t = lib.C_GetTokenInfo(slot);
	return {label: text(t.label), manufacturer: text(t.manufacturerID), model: text(t.model), serial: text(t.serialNumber), flags: t.flags};
}

// C_GetAttributeValue throws on invalid or sensitive attributes, so optional ones are read one by one.
function attr(lib: P.PKCS11, session: Buffer, object: Buffer, type: number): Buffer | null {
	try {
		const [a] = lib.C_GetAttributeValue(session, object, [{type}]);
		const v = a?.value;
		return Buffer.isBuffer(v) ? v : null;
	} catch {
		return null;
	}
}

/**
 * Several attributes in one C_GetAttributeValue (a card reader round trip each): when the module
 * refuses the batch (one of them invalid or sensitive), they are read one by one.
 */
function attrs(lib: P.PKCS11, session: Buffer, object: Buffer, types: number[]): Array<Buffer | null> {
	try {
		return lib
			.C_GetAttributeValue(
				session,
				object,
				types.map((type) => ({type})),
			)
			.map((a) => (Buffer.isBuffer(a.value) ? a.value : null));
	} catch {
		return types.map((type) => attr(lib, session, object, type));
	}
}

function findAll(lib: P.PKCS11, session: Buffer, template: P.Template, max = Number.POSITIVE_INFINITY): Buffer[] {
	lib.C_FindObjectsInit(session, template);
	const found: Buffer[] = [];
	try {
		for (;;) {
			const batch = lib.C_FindObjects(session, 100);
			if (batch.length === 0) break;
			found.push(...batch);
			if (found.length > max) {
				throw Object.assign(new Error(`TOO_MANY_CERTIFICATES: the token holds more than ${max} certificates`), {workerCode: 'TOO_MANY_CERTIFICATES'});
			}
		}
	} finally {
		lib.C_FindObjectsFinal(session);
	}
	return found;
}

function certificates(lib: P.PKCS11, session: Buffer): WireCertificate[] {
	const out: WireCertificate[] = [];
	const template = [
		{type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE},
		{type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509},
	];
	const keyed = keyIds(lib, session);
	const wanted = [pkcs11js.CKA_VALUE, pkcs11js.CKA_LABEL, pkcs11js.CKA_ID];
	for (const object of findAll(lib, session, template, MAX_CERTIFICATES_PER_TOKEN)) {
		const [der, label, id] = attrs(lib, session, object, wanted);
		if (!der || der.length === 0) continue;
		const hex = id?.length ? id.toString('hex') : null;
		out.push({der: der.toString('base64'), label: label ? label.toString('utf8') : null, id: hex, hasKey: hex !== null && keyed.has(hex)});
	}
	return out;
}

/**
 * CKA_IDs of the key objects visible without a PIN: the private keys a token shows, and the public
 * halves most tokens keep next to them (private keys hide before login, tokens.md §6). A certificate
 * sharing one is the person's own; the dozens of CA certificates on a card share none.
 */
function keyIds(lib: P.PKCS11, session: Buffer): Set<string> {
	const ids = new Set<string>();
	for (const cls of [pkcs11js.CKO_PRIVATE_KEY, pkcs11js.CKO_PUBLIC_KEY]) {
		try {
			for (const object of findAll(lib, session, [{type: pkcs11js.CKA_CLASS, value: cls}], MAX_CERTIFICATES_PER_TOKEN * 2)) {
				const id = attr(lib, session, object, pkcs11js.CKA_ID);
				if (id?.length) ids.add(id.toString('hex'));
			}
		} catch {
			// Only the list order depends on it: a module that refuses this search (or holds absurdly many
			// keys) still has its certificates listed, in the token's order.
		}
	}
	return ids;
}

function slotBase(lib: P.PKCS11, slot: Buffer) {
	const s = lib.C_GetSlotInfo(slot);
	return {
		slotId: slotIdText(slot),
		slotDescription: text(s.slotDescription),
		slotManufacturer: text(s.manufacturerID),
		tokenPresent: (s.flags & CKF_TOKEN_PRESENT) !== 0,
	};
}

function probe(target: ModuleTarget): ProbeResult {
	const {lib, info} = loadModule(target);
	const slots: WireSlot[] = [];
	for (const slot of lib.C_GetSlotList(false)) {
		const base = slotBase(lib, slot);
		const entry: WireSlot = {...base, token: null, certificates: [], error: null};
		slots.push(entry);
		if (!base.tokenPresent) continue;
		try {
			entry.token = tokenOf(lib, slot);
			// Uninitialised tokens (SoftHSM's free slot, blank cards) refuse sessions: list, don't open.
			if ((entry.token.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) continue;
			const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
			try {
				entry.certificates = certificates(lib, session);
			} finally {
				lib.C_CloseSession(session);
			}
		} catch (e) {
			// A card pulled out between two calls must not hide the other slots.
			entry.error = e instanceof Error ? e.message : String(e);
		}
	}
	return {module: info, slots};
}

function matches(match: TokenMatch, token: WireToken, slotDescription: string): boolean {
	return (
		(match.token === undefined || match.token === token.label) &&
		(match.serial === undefined || match.serial === token.serial) &&
		(match.manufacturer === undefined || match.manufacturer === token.manufacturer) &&
		(match.model === undefined || match.model === token.model) &&
		(match.slotDescription === undefined || match.slotDescription === slotDescription)
	);
}

function open(target: ModuleTarget, match: TokenMatch): OpenResult {
	const {lib} = loadModule(target);
	for (const slot of lib.C_GetSlotList(true)) {
		const base = slotBase(lib, slot);
		const token = tokenOf(lib, slot);
		if ((token.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0 || !matches(match, token, base.slotDescription)) continue;
		const handle = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
		const id = nextSession++;
		sessions.set(id, {lib, handle, slot});
		return {session: id, slot: {...base, token}, certificates: certificates(lib, handle)};
	}
	throw Object.assign(new Error('No token matches'), {workerCode: 'NO_TOKEN'});
}

function session(id: number) {
	const s = sessions.get(id);
	if (!s) throw new Error('Unknown session');
	return s;
}

function keyTypeName(v: Buffer | null): 'RSA' | 'EC' | 'other' {
	if (!v) return 'other';
	const n = v.length >= 8 ? Number(v.readBigUInt64LE()) : v.readUInt32LE();
	return n === pkcs11js.CKK_RSA ? 'RSA' : n === pkcs11js.CKK_EC ? 'EC' : 'other';
}

function publicKeys(id: number): WirePublicKey[] {
	const {lib, handle} = session(id);
	return findAll(lib, handle, [{type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY}]).map((object) => {
		const hex = (t: number) => attr(lib, handle, object, t)?.toString('hex') ?? null;
		const kid = hex(pkcs11js.CKA_ID);
		return {
			id: kid || null,
			keyType: keyTypeName(attr(lib, handle, object, pkcs11js.CKA_KEY_TYPE)),
			modulus: hex(pkcs11js.CKA_MODULUS),
			exponent: hex(pkcs11js.CKA_PUBLIC_EXPONENT),
			ecPoint: hex(pkcs11js.CKA_EC_POINT),
		};
	});
}

function privateKeyHandle(id: number, keyId: string): Buffer | null {
	const {lib, handle} = session(id);
	const [key] = findAll(lib, handle, [
		{type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY},
		{type: pkcs11js.CKA_ID, value: Buffer.from(keyId, 'hex')},
	]);
	return key ?? null;
}

function privateKey(id: number, keyId: string): WirePrivateKey {
	const {lib, handle} = session(id);
	const key = privateKeyHandle(id, keyId);
	if (!key) return {found: false, keyType: null, alwaysAuthenticate: false};
	const always = attr(lib, handle, key, pkcs11js.CKA_ALWAYS_AUTHENTICATE);
	return {found: true, keyType: keyTypeName(attr(lib, handle, key, pkcs11js.CKA_KEY_TYPE)), alwaysAuthenticate: !!always && always[0] === 1};
}

function login(id: number, pin: string | null): string {
	const {lib, handle} = session(id);
	try {
		// pkcs11js cannot pass a NULL PIN; undefined sends an empty one, which pinpad modules accept.
		lib.C_Login(handle, pkcs11js.CKU_USER, pin ?? undefined);
		return 'ok';
	} catch (e) {
		if (e instanceof pkcs11js.Pkcs11Error) {
			if (e.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN) return 'already-logged-in';
			if (e.code === pkcs11js.CKR_PIN_INCORRECT || e.code === pkcs11js.CKR_PIN_INVALID || e.code === pkcs11js.CKR_PIN_LEN_RANGE) return 'pin-incorrect';
			if (e.code === pkcs11js.CKR_PIN_LOCKED) return 'pin-locked';
		}
		throw e;
	}
}

function sign(id: number, keyId: string, mechanism: 'SHA256-RSA-PKCS' | 'ECDSA', data: string, contextPin: string | null): string {
	const {lib, handle} = session(id);
	const key = privateKeyHandle(id, keyId);
	if (!key) throw Object.assign(new Error('No private key with this CKA_ID'), {workerCode: 'NO_KEY'});
	const mech = mechanism === 'ECDSA' ? pkcs11js.CKM_ECDSA : pkcs11js.CKM_SHA256_RSA_PKCS;
	lib.C_SignInit(handle, {mechanism: mech}, key);
	// Keys with CKA_ALWAYS_AUTHENTICATE want a context-specific login between SignInit and Sign.
	if (contextPin !== null) lib.C_Login(handle, pkcs11js.CKU_CONTEXT_SPECIFIC, contextPin);
	return lib.C_Sign(handle, Buffer.from(data, 'base64'), Buffer.alloc(1024)).toString('base64');
}

function shutdown(): void {
	for (const [, s] of sessions) {
		try {
			s.lib.C_CloseSession(s.handle);
		} catch {
			/* the token may be gone already */
		}
	}
	sessions.clear();
	for (const {lib, info} of modules.values()) {
		try {
			if (info.owned) lib.C_Finalize();
			lib.close();
		} catch {
			/* nothing useful to do while exiting */
		}
	}
	modules.clear();
}

function handle(request: WorkerRequest): unknown {
	switch (request.op) {
		case 'probe':
			return probe(request);
		case 'open':
			return open(request, request.match);
		case 'tokenInfo': {
			const s = session(request.session);
			return tokenOf(s.lib, s.slot);
		}
		case 'login':
			return login(request.session, request.pin);
		case 'publicKeys':
			return publicKeys(request.session);
		case 'privateKey':
			return privateKey(request.session, request.id);
		case 'sign':
			return sign(request.session, request.id, request.mechanism, request.data, request.contextPin);
		case 'close': {
			const s = session(request.session);
			sessions.delete(request.session);
			s.lib.C_CloseSession(s.handle);
			return null;
		}
		case 'shutdown':
			shutdown();
			return null;
	}
}

function toWireError(e: unknown): WorkerError {
	if (e instanceof pkcs11js.Pkcs11Error) return {code: e.message.split(':')[0]!.trim(), ckr: e.code, method: e.method || null, message: e.message};
	const workerCode = (e as {workerCode?: string}).workerCode;
	if (workerCode) return {code: workerCode, ckr: null, method: null, message: (e as Error).message};
	return {code: 'INTERNAL', ckr: null, method: null, message: e instanceof Error ? e.message : String(e)};
}

const rl = createInterface({input: process.stdin, terminal: false});
rl.on('line', (line) => {
	if (line.trim() === '') return;
	let id = 0;
	let response: WorkerResponse;
	try {
		const message = JSON.parse(line) as {id: number; request: WorkerRequest};
		id = message.id;
		response = {id, ok: true, result: handle(message.request) ?? null};
	} catch (e) {
		response = {id, ok: false, error: toWireError(e)};
	}
	answers.write(`${JSON.stringify(response)}\n`);
});
rl.on('close', () => {
	shutdown();
	process.exit(0);
});
