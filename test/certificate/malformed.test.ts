// A corpus of malformed and hostile inputs: each must give a certificate (and then an assessment)
// or a CertificateParseError with a clean message; never another exception, a crash or a hang.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import * as x509 from '@peculiar/x509';
import {CertificateParseError, MAX_CERTIFICATE_BYTES, parseCertificate} from '../../source/certificate/parse.js';
import {pemBlocks} from '../../source/certificate/pem.js';
import type {CertificateInfo} from '../../source/certificate/types.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {assessed} from '../helpers/assess.js';
import {makeCzechHierarchy, makeLeaf, rawName} from '../helpers/pki.js';

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])/;

function strings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (value instanceof Uint8Array || value instanceof Date || value === null) return out;
	else if (Array.isArray(value)) for (const v of value) strings(v, out);
	else if (typeof value === 'object') for (const v of Object.values(value as object)) strings(v, out);
	return out;
}

type Outcome = {ok: true; info: CertificateInfo} | {ok: false; error: CertificateParseError};

/** Parse, and when that works, assess; any exception other than CertificateParseError fails the test. */
function attempt(bytes: Uint8Array): Outcome {
	let info: CertificateInfo;
	try {
		info = parseCertificate(bytes);
	} catch (error) {
		if (!(error instanceof CertificateParseError)) throw error;
		expect(error.message).not.toMatch(UNSAFE);
		expect(error.message.length).toBeLessThanOrEqual(300);
		expect(error.message.length).toBeGreaterThan(10);
		return {ok: false, error};
	}
	for (const s of strings({...info, der: null})) expect(s).not.toMatch(UNSAFE);
	const a = assessed(info, {anchors: AnchorSet.shipped(), companions: [bytes]});
	for (const f of a.findings) expect(f.message).not.toMatch(UNSAFE);
	return {ok: true, info};
}

// Deterministic pseudo-random numbers so a failure can be replayed.
function prng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const real = pemBlocks(readFileSync('source/trust/anchors/postsignum-qualified-ca-4.pem', 'utf8')).blocks[0]!.der;

