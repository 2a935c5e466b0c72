// PKCS#12 through node-forge (the one library that reads both Windows-legacy RC2/3DES and OpenSSL 3
// AES/PBES2 files). The private key exists here only as long as it takes to see which certificate it
// belongs to; it is never returned, logged or written.
//
// The password key derivations are not forge's: its PBKDF2 and PKCS#12 KDF run in JavaScript on the
// main thread (an `openssl pkcs12 -export -iter 2000000` file took 38 s and Ctrl+C waited for it).
// Every derivation forge asks for is computed beforehand by Node's native crypto, asynchronously
// (PBKDF2 in the thread pool; the PKCS#12 KDF as native hashes in slices that yield to the event
// loop), within a budget per password tried; forge only finds the results.
import crypto, {X509Certificate, createHash, createPrivateKey, pbkdf2, type KeyObject} from 'node:crypto';
import forge from 'node-forge';
import {certificateLength} from './der.js';

/** Derivation work is attacker-controlled; a 2^31 iteration count would freeze the wizard. */
export const MAX_KDF_ITERATIONS = 2_000_000;
/**
 * Iterations (times output blocks) of all derivations for one password tried on one file. A file made
 * by `openssl pkcs12 -export -iter 2000000` needs 6 million (MAC, certificates, key), 10 million with
 * a non-ASCII password (OpenSSL's two encodings); more means a file built to keep the computer busy.
 */
export const MAX_KDF_WORK = 12_000_000;
const MAX_WALK_NODES = 200_000;
const MAX_WALK_DEPTH = 24;

export type Pkcs12Failure = 'malformed' | 'wrong-password' | 'too-costly';

export class Pkcs12Error extends Error {
	/** For 'too-costly': the limits, so the message can name them. */
	readonly params: Record<string, number>;
	constructor(readonly reason: Pkcs12Failure) {
		super(`PKCS#12: ${reason}`);
		this.params = reason === 'too-costly' ? {iterations: MAX_KDF_ITERATIONS, work: MAX_KDF_WORK} : {};
	}
}

export interface Pkcs12Certificate {
	der: Uint8Array;
	/** null when the file holds no private key at all. */
	keyMatches: boolean | null;
	isCA: boolean;
	/** Position among the certificate bags, in file order. */
	index: number;
}

export interface ParsedPfx {
	asn1: forge.asn1.Asn1;
	hasMac: boolean;
}

function toBinary(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
}

function fromBinary(text: string): Buffer {
	return Buffer.from(text, 'binary');
}

/** Parses the outer structure once and refuses absurd key-derivation costs before any password is tried. */
export function parsePfx(bytes: Uint8Array): ParsedPfx {
	let asn1: forge.asn1.Asn1;
	try {
		asn1 = forge.asn1.fromDer(toBinary(bytes), false);
	} catch {
		throw new Pkcs12Error('malformed');
	}
	if (!Array.isArray(asn1.value) || asn1.value.length < 2) throw new Pkcs12Error('malformed');
	checkIterations(asn1);
	return {asn1, hasMac: asn1.value.length > 2};
}

const T = forge.asn1.Type;

