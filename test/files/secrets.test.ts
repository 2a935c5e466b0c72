import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readCertificateFile} from '../../source/sources/files/read.js';
import {chainSecrets, envOrFileSecret} from '../../source/sources/files/secrets.js';
import {SourceError, type SecretProvider, type SecretRequest} from '../../source/sources/types.js';
import {removeDir} from '../helpers/openssl.js';
import {ASCII_PASSWORD, PASSWORD, buildFixtures, type Fixtures} from './fixtures.js';

let f: Fixtures;
let dir: string;
beforeAll(async () => {
	f = await buildFixtures();
	dir = await mkdtemp(join(tmpdir(), 'ote-cert-secrets-'));
});
afterAll(async () => {
	await removeDir(f.dir);
	await rm(dir, {recursive: true, force: true});
});

const ask = (retry = false): SecretRequest => ({kind: 'password', target: 'a.p12', retry});

async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(SourceError);
		return (error as SourceError).code;
	}
	return 'resolved';
}

describe('envOrFileSecret', () => {
	it('answers from OTE_CERT_PASSWORD, and refuses to loop on a retry', async () => {
		const secret = envOrFileSecret({env: {OTE_CERT_PASSWORD: 'abc'}});
		expect(await secret(ask())).toBe('abc');
		expect(await codeOf(secret(ask(true)))).toBe('WRONG_PASSWORD');
	});

	it('reads the first line of --password-file (LF, CRLF, BOM, no newline) and prefers it over the environment', async () => {
		const cases: Array<[string, string]> = [
			['heslo\nsecond line\n', 'heslo'],
			['heslo\r\n', 'heslo'],
			['\ufeffžluťoučký kůň\n', 'žluťoučký kůň'],
			['  spaces kept  ', '  spaces kept  '],
			['\n', ''],
		];
		for (const [content, expected] of cases) {
			const path = join(dir, 'password.txt');
			await writeFile(path, content);
			expect(await envOrFileSecret({env: {OTE_CERT_PASSWORD: 'env'}, passwordFile: path})(ask())).toBe(expected);
		}
	});

	it('without a password source it throws PASSWORD_REQUIRED; pins are not its business', async () => {
		expect(await codeOf(envOrFileSecret({env: {}})(ask()))).toBe('PASSWORD_REQUIRED');
		expect(await codeOf(envOrFileSecret({env: {OTE_CERT_PASSWORD: ''}})(ask()))).toBe('PASSWORD_REQUIRED');
		expect(await codeOf(envOrFileSecret({env: {OTE_CERT_PASSWORD: 'x'}})({kind: 'pin', target: 't', retry: false}))).toBe('PASSWORD_REQUIRED');
	});

	it('a missing or unreadable password file is NOT_READABLE', async () => {
		expect(await codeOf(envOrFileSecret({env: {}, passwordFile: join(dir, 'none')})(ask()))).toBe('NOT_READABLE');
		expect(await codeOf(envOrFileSecret({env: {}, passwordFile: dir})(ask()))).toBe('NOT_READABLE');
	});

	it('drives readCertificateFile end to end: right password opens modern and legacy files, wrong ends with WRONG_PASSWORD', async () => {
		for (const name of ['modern.p12', 'legacy.pfx']) {
			const ok = await readCertificateFile(f.files[name]!, {secret: envOrFileSecret({env: {OTE_CERT_PASSWORD: ASCII_PASSWORD}})});
			expect(ok[0]!.keyMatches).toBe(true);
			const wrong = readCertificateFile(f.files[name]!, {secret: envOrFileSecret({env: {OTE_CERT_PASSWORD: 'nope'}})});
			expect(await codeOf(wrong)).toBe('WRONG_PASSWORD');
		}
		const file = join(dir, 'cz.txt');
		await writeFile(file, `${PASSWORD}\n`);
		const cz = await readCertificateFile(f.files['modern-cz.p12']!, {secret: envOrFileSecret({env: {}, passwordFile: file})});
		expect(cz[0]!.keyMatches).toBe(true);
	});
});

describe('chainSecrets', () => {
	it('falls through PASSWORD_REQUIRED to the next provider, keeps cancel and other errors', async () => {
		const seen: SecretRequest[] = [];
		const prompt: SecretProvider = async (request) => {
			seen.push(request);
			return request.retry ? null : 'typed';
		};
		const chain = chainSecrets(envOrFileSecret({env: {}}), prompt);
		expect(await chain(ask())).toBe('typed');
		expect(await chain(ask(true))).toBeNull();
		expect(seen.map((r) => r.retry)).toEqual([false, true]);

		const envFirst = chainSecrets(envOrFileSecret({env: {OTE_CERT_PASSWORD: 'env'}}), prompt);
		expect(await envFirst(ask())).toBe('env');
		expect(await codeOf(envFirst(ask(true)))).toBe('WRONG_PASSWORD');

		expect(await codeOf(chainSecrets(envOrFileSecret({env: {}}))(ask()))).toBe('PASSWORD_REQUIRED');
		expect(await codeOf(chainSecrets()(ask()))).toBe('PASSWORD_REQUIRED');
	});

	it('with no password anywhere, a protected file fails with PASSWORD_REQUIRED naming the file', async () => {
		try {
			await readCertificateFile(f.files['modern.p12']!, {secret: chainSecrets(envOrFileSecret({env: {}}))});
			throw new Error('should fail');
		} catch (error) {
			expect((error as SourceError).code).toBe('PASSWORD_REQUIRED');
			expect((error as SourceError).message).toContain('modern.p12');
		}
	});
});

describe('permission denied (as an unprivileged user, since root reads everything)', () => {
	it('is NOT_READABLE', async () => {
		if (process.getuid?.() !== 0) {
			// Not root: file modes already apply to this process.
			const locked = join(dir, 'locked-here.pem');
			await writeFile(locked, f.leaf.certPem);
			await chmod(locked, 0o000);
			expect(await codeOf(readCertificateFile(locked, {secret: async () => null}))).toBe('NOT_READABLE');
			return;
		}
		// Bundle the reader and run it as "nobody"; root bypasses file modes, so the check must drop privileges.
		const {build} = await import('esbuild');
		const script = join(dir, 'probe.mjs');
		await build({
			stdin: {
				contents: `import {readCertificateFile} from ${JSON.stringify(join(process.cwd(), 'source/sources/files/read.ts'))};
readCertificateFile(process.argv[2], {secret: async () => null}).then(() => console.log('READ'), (e) => console.log(e.code + ' ' + e.params.messageKey));`,
				resolveDir: process.cwd(),
				loader: 'ts',
			},
			bundle: true,
			platform: 'node',
			format: 'esm',
			outfile: script,
			banner: {js: "import {createRequire} from 'node:module'; const require = createRequire(import.meta.url);"},
			logLevel: 'silent',
		});
		const secretFile = join(dir, 'locked.pem');
		await writeFile(secretFile, f.leaf.certPem);
		await chmod(secretFile, 0o600);
		await chmod(dir, 0o755);
		await chmod(script, 0o644);
		const {execFileSync} = await import('node:child_process');
		const run = (path: string) => execFileSync(process.execPath, [script, path], {uid: 65534, gid: 65534, encoding: 'utf8'}).trim();
		expect(run(secretFile)).toBe('NOT_READABLE files.permissionDenied');
		await chmod(secretFile, 0o644);
		expect(run(secretFile)).toBe('READ');
	});
});
