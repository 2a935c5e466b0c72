// RFC 7512 PKCS#11 URIs. Pure: the same text is typed by people, printed in lists, written to the
// ledger and parsed back, so formatting and parsing must round-trip byte for byte.
import {SourceError} from '../types.js';

type ObjectType = 'cert' | 'data' | 'private' | 'public' | 'secret-key';

export interface Pkcs11Uri {
	token?: string;
	manufacturer?: string;
	serial?: string;
	model?: string;
	libraryManufacturer?: string;
	libraryDescription?: string;
	libraryVersion?: string;
	slotDescription?: string;
	slotManufacturer?: string;
	slotId?: number;
	object?: string;
	/** CKA_ID as raw bytes. */
	id?: Uint8Array;
	type?: ObjectType;
	modulePath?: string;
	moduleName?: string;
	/** Vendor attributes (x-…), e.g. x-nss-configdir for Firefox profiles. */
	vendor: Record<string, string>;
}

const pathKeys: Array<[keyof Pkcs11Uri, string]> = [
	['libraryManufacturer', 'library-manufacturer'],
	['libraryDescription', 'library-description'],
	['libraryVersion', 'library-version'],
	['slotManufacturer', 'slot-manufacturer'],
	['slotDescription', 'slot-description'],
	['slotId', 'slot-id'],
	['manufacturer', 'manufacturer'],
	['model', 'model'],
	['serial', 'serial'],
	['token', 'token'],
	['object', 'object'],
	['id', 'id'],
	['type', 'type'],
];
const queryKeys: Array<[keyof Pkcs11Uri, string]> = [
	['moduleName', 'module-name'],
	['modulePath', 'module-path'],
];
const objectTypes: readonly string[] = ['cert', 'data', 'private', 'public', 'secret-key'];

// Unreserved characters stay literal; everything else is percent-encoded, which every RFC 7512
// parser accepts. "/" stays literal in the query so module paths remain readable.
function encode(bytes: Uint8Array, keepSlash: boolean): string {
	let out = '';
	for (const b of bytes) {
		const c = String.fromCharCode(b);
		if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) out += c;
		else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

function decode(text: string, uri: string): Buffer {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === '%') {
			const hex = text.slice(i + 1, i + 3);
			if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw badUri(uri, `bad percent-encoding near "${text.slice(i, i + 3)}"`);
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(c, 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

function badUri(uri: string, reason: string): SourceError {
	return new SourceError('BAD_URI', `Not a valid PKCS#11 URI (${reason}): ${uri}`, {uri, reason});
}

export function isPkcs11Uri(text: string): boolean {
	return /^pkcs11:/i.test(text.trim());
}

export function parsePkcs11Uri(input: string): Pkcs11Uri {
	const uri = input.trim();
	if (!isPkcs11Uri(uri)) throw badUri(uri, 'it must start with "pkcs11:"');
	const body = uri.slice('pkcs11:'.length);
	const q = body.indexOf('?');
	const pathPart = q === -1 ? body : body.slice(0, q);
	const queryPart = q === -1 ? '' : body.slice(q + 1);
	const result: Pkcs11Uri = {vendor: {}};
	const seen = new Set<string>();
	const take = (segment: string, separator: string, known: Array<[keyof Pkcs11Uri, string]>) => {
		if (segment === '') return;
		for (const pair of segment.split(separator)) {
			if (pair === '') continue;
			const eq = pair.indexOf('=');
			if (eq <= 0) throw badUri(uri, `"${pair}" is not name=value`);
			const name = pair.slice(0, eq).toLowerCase();
			const raw = decode(pair.slice(eq + 1), uri);
			if (name === 'pin-value' || name === 'pin-source') {
				throw badUri(uri, 'a PIN must never be part of a URI; use OTE_CERT_PIN or --pin-file');
			}
			if (seen.has(name)) throw badUri(uri, `"${name}" appears twice`);
			seen.add(name);
			const entry = known.find(([, n]) => n === name);
			if (name.startsWith('x-')) {
				result.vendor[name] = raw.toString('utf8');
			} else if (!entry) {
				// RFC 7512 §2.3: unknown standard attributes make the URI unusable for matching.
				throw badUri(uri, `unknown attribute "${name}"`);
			} else if (entry[0] === 'id') {
				result.id = new Uint8Array(raw);
			} else if (entry[0] === 'slotId') {
				const n = Number(raw.toString('utf8'));
				if (!Number.isInteger(n) || n < 0) throw badUri(uri, 'slot-id must be a decimal number');
				result.slotId = n;
			} else if (entry[0] === 'type') {
				const value = raw.toString('utf8');
				if (!objectTypes.includes(value)) throw badUri(uri, `unknown object type "${value}"`);
				result.type = value as ObjectType;
			} else {
				(result as unknown as Record<string, string>)[entry[0]] = raw.toString('utf8');
			}
		}
	};
	take(pathPart, ';', pathKeys);
	take(queryPart, '&', queryKeys);
	return result;
}

export function formatPkcs11Uri(uri: Omit<Pkcs11Uri, 'vendor'> & {vendor?: Record<string, string>}): string {
	const path: string[] = [];
	for (const [key, name] of pathKeys) {
		const value = uri[key];
		if (value === undefined || value === null) continue;
		// CKA_ID is binary: every byte percent-encoded, as p11tool and pkcs11-tool print it.
		if (key === 'id') path.push(`${name}=${Array.from(value as Uint8Array, (b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`);
		else path.push(`${name}=${encode(Buffer.from(String(value), 'utf8'), false)}`);
	}
	const query: string[] = [];
	for (const [key, name] of queryKeys) {
		const value = uri[key];
		if (typeof value === 'string' && value !== '') query.push(`${name}=${encode(Buffer.from(value, 'utf8'), true)}`);
	}
	for (const [name, value] of Object.entries(uri.vendor ?? {})) {
		query.push(`${name}=${encode(Buffer.from(value, 'utf8'), true)}`);
	}
	return `pkcs11:${path.join(';')}${query.length ? `?${query.join('&')}` : ''}`;
}

/** Token-level attribute matching (RFC 7512 §3.3): attributes absent from the URI match anything. */
export function tokenMatches(
	uri: Pkcs11Uri,
	token: {label: string; manufacturer: string; model: string; serial: string; slotDescription?: string; slotId?: number},
): boolean {
	if (uri.token !== undefined && uri.token !== token.label) return false;
	if (uri.manufacturer !== undefined && uri.manufacturer !== token.manufacturer) return false;
	if (uri.model !== undefined && uri.model !== token.model) return false;
	if (uri.serial !== undefined && uri.serial !== token.serial) return false;
	if (uri.slotDescription !== undefined && uri.slotDescription !== token.slotDescription) return false;
	if (uri.slotId !== undefined && uri.slotId !== token.slotId) return false;
	return true;
}