// Every KDF parameter block (PBES1/PKCS#12-PBE params, PBKDF2 params, MacData) has a salt OCTET STRING
// directly followed by the iteration INTEGER; checking that shape covers all of them without knowing OIDs.
function checkIterations(root: forge.asn1.Asn1): void {
	let nodes = 0;
	const visit = (node: forge.asn1.Asn1, depth: number): void => {
		if (++nodes > MAX_WALK_NODES || depth > MAX_WALK_DEPTH) throw new Pkcs12Error('malformed');
		if (Array.isArray(node.value)) {
			const kids = node.value;
			for (let i = 0; i < kids.length; i++) {
				const kid = kids[i]!;
				const next = kids[i + 1];
				if (kid.type === T.OCTETSTRING && next && next.type === T.INTEGER && typeof next.value === 'string') {
					const raw = next.value.replace(/^\x00+/, '');
					if (raw.length > 4 || parseInt(forge.util.bytesToHex(raw) || '0', 16) > MAX_KDF_ITERATIONS) {
						throw new Pkcs12Error('too-costly');
					}
				}
				visit(kid, depth + 1);
			}
			return;
		}
		// Encapsulated content (AuthenticatedSafe, SafeContents) hides inside OCTET STRINGs.
		if (node.type === T.OCTETSTRING && typeof node.value === 'string' && node.value.charCodeAt(0) === 0x30) {
			let inner: forge.asn1.Asn1 | null = null;
			try {
				inner = forge.asn1.fromDer(node.value, false);
			} catch {
				inner = null;
			}
			if (inner) visit(inner, depth + 1);
		}
	};
	visit(root, 0);
}

function isWrongPasswordMessage(message: string): boolean {
	return /MAC could not be verified|wrong password|Invalid password/i.test(message);
}

type GetCipher = (oid: string, params: forge.asn1.Asn1, password: string) => unknown;
const pbe = (forge.pki as unknown as {pbe: {getCipher: GetCipher; generatePkcs12Key: Pkcs12Kdf}}).pbe;
type Pkcs12Kdf = (
	password: string | null | undefined,
	salt: forge.util.ByteStringBuffer | string,
	id: number,
	iter: number,
	n: number,
	md?: forge.md.MessageDigest,
) => forge.util.ByteStringBuffer;
type Pbkdf2 = (password: string, salt: string, iter: number, keyLength: number, md?: forge.md.MessageDigest | string) => string;
const p12api = forge.pkcs12 as unknown as {generateKey: Pkcs12Kdf};
const pkcs5 = forge.pkcs5 as unknown as {pbkdf2: Pbkdf2};

interface Derivation {
	kind: 'pbkdf2' | 'pkcs12';
	/** PBKDF2: the bytes forge would use; PKCS#12 KDF: the BMP form with its terminator (empty for none). */
	password: Buffer;
	salt: Buffer;
	id: number;
	iterations: number;
	length: number;
	hash: string;
}

/** forge asked for a derivation that has not been computed yet. */
class NeedsDerivation extends Error {
	constructor(readonly request: Derivation) {
		super('derivation needed');
	}
}

const HASHES: Record<string, {node: string; size: number; block: number}> = {
	sha1: {node: 'sha1', size: 20, block: 64},
	sha256: {node: 'sha256', size: 32, block: 64},
	sha384: {node: 'sha384', size: 48, block: 128},
	sha512: {node: 'sha512', size: 64, block: 128},
	'sha512/256': {node: 'sha512-256', size: 32, block: 128},
	md5: {node: 'md5', size: 16, block: 64},
};

function hashOf(md: forge.md.MessageDigest | string | undefined): {name: string; node: string; size: number; block: number} {
	const name = (typeof md === 'string' ? md : (md?.algorithm ?? 'sha1')).toLowerCase();
	const known = HASHES[name];
	if (!known) throw new Pkcs12Error('malformed');
	return {name, ...known};
}

function bytesOf(value: forge.util.ByteStringBuffer | string): Buffer {
	return fromBinary(typeof value === 'string' ? value : value.bytes());
}

function bmp(password: string | null | undefined): Buffer {
	if (password === null || password === undefined) return Buffer.alloc(0);
	const out = Buffer.alloc(password.length * 2 + 2);
	for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
	return out;
}

function keyOf(d: Derivation): string {
	return createHash('sha256')
		.update(JSON.stringify([d.kind, d.id, d.iterations, d.length, d.hash, d.salt.toString('hex'), d.password.toString('hex')]))
		.digest('hex');
}

/** The work one derivation costs: iterations times output blocks. */
function costOf(d: Derivation): number {
	const size = HASHES[d.hash]?.size ?? 20;
	return d.iterations * Math.ceil(d.length / size);
}

