// Reads one certificate file the person picked or typed. The format is decided by content, because
// extensions lie (a ".p12" that is PEM, a ".cer" that is base64 without armour, a ".pem" that is a key).
import {open, stat} from 'node:fs/promises';
import {extname} from 'node:path';
import {SourceError, type CertificateEntry, type SecretProvider, type SourceOrigin} from '../types.js';
import {certificateLength, looksLikePkcs12, looksLikePkcs7, looksLikePrivateKey} from './der.js';
import {fileError} from './errors.js';
import {bareBase64, pemBlocks} from '../../certificate/pem.js';
// PKCS#12 needs node-forge (~300 kB): imported only when a file is PKCS#12, so reading a .cer/.pem
// (inspect, the wizard) does not parse and run it.
import type {Pkcs12Certificate, Pkcs12Error as Pkcs12ErrorClass} from './pkcs12.js';
import {displayName} from './sanitize.js';
import {entryFacts, orderCandidates} from '../../account/roles.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Chain building needs a handful; a 10,000-certificate bundle must not become 10,000² references. */
export const MAX_COMPANIONS = 200;
/** Certificates in one file: real files hold a few, CA bundles a few hundred; each one is assessed against the others. */
export const MAX_CERTIFICATES_PER_FILE = 500;

export interface ReadOptions {
	secret: SecretProvider;
	maxBytes?: number;
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

export async function readCertificateFile(path: string, opts: ReadOptions): Promise<CertificateEntry[]> {
	const file = displayName(path);
	const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
	const bytes = await readBounded(path, file, maxBytes);
	return classify(bytes, path, file, opts.secret, true);
}

function ioError(error: unknown, file: string): SourceError {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	if (code === 'ENOENT' || code === 'ENOTDIR') return fileError('NOT_FOUND', 'files.notFound', file);
	if (code === 'EACCES' || code === 'EPERM') return fileError('NOT_READABLE', 'files.permissionDenied', file);
	if (code === 'EISDIR') return fileError('NOT_READABLE', 'files.isDirectory', file);
	return fileError('NOT_READABLE', 'files.readFailed', file);
}

async function readBounded(path: string, file: string, maxBytes: number): Promise<Uint8Array> {
	let info;
	try {
		info = await stat(path);
	} catch (error) {
		throw ioError(error, file);
	}
	if (info.isDirectory()) throw fileError('NOT_READABLE', 'files.isDirectory', file);
	// Opening a FIFO or a device could block forever or never end (/dev/zero), so only regular files.
	if (!info.isFile()) throw fileError('NOT_READABLE', 'files.notRegular', file);
	if (info.size > maxBytes) throw tooLarge(file, maxBytes);
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		throw ioError(error, file);
	}
	try {
		// The file may grow after stat; read at most one byte past the cap to notice.
		const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(info.size + 1, 64 * 1024)));
		let total = 0;
		for (;;) {
			if (total === buffer.length) {
				if (total > maxBytes) throw tooLarge(file, maxBytes);
				break;
			}
			const {bytesRead} = await handle.read(buffer, total, buffer.length - total, total);
			if (bytesRead === 0) break;
			total += bytesRead;
		}
		if (total > maxBytes) throw tooLarge(file, maxBytes);
		return new Uint8Array(buffer.buffer, buffer.byteOffset, total);
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw ioError(error, file);
	} finally {
		await handle.close();
	}
}

function tooLarge(file: string, maxBytes: number): SourceError {
	const limit = Math.round((maxBytes / (1024 * 1024)) * 100) / 100;
	return fileError('TOO_LARGE', 'files.tooLarge', file, {limit});
}

function entries(ders: Uint8Array[], path: string, format: 'der' | 'pem', file: string): CertificateEntry[] {
	if (ders.length > MAX_CERTIFICATES_PER_FILE) throw fileError('TOO_LARGE', 'files.tooManyCertificates', file, {limit: MAX_CERTIFICATES_PER_FILE});
	return ders.map((der, index) => ({
		der,
		origin: {kind: 'file', path, format, index} satisfies SourceOrigin,
		companions: companionsOf(ders, index),
		keyMatches: null,
	}));
}

function companionsOf<T>(all: T[], index: number): T[] {
	const out: T[] = [];
	for (let i = 0; i < all.length && out.length < MAX_COMPANIONS; i++) if (i !== index) out.push(all[i]!);
	return out;
}

/** Certificates laid back to back in DER (rare, but some tools concatenate); null unless the whole input is used. */
function derSequence(bytes: Uint8Array): Uint8Array[] | null {
	const out: Uint8Array[] = [];
	let offset = 0;
	while (offset < bytes.length) {
		// Trailing whitespace or padding zeros after the last certificate are tolerated.
		if (out.length > 0 && bytes.subarray(offset).every((b) => b === 0 || b === 0x0a || b === 0x0d || b === 0x20)) break;
		const length = certificateLength(bytes, offset);
		if (length === null) return null;
		out.push(bytes.slice(offset, offset + length));
		offset += length;
		if (out.length > 10_000) return null;
	}
	return out.length > 0 ? out : null;
}

function textOf(bytes: Uint8Array): string {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// Notepad's "Unicode" is UTF-16LE with a BOM; PEM is ASCII, so latin1 keeps every other byte exact.
	if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
	return buffer.toString('latin1');
}

