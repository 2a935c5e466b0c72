// The certificate parser reads DER with its own reader (source/certificate/der.ts). These are the
// inputs where that reader decides differently from asn1js, the library it replaced, and the
// corners of the encoding it must get right; each is checked against OpenSSL where OpenSSL has a say.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CertificateParseError, parseCertificate} from '../../source/certificate/parse.js';
import {pemBlocks} from '../../source/certificate/pem.js';
import {makeTempDir, opensslSelfSigned, removeDir, requireOpenssl} from '../helpers/openssl.js';

const real = pemBlocks(readFileSync('source/trust/anchors/postsignum-qualified-ca-4.pem', 'utf8')).blocks[0]!.der;

function parseError(der: Uint8Array): string {
	try {
		parseCertificate(der);
	} catch (error) {
		expect(error).toBeInstanceOf(CertificateParseError);
		return (error as Error).message;
	}
	throw new Error('the certificate was accepted');
}

/** `der` with the bytes at `offset` replaced; `expected` must be what is there now (the test's map of the file). */
function patched(der: Uint8Array, offset: number, expected: number[], replacement: number[]): Uint8Array {
	expect([...der.subarray(offset, offset + expected.length)]).toEqual(expected);
	const copy = new Uint8Array(der);
	copy.set(replacement, offset);
	return copy;
}

describe('DER the parser refuses', () => {
	// Offsets from `openssl asn1parse` of the PostSignum Root QCA 4 certificate: the issuer's
	// organizationIdentifier SET at 47 (length 23), the validity SEQUENCE at 135 (length 30).
	it('an element longer than the one holding it (asn1js read past the end of the SET and accepted it)', () => {
		const bad = patched(real, 47, [0x31, 23], [0x31, 20]);
		expect(parseError(bad)).toMatch(/^Not a valid X\.509 certificate \(an element is truncated\)/);
		expect(() => execFileSync('openssl', ['x509', '-inform', 'DER', '-noout'], {input: bad, stdio: 'pipe'})).toThrow();
	});

	it('an indefinite length inside the certificate, not only around it', () => {
		expect(parseError(patched(real, 135, [0x30, 30], [0x30, 0x80]))).toMatch(/indefinite length is not allowed/);
	});

	it('a validity date that is no date: 30 February (asn1js rolled it over into March)', () => {
		// notBefore 180927073923Z at 137: the month and day digits start at 141.
		const bad = patched(real, 141, [...Buffer.from('0927')], [...Buffer.from('0230')]);
		expect(parseError(bad)).toBe('The certificate has an invalid validity date.');
	});

	it('a name attribute that is not a type and a value', () => {
		// The countryName attribute (SEQUENCE at 36) becomes a SET: same length, wrong type.
		expect(parseError(patched(real, 36, [0x30, 9], [0x31, 9]))).toMatch(/a name attribute has the wrong type/);
	});
});

describe('DER the parser reads as OpenSSL does', () => {
	let dir: string;
	beforeAll(async () => {
		requireOpenssl();
		dir = await makeTempDir('ote-cert-der-');
	});
	afterAll(async () => removeDir(dir));

	const make = (name: string, extensions: string[], subject = '/CN=DER test'): Uint8Array => opensslSelfSigned(dir, name, {subject, extensions}).der;
	const text = (der: Uint8Array) => execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], {input: der, encoding: 'utf8'});

	it('an object identifier arc past 2^53 (a UUID policy under 2.25) keeps every digit', () => {
		const uuidOid = '2.25.329800735698586629295641978511506172918';
		const der = make('uuid', [`certificatePolicies=${uuidOid},1.3.6.1.4.1.11801.2.1`]);
		expect(text(der)).toContain(`Policy: ${uuidOid}`);
		expect(parseCertificate(der).policies).toEqual([uuidOid, '1.3.6.1.4.1.11801.2.1']);
	});

	it('the ninth key usage bit (decipherOnly) and an empty trailing bit', () => {
		const der = make('usage', ['keyUsage=critical,keyAgreement,decipherOnly']);
		expect(text(der)).toMatch(/Key Agreement, Decipher Only/);
		expect(parseCertificate(der).keyUsage).toEqual(['keyAgreement', 'decipherOnly']);
		const sign = make('sign', ['keyUsage=critical,digitalSignature,nonRepudiation']);
		expect(text(sign)).toMatch(/Digital Signature, Non Repudiation/);
		expect(parseCertificate(sign).keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
	});

	it('multi-valued names and Czech text in UTF8String', () => {
		const der = make('multi', [], '/CN=Jiří Novák+serialNumber=ICA - 65248/O=Účetní s.r.o./C=CZ');
		const info = parseCertificate(der);
		// A SET OF is sorted by encoding in DER: the shorter serialNumber attribute comes first.
		expect(info.subject).toBe('C=CZ, O=Účetní s.r.o., serialNumber=ICA - 65248+CN=Jiří Novák');
		expect(info.identity).toMatchObject({name: 'Jiří Novák', organization: 'Účetní s.r.o.', caUserId: 'ICA - 65248'});
	});
});
