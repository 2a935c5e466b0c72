// Just enough DER reading to classify a blob (certificate, PKCS#12, private key, PKCS#7). X.509 meaning is
// left to source/certificate; this only checks shapes and lengths so garbage is rejected early.

interface Tlv {
	tag: number;
	/** Offset of the value. */
	start: number;
	/** Offset just past the value; for indefinite length (BER) this is unknown and equals the buffer end. */
	end: number;
	indefinite: boolean;
}

/** Reads one tag-length header at `offset`; null when it does not fit the buffer. Multi-byte tags are refused. */
function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv | null {
	if (offset + 2 > limit) return null;
	const tag = bytes[offset]!;
	if ((tag & 0x1f) === 0x1f) return null;
	const first = bytes[offset + 1]!;
	let pos = offset + 2;
	if (first < 0x80) {
		const end = pos + first;
		return end <= limit ? {tag, start: pos, end, indefinite: false} : null;
	}
	if (first === 0x80) {
		// Indefinite length only makes sense for constructed encodings.
		return tag & 0x20 ? {tag, start: pos, end: limit, indefinite: true} : null;
	}
	const count = first & 0x7f;
	if (count > 4 || pos + count > limit) return null;
	let length = 0;
	for (let i = 0; i < count; i++) length = length * 256 + bytes[pos + i]!;
	pos += count;
	const end = pos + length;
	return end <= limit ? {tag, start: pos, end, indefinite: false} : null;
}

/** Children of a constructed definite-length element; null if they do not tile it exactly. */
function children(bytes: Uint8Array, parent: Tlv, max = 16): Tlv[] | null {
	if (parent.indefinite) return null;
	const out: Tlv[] = [];
	let pos = parent.start;
	while (pos < parent.end) {
		if (out.length >= max) return out;
		const child = readTlv(bytes, pos, parent.end);
		if (!child || child.indefinite) return null;
		out.push(child);
		pos = child.end;
	}
	return out;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const OID = 0x06;

function isSmallInteger(bytes: Uint8Array, tlv: Tlv | undefined, value: number): boolean {
	return !!tlv && tlv.tag === INTEGER && tlv.end - tlv.start === 1 && bytes[tlv.start] === value;
}

/** Length of the leading element if it is an X.509 Certificate shape: SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }. */
export function certificateLength(bytes: Uint8Array, offset = 0): number | null {
	const outer = readTlv(bytes, offset);
	if (!outer || outer.tag !== SEQUENCE || outer.indefinite) return null;
	const parts = children(bytes, outer, 4);
	if (parts?.length !== 3) return null;
	const [tbs, algorithm, signature] = parts;
	if (tbs!.tag !== SEQUENCE || algorithm!.tag !== SEQUENCE || signature!.tag !== BIT_STRING) return null;
	const tbsParts = children(bytes, tbs!, 12);
	// version [0] (optional), serial INTEGER, signature alg, issuer, validity, subject, SPKI at least.
	if (!tbsParts || tbsParts.length < 6) return null;
	const algParts = children(bytes, algorithm!, 3);
	if (!algParts || algParts[0]?.tag !== OID) return null;
	return outer.end - offset;
}

/** PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData OPTIONAL }; BER indefinite allowed. */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
	const outer = readTlv(bytes, 0);
	if (!outer || outer.tag !== SEQUENCE) return false;
	const version = readTlv(bytes, outer.start, outer.end);
	if (!isSmallInteger(bytes, version ?? undefined, 3)) return false;
	const authSafe = readTlv(bytes, version!.end, outer.end);
	return !!authSafe && authSafe.tag === SEQUENCE;
}

/** PKCS#8 (version 0|1, AlgorithmIdentifier, OCTET STRING), PKCS#1 RSA (version 0, INTEGER…) or SEC1 EC (version 1, OCTET STRING). */
export function looksLikePrivateKey(bytes: Uint8Array): boolean {
	const outer = readTlv(bytes, 0);
	if (!outer || outer.tag !== SEQUENCE || outer.indefinite) return false;
	const parts = children(bytes, outer, 12);
	if (!parts || parts.length < 2) return false;
	const [version, second, third] = parts;
	if (isSmallInteger(bytes, version, 0) || isSmallInteger(bytes, version, 1)) {
		if (second!.tag === SEQUENCE && third?.tag === OCTET_STRING) return true; // PKCS#8
		if (second!.tag === INTEGER && parts.length >= 9) return true; // PKCS#1 RSAPrivateKey
		if (isSmallInteger(bytes, version, 1) && second!.tag === OCTET_STRING) return true; // SEC1
	}
	// EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }
	if (parts.length === 2 && version!.tag === SEQUENCE && second!.tag === OCTET_STRING) {
		const alg = children(bytes, version!, 3);
		return !!alg && alg[0]?.tag === OID;
	}
	return false;
}

// 1.2.840.113549.1.7.2 signedData
const SIGNED_DATA = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

export function looksLikePkcs7(bytes: Uint8Array): boolean {
	const outer = readTlv(bytes, 0);
	if (!outer || outer.tag !== SEQUENCE) return false;
	return SIGNED_DATA.every((b, i) => bytes[outer.start + i] === b);
}