/** One file's derivations for one password: computed once, charged against MAX_KDF_WORK. */
class Derivations {
	private readonly done = new Map<string, Buffer>();
	private spent = 0;

	find(d: Derivation): Buffer {
		const found = this.done.get(keyOf(d));
		if (!found) throw new NeedsDerivation(d);
		return found;
	}

	async compute(d: Derivation): Promise<void> {
		if (d.iterations < 1 || d.iterations > MAX_KDF_ITERATIONS) throw new Pkcs12Error(d.iterations < 1 ? 'malformed' : 'too-costly');
		this.spent += costOf(d);
		if (this.spent > MAX_KDF_WORK) throw new Pkcs12Error('too-costly');
		await nextTurn();
		const node = HASHES[d.hash]!.node;
		const result =
			d.kind === 'pbkdf2'
				? await new Promise<Buffer>((resolve, reject) =>
						pbkdf2(d.password, d.salt, d.iterations, d.length, node, (error, key) => (error ? reject(error) : resolve(key))),
					)
				: await pkcs12Kdf(d);
		this.done.set(keyOf(d), result);
	}

	forget(): void {
		for (const key of this.done.values()) key.fill(0);
		this.done.clear();
	}
}

/** Native hashes between two yields to the event loop: some 30 ms, so a keypress (Ctrl+C) is never kept waiting. */
const ROUNDS_PER_SLICE = 50_000;

/**
 * Once the program has settled its exit code (Ctrl+C in the wizard while a file was being read),
 * a derivation only keeps the process from exiting: it stops there, never settling, and the event
 * loop empties. Otherwise the next slice runs after whatever else was waiting.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(() => (process.exitCode === undefined ? resolve() : undefined)));

// crypto.hash (Node 20.12+) skips the Hash object: half the time per round of an iterated hash.
const oneShot = (crypto as unknown as {hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer}).hash;
const digest = oneShot
	? (algorithm: string, data: Buffer): Buffer => oneShot(algorithm, data, 'buffer')
	: (algorithm: string, data: Buffer): Buffer => createHash(algorithm).update(data).digest();

/** RFC 7292 appendix B.2, the PKCS#12 KDF (MAC keys and the legacy 3DES/RC2 encryption). */
async function pkcs12Kdf(d: Derivation): Promise<Buffer> {
	const {node, size: u, block: v} = HASHES[d.hash]!;
	const fill = (source: Buffer, length: number) => {
		const out = Buffer.alloc(length);
		for (let i = 0; i < length; i++) out[i] = source[i % source.length]!;
		return out;
	};
	const D = Buffer.alloc(v, d.id);
	const I = Buffer.concat([fill(d.salt, v * Math.ceil(d.salt.length / v)), fill(d.password, v * Math.ceil(d.password.length / v))]);
	const blocks: Buffer[] = [];
	let rounds = 0;
	for (let i = 0, count = Math.ceil(d.length / u); i < count; i++) {
		let A = digest(node, Buffer.concat([D, I]));
		for (let r = 1; r < d.iterations; r++) {
			A = digest(node, A);
			if (++rounds % ROUNDS_PER_SLICE === 0) await nextTurn();
		}
		blocks.push(A);
		const B = fill(A, v);
		// I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I.
		for (let j = 0; j < I.length; j += v) {
			let carry = 1;
			for (let k = v - 1; k >= 0; k--) {
				const sum = I[j + k]! + B[k]! + carry;
				I[j + k] = sum & 0xff;
				carry = sum >> 8;
			}
		}
	}
	return Buffer.concat(blocks).subarray(0, d.length);
}

