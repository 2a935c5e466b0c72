// Modules that crash, hang or report a pulled-out token become clear errors; the rest still works.
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {toSourceError} from '../../source/sources/pkcs11/client.js';
import {discoverPkcs11, loadPkcs11Uri} from '../../source/sources/pkcs11/discovery.js';
import {SourceError} from '../../source/sources/types.js';
import {MAX_CERTIFICATES_PER_TOKEN} from '../../source/sources/pkcs11/protocol.js';
import {makeSoftHsm, requireTool, type SoftHsm} from '../helpers/softhsm.js';
import {makeCert} from './fixtures.js';
import {subjectNameOf} from '../helpers/pki.js';
import {CLI, cleanEnv, requireBuild, runCli} from '../cli/helpers.js';

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

// A module that writes where it should not: to stdout (300 MB, or a line that looks like the worker's
// answer), to stderr, or into the worker's answer channel itself; one that reports the worker's
// environment; one that hangs after leaving a mark, so the test can kill the worker's parent.
const NOISY_MODULE = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <p11-kit/pkcs11.h>
static CK_FUNCTION_LIST fl;
static const char *mode(void) { const char *m = getenv("NOISY_MODE"); return m ? m : ""; }
static CK_RV init(void *a) { (void)a; return CKR_OK; }
static CK_RV fin(void *a) { (void)a; return CKR_OK; }
static CK_RV info(CK_INFO *i) { memset(i, ' ', sizeof *i); i->cryptokiVersion.major = 2; i->cryptokiVersion.minor = 40; i->flags = 0; return CKR_OK; }
static CK_RV slots(CK_BBOOL present, CK_SLOT_ID *list, CK_ULONG *count) { (void)present; (void)list; *count = 0; return CKR_OK; }
static void flood(int fd, long total, int newline) {
	static char chunk[1 << 20];
	memset(chunk, 'x', sizeof chunk);
	if (newline) chunk[sizeof chunk - 1] = '\n';
	for (long done = 0; done < total; done += sizeof chunk) if (write(fd, chunk, sizeof chunk) < 0) return;
}
static void say(int fd, const char *text) { if (write(fd, text, strlen(text)) < 0) return; }
CK_RV C_GetFunctionList(CK_FUNCTION_LIST **p) {
	const char *m = mode();
	if (!strcmp(m, "stdout-flood")) flood(1, 300L << 20, 1);
	if (!strcmp(m, "stderr-flood")) flood(2, 300L << 20, 1);
	if (!strcmp(m, "fake-answer")) { say(1, "{\"id\":1,\"ok\":true,\"result\":{\"module\":7}}\n"); say(1, "{\"id\":1,\"ok\":false}\n"); }
	if (!strcmp(m, "channel-garbage")) say(3, "this is no answer\n");
	if (!strcmp(m, "channel-fake")) say(3, "{\"id\":1,\"ok\":true,\"result\":{\"module\":7}}\n");
	if (!strcmp(m, "channel-flood")) flood(3, 64L << 20, 0);
	if (!strcmp(m, "env")) {
		int fd = open(getenv("NOISY_MARK"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		say(fd, getenv("OTE_CERT_PASSWORD") ? "password " : "no-password ");
		say(fd, getenv("OTE_CERT_PIN") ? "pin" : "no-pin");
		close(fd);
	}
	if (!strcmp(m, "hang-marked")) {
		int fd = open(getenv("NOISY_MARK"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		close(fd);
		for (;;) sleep(1);
	}
	memset(&fl, 0, sizeof fl);
	fl.version.major = 2; fl.version.minor = 40;
	fl.C_Initialize = init; fl.C_Finalize = fin; fl.C_GetInfo = info; fl.C_GetSlotList = slots;
	*p = &fl; return CKR_OK;
}
`;

describe('a module that writes where it should not', () => {
	let noisy: string;
	beforeAll(() => {
		const source = path.join(hsm.dir, 'noisy-module.c');
		writeFileSync(source, NOISY_MODULE);
		noisy = path.join(hsm.dir, 'libnoisy-pkcs11.so');
		execFileSync('gcc', ['-shared', '-fPIC', '-I/usr/include/p11-kit-1', '-o', noisy, source]);
	});

	async function discover(mode: string, extraEnv: NodeJS.ProcessEnv = {}) {
		const found = await discoverPkcs11({env: {...hsm.env, NOISY_MODE: mode, ...extraEnv}, modulePaths: [noisy, hsm.modulePath], onlyExplicit: true});
		return {noisy: found.modules[0]!, good: found.modules[1]!, certificates: found.certificates.length};
	}

	it('300 MB on stdout or stderr, or a fake answer line on stdout, change nothing: the module works, the good one lists', async () => {
		for (const mode of ['stdout-flood', 'stderr-flood', 'fake-answer']) {
			const r = await discover(mode);
			expect(r.noisy, mode).toMatchObject({status: 'ok'});
			expect(r.good.status).toBe('ok');
			expect(r.certificates).toBe(1);
		}
	}, 120_000);

	it("anything in the worker's answer channel that is not an answer (garbage, a fake, 64 MB without end) is a module fault naming the module", async () => {
		for (const mode of ['channel-garbage', 'channel-fake', 'channel-flood']) {
			const r = await discover(mode);
			expect(r.noisy, mode).toMatchObject({status: 'error', code: 'MODULE_CRASHED'});
			expect(r.noisy.message).toContain(noisy);
			expect(r.noisy.message).toContain('broke');
			expect(r.good.status).toBe('ok');
			const uri = loadPkcs11Uri(`pkcs11:token=X?module-path=${noisy}`, {env: {...hsm.env, NOISY_MODE: mode}});
			await expect(uri).rejects.toSatisfy((e: unknown) => e instanceof SourceError && e.code === 'MODULE_CRASHED' && e.params['reason'] === 'protocol');
		}
	}, 120_000);

	it('the command line ends such a fault with exit 3 and the module named, no stack trace', async () => {
		requireBuild();
		const result = await runCli(['inspect', '--source', `pkcs11:token=X?module-path=${noisy}`], {
			env: cleanEnv({...hsm.env, NOISY_MODE: 'channel-fake', OTE_CERT_CONFIG_DIR: path.join(hsm.dir, 'cfg')}),
			cwd: hsm.dir,
		});
		expect(result.code, result.stderr).toBe(3);
		expect(result.stderr).toContain(noisy);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	}, 60_000);

	it("neither OTE_CERT_PASSWORD nor OTE_CERT_PIN is in the worker's environment", async () => {
		const mark = path.join(hsm.dir, 'env-mark');
		await discover('env', {NOISY_MARK: mark, OTE_CERT_PASSWORD: 'heslo', OTE_CERT_PIN: '1111'});
		expect(readFileSync(mark, 'utf8')).toBe('no-password no-pin');
	}, 60_000);

	it('the worker dies with its parent, even inside a hung module call', async () => {
		requireBuild();
		const mark = path.join(hsm.dir, 'hang-mark');
		const parent = spawn(process.execPath, [CLI, 'sources', '--module', noisy, '--json'], {
			env: cleanEnv({...hsm.env, NOISY_MODE: 'hang-marked', NOISY_MARK: mark, OTE_CERT_CONFIG_DIR: path.join(hsm.dir, 'cfg')}),
			stdio: 'ignore',
		});
		const worker = await poll(
			() => childrenOf(parent.pid!).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pkcs11-worker')),
			'the worker',
		);
		await poll(() => existsSync(mark) || undefined, 'the module to hang');
		parent.kill('SIGKILL');
		await poll(() => !existsSync(`/proc/${worker}`) || isZombie(worker) || undefined, 'the orphaned worker to end');
	}, 60_000);

	it('a command naming a token uses the one worker started before the bundle loaded, and it too dies with its parent inside a hung call', async () => {
		requireBuild();
		const mark = path.join(hsm.dir, 'early-hang-mark');
		const parent = spawn(process.execPath, [CLI, 'inspect', '--json', `pkcs11:token=X?module-path=${noisy}`], {
			env: cleanEnv({...hsm.env, NOISY_MODE: 'hang-marked', NOISY_MARK: mark, OTE_CERT_CONFIG_DIR: path.join(hsm.dir, 'cfg')}),
			stdio: 'ignore',
		});
		await poll(() => existsSync(mark) || undefined, 'the module to hang');
		// The worker started early was the one asked: no second one was spawned for the probe.
		const workers = childrenOf(parent.pid!).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pkcs11-worker'));
		expect(workers).toHaveLength(1);
		parent.kill('SIGKILL');
		await poll(() => !existsSync(`/proc/${workers[0]}`) || isZombie(workers[0]!) || undefined, 'the orphaned worker to end');
	}, 60_000);

	it('a command naming a token that ends before reading it exits at once and leaves no worker behind', async () => {
		requireBuild();
		const marker = `OTE_BENCH_EARLY_${process.pid}_${Date.now()}`;
		const result = await runCli(['inspect', '--no-such-option', 'pkcs11:token=X'], {
			env: cleanEnv({...hsm.env, [marker]: '1', OTE_CERT_CONFIG_DIR: path.join(hsm.dir, 'cfg')}),
			cwd: hsm.dir,
		});
		expect(result.code, result.stderr).toBe(2);
		await poll(() => workersWithEnv(marker).length === 0 || undefined, 'the unused worker to end');
	}, 60_000);
});

function childrenOf(pid: number): number[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((name) => {
			try {
				return (
					readFileSync(`/proc/${name}/stat`, 'utf8')
						.replace(/^.*\) /, '')
						.split(' ')[1] === String(pid)
				);
			} catch {
				return false;
			}
		})
		.map(Number);
}

/** Live PKCS#11 workers whose environment holds the variable `name`. */
function workersWithEnv(name: string): number[] {
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) => {
			try {
				return (
					readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('pkcs11-worker') &&
					readFileSync(`/proc/${entry}/environ`, 'utf8')
						.split('\0')
						.some((kv) => kv.startsWith(`${name}=`)) &&
					!isZombie(Number(entry))
				);
			} catch {
				return false;
			}
		})
		.map(Number);
}

function isZombie(pid: number): boolean {
	try {
		return readFileSync(`/proc/${pid}/stat`, 'utf8')
			.replace(/^.*\) /, '')
			.startsWith('Z');
	} catch {
		return true;
	}
}

async function poll<T>(check: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('certificates per token', () => {
	it(`a token offering more than ${MAX_CERTIFICATES_PER_TOKEN} certificates is refused, naming the limit`, () => {
		const many = makeSoftHsm();
		try {
			many.initToken('MANY', '1111');
			const cert = makeCert('Jeden z mnoha').certDer;
			const der = Buffer.from(cert).toString('base64');
			const subject = Buffer.from(subjectNameOf(new Uint8Array(cert))).toString('base64');
			// pkcs11-tool takes a second per object; pkcs11js in one session takes seconds for all of them.
			const pkcs11js = path.resolve(import.meta.dirname, '../../node_modules/pkcs11js');
			const script = `
				const p = require(${JSON.stringify(pkcs11js)});
				const lib = new p.PKCS11();
				lib.load(${JSON.stringify(many.modulePath)});
				lib.C_Initialize();
				const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === 'MANY');
				const session = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
				lib.C_Login(session, p.CKU_USER, '1111');
				const value = Buffer.from(${JSON.stringify(der)}, 'base64');
				for (let i = 0; i <= ${MAX_CERTIFICATES_PER_TOKEN}; i++) {
					lib.C_CreateObject(session, [
						{type: p.CKA_CLASS, value: p.CKO_CERTIFICATE},
						{type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509},
						{type: p.CKA_TOKEN, value: true},
						{type: p.CKA_LABEL, value: 'c' + i},
						{type: p.CKA_ID, value: Buffer.from([i >> 8, i & 255])},
						{type: p.CKA_SUBJECT, value: Buffer.from(${JSON.stringify(subject)}, 'base64')},
						{type: p.CKA_VALUE, value},
					]);
				}
				lib.C_Finalize();`;
			execFileSync(process.execPath, ['-e', script], {env: many.env, stdio: ['ignore', 'pipe', 'inherit']});
			return (async () => {
				const found = await discoverPkcs11({env: many.env, modulePaths: [many.modulePath], onlyExplicit: true});
				const token = found.tokens.find((t) => t.label === 'MANY')!;
				expect(token.state).toBe('error');
				expect(token.error).toContain(`more than ${MAX_CERTIFICATES_PER_TOKEN} certificates`);
				expect(found.certificates).toHaveLength(0);
			})().finally(() => many.cleanup());
		} catch (error) {
			many.cleanup();
			throw error;
		}
	}, 120_000);
});
