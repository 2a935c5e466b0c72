// What the single executable carries and writes out (OTE_CERT_SMOKE_EXE runs): pkcs11js's native
// module goes to a private file that is checked before every load, and the bundle's code cache
// comes from inside the executable on a first start, then from the person's cache.
import {createHash} from 'node:crypto';
import {chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanEnv} from '../../cli/helpers.js';
import {makeSoftHsm, type SoftHsm} from '../../helpers/softhsm.js';
import {Terminal} from '../../helpers/tmux.js';
import {ote, runtime} from '../runtime.js';

const root = path.resolve(import.meta.dirname, '../../..');
const compiled = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('pkcs11js')), 'build', 'Release', 'pkcs11.node');
const digest = createHash('sha256').update(readFileSync(compiled)).digest('hex');

let hsm: SoftHsm;
beforeAll(() => {
	hsm = makeSoftHsm();
	hsm.initToken('Carried', '1234');
});
afterAll(() => hsm?.cleanup());
let term: Terminal | undefined;
afterEach(async () => {
	await term?.close();
	term = undefined;
});

/** A person with their own home (and so their own cache folder) who lists tokens once. */
async function listTokens(home: string, extra: NodeJS.ProcessEnv = {}) {
	const env = cleanEnv({...hsm.env, HOME: home, OTE_CERT_CONFIG_DIR: path.join(home, 'cfg'), ...extra});
	const r = await ote(['sources', '--json', '--module', hsm.modulePath], {env, cwd: home});
	expect(r.code, r.stderr).toBe(0);
	const token = JSON.parse(r.stdout).tokens.find((t: {label: string}) => t.label === 'Carried');
	expect(token).toMatchObject({state: 'ready'});
}

const cacheOf = (home: string) => path.join(home, '.cache', 'ote-cert');
const addonIn = (dir: string) => readdirSync(dir).filter((n) => /^pkcs11-[0-9a-f]{16}\.node$/.test(n));

describe("pkcs11js's native module", () => {
	it('is written once to a file only its owner can read, in a folder only its owner can enter, named by its hash', async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'addon-'));
		await listTokens(home);
		const [name] = addonIn(cacheOf(home));
		expect(name).toBe(`pkcs11-${digest.slice(0, 16)}.node`);
		const file = path.join(cacheOf(home), name!);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(cacheOf(home)).mode & 0o777).toBe(0o700);
		expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(digest);
	});

	it('a changed file is replaced, not loaded', async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'addon-'));
		await listTokens(home);
		const file = path.join(cacheOf(home), `pkcs11-${digest.slice(0, 16)}.node`);
		writeFileSync(file, 'someone else’s code');
		await listTokens(home);
		expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(digest);
	});

	it('a symlink put in its place is not followed', async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'addon-'));
		await listTokens(home);
		const file = path.join(cacheOf(home), `pkcs11-${digest.slice(0, 16)}.node`);
		const elsewhere = path.join(home, 'elsewhere.node');
		writeFileSync(elsewhere, readFileSync(compiled));
		rmSync(file);
		symlinkSync(elsewhere, file);
		await listTokens(home);
		// The link itself was replaced by a file of our own.
		expect(lstatSync(file).isSymbolicLink()).toBe(false);
		expect(lstatSync(file).isFile()).toBe(true);
		expect(statSync(file).ino).not.toBe(statSync(elsewhere).ino);
	});

	it('a cache folder others can write is not used: a private temporary folder serves the run', async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'addon-'));
		const shared = cacheOf(home);
		mkdirSync(shared, {recursive: true});
		chmodSync(shared, 0o777);
		const tmp = path.join(home, 'tmp');
		mkdirSync(tmp);
		await listTokens(home, {TMPDIR: tmp});
		expect(addonIn(shared)).toEqual([]);
		// The private folder (mkdtemp, 0700) is removed when the run ends.
		expect(readdirSync(tmp)).toEqual([]);
	});
});