describe('malformed DER', async () => {
	const h = await makeCzechHierarchy('Hostile');
	const leaf = await makeLeaf({issuer: h.qualifiedCa, cn: 'Jiří Novák', qualified: true, ico: '12345678', icaUserId: '42'});

	it('rejects empty, tiny and non-certificate input with clear errors', () => {
		expect(attempt(new Uint8Array())).toMatchObject({ok: false, error: {message: 'The file is empty.'}});
		expect(attempt(new Uint8Array([0x30]))).toMatchObject({ok: false});
		expect(attempt(new TextEncoder().encode('hello, I am not a certificate'))).toMatchObject({
			ok: false,
			error: {message: expect.stringMatching(/does not start with an ASN.1 SEQUENCE/)},
		});
		expect(attempt(new Uint8Array([0x30, 0x80, 0, 0]))).toMatchObject({ok: false, error: {message: expect.stringMatching(/indefinite length/)}});
		expect(attempt(new Uint8Array([0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toMatchObject({
			ok: false,
			error: {message: expect.stringMatching(/length field is invalid/)},
		});
		expect(attempt(new Uint8Array([0x30, 0x00]))).toMatchObject({ok: false});
	});

	it('rejects every truncation of a real and a generated certificate', () => {
		for (const der of [real, leaf.der]) {
			for (let n = 1; n < der.length; n += Math.max(1, Math.floor(der.length / 150))) {
				const outcome = attempt(der.subarray(0, n));
				expect(outcome.ok, `prefix ${n}`).toBe(false);
			}
		}
		expect(attempt(real.subarray(0, real.length - 1))).toMatchObject({ok: false, error: {message: expect.stringMatching(/truncated/)}});
	});

	it('rejects wrong outer lengths and trailing garbage, tolerates trailing newlines', () => {
		const longer = new Uint8Array(real);
		longer[3] = longer[3]! + 1;
		expect(attempt(longer)).toMatchObject({ok: false, error: {message: expect.stringMatching(/truncated/)}});
		const shorter = new Uint8Array(real);
		shorter[3] = shorter[3]! - 5;
		expect(attempt(shorter).ok).toBe(false);
		expect(attempt(new Uint8Array([...real, 0x41, 0x42]))).toMatchObject({ok: false, error: {message: expect.stringMatching(/Unexpected data after/)}});
		expect(attempt(new Uint8Array([...real, 0x0d, 0x0a]))).toMatchObject({ok: true});
	});

	it('survives 600 random byte mutations of real and generated certificates', () => {
		const rnd = prng(20261128);
		let rejected = 0;
		for (let i = 0; i < 600; i++) {
			const base = i % 2 ? real : leaf.der;
			const bytes = new Uint8Array(base);
			const edits = 1 + Math.floor(rnd() * 4);
			for (let e = 0; e < edits; e++) {
				const pos = Math.floor(rnd() * bytes.length);
				bytes[pos] = rnd() < 0.5 ? bytes[pos]! ^ (1 << Math.floor(rnd() * 8)) : Math.floor(rnd() * 256);
			}
			if (!attempt(bytes).ok) rejected++;
		}
		expect(rejected).toBeGreaterThan(0);
	});

	it('mutates every length byte near the start to extreme values', () => {
		for (let pos = 1; pos < 40; pos++) {
			for (const v of [0x00, 0x7f, 0x80, 0x81, 0x84, 0x85, 0xff]) {
				const bytes = new Uint8Array(leaf.der);
				bytes[pos] = v;
				attempt(bytes);
			}
		}
	});

	it('refuses inputs over the size cap before decoding, and deep nesting', () => {
		const huge = new Uint8Array(MAX_CERTIFICATE_BYTES + 10);
		huge[0] = 0x30;
		expect(attempt(huge)).toMatchObject({ok: false, error: {message: expect.stringMatching(/too large/)}});
		// 100 000 nested SEQUENCEs: asn1js' depth limit must stop this, not the call stack.
		const depth = 100_000;
		const parts: number[] = [];
		let inner = 0;
		const lengths: number[] = [];
		for (let d = 0; d < depth; d++) {
			lengths.push(inner);
			inner += 2 + (inner < 0x80 ? 0 : inner < 0x100 ? 1 : inner < 0x10000 ? 2 : 3);
		}
		for (let d = depth - 1; d >= 0; d--) {
			const len = lengths[d]!;
			parts.push(0x30);
			if (len < 0x80) parts.push(len);
			else if (len < 0x100) parts.push(0x81, len);
			else if (len < 0x10000) parts.push(0x82, len >> 8, len & 0xff);
			else parts.push(0x83, len >> 16, (len >> 8) & 0xff, len & 0xff);
		}
		expect(attempt(new Uint8Array(parts)).ok).toBe(false);
	});

	it('handles a huge extension and thousands of extensions', async () => {
		const big = new Uint8Array(900_000).fill(0x41);
		const withBig = await makeLeaf({
			issuer: h.commercialCa,
			cn: 'Big',
			extraExtensions: [new x509.Extension('1.2.3.4.99', false, new Uint8Array([0x04, 0x83, 0x0d, 0xbb, 0xa0, ...big]))],
		});
		const outcome = attempt(withBig.der);
		expect(outcome.ok).toBe(true);
		const tooBig = await makeLeaf({
			issuer: h.commercialCa,
			cn: 'Too big',
			extraExtensions: [new x509.Extension('1.2.3.4.99', false, new Uint8Array(1_100_000))],
		});
		expect(attempt(tooBig.der)).toMatchObject({ok: false, error: {message: expect.stringMatching(/too large/)}});
		const many = await makeLeaf({
			issuer: h.commercialCa,
			cn: 'Many',
			extraExtensions: Array.from({length: 4000}, (_, i) => new x509.Extension(`1.2.3.4.${i}`, false, new Uint8Array([5, 0]))),
		});
		attempt(many.der);
	});

	it('gives an error or a result for garbled validity dates', () => {
		const at = leaf.der.findIndex((b, i) => b === 0x17 && leaf.der[i + 1] === 0x0d);
		expect(at).toBeGreaterThan(0);
		for (const text of ['991340000000Z', '000000000000Z', 'AAAAAAAAAAAAZ', '261128999999Z', '2611281200001']) {
			const bytes = new Uint8Array(leaf.der);
			bytes.set(new TextEncoder().encode(text), at + 2);
			attempt(bytes);
		}
	});

	it('rejects a malformed known extension with a message naming it', async () => {
		const bad = await makeLeaf({
			issuer: h.commercialCa,
			cn: 'Bad KU',
			keyUsage: null,
			extraExtensions: [new x509.Extension('2.5.29.15', true, new Uint8Array([0x02, 0x01, 0x05]))],
		});
		expect(attempt(bad.der)).toMatchObject({ok: false, error: {message: expect.stringMatching(/malformed extension 2\.5\.29\.15/)}});
	});

	it('cleans hostile names in every string type, including lone surrogates in a BMPString', async () => {
		const evil = '\u001b[2J\u001b]8;;http://evil\u0007click\u009b\u202eexe.txt\u2066\u0000';
		for (const kind of ['utf8', 'bmp', 'teletex', 'printable', 'ia5'] as const) {
			const value = kind === 'printable' ? 'Plain Name' : kind === 'bmp' ? `${evil}\ud800x` : evil;
			const subjectDer = rawName([
				{oid: '2.5.4.3', value, kind},
				{oid: '2.5.4.10', value, kind},
			]);
			const cert = await makeLeaf({issuer: h.commercialCa, cn: 'x', subjectDer, email: undefined});
			const outcome = attempt(cert.der);
			expect(outcome.ok, kind).toBe(true);
		}
	});
});

describe('PEM with many certificates', async () => {
	const h = await makeCzechHierarchy('Many');
	it('parses two thousand certificates in one PEM and stops at the limit', () => {
		const text = h.root.pem.repeat(2000);
		const {blocks} = pemBlocks(text);
		expect(blocks).toHaveLength(2000);
		for (const b of blocks) expect(parseCertificate(b.der).subjectCN).toBe('Many Root CA/ECC 2026');
		expect(pemBlocks(h.root.pem.repeat(10_001)).blocks).toHaveLength(10_000);
	});
	it('turns a corrupted base64 body into a parse error', () => {
		const broken = h.root.pem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!%%%%**');
		// The reader drops a block whose body is not base64 at all; one that decodes to junk fails to parse.
		const [block] = pemBlocks(broken).blocks;
		expect(block === undefined || !attempt(block.der).ok).toBe(true);
	});
});