/** Runs forge with its key derivations answered from `derivations`; a missing one stops it with NeedsDerivation. */
function withDerivations<T>(derivations: Derivations, run: () => T): T {
	const original = {pbkdf2: pkcs5.pbkdf2, generateKey: p12api.generateKey, generatePkcs12Key: pbe.generatePkcs12Key, getCipher: pbe.getCipher};
	const kdf: Pkcs12Kdf = (password, salt, id, iterations, length, md) =>
		forge.util.createBuffer(
			derivations.find({kind: 'pkcs12', password: bmp(password), salt: bytesOf(salt), id, iterations, length, hash: hashOf(md).name}).toString('binary'),
		);
	pkcs5.pbkdf2 = (password, salt, iterations, length, md) =>
		derivations
			.find({kind: 'pbkdf2', password: fromBinary(password), salt: fromBinary(salt), id: 0, iterations, length, hash: hashOf(md).name})
			.toString('binary');
	p12api.generateKey = kdf;
	pbe.generatePkcs12Key = kdf;
	// Key bags inside encrypted SafeContents only become visible after decryption, so the iteration guard
	// also sits in front of forge's cipher setup.
	pbe.getCipher = (oid, params, secret) => {
		checkIterations(params);
		return original.getCipher(oid, params, secret);
	};
	try {
		return run();
	} finally {
		pkcs5.pbkdf2 = original.pbkdf2;
		p12api.generateKey = original.generateKey;
		pbe.generatePkcs12Key = original.generatePkcs12Key;
		pbe.getCipher = original.getCipher;
	}
}

async function decode(pfx: ParsedPfx, password: string | null, derivations: Derivations, skipMac = false): Promise<forge.pkcs12.Pkcs12Pfx> {
	// Dropping macData makes forge skip the MAC; only done after the MAC already verified with this password.
	const asn1 = skipMac && Array.isArray(pfx.asn1.value) ? {...pfx.asn1, value: pfx.asn1.value.slice(0, 2)} : pfx.asn1;
	// forge runs again after each derivation it asked for, until it has them all: decoding is cheap,
	// deriving is not, and the derivations a file needs are only known once forge got that far.
	for (;;) {
		try {
			return withDerivations(derivations, () => forge.pkcs12.pkcs12FromAsn1(asn1, false, password as string));
		} catch (error) {
			if (!(error instanceof NeedsDerivation)) throw error;
			await derivations.compute(error.request);
		}
	}
}

/**
 * Opens the PFX with one password. OpenSSL feeds PBES2 the UTF-8 bytes of the password but the PKCS#12
 * MAC its BMP form; forge uses one string for both, so a non-ASCII password that passed the MAC gets a
 * second pass with the UTF-8 form and the (already verified) MAC left out.
 */
async function tryPassword(pfx: ParsedPfx, password: string | null): Promise<forge.pkcs12.Pkcs12Pfx> {
	const derivations = new Derivations();
	try {
		let firstError: unknown;
		try {
			return await decode(pfx, password, derivations);
		} catch (error) {
			if (error instanceof Pkcs12Error) throw error;
			firstError = error;
		}
		const message = firstError instanceof Error ? firstError.message : String(firstError);
		const macFailed = /MAC could not be verified/i.test(message);
		if (password && /[^\x00-\x7f]/.test(password) && !macFailed) {
			try {
				return await decode(pfx, Buffer.from(password, 'utf8').toString('binary'), derivations, pfx.hasMac);
			} catch (error) {
				if (error instanceof Pkcs12Error) throw error;
				// otherwise the first error's classification stands
			}
		}
		if (macFailed || isWrongPasswordMessage(message)) throw new Pkcs12Error('wrong-password');
		// Without a MAC a wrong password only shows up as garbage after decryption.
		if (!pfx.hasMac) throw new Pkcs12Error('wrong-password');
		throw new Pkcs12Error('malformed');
	} finally {
		derivations.forget();
	}
}

/**
 * Empty-password candidates: OpenSSL and Windows disagree on whether "" carries a BMP terminator.
 * Most files have a password, so a candidate first meets the encrypted content with the MAC left out:
 * a PBES2 derivation in the thread pool says "wrong" far sooner than the PKCS#12 KDF of the MAC, which
 * is then checked only for a candidate that decrypted.
 */
