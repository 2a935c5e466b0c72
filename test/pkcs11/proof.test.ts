// Proof of possession against real SoftHSM2 keys: PIN-free public-key pairing, then signatures.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {discoverPkcs11, sha256, type Pkcs11Certificate} from '../../source/sources/pkcs11/discovery.js';
import {proveKeyPossession} from '../../source/sources/pkcs11/proof.js';
import {SourceError, type SecretRequest} from '../../source/sources/types.js';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import {makeCert, type TestCert} from './fixtures.js';

let hsm: SoftHsm;
const c: Record<string, TestCert> = {};
let found: Pkcs11Certificate[];
const PIN = '4321';

beforeAll(async () => {
	hsm = makeSoftHsm();
	c['rsa'] = makeCert('RSA owner');
	c['ec'] = makeCert('EC owner', 'ec');
	c['victim'] = makeCert('Certificate with a foreign key');
	c['foreign'] = makeCert('Foreign key owner');
	c['nopub'] = makeCert('No public key object');
	hsm.initToken('POP', PIN);
	hsm.importCert('POP', PIN, c['rsa'].certDer, '01', 'rsa');
	hsm.importKey('POP', PIN, c['rsa'].keyPkcs8Der, '01', 'rsa key');
	hsm.importPublicKey('POP', PIN, c['rsa'].spkiDer, '01', 'rsa pub');
	hsm.importCert('POP', PIN, c['ec'].certDer, '02', 'ec');
	hsm.importKey('POP', PIN, c['ec'].keyPkcs8Der, '02', 'ec key');
	hsm.importPublicKey('POP', PIN, c['ec'].spkiDer, '02', 'ec pub');
	// The key (and public key) of another certificate under this certificate's CKA_ID.
	hsm.importCert('POP', PIN, c['victim'].certDer, '03', 'victim');
	hsm.importKey('POP', PIN, c['foreign'].keyPkcs8Der, '03', 'foreign key');
	hsm.importPublicKey('POP', PIN, c['foreign'].spkiDer, '03', 'foreign pub');
	hsm.importCert('POP', PIN, c['nopub'].certDer, '04', 'nopub');
	hsm.importKey('POP', PIN, c['nopub'].keyPkcs8Der, '04', 'nopub key');
	found = (await discoverPkcs11({env: hsm.env, modulePaths: [hsm.modulePath], onlyExplicit: true})).certificates;
});
afterAll(() => hsm?.cleanup());

const entry = (name: string) => {
	const e = found.find((f) => f.sha256 === sha256(c[name]!.certDer));
	if (!e) throw new Error(`${name} not discovered`);
	return e;
};

function secrets(...answers: Array<string | null>) {
	const requests: SecretRequest[] = [];
	const provider = async (request: SecretRequest) => {
		requests.push(request);
		if (answers.length === 0) throw new Error('asked for more secrets than the test provides');
		return answers.shift()!;
	};
	return {provider, requests};
}

describe('proveKeyPossession without a PIN', () => {
	it('pairs certificate and public key by CKA_ID and key (RSA, EC)', async () => {
		for (const name of ['rsa', 'ec']) {
			const s = secrets();
			const r = await proveKeyPossession(entry(name), {secret: s.provider, sign: false, env: hsm.env});
			expect(r).toMatchObject({level: 'public-key-match', ok: true, detailKey: 'token.pop.publicKeyMatch'});
			expect(s.requests).toHaveLength(0);
		}
	});

	it('flags a public key of another certificate under the same CKA_ID', async () => {
		const r = await proveKeyPossession(entry('victim'), {secret: secrets().provider, sign: false, env: hsm.env});
		expect(r).toMatchObject({level: 'public-key-match', ok: false, detailKey: 'token.pop.publicKeyMismatch'});
	});

	it('says when there is no public-key object to compare', async () => {
		const r = await proveKeyPossession(entry('nopub'), {secret: secrets().provider, sign: false, env: hsm.env});
		expect(r).toMatchObject({level: 'none', ok: false, detailKey: 'token.pop.noPublicKey'});
	});
});

describe('proveKeyPossession by signature', () => {
	it('signs a challenge with the RSA and the EC key and verifies it against the certificate', async () => {
		for (const name of ['rsa', 'ec', 'nopub']) {
			const s = secrets(PIN);
			const r = await proveKeyPossession(entry(name), {secret: s.provider, sign: true, env: hsm.env});
			expect(r).toMatchObject({level: 'signature', ok: true, detailKey: 'token.pop.signatureOk'});
			expect(s.requests).toEqual([{kind: 'pin', target: 'POP', retry: false, pinState: 'ok'}]);
		}
	});

	it('fails when the key under the CKA_ID belongs to another certificate', async () => {
		const r = await proveKeyPossession(entry('victim'), {secret: secrets(PIN).provider, sign: true, env: hsm.env});
		expect(r).toMatchObject({level: 'signature', ok: false, detailKey: 'token.pop.signatureBad'});
	});

	it('after a wrong PIN asks again with the counter state the token now reports, never by itself', async () => {
		const s = secrets('0000', PIN);
		const r = await proveKeyPossession(entry('rsa'), {secret: s.provider, sign: true, env: hsm.env});
		expect(r.ok).toBe(true);
		expect(s.requests).toEqual([
			{kind: 'pin', target: 'POP', retry: false, pinState: 'ok'},
			// SoftHSM sets CKF_USER_PIN_COUNT_LOW after a wrong PIN (reset by the good one).
			{kind: 'pin', target: 'POP', retry: true, pinState: 'count-low'},
		]);
	});

	it('stops with PIN_INCORRECT after the allowed prompts, and honours cancel', async () => {
		const s = secrets('0000', '0001', '0002');
		await expect(proveKeyPossession(entry('rsa'), {secret: s.provider, sign: true, env: hsm.env})).rejects.toSatisfy(
			(e: unknown) => e instanceof SourceError && e.code === 'PIN_INCORRECT',
		);
		expect(s.requests).toHaveLength(3);
		const cancelled = await proveKeyPossession(entry('rsa'), {secret: secrets(null).provider, sign: true, env: hsm.env});
		expect(cancelled).toMatchObject({level: 'public-key-match', ok: true, detailKey: 'token.pop.cancelled'});
	});
});
