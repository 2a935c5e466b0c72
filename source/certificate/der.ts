// A DER reader for the certificate parser (parse.ts). asn1js, under @peculiar/asn1-schema, builds
// a full object tree of every element before anything is read, ~1 ms a certificate on a cold start:
// a 50-certificate token spent ~50 ms of its ~85 ms after the token answered there. This reader
// builds nothing: an element is four numbers over the caller's bytes, and parse.ts walks only the
// parts of X.509 it uses. Input is hostile, so every length is checked against the element that
// holds it, indefinite lengths are refused (DER has none) and nothing recurses on the input's shape.

/** Thrown for bytes that are not the DER the caller asked for; the message names what was wrong. */
export class DerError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DerError';
	}
}

/** One element: identifier at `start`, content from `body` to `end` (exclusive), all in `bytes`. */
export interface Der {
	readonly bytes: Uint8Array;
	/** The identifier octet (class, constructed bit, tag number), or -1 for a high tag number (≥ 31). */
	readonly tag: number;
	readonly start: number;
	readonly body: number;
	readonly end: number;
}

export const TAG = {
	boolean: 0x01,
	integer: 0x02,
	bitString: 0x03,
	octetString: 0x04,
	null: 0x05,
	oid: 0x06,
	utf8String: 0x0c,
	printableString: 0x13,
	teletexString: 0x14,
	ia5String: 0x16,
	utcTime: 0x17,
	generalizedTime: 0x18,
	universalString: 0x1c,
	bmpString: 0x1e,
	sequence: 0x30,
	set: 0x31,
} as const;

/** Context-specific tag [n], constructed (EXPLICIT or a constructed IMPLICIT type) or primitive. */
export const context = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;

/** The element at `offset`, which must end by `limit`. */
export function readDer(bytes: Uint8Array, offset = 0, limit = bytes.length): Der {
	if (offset >= limit) throw new DerError('an element is missing');
	const identifier = bytes[offset]!;
	let at = offset + 1;
	let tag: number = identifier;
	if ((identifier & 0x1f) === 0x1f) {
		// High tag number: base-128 octets. X.509 uses none; the element is kept whole and skipped.
		tag = -1;
		let count = 0;
		while (at < limit && (bytes[at]! & 0x80) !== 0) {
			at++;
			if (++count > 4) throw new DerError('a tag number is too long');
		}
		at++;
	}
	if (at >= limit) throw new DerError('an element is truncated');
	const first = bytes[at++]!;
	let length = first;
	if (first >= 0x80) {
		const count = first & 0x7f;
		if (count === 0) throw new DerError('indefinite length is not allowed in DER');
		if (count > 4) throw new DerError('a length field is invalid');
		if (at + count > limit) throw new DerError('an element is truncated');
		length = 0;
		for (let i = 0; i < count; i++) length = length * 256 + bytes[at++]!;
	}
	if (at + length > limit) throw new DerError('an element is truncated');
	return {bytes, tag, start: offset, body: at, end: at + length};
}

/** `element`, which must carry `tag`; `what` names it in the message otherwise. */
export function typed(element: Der, tag: number, what: string): Der {
	if (element.tag !== tag) throw new DerError(`${what} has the wrong type`);
	return element;
}

/** The elements inside a constructed element, which must fill it exactly. */
export function children(element: Der): Der[] {
	if (element.tag !== -1 && (element.tag & 0x20) === 0) throw new DerError('a primitive element was given where a constructed one belongs');
	const out: Der[] = [];
	let at = element.body;
	while (at < element.end) {
		const child = readDer(element.bytes, at, element.end);
		out.push(child);
		at = child.end;
	}
	return out;
}

/** The one element an EXPLICIT [n] wrapper holds. */
export function unwrap(element: Der): Der {
	const inner = children(element);
	if (inner.length !== 1) throw new DerError('an explicit tag does not hold exactly one element');
	return inner[0]!;
}

/** Content octets, shared with the input (callers copy when they keep them). */
export const content = (element: Der): Uint8Array => element.bytes.subarray(element.body, element.end);

/** The whole encoding, identifier and length included. */
export const encoded = (element: Der): Uint8Array => element.bytes.subarray(element.start, element.end);

