import {execFileSync} from 'node:child_process';
import {createPublicKey, X509Certificate} from 'node:crypto';
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import * as x509 from '@peculiar/x509';
import {CertificateParseError, parseCertificate, parseCertificateCached} from '../../source/certificate/parse.js';
import {pemBlocks} from '../../source/certificate/pem.js';
import {serialForm} from '../../source/certificate/serial.js';
import {EKU, POLICY, makeCa, makeCzechHierarchy, makeLeaf, rawName, toPem} from '../helpers/pki.js';

const ANCHORS = 'source/trust/anchors';

describe('parseCertificate on generated Czech-like certificates', async () => {
	const h = await makeCzechHierarchy('Parse');

	it('reads names, Czech identity data, QC statements, policies and usages', async () => {
		const leaf = await makeLeaf({
			issuer: h.qualifiedCa,
			cn: 'Jiří Novák',
			org: 'Energie Morava s.r.o.',
			ico: '72054506',
			icaUserId: '1234567',
			email: 'jiri.novak@example.cz',
			qualified: true,
			qcType: 'esign',
			sscd: true,
			policies: [POLICY.qcpNaturalQscd, POLICY.icaQualified],
		});
		const info = parseCertificate(leaf.der);
		expect(info.subjectCN).toBe('Jiří Novák');
		expect(info.issuerCN).toBe('Parse EU Qualified CA2/ECC 2026');
		expect(info.subject).toContain('CN=Jiří Novák');
		expect(info.identity).toEqual({
			name: 'Jiří Novák',
			organization: 'Energie Morava s.r.o.',
			ico: '72054506',
			icoSource: 'organizationIdentifier',
			caUserId: '1234567',
			ikMpsv: null,
			email: 'jiri.novak@example.cz',
		});
		expect(info.qc).toEqual({compliance: true, sscd: true, types: ['esign']});
		expect(info.policies).toEqual([POLICY.qcpNaturalQscd, POLICY.icaQualified]);
		expect(info.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
		expect(info.extendedKeyUsage).toEqual([EKU.emailProtection, EKU.documentSigning]);
		expect(info.isCA).toBe(false);
		expect(info.selfSigned).toBe(false);
		expect(info.signatureHash).toBe('SHA-256');
		expect(info.publicKey).toEqual({algorithm: 'EC', bits: 256, curve: 'prime256v1'});
		expect(info.authorityKeyIdentifier).toBe(h.qualifiedCa.cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId);
		expect(info.fingerprints.sha256).toBe(Buffer.from(await leaf.cert.getThumbprint('SHA-256')).toString('hex'));
		expect(info.serialNumber).toBe(serialForm(leaf.cert.serialNumber));
		expect(info.notAfter.getTime()).toBe(leaf.cert.notAfter.getTime());
	});

	it('finds the IČO in the older places and the holder serial number as CA user id', async () => {
		const bySerial = parseCertificate((await makeLeaf({issuer: h.commercialCa, cn: 'Pečeť', ico: '26439395', icoPlace: 'serialNumber'})).der);
		expect(bySerial.identity).toMatchObject({ico: '26439395', icoSource: 'serialNumber', caUserId: null});
		const byOrg = parseCertificate(
			(await makeLeaf({issuer: h.commercialCa, cn: 'Jan', org: 'Teplárna a.s.', ico: '00012345', icoPlace: 'organization', holderSerial: 'ICA - 65248'})).der,
		);
		expect(byOrg.identity).toMatchObject({ico: '00012345', icoSource: 'organization', caUserId: 'ICA - 65248'});
		const none = parseCertificate((await makeLeaf({issuer: h.commercialCa, cn: 'Jan'})).der);
		expect(none.identity).toMatchObject({ico: null, icoSource: null, organization: null});
	});

	it('reads a qualified seal, a SHA-1 RSA 1024 certificate and a self-signed CA', async () => {
		const seal = parseCertificate((await makeLeaf({issuer: h.qualifiedCa, cn: 'Teplárna a.s. – pečeť', qualified: true, qcType: 'eseal', sscd: false})).der);
		expect(seal.qc).toEqual({compliance: true, sscd: false, types: ['eseal']});
		const rsaCa = await makeCa({cn: 'Old RSA CA', keyAlgorithm: 'RSA'});
		const old = parseCertificate((await makeLeaf({issuer: rsaCa, cn: 'Old', hash: 'SHA-1', keyAlgorithm: 'RSA', rsaBits: 1024, freshKey: true})).der);
		expect(old.signatureAlgorithm).toBe('sha1WithRSAEncryption');
		expect(old.signatureHash).toBe('SHA-1');
		expect(old.publicKey).toMatchObject({algorithm: 'RSA', bits: 1024});
		const root = parseCertificate(h.root.der);
		expect(root.selfSigned).toBe(true);
		expect(root.isCA).toBe(true);
		expect(root.keyUsage).toEqual(expect.arrayContaining(['keyCertSign', 'cRLSign']));
	});

	it('decodes BMPString, T61String and UTF8String names and strips control characters', async () => {
		const subjectDer = rawName([
			{oid: '2.5.4.6', value: 'CZ', kind: 'printable'},
			{oid: '2.5.4.10', value: 'Café Müller', kind: 'teletex'},
			{oid: '2.5.4.11', value: 'Žluťoučký kůň', kind: 'bmp'},
			{oid: '2.5.4.3', value: 'Jiří\u001b]52;c;ZXZpbA==\u0007 Novák\u202e\r\n', kind: 'utf8'},
		]);
		const info = parseCertificate((await makeLeaf({issuer: h.commercialCa, cn: 'x', subjectDer})).der);
		expect(info.subjectCN).toBe('Jiří]52;c;ZXZpbA== Novák  ');
		expect(info.subject).toContain('O=Café Müller');
		expect(info.subject).toContain('OU=Žluťoučký kůň');
		expect(info.subject).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
	});

	it('lists unknown critical extensions but ignores unknown non-critical ones', async () => {
		const info = parseCertificate(
			(
				await makeLeaf({
					issuer: h.commercialCa,
					cn: 'Ext',
					extraExtensions: [new x509.Extension('1.2.3.4.5', true, new Uint8Array([5, 0])), new x509.Extension('1.2.3.4.6', false, new Uint8Array([5, 0]))],
				})
			).der,
		);
		expect(info.unknownCriticalExtensions).toEqual(['1.2.3.4.5']);
	});
});

describe('parseCertificate on the shipped real CA certificates', () => {
	const files = readdirSync(ANCHORS).filter((f) => f.endsWith('.pem'));
	const manifest = JSON.parse(readFileSync(`${ANCHORS}/manifest.json`, 'utf8')) as Array<{
		file: string;
		sha256: string;
		subjectKeyIdentifier: string | null;
		authorityKeyIdentifier: string | null;
		basicConstraintsCA: boolean | null;
		isRoot: boolean;
		notAfter: string;
	}>;
	it('parses all 58 and agrees with the manifest', () => {
		expect(files).toHaveLength(58);
		for (const m of manifest) {
			const der = pemBlocks(readFileSync(`${ANCHORS}/${m.file}`, 'utf8')).blocks[0]!.der;
			const info = parseCertificate(der);
			expect(info.fingerprints.sha256, m.file).toBe(m.sha256);
			expect(info.subjectKeyIdentifier, m.file).toBe(m.subjectKeyIdentifier);
			expect(info.authorityKeyIdentifier, m.file).toBe(m.authorityKeyIdentifier);
			// The manifest has null for ACAeID's; openssl shows it as critical CA:TRUE, pathlen:0.
			expect(info.isCA, m.file).toBe(m.basicConstraintsCA ?? true);
			expect(info.selfSigned, m.file).toBe(m.isRoot);
			expect(info.notAfter.toISOString().replace('.000', ''), m.file).toBe(m.notAfter);
			expect(info.unknownCriticalExtensions, m.file).toEqual([]);
		}
	});
	it('reads Czech letters in real names', () => {
		const der = pemBlocks(readFileSync(`${ANCHORS}/postsignum-qualified-ca-4.pem`, 'utf8')).blocks[0]!.der;
		expect(parseCertificate(der).subject).toContain('O=Česká pošta\\, s.p.');
	});
});

describe('PEM handling', async () => {
	const h = await makeCzechHierarchy('Pem');
	it('splits a bundle with text around the blocks and detects PEM vs DER', () => {
		const text = `Bag Attributes\n    friendlyName: x\n${h.root.pem}junk between\r\n${toPem(h.qualifiedCa.der).replace(/\n/g, '\r\n')}\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`;
		const {blocks, labels} = pemBlocks(text);
		expect(labels).toEqual(['CERTIFICATE', 'CERTIFICATE', 'PRIVATE KEY']);
		expect(blocks.filter((b) => b.label === 'CERTIFICATE').map((b) => Buffer.from(b.der).toString('hex'))).toEqual([
			Buffer.from(h.root.der).toString('hex'),
			Buffer.from(h.qualifiedCa.der).toString('hex'),
		]);
		expect(toPem(h.root.der)).toBe(h.root.pem);
	});
	it('stops at the block limit', () => {
		const many = h.root.pem.repeat(11);
		expect(pemBlocks(many, 11).blocks).toHaveLength(11);
		expect(pemBlocks(many, 10).blocks).toHaveLength(10);
	});
	it('handles an unterminated block and many BEGIN lines without END in linear time', () => {
		expect(pemBlocks('-----BEGIN CERTIFICATE-----\nMIIB').blocks).toEqual([]);
		expect(pemBlocks('-----BEGIN CERTIFICATE-----\n'.repeat(50_000)).blocks).toEqual([]);
	});
});

describe('parseCertificateCached', async () => {
	const h = await makeCzechHierarchy('Memo');
	it('gives the same description for the same bytes in any array, and the same error for bad bytes', async () => {
		const leaf = await makeLeaf({issuer: h.qualifiedCa, cn: 'Memo Leaf'});
		const der = new Uint8Array(leaf.der);
		const first = parseCertificateCached(der);
		expect(first).toEqual(parseCertificate(der));
		expect(parseCertificateCached(der)).toBe(first);
		const copy = new Uint8Array(der);
		expect(parseCertificateCached(copy)).toBe(first);
		// A view into a larger buffer (as a PEM split gives) is the same certificate too.
		const padded = new Uint8Array(der.length + 8);
		padded.set(der, 4);
		expect(parseCertificateCached(padded.subarray(4, 4 + der.length))).toBe(first);
		const broken = der.slice(0, 40);
		expect(() => parseCertificateCached(broken)).toThrow(CertificateParseError);
		expect(() => parseCertificateCached(new Uint8Array(broken))).toThrow(CertificateParseError);
	});
});

describe('the subject key, read from its ASN.1, agrees with OpenSSL', () => {
	const keys: Array<[string, string[]]> = [
		['RSA 1024', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']],
		['RSA 2047', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2047']],
		['RSA 3072', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072']],
		['RSA-PSS 2048', ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048']],
		['P-256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
		['P-384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']],
		['P-521', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']],
		['secp256k1', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp256k1']],
		['brainpoolP384r1', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:brainpoolP384r1']],
		['Ed25519', ['-algorithm', 'ED25519']],
		['Ed448', ['-algorithm', 'ED448']],
	];
	// The reference: what Node's createPublicKey (OpenSSL) says of the same key.
	function openssl(spkiDer: Buffer): {algorithm: string; bits: number | null; curve: string | null} {
		const key = createPublicKey({key: spkiDer, format: 'der', type: 'spki'});
		const d = key.asymmetricKeyDetails ?? {};
		const type = key.asymmetricKeyType;
		const algorithm = type === 'rsa' || type === 'rsa-pss' ? 'RSA' : type === 'ec' ? 'EC' : type === 'ed25519' ? 'Ed25519' : 'Ed448';
		const bits =
			algorithm === 'RSA'
				? d.modulusLength!
				: algorithm === 'EC'
					? {prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256, brainpoolP384r1: 384}[d.namedCurve!]!
					: algorithm === 'Ed25519'
						? 256
						: 456;
		return {algorithm, bits, curve: d.namedCurve ?? null};
	}

	it.each(keys)('%s', (_name, genpkey) => {
		const dir = mkdtempSync(path.join(tmpdir(), 'ote-keyinfo-'));
		try {
			execFileSync('openssl', ['genpkey', ...genpkey, '-out', path.join(dir, 'k.pem')], {stdio: 'pipe'});
			execFileSync(
				'openssl',
				['req', '-new', '-x509', '-key', path.join(dir, 'k.pem'), '-subj', '/CN=Key test', '-days', '2', '-outform', 'DER', '-out', path.join(dir, 'c.der')],
				{stdio: 'pipe'},
			);
			const der = readFileSync(path.join(dir, 'c.der'));
			const spki = new X509Certificate(der).publicKey.export({type: 'spki', format: 'der'});
			expect(parseCertificate(new Uint8Array(der)).publicKey).toEqual(openssl(spki));
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