describe("the bundle's code cache", () => {
	it('a first start uses the one built into the executable, the next the one it wrote', async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'code-'));
		const env = cleanEnv({HOME: home, OTE_CERT_CONFIG_DIR: path.join(home, 'cfg'), OTE_CERT_CODE_CACHE: 'trace'});
		const first = await ote(['--help', '--lang', 'en'], {env, cwd: home});
		expect(first.code).toBe(0);
		expect(first.stderr).toMatch(/used .*\(built in\)/);
		expect(existsSync(cacheOf(home))).toBe(true);
		const second = await ote(['--help', '--lang', 'en'], {env, cwd: home});
		expect(second.stderr).toMatch(
			new RegExp(`used ${cacheOf(home).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v8-[0-9a-f]{16}-${runtime().nodeVersion}-x64-command\\.bin`),
		);
	});

	/**
	 * The wizard in a terminal until its first step has searched files and the token (long after it told the
	 * launcher that its first screen is compiled), then Ctrl-C. The launcher's trace goes to a file:
	 * under the wizard's screen it would be drawn over.
	 */
	async function wizardStart(home: string, extra: Record<string, string> = {}, until?: () => boolean): Promise<string> {
		const log = path.join(home, `trace-${readdirSync(home).length}.log`);
		term = await Terminal.start({
			command: ['/bin/sh', '-c', 'exec "$0" "$@" 2>>"$OTE_TEST_TRACE"', ...runtime().command],
			args: ['--lang', 'en', '--module', hsm.modulePath],
			env: {
				PATH: runtime().path,
				HOME: home,
				OTE_CERT_CONFIG_DIR: path.join(home, 'cfg'),
				OTE_CERT_CODE_CACHE: 'trace',
				OTE_TEST_TRACE: log,
				SOFTHSM2_CONF: hsm.env['SOFTHSM2_CONF']!,
				P11_KIT_NO_USER_CONFIG: '1',
				...extra,
			},
			cwd: home,
			cols: 100,
			rows: 30,
		});
		await term.waitFor('Step 1/5');
		await term.waitFor('Nothing found');
		for (let i = 0; until && !until() && i < 300; i++) await new Promise((resolve) => setTimeout(resolve, 50));
		await term.press('C-c');
		expect(await term.waitForExit()).toBe(130);
		await term.close();
		term = undefined;
		return readFileSync(log, 'utf8');
	}
	const codeCaches = (home: string) => (existsSync(cacheOf(home)) ? readdirSync(cacheOf(home)).filter((n) => n.startsWith('v8-')) : []);

	it('a wizard start finds all it needs built in (made by a wizard start at build time) and writes no cache of its own', async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'code-'));
		for (let start = 0; start < 2; start++) {
			const trace = await wizardStart(home);
			expect(trace).toMatch(/used .*\(built in\)/);
			expect(trace).not.toMatch(/wrote|rejected/);
			expect(codeCaches(home)).toEqual([]);
		}
	});

	it("when V8 refuses the built-in code (other V8 flags), the wizard writes the person's own and uses it next time", async () => {
		const home = mkdtempSync(path.join(runtime().dir, 'code-'));
		// A V8 flag that NODE_OPTIONS may carry; the cache's flag hash no longer matches.
		const flags = {NODE_OPTIONS: '--stack-trace-limit=20'};
		const first = await wizardStart(home, flags, () => codeCaches(home).some((name) => name.endsWith('-wizard.bin')));
		expect(first).toMatch(/rejected .*\(built in\)/);
		expect(first).toMatch(/wrote .*-wizard\.bin/);
		const second = await wizardStart(home, flags);
		expect(second).toMatch(
			new RegExp(`used ${cacheOf(home).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v8-[0-9a-f]{16}-${runtime().nodeVersion}-x64-wizard\\.bin`),
		);
	});
});