export function oid(element: Der): string {
	typed(element, TAG.oid, 'an object identifier');
	const {bytes, body, end} = element;
	if (body === end) throw new DerError('an object identifier is empty');
	if ((bytes[end - 1]! & 0x80) !== 0) throw new DerError('an object identifier is truncated');
	const arcs: string[] = [];
	let value = 0;
	let big: bigint | null = null;
	for (let i = body; i < end; i++) {
		const b = bytes[i]!;
		// Arcs past 2^53 (UUID-based OIDs under 2.25) switch to BigInt rather than lose digits.
		if (big === null && value > 2 ** 45) big = BigInt(value);
		if (big === null) value = value * 128 + (b & 0x7f);
		else big = big * 128n + BigInt(b & 0x7f);
		if ((b & 0x80) !== 0) continue;
		if (arcs.length === 0) {
			// The first subidentifier carries two arcs: 40 × first + second (first ≤ 2).
			if (big !== null) arcs.push('2', String(big - 80n));
			else if (value < 80) arcs.push(String(Math.floor(value / 40)), String(value % 40));
			else arcs.push('2', String(value - 80));
		} else arcs.push(big !== null ? String(big) : String(value));
		value = 0;
		big = null;
	}
	return arcs.join('.');
}

export function boolean(element: Der): boolean {
	typed(element, TAG.boolean, 'a boolean');
	if (element.end - element.body !== 1) throw new DerError('a boolean is not one octet');
	return element.bytes[element.body] !== 0;
}

/** A BIT STRING's bits, without the unused-bits octet; `unused` is how many trailing bits do not count. */
export function bitString(element: Der): {bits: Uint8Array; unused: number} {
	typed(element, TAG.bitString, 'a bit string');
	if (element.end === element.body) throw new DerError('a bit string is empty');
	const unused = element.bytes[element.body]!;
	if (unused > 7 || (unused > 0 && element.end - element.body === 1)) throw new DerError('a bit string has an invalid unused-bits count');
	return {bits: element.bytes.subarray(element.body + 1, element.end), unused};
}

/** UTCTime or GeneralizedTime as a Date (Invalid Date when the text is not a time). */
export function time(element: Der): Date {
	const text = Buffer.from(content(element)).toString('latin1');
	let match: RegExpExecArray | null;
	if (element.tag === TAG.utcTime) {
		match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text);
		if (!match) return new Date(Number.NaN);
		const yy = Number(match[1]);
		// RFC 5280 4.1.2.5.1: YY of 50 or more is 19YY, otherwise 20YY.
		return at(yy >= 50 ? 1900 + yy : 2000 + yy, match.slice(2, 7), match[7]!, '');
	}
	if (element.tag === TAG.generalizedTime) {
		match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{4})?$/.exec(text);
		if (!match) return new Date(Number.NaN);
		return at(Number(match[1]), match.slice(2, 7), match[8] ?? 'Z', match[7] ?? '');
	}
	throw new DerError('a time has the wrong type');
}

function at(year: number, parts: Array<string | undefined>, zone: string, fraction: string): Date {
	const [month, day, hour, minute, second] = parts.map((p) => Number(p ?? 0)) as [number, number, number, number, number];
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return new Date(Number.NaN);
	const ms = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
	let value = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	// Date.UTC rolls 31 February over into March: such a date is not a date.
	if (new Date(value).getUTCDate() !== day) return new Date(Number.NaN);
	if (zone !== 'Z') value -= (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
	return new Date(value);
}

/** The text of a string element, or null when it is not one of the string types X.509 names use. */
export function text(element: Der): string | null {
	const bytes = content(element);
	switch (element.tag) {
		case TAG.utf8String:
			return Buffer.from(bytes).toString('utf8');
		case TAG.printableString:
		case TAG.ia5String:
		// T61 bytes are taken as Latin-1, which is what real CAs meant (and what asn1js did).
		case TAG.teletexString:
			return Buffer.from(bytes).toString('latin1');
		case TAG.bmpString:
			return utf16be(bytes);
		case TAG.universalString:
			return utf32be(bytes);
		default:
			return null;
	}
}

function utf16be(bytes: Uint8Array): string {
	const units = Math.floor(bytes.length / 2);
	let out = '';
	for (let i = 0; i < units; i++) out += String.fromCharCode((bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
	return out;
}

function utf32be(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i + 3 < bytes.length; i += 4) {
		const code = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
		out += code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
	}
	return out;
}
