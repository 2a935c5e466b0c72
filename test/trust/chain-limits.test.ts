// Bounded chain building on hostile input: CA certificates with giant RSA exponents are never used for
// a signature check, a crowd of look-alike CAs costs at most MAX_SIGNATURE_CHECKS checks and is named
// in a finding, and a file of thousands of certificates is refused before any of them is assessed.
// The original bomb (200 such CAs and 6,000 copies of a leaf) took 209 s and 345 MB.
import {X509Certificate} from 'node:crypto';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {RSAPublicKey} from '@peculiar/asn1-rsa';
import {AsnConvert} from '@peculiar/asn1-schema';
import {Certificate} from '@peculiar/asn1-x509';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {parseCertificate} from '../../source/certificate/parse.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {MAX_SIGNATURE_CHECKS} from '../../source/trust/assess.js';
import {assessed} from '../helpers/assess.js';
import {cleanEnv, requireBuild, runCli} from '../cli/helpers.js';
import {type CaHandle, makeCa, makeCzechHierarchy, makeLeaf, toPem} from '../helpers/pki.js';

/** The CA certificate again, its RSA key's exponent replaced by a 2,047-bit number (its signature no longer matters). */
function withGiantExponent(der: Uint8Array): Uint8Array {
	const cert = AsnConvert.parse(der, Certificate);
	const spki = cert.tbsCertificate.subjectPublicKeyInfo;
	const key = AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey);
	const exponent = new Uint8Array(256);
	exponent[0] = 0x7f;
	exponent[255] = 0x01;
	key.publicExponent = exponent.buffer;
	spki.subjectPublicKey = AsnConvert.serialize(key);
	return new Uint8Array(AsnConvert.serialize(cert));
}

let h: Awaited<ReturnType<typeof makeCzechHierarchy>>;
let anchors: AnchorSet;
let leafDer: Uint8Array;
let giant: Uint8Array[];
let dir: string;

beforeAll(async () => {
	h = await makeCzechHierarchy('Bomb');
	anchors = AnchorSet.shipped().withLocal([h.root.der]);
	leafDer = (await makeLeaf({issuer: h.qualifiedCa, cn: 'Jana Bombová', qualified: true, qcType: 'esign'})).der;
	const rsa = await makeCa({cn: 'x', keyAlgorithm: 'RSA', subjectDer: h.qualifiedCa.nameDer});
	const one = withGiantExponent(rsa.der);
	giant = Array.from({length: 200}, () => one);
	dir = await mkdtemp(path.join(tmpdir(), 'ote-chain-bomb-'));
}, 60_000);

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('signature checks per chain build', () => {
	it('a CA key with a giant RSA exponent is never used for a signature check', () => {
		expect(new X509Certificate(giant[0]!).publicKey.asymmetricKeyDetails?.publicExponent).toBeGreaterThan(2n ** 2000n);
		const verify = vi.spyOn(X509Certificate.prototype, 'verify');
		try {
			const a = assessed(parseCertificate(leafDer), {anchors, companions: giant});
			expect(verify).not.toHaveBeenCalled();
			expect(a.approval.approved).toBe(false);
		} finally {
			verify.mockRestore();
		}
	});

	it(`forty look-alike CAs of the issuer's name: at most ${MAX_SIGNATURE_CHECKS} checks, then CHAIN_TOO_COMPLEX naming the limit`, async () => {
		const lookalikes: CaHandle[] = [];
		for (let i = 0; i < 40; i++) lookalikes.push(await makeCa({cn: 'x', subjectDer: h.qualifiedCa.nameDer, freshKey: true}));
		const verify = vi.spyOn(X509Certificate.prototype, 'verify');
		try {
			const a = assessed(parseCertificate(leafDer), {anchors, companions: lookalikes.map((c) => c.der)});
			expect(verify.mock.calls.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHECKS);
			const found = a.findings.find((f) => f.code === 'CHAIN_TOO_COMPLEX');
			expect(found).toMatchObject({severity: 'error', params: {limit: MAX_SIGNATURE_CHECKS}});
			expect(found!.message).toContain(`${MAX_SIGNATURE_CHECKS} signature checks`);
			expect(a.approval.approved).toBe(false);

			// The real issuer among a few look-alikes is still found: the limit is far above a real chain's needs.
			const real = assessed(parseCertificate(leafDer), {anchors, companions: [...lookalikes.slice(0, 5).map((c) => c.der), h.qualifiedCa.der]});
			expect(real.approval.approved).toBe(true);
			expect(real.findings.map((f) => f.code)).not.toContain('CHAIN_TOO_COMPLEX');
		} finally {
			verify.mockRestore();
		}
	}, 60_000);
});

describe('certificates per file (the built command line)', () => {
	beforeAll(() => requireBuild());

	const inspect = (file: string) =>
		runCli(['inspect', '--source', file, '--trust', path.join(dir, 'root.pem'), '--json'], {
			env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')}),
			cwd: dir,
			timeoutMs: 120_000,
		});

	it('the bomb (200 giant-exponent CAs and 4,000 copies of a leaf, under the 5 MB file limit) is refused at once, naming the limit (exit 3)', async () => {
		await writeFile(path.join(dir, 'root.pem'), h.root.pem);
		const bomb = path.join(dir, 'bomb.pem');
		const leafPem = toPem(leafDer);
		const text = [...giant.map(toPem), ...Array.from({length: 4000}, () => leafPem)].join('');
		expect(text.length).toBeLessThan(5 << 20);
		await writeFile(bomb, text);
		const result = await inspect(bomb);
		expect(result.code, result.stderr).toBe(3);
		expect(result.stderr).toContain('holds more than 500 certificates');
		expect(result.stderr).not.toMatch(/\n\s+at /);
	}, 120_000);

	it('within the limit (200 giant-exponent CAs, 250 leaves, the real issuer) every certificate is assessed and the answer comes', async () => {
		const crowd = path.join(dir, 'crowd.pem');
		const leafPem = toPem(leafDer);
		await writeFile(crowd, [...giant.map(toPem), ...Array.from({length: 250}, () => leafPem), h.qualifiedCa.pem].join(''));
		const result = await inspect(crowd);
		expect([0, 1]).toContain(result.code);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	}, 120_000);
});