export async function openWithoutPassword(pfx: ParsedPfx): Promise<forge.pkcs12.Pkcs12Pfx | null> {
	for (const candidate of ['', null]) {
		try {
			if (pfx.hasMac) {
				const probe = new Derivations();
				try {
					await decode(pfx, candidate, probe, true);
				} catch (error) {
					if (error instanceof Pkcs12Error && error.reason === 'too-costly') throw error;
					continue;
				} finally {
					probe.forget();
				}
			}
			return await tryPassword(pfx, candidate);
		} catch (error) {
			if (error instanceof Pkcs12Error && error.reason !== 'wrong-password') throw error;
		}
	}
	return null;
}

export function openWithPassword(pfx: ParsedPfx, password: string): Promise<forge.pkcs12.Pkcs12Pfx> {
	return tryPassword(pfx, password);
}

function keyObjects(p12: forge.pkcs12.Pkcs12Pfx): {keys: KeyObject[]; bags: number} {
	const keys: KeyObject[] = [];
	let bags = 0;
	for (const safe of p12.safeContents) {
		for (const bag of safe.safeBags) {
			if (bag.type !== forge.pki.oids['keyBag'] && bag.type !== forge.pki.oids['pkcs8ShroudedKeyBag']) continue;
			bags++;
			let der: Buffer | null = null;
			try {
				if (bag.key) {
					const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey));
					der = fromBinary(forge.asn1.toDer(info).getBytes());
				} else if (bag.asn1) {
					der = fromBinary(forge.asn1.toDer(bag.asn1).getBytes());
				}
				if (der) keys.push(createPrivateKey({key: der, format: 'der', type: 'pkcs8'}));
			} catch {
				// An unreadable key cannot match anything; the certificates are still useful.
			} finally {
				der?.fill(0);
				// forge keeps key material in immutable strings; dropping the references is all JS allows.
				bag.key = undefined;
				bag.asn1 = undefined as unknown as forge.asn1.Asn1;
			}
		}
	}
	return {keys, bags};
}

function certificateDer(bag: forge.pkcs12.Bag): Uint8Array | null {
	try {
		// forge re-encodes RSA certificates from its cached TBSCertificate; others come back as raw ASN.1.
		const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
		if (!asn1) return null;
		const der = new Uint8Array(fromBinary(forge.asn1.toDer(asn1).getBytes()));
		return certificateLength(der) === der.length ? der : null;
	} catch {
		return null;
	}
}

/** Certificates of an opened PFX with key matching done in memory; key material is dropped before return. */
export function extractCertificates(p12: forge.pkcs12.Pkcs12Pfx): {certs: Pkcs12Certificate[]; hadKey: boolean} {
	const {keys, bags} = keyObjects(p12);
	const hadKey = bags > 0;
	const out: Pkcs12Certificate[] = [];
	let index = 0;
	for (const safe of p12.safeContents) {
		for (const bag of safe.safeBags) {
			if (bag.type !== forge.pki.oids['certBag']) continue;
			const der = certificateDer(bag);
			if (!der) continue;
			let isCA = false;
			let keyMatches: boolean | null = hadKey ? false : null;
			try {
				const x509 = new X509Certificate(der);
				isCA = x509.ca;
				if (keys.length > 0) keyMatches = keys.some((key) => safeCheck(x509, key));
			} catch {
				// Node cannot read it; keep it, later parsing will report what is wrong.
			}
			out.push({der, keyMatches, isCA, index: index++});
		}
	}
	keys.length = 0;
	return {certs: out, hadKey};
}

function safeCheck(cert: X509Certificate, key: KeyObject): boolean {
	try {
		return cert.checkPrivateKey(key);
	} catch {
		return false;
	}
}