async function classify(bytes: Uint8Array, path: string, file: string, secret: SecretProvider, outermost: boolean): Promise<CertificateEntry[]> {
	if (bytes.length === 0) throw fileError('NO_CERTIFICATE', 'files.empty', file);
	if (looksLikePkcs12(bytes)) return readPkcs12(bytes, path, file, secret);
	const ders = derSequence(bytes);
	if (ders) return entries(ders, path, 'der', file);
	if (looksLikePrivateKey(bytes)) throw fileError('NO_CERTIFICATE', 'files.keyOnly', file);
	if (looksLikePkcs7(bytes)) throw fileError('UNSUPPORTED_FORMAT', 'files.pkcs7', file);

	const text = textOf(bytes);
	const {blocks, labels} = pemBlocks(text);
	const certs: Uint8Array[] = [];
	for (const block of blocks) {
		if (!CERT_LABELS.has(block.label)) continue;
		// TRUSTED CERTIFICATE carries OpenSSL trust settings after the certificate; keep the certificate.
		const length = certificateLength(block.der);
		if (length !== null && (length === block.der.length || block.label === 'TRUSTED CERTIFICATE')) {
			certs.push(block.der.slice(0, length));
		}
	}
	if (certs.length > 0) return entries(certs, path, 'pem', file);
	if (labels.some((label) => CERT_LABELS.has(label))) {
		throw fileError('UNSUPPORTED_FORMAT', 'files.damagedCertificate', file);
	}
	if (labels.some((label) => label === 'PKCS7' || label === 'CMS')) throw fileError('UNSUPPORTED_FORMAT', 'files.pkcs7', file);
	if (labels.some((label) => label.endsWith('PRIVATE KEY'))) throw fileError('NO_CERTIFICATE', 'files.keyOnly', file);
	if (labels.length > 0) throw fileError('NO_CERTIFICATE', 'files.noCertificate', file);

	if (outermost) {
		const decoded = bareBase64(text);
		if (decoded) {
			try {
				return await classify(decoded, path, file, secret, false);
			} catch (error) {
				if (!(error instanceof SourceError) || error.code !== 'UNSUPPORTED_FORMAT') throw error;
			}
		}
	}
	const ext = extname(path).toLowerCase();
	if (bytes[0] === 0x30 && ['.cer', '.crt', '.der'].includes(ext)) {
		throw fileError('UNSUPPORTED_FORMAT', 'files.damagedCertificate', file);
	}
	if (['.p12', '.pfx'].includes(ext)) throw fileError('UNSUPPORTED_FORMAT', 'files.damagedPkcs12', file);
	throw fileError('UNSUPPORTED_FORMAT', 'files.unsupportedFormat', file);
}

function pkcs12Failure(error: unknown, file: string, Pkcs12Error: typeof Pkcs12ErrorClass): SourceError {
	if (error instanceof SourceError) return error;
	if (error instanceof Pkcs12Error) {
		if (error.reason === 'too-costly') return fileError('UNSUPPORTED_FORMAT', 'files.pkcs12TooCostly', file, error.params);
		if (error.reason === 'wrong-password') return fileError('WRONG_PASSWORD', 'files.wrongPassword', file);
	}
	return fileError('UNSUPPORTED_FORMAT', 'files.damagedPkcs12', file);
}

async function readPkcs12(bytes: Uint8Array, path: string, file: string, secret: SecretProvider): Promise<CertificateEntry[]> {
	const {Pkcs12Error, extractCertificates, openWithPassword, openWithoutPassword, parsePfx} = await import('./pkcs12.js');
	let certs: Pkcs12Certificate[];
	let hadKey: boolean;
	try {
		const pfx = parsePfx(bytes);
		let p12 = await openWithoutPassword(pfx);
		let retry = false;
		while (!p12) {
			const password = await secret({kind: 'password', target: file, retry});
			if (password === null) throw fileError('CANCELLED', 'files.cancelled', file);
			try {
				p12 = await openWithPassword(pfx, password);
			} catch (error) {
				if (!(error instanceof Pkcs12Error) || error.reason !== 'wrong-password') throw error;
				retry = true;
			}
		}
		({certs, hadKey} = extractCertificates(p12));
	} catch (error) {
		throw pkcs12Failure(error, file, Pkcs12Error);
	}
	if (certs.length === 0) {
		throw fileError('NO_CERTIFICATE', hadKey ? 'files.keyOnly' : 'files.noCertificate', file);
	}
	if (certs.length > MAX_CERTIFICATES_PER_FILE) throw fileError('TOO_LARGE', 'files.tooManyCertificates', file, {limit: MAX_CERTIFICATES_PER_FILE});
	// The certificate the key belongs to is what the person means; CA certificates only help build the chain
	// (the list order is the core's rule, the same for tokens).
	const ordered = orderCandidates(certs, (c) => entryFacts(c, c.isCA));
	let primary = ordered.filter((o) => o.group !== 'ca').map((o) => o.item);
	if (primary.length === 0) primary = certs;
	return primary.map((cert) => ({
		der: cert.der,
		origin: {kind: 'file', path, format: 'pkcs12', index: cert.index} satisfies SourceOrigin,
		companions: companionsOf(certs, certs.indexOf(cert)).map((other) => other.der),
		keyMatches: cert.keyMatches,
	}));
}
