// Modules that crash, hang or report a pulled-out token become clear errors; the rest still works.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {toSourceError} from '../../source/sources/pkcs11/client.js';
import {discoverPkcs11, loadPkcs11Uri} from '../../source/sources/pkcs11/discovery.js';
import {SourceError} from '../../source/sources/types.js';
import {makeSoftHsm, requireTool, type SoftHsm} from '../helpers/softhsm.js';
import {makeCert} from './fixtures.js';

let hsm: SoftHsm;
let fake: string;

beforeAll(() => {
	requireTool('gcc', 'gcc');
	hsm = makeSoftHsm();
	hsm.initToken('GOOD', '1111');
	hsm.importCert('GOOD', '1111', makeCert('Survivor').certDer, '01', 'survivor');
	fake = path.join(hsm.dir, 'libfake-pkcs11.so');
	execFileSync('gcc', ['-shared', '-fPIC', '-I/usr/include/p11-kit-1', '-o', fake, path.join(import.meta.dirname, 'fake-module.c')]);
});
afterAll(() => hsm?.cleanup());

async function status(mode: string, timeoutMs = 15_000) {
	const found = await discoverPkcs11({env: {...hsm.env, FAKE_P11_MODE: mode}, modulePaths: [fake, hsm.modulePath], onlyExplicit: true, timeoutMs});
	return {fake: found.modules[0]!, good: found.modules[1]!, certificates: found.certificates.length};
}

describe('misbehaving modules', () => {
	it('a module that segfaults or aborts is MODULE_CRASHED, and the good module still lists', async () => {
		for (const mode of ['crash', 'crash-later']) {
			const r = await status(mode);
			expect(r.fake).toMatchObject({status: 'error', code: 'MODULE_CRASHED'});
			expect(r.fake.message).toContain(fake);
			expect(r.good.status).toBe('ok');
			expect(r.certificates).toBe(1);
		}
	});

	it('a module that hangs is MODULE_TIMEOUT after the time limit', async () => {
		for (const mode of ['hang', 'hang-later']) {
			const r = await status(mode, 1500);
			expect(r.fake).toMatchObject({status: 'error', code: 'MODULE_TIMEOUT'});
			expect(r.good.status).toBe('ok');
		}
	});

	it('CKR_DEVICE_REMOVED becomes TOKEN_REMOVED', async () => {
		expect((await status('removed')).fake).toMatchObject({status: 'error', code: 'TOKEN_REMOVED'});
		await expect(loadPkcs11Uri(`pkcs11:token=X?module-path=${fake}`, {env: {...hsm.env, FAKE_P11_MODE: 'crash'}})).rejects.toSatisfy(
			(e: unknown) => e instanceof SourceError && e.code === 'MODULE_CRASHED',
		);
	});

	it('maps PKCS#11 return values to source error codes', () => {
		const map = (code: string) => toSourceError({code, ckr: null, method: null, message: code}, '/m.so').code;
		expect(map('CKR_TOKEN_NOT_PRESENT')).toBe('TOKEN_NOT_PRESENT');
		expect(map('CKR_DEVICE_REMOVED')).toBe('TOKEN_REMOVED');
		expect(map('CKR_SESSION_HANDLE_INVALID')).toBe('TOKEN_REMOVED');
		expect(map('CKR_PIN_LOCKED')).toBe('PIN_LOCKED');
		expect(map('LOAD')).toBe('MODULE_LOAD_FAILED');
		expect(map('CKR_GENERAL_ERROR')).toBe('PKCS11_ERROR');
	});
});
