// PKCS#12 through node-forge (the one library that reads both Windows-legacy RC2/3DES and OpenSSL 3
// AES/PBES2 files). The private key exists here only as long as it takes to see which certificate it
// belongs to; it is never returned, logged or written.
import {X509Certificate, createPrivateKey, type KeyObject} from 'node:crypto';
import forge from 'node-forge';
import {certificateLength} from './der.js';

/** Derivation work is attacker-controlled; a 2^31 iteration count would freeze the wizard. */
export const MAX_KDF_ITERATIONS = 2_000_000;
const MAX_WALK_NODES = 200_000;
const MAX_WALK_DEPTH = 24;

export type Pkcs12Failure = 'malformed' | 'wrong-password' | 'too-costly';

export class Pkcs12Error extends Error {
	constructor(readonly reason: Pkcs12Failure) {
		super(`PKCS#12: ${reason}`);
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
const pbe = (forge.pki as unknown as {pbe: {getCipher: GetCipher}}).pbe;

function decode(pfx: ParsedPfx, password: string | null, skipMac = false): forge.pkcs12.Pkcs12Pfx {
	// Dropping macData makes forge skip the MAC; only done after the MAC already verified with this password.
	const asn1 = skipMac && Array.isArray(pfx.asn1.value) ? {...pfx.asn1, value: pfx.asn1.value.slice(0, 2)} : pfx.asn1;
	// Key bags inside encrypted SafeContents only become visible after decryption, so the iteration guard
	// also sits in front of forge's cipher setup for the duration of this synchronous call.
	const original = pbe.getCipher;
	pbe.getCipher = (oid, params, secret) => {
		checkIterations(params);
		return original(oid, params, secret);
	};
	try {
		return forge.pkcs12.pkcs12FromAsn1(asn1, false, password as string);
	} finally {
		pbe.getCipher = original;
	}
}

/**
 * Opens the PFX with one password. OpenSSL feeds PBES2 the UTF-8 bytes of the password but the PKCS#12
 * MAC its BMP form; forge uses one string for both, so a non-ASCII password that passed the MAC gets a
 * second pass with the UTF-8 form and the (already verified) MAC left out.
 */
function tryPassword(pfx: ParsedPfx, password: string | null): forge.pkcs12.Pkcs12Pfx {
	let firstError: unknown;
	try {
		return decode(pfx, password);
	} catch (error) {
		if (error instanceof Pkcs12Error) throw error;
		firstError = error;
	}
	const message = firstError instanceof Error ? firstError.message : String(firstError);
	const macFailed = /MAC could not be verified/i.test(message);
	if (password && /[^\x00-\x7f]/.test(password) && !macFailed) {
		try {
			return decode(pfx, Buffer.from(password, 'utf8').toString('binary'), pfx.hasMac);
		} catch (error) {
			if (error instanceof Pkcs12Error) throw error;
			// otherwise the first error's classification stands
		}
	}
	if (macFailed || isWrongPasswordMessage(message)) throw new Pkcs12Error('wrong-password');
	// Without a MAC a wrong password only shows up as garbage after decryption.
	if (!pfx.hasMac) throw new Pkcs12Error('wrong-password');
	throw new Pkcs12Error('malformed');
}

/** Empty-password candidates: OpenSSL and Windows disagree on whether "" carries a BMP terminator. */
export function openWithoutPassword(pfx: ParsedPfx): forge.pkcs12.Pkcs12Pfx | null {
	for (const candidate of ['', null]) {
		try {
			return tryPassword(pfx, candidate);
		} catch (error) {
			if (error instanceof Pkcs12Error && error.reason !== 'wrong-password') throw error;
		}
	}
	return null;
}

export function openWithPassword(pfx: ParsedPfx, password: string): forge.pkcs12.Pkcs12Pfx {
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
