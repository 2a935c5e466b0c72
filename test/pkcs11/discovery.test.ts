// Discovery and reading by URI against real SoftHSM2 tokens, driven through the worker child.
import {execFileSync} from 'node:child_process';
import {copyFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {discoverPkcs11, loadPkcs11Uri, probeRounds, sha256, type ModuleCandidate} from '../../source/sources/pkcs11/discovery.js';
import {parsePkcs11Uri} from '../../source/sources/pkcs11/uri.js';
import {parseCertificate} from '../../source/certificate/parse.js';
import {tokenSourcesJson, tokenSourcesText} from '../../source/sources/pkcs11/report.js';
import {SourceError} from '../../source/sources/types.js';
import {makeSoftHsm, requireTool, type SoftHsm} from '../helpers/softhsm.js';
import {makeCert, type TestCert} from './fixtures.js';

let hsm: SoftHsm;
let alice: TestCert;
let aliceEc: TestCert;
let bob: TestCert;
let shared: TestCert;

beforeAll(() => {
	hsm = makeSoftHsm();
	alice = makeCert('Alice Nováková');
	aliceEc = makeCert('Alice EC', 'ec');
	bob = makeCert('Bob');
	shared = makeCert('Shared');
	hsm.initToken('CSOTE-A', '1111');
	hsm.importCert('CSOTE-A', '1111', alice.certDer, '01', 'Alice RSA');
	hsm.importKey('CSOTE-A', '1111', alice.keyPkcs8Der, '01', 'Alice RSA key');
	hsm.importCert('CSOTE-A', '1111', aliceEc.certDer, '02', 'Alice EC');
	hsm.importCert('CSOTE-A', '1111', shared.certDer, '09', 'Shared');
	hsm.initToken('CSOTE-B', '2222');
	hsm.importCert('CSOTE-B', '2222', bob.certDer, 'a1b2', 'Bob; cert/with?odd=chars');
	hsm.importCert('CSOTE-B', '2222', shared.certDer, '09', 'Shared');
	// An empty (initialised, no objects) token next to them.
	hsm.initToken('EMPTY', '3333');
});
afterAll(() => hsm?.cleanup());

describe('discoverPkcs11 on SoftHSM', () => {
	it('lists every slot, token and certificate with URIs, readable without a PIN', async () => {
		const found = await discoverPkcs11({env: hsm.env, modulePaths: [hsm.modulePath], onlyExplicit: true});
		expect(found.modules).toHaveLength(1);
		expect(found.modules[0]).toMatchObject({status: 'ok', source: 'flag'});
		expect(found.modules[0]!.info?.manufacturer).toBe('SoftHSM');
		const ready = found.tokens
			.filter((t) => t.state === 'ready')
			.map((t) => t.label)
			.sort();
		expect(ready).toEqual(['CSOTE-A', 'CSOTE-B', 'EMPTY']);
		// SoftHSM always adds one free, uninitialised slot.
		expect(found.tokens.filter((t) => t.state === 'uninitialized')).toHaveLength(1);
		const a = found.tokens.find((t) => t.label === 'CSOTE-A')!;
		expect(a).toMatchObject({manufacturer: 'SoftHSM project', model: 'SoftHSM v2', certificateCount: 3});
		expect(a.serial).toMatch(/^[0-9a-f]+$/);
		expect(a.flags?.initialized).toBe(true);
		expect(parsePkcs11Uri(a.uri)).toMatchObject({token: 'CSOTE-A', serial: a.serial, modulePath: hsm.modulePath});
		expect(found.tokens.find((t) => t.label === 'EMPTY')!.certificateCount).toBe(0);
		// Four distinct certificates; the shared one is listed once with both places.
		expect(found.certificates).toHaveLength(4);
		const sharedEntry = found.certificates.find((c) => c.sha256 === sha256(shared.certDer))!;
		expect(sharedEntry.seenAt.map((o) => (o.kind === 'pkcs11' ? o.tokenLabel : '')).sort()).toEqual(['CSOTE-A', 'CSOTE-B']);
		const bobEntry = found.certificates.find((c) => c.sha256 === sha256(bob.certDer))!;
		expect(bobEntry.origin).toMatchObject({kind: 'pkcs11', tokenLabel: 'CSOTE-B', objectLabel: 'Bob; cert/with?odd=chars', objectId: 'a1b2'});
		expect(Buffer.from(bobEntry.der)).toEqual(Buffer.from(bob.certDer));
		// Companions are the other certificates on the same token (chain building).
		expect(bobEntry.companions.map((c) => sha256(c))).toEqual([sha256(shared.certDer)]);
		expect(found.sshHint).toBeNull();
	});

	it('loads a module once per real path and dedupes a certificate seen through two modules', async () => {
		const link = path.join(hsm.dir, 'link-to-softhsm.so');
		symlinkSync(hsm.modulePath, link);
		// A copy is a second module (another real path) reading the same token store.
		const copy = path.join(hsm.dir, 'copy-of-softhsm.so');
		copyFileSync(hsm.modulePath, copy);
		const found = await discoverPkcs11({env: hsm.env, modulePaths: [hsm.modulePath, link, copy], onlyExplicit: true});
		expect(found.modules.map((m) => m.path)).toEqual([hsm.modulePath, copy]);
		expect(found.certificates).toHaveLength(4);
		const aliceEntry = found.certificates.find((c) => c.sha256 === sha256(alice.certDer))!;
		expect(aliceEntry.seenAt.map((o) => (o.kind === 'pkcs11' ? o.modulePath : ''))).toEqual([hsm.modulePath, copy]);
	});

	it('reports a missing module and a non-PKCS#11 library without losing the good one', async () => {
		const notPkcs11 = path.join(hsm.dir, 'libnot-pkcs11.so');
		requireTool('gcc', 'gcc');
		writeFileSync(path.join(hsm.dir, 'not.c'), 'int hello(void) { return 42; }\n');
		execFileSync('gcc', ['-shared', '-fPIC', '-o', notPkcs11, path.join(hsm.dir, 'not.c')]);
		const found = await discoverPkcs11({env: hsm.env, modulePaths: [path.join(hsm.dir, 'missing.so'), notPkcs11, hsm.modulePath], onlyExplicit: true});
		expect(found.modules.map((m) => [m.status, m.code])).toEqual([
			['error', 'NOT_FOUND'],
			['error', 'MODULE_LOAD_FAILED'],
			['ok', null],
		]);
		expect(found.modules[1]!.message).toContain('C_GetFunctionList');
		expect(found.certificates).toHaveLength(4);
	});

	it('gives the SSH advice when over SSH and no token is visible', async () => {
		const env = {...hsm.env, SSH_CONNECTION: '10.0.0.5 50000 10.0.0.9 22', USER: 'jana', XDG_RUNTIME_DIR: '/run/user/1234'};
		const none = await discoverPkcs11({env, modulePaths: [], onlyExplicit: true});
		expect(none.sshHint).toMatchObject({host: '10.0.0.9', user: 'jana', socketPath: '/run/user/1234/p11-kit/pkcs11'});
		const some = await discoverPkcs11({env, modulePaths: [hsm.modulePath], onlyExplicit: true});
		expect(some.sshHint).toBeNull();
	});
});

describe('sources listing', () => {
	it('names every token and certificate with the URI to use, in JSON and text', async () => {
		const found = await discoverPkcs11({env: hsm.env, modulePaths: [hsm.modulePath], onlyExplicit: true});
		const json = tokenSourcesJson(found, null, 'en');
		expect(JSON.parse(JSON.stringify(json))).toEqual(json);
		expect(json.tokens.map((t) => t.state).sort()).toEqual(['ready', 'ready', 'ready', 'uninitialized']);
		expect(json.certificates).toHaveLength(4);
		for (const c of json.certificates) expect(c.use).toMatch(/^pkcs11:.*type=cert\?module-path=/);
		const alice = json.certificates.find((c) => c.subject.includes('Alice Nováková'));
		// The same DN form as inspect and the wizard (the core parser), not OpenSSL's own.
		const entry = found.certificates.find((c) => c.sha256 === alice?.sha256);
		expect(alice?.subject).toBe(entry && parseCertificate(entry.der).subject);
		expect(alice?.subject).toBe('CN=Alice Nováková');
		const text = tokenSourcesText(found, null, 'cs');
		expect(text).toContain('CSOTE-A');
		expect(text).toContain('3 certifikáty');
		expect(text).toContain('neinicializovaný token');
		expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
	});
});

describe('loadPkcs11Uri on SoftHSM', () => {
	it('reads exactly the certificate a discovered URI names', async () => {
		const found = await discoverPkcs11({env: hsm.env, modulePaths: [hsm.modulePath], onlyExplicit: true});
		for (const cert of found.certificates) {
			if (cert.origin.kind !== 'pkcs11') throw new Error('expected pkcs11');
			const loaded = await loadPkcs11Uri(cert.origin.uri, {env: hsm.env});
			expect(loaded.map((e) => sha256(e.der))).toEqual([cert.sha256]);
		}
	});

	it('selects by token and object label, and by id', async () => {
		const m = encodeURIComponent(hsm.modulePath).replace(/%2F/g, '/');
		const byLabel = await loadPkcs11Uri(`pkcs11:token=CSOTE-A;object=Alice%20EC;type=cert?module-path=${m}`, {env: hsm.env});
		expect(byLabel.map((e) => sha256(e.der))).toEqual([sha256(aliceEc.certDer)]);
		const byId = await loadPkcs11Uri(`pkcs11:token=CSOTE-B;id=%a1%b2?module-path=${m}`, {env: hsm.env});
		expect(byId.map((e) => sha256(e.der))).toEqual([sha256(bob.certDer)]);
		const wholeToken = await loadPkcs11Uri(`pkcs11:token=CSOTE-A?module-path=${m}`, {env: hsm.env});
		expect(wholeToken).toHaveLength(3);
	});

	it('finds the token through OTE_CERT_PKCS11_MODULE when the URI has no module-path', async () => {
		const loaded = await loadPkcs11Uri('pkcs11:token=CSOTE-B;object=Shared', {env: {...hsm.env, OTE_CERT_PKCS11_MODULE: hsm.modulePath}});
		expect(loaded.map((e) => sha256(e.der))).toEqual([sha256(shared.certDer)]);
	});

	it('says which part is wrong: no token, no object, bad URI, PIN in URI', async () => {
		const m = hsm.modulePath;
		const code = async (uri: string) => {
			try {
				await loadPkcs11Uri(uri, {env: hsm.env});
				return 'resolved';
			} catch (e) {
				return e instanceof SourceError ? e.code : String(e);
			}
		};
		expect(await code(`pkcs11:token=NO-SUCH-TOKEN?module-path=${m}`)).toBe('TOKEN_NOT_PRESENT');
		expect(await code(`pkcs11:token=CSOTE-A;object=nothing?module-path=${m}`)).toBe('NO_CERTIFICATE');
		expect(await code(`pkcs11:token=CSOTE-A;type=private?module-path=${m}`)).toBe('BAD_URI');
		expect(await code(`pkcs11:token=CSOTE-A?module-path=${m}&pin-value=1111`)).toBe('BAD_URI');
		expect(await code(`pkcs11:token=CSOTE-A?module-path=/nonexistent/module.so`)).toBe('NOT_FOUND');
	});
});

describe('which modules a URI without module-path asks', () => {
	const c = (p: string, source: ModuleCandidate['source']): ModuleCandidate => ({path: p, realPath: p, source, product: null});
	it('asks the named modules first and the discovered ones only after', () => {
		const flag = c('/m/flag.so', 'flag');
		const env = c('/m/env.so', 'env');
		const remote = c('/m/p11-kit-client.so', 'p11-kit-remote');
		const known = c('/m/vendor.so', 'known');
		const kit = c('/m/opensc.so', 'p11-kit');
		expect(probeRounds([flag, known, env, kit, remote])).toEqual([
			[flag, env, remote],
			[known, kit],
		]);
		expect(probeRounds([known, kit])).toEqual([[known, kit]]);
		expect(probeRounds([flag])).toEqual([[flag]]);
		expect(probeRounds([])).toEqual([]);
	});

	it('asks every named module, and one that fails does not hide the others', async () => {
		// --module names a file that does not exist; SoftHSM, named through OTE_CERT_PKCS11_MODULE, is in the
		// same round and holds the token.
		const loaded = await loadPkcs11Uri('pkcs11:token=CSOTE-A;object=Alice%20EC', {
			env: {...hsm.env, OTE_CERT_PKCS11_MODULE: hsm.modulePath},
			modulePaths: ['/nonexistent/first.so'],
		});
		expect(loaded.map((e) => sha256(e.der))).toEqual([sha256(aliceEc.certDer)]);
	});
});
