// The launcher (dist/cli.js) runs the bundle with V8's code from an earlier run. These tests drive the
// built command: the cache is written once, used after, replaced when damaged, refused when someone
// else could have written it, and never needed for a correct run.
import {execFileSync, spawnSync} from 'node:child_process';
import {
	chmodSync,
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {codeCacheLocation} from '../../source/boot/code-cache.js';
import {cleanEnv, requireBuild, runCli} from '../cli/helpers.js';
import {Terminal} from '../helpers/tmux.js';

let tmp: string;
let cacheDir: string;
const dist = path.resolve(import.meta.dirname, '../../dist');
const env = (extra: NodeJS.ProcessEnv = {}) => cleanEnv({HOME: tmp, OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg'), OTE_CERT_CACHE_DIR: cacheDir, ...extra});
const help = () => runCli(['--help', '--lang', 'en'], {env: env(), cwd: tmp});
const files = () => (existsSync(cacheDir) ? readdirSync(cacheDir).sort() : []);
const only = (kind: 'wizard' | 'command') => {
	const names = files();
	expect(names).toHaveLength(1);
	expect(names[0]).toMatch(new RegExp(`^v8-[0-9a-f]{16}-${process.version}-${process.arch}-${kind}\\.bin$`));
	return path.join(cacheDir, names[0]!);
};

beforeAll(() => {
	requireBuild();
	tmp = mkdtempSync(path.join(os.tmpdir(), 'ote-code-cache-'));
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe('code cache of the built command', () => {
	let reference: string;

	beforeAll(async () => {
		cacheDir = path.join(tmp, 'none');
		const r = await runCli(['--help', '--lang', 'en'], {env: env({OTE_CERT_CODE_CACHE: 'off'}), cwd: tmp});
		expect(r.code).toBe(0);
		reference = r.stdout;
		expect(existsSync(cacheDir)).toBe(false);
	});

	it("the build leaves one for the first start; that start writes the person's own, which the next uses", async () => {
		const built = readdirSync(path.join(dist, 'code-cache'));
		expect(built).toHaveLength(1);
		expect(built[0]).toMatch(new RegExp(`^v8-[0-9a-f]{16}-${process.version}-${process.arch}-build\\.bin$`));
		expect(statSync(path.join(dist, 'code-cache', built[0]!)).mode & 0o022).toBe(0);

		cacheDir = path.join(tmp, 'first');
		const traced = () => runCli(['--help', '--lang', 'en'], {env: env({OTE_CERT_CODE_CACHE: 'trace'}), cwd: tmp});
		const first = await traced();
		expect([first.code, first.stdout]).toEqual([0, reference]);
		const file = only('command');
		expect(first.stderr).toBe(`ote-cert code cache: used ${path.join(dist, 'code-cache', built[0]!)}\note-cert code cache: wrote ${file}\n`);
		expect((await traced()).stderr).toBe(`ote-cert code cache: used ${file}\n`);
		expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(file).size).toBeGreaterThan(50_000);
		const before = statSync(file);
		const second = await help();
		expect([second.code, second.stdout]).toEqual([0, reference]);
		// Rewriting goes through a new file and a rename: the same inode means V8 accepted it.
		expect(statSync(file).ino).toBe(before.ino);
		expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
	});

	it('a damaged file never reaches V8: flipped bits, a zeroed half, a cut-off file; every start still works and rewrites it', async () => {
		cacheDir = path.join(tmp, 'damaged');
		await help();
		const file = only('command');
		const good = readFileSync(file);
		const header = 40; // 'ote-v8c1' and the SHA-256 of the data
		const built = path.join(dist, 'code-cache', readdirSync(path.join(dist, 'code-cache'))[0]!);
		const flipped = (positions: number[]) => {
			const copy = Buffer.from(good);
			for (const at of positions) copy[at]! ^= 0x10;
			return copy;
		};
		const zeroed = (from: number, to: number) => {
			const copy = Buffer.from(good);
			copy.fill(0, from, to);
			return copy;
		};
		const half = good.length >> 1;
		const damages: Array<[string, Buffer]> = [
			['one bit flipped in the code', flipped([header + 1000])],
			['bits flipped all over', flipped([header + 7, half, good.length - 3])],
			['one bit flipped in the checksum', flipped([12])],
			['first half zeroed', zeroed(0, half)],
			['second half zeroed', zeroed(half, good.length)],
			['cut off at half', good.subarray(0, half)],
			['cut off after the header', good.subarray(0, header)],
			['empty', Buffer.alloc(0)],
			['V8 data without the checksum (the format before)', good.subarray(header)],
			['not V8 code at all', Buffer.from('not V8 code at all')],
		];
		for (const [label, damaged] of damages) {
			for (const args of [['--version'], ['--help', '--lang', 'en']]) {
				writeFileSync(file, damaged, {mode: 0o600});
				const r = await runCli(args, {env: env({OTE_CERT_CODE_CACHE: 'trace'}), cwd: tmp});
				expect(r.code, `${label} ${args[0]}: ${r.stderr}`).toBe(0);
				if (args[0] === '--help') expect(r.stdout).toBe(reference);
				else expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
				expect(r.stderr, label).toBe(`ote-cert code cache: damaged ${file}\note-cert code cache: used ${built}\note-cert code cache: wrote ${file}\n`);
				expect(readFileSync(file).length).toBeGreaterThan(50_000);
			}
		}
		// The rewritten file is whole again and used as it is.
		const r = await runCli(['--help', '--lang', 'en'], {env: env({OTE_CERT_CODE_CACHE: 'trace'}), cwd: tmp});
		expect(r.stderr).toBe(`ote-cert code cache: used ${file}\n`);
	});

	it("a damaged copy in the installation's own folder is skipped: the start compiles and works", async () => {
		const install = path.join(tmp, 'install');
		mkdirSync(path.join(install, 'code-cache'), {recursive: true, mode: 0o755});
		for (const name of ['cli.js', 'bundle.js']) writeFileSync(path.join(install, name), readFileSync(path.join(dist, name)));
		const builtName = readdirSync(path.join(dist, 'code-cache'))[0]!;
		const builtFile = path.join(install, 'code-cache', builtName);
		const bytes = readFileSync(path.join(dist, 'code-cache', builtName));
		bytes.fill(0, bytes.length >> 1);
		writeFileSync(builtFile, bytes, {mode: 0o644});
		const r = spawnSync(process.execPath, [path.join(install, 'cli.js'), '--version'], {
			env: env({OTE_CERT_CODE_CACHE: 'trace', OTE_CERT_CACHE_DIR: path.join(tmp, 'install-user')}),
			encoding: 'utf8',
		});
		expect(r.status, r.stderr).toBe(0);
		expect(r.stderr).toContain(`ote-cert code cache: damaged ${builtFile}\n`);
		expect(r.stderr).toContain('ote-cert code cache: none found\n');
		// Not the person's to delete, and not touched.
		expect(Buffer.compare(readFileSync(builtFile), bytes)).toBe(0);
	});

	it('removes the cache of an older build or Node version when it writes its own', async () => {
		cacheDir = path.join(tmp, 'stale');
		mkdirSync(cacheDir, {mode: 0o700});
		const stale = ['v8-0123456789abcdef-v20.0.0-x64-wizard.bin', `v8-0123456789abcdef-${process.version}-${process.arch}-command.bin`];
		for (const name of stale) writeFileSync(path.join(cacheDir, name), 'old', {mode: 0o600});
		writeFileSync(path.join(cacheDir, 'notes.txt'), 'not ours to delete');
		// A temporary file of a run that died before renaming it: an old one goes, a fresh one may be in use.
		const abandoned = path.join(cacheDir, `${stale[1]}.tmp-4242aa`);
		const writing = path.join(cacheDir, `${stale[1]}.tmp-4243bb`);
		writeFileSync(abandoned, 'half');
		writeFileSync(writing, 'half');
		utimesSync(abandoned, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
		await help();
		expect(files().filter((n) => n !== 'notes.txt' && n !== path.basename(writing))).toHaveLength(1);
		expect(files()).toContain('notes.txt');
		expect(files()).toContain(path.basename(writing));
	});

	it('neither reads nor writes a folder that others can write, and refuses a symlinked file', async () => {
		cacheDir = path.join(tmp, 'shared');
		mkdirSync(cacheDir);
		chmodSync(cacheDir, 0o777);
		const r = await help();
		expect([r.code, r.stdout]).toEqual([0, reference]);
		expect(files()).toEqual([]);

		// A file planted as a symlink to code the user did not produce is not followed.
		cacheDir = path.join(tmp, 'symlinked');
		await help();
		const file = only('command');
		const elsewhere = path.join(tmp, 'elsewhere.bin');
		writeFileSync(elsewhere, readFileSync(file), {mode: 0o600});
		rmSync(file);
		symlinkSync(elsewhere, file);
		const again = await help();
		expect([again.code, again.stdout]).toEqual([0, reference]);
		// Not used, so a fresh file replaced the link.
		expect(lstatSync(file).isSymbolicLink()).toBe(false);
	});

	it('is optional: OTE_CERT_CODE_CACHE=off writes nothing, an impossible folder costs nothing', async () => {
		cacheDir = path.join(tmp, 'off');
		const off = await runCli(['--help', '--lang', 'en'], {env: env({OTE_CERT_CODE_CACHE: 'off'}), cwd: tmp});
		expect([off.code, off.stdout]).toEqual([0, reference]);
		expect(existsSync(cacheDir)).toBe(false);

		const aFile = path.join(tmp, 'a-file');
		writeFileSync(aFile, 'x');
		cacheDir = path.join(aFile, 'cache');
		const r = await help();
		expect([r.code, r.stdout, r.stderr]).toEqual([0, reference, '']);
	});

	it("a wizard start stores the code of its first screen beside the commands' own; each command then keeps its own", async () => {
		cacheDir = path.join(tmp, 'wizard');
		await help();
		const helpCache = only('command');
		const commandSize = statSync(helpCache).size;
		const term = await Terminal.start({
			args: ['--lang', 'en'],
			env: {HOME: tmp, OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg'), OTE_CERT_CACHE_DIR: cacheDir, OTE_CERT_CODE_CACHE: 'trace'},
		});
		let afterExit: string;
		try {
			await term.waitFor('Step 1/5');
			await expect.poll(() => files().some((n) => n.endsWith('-wizard.bin')), {timeout: 10_000}).toBe(true);
			// Traced, but not under the running wizard: a line there would shift its screen.
			const screen = await term.screen();
			expect(screen).not.toContain('wrote');
			expect(screen.split('\n').filter((line) => line.includes('Step 1/5'))).toHaveLength(1);
		} finally {
			await term.press('C-c');
			await term.waitForExit().catch(() => undefined);
			afterExit = await term.screen();
			await term.close();
		}
		// There are two files now: the wizard's does not replace what --help stored.
		const wizard = helpCache.replace(/-command\.bin$/, '-wizard.bin');
		expect(files()).toEqual([path.basename(helpCache), path.basename(wizard)]);
		expect(afterExit.replace(/\n/g, '')).toContain(`wrote ${wizard}`);
		expect(statSync(wizard).size).toBeGreaterThan(commandSize);
		const writtenAt = statSync(wizard).mtimeMs;
		// The next wizard start uses it: the V8 flags the launcher sets once the frame is drawn (a smaller
		// heap) come after the cache is written, so they are not in it for V8 to refuse.
		const again = await Terminal.start({
			args: ['--lang', 'en'],
			env: {HOME: tmp, OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg'), OTE_CERT_CACHE_DIR: cacheDir, OTE_CERT_CODE_CACHE: 'trace'},
		});
		let secondExit: string;
		try {
			await again.waitFor('Step 1/5');
		} finally {
			await again.press('C-c');
			await again.waitForExit().catch(() => undefined);
			secondExit = (await again.screen()).replace(/\n/g, '');
			await again.close();
		}
		// (The "used" line scrolls away above the wizard's screen; a refused cache says "rejected" and is rewritten.)
		expect(secondExit).toContain('wizard.bin');
		expect(secondExit).not.toContain('rejected');
		expect(secondExit).not.toContain('wrote');
		expect(files()).toEqual([path.basename(helpCache), path.basename(wizard)]);
		expect(statSync(wizard).mtimeMs).toBe(writtenAt);
		// A command with no code of its own yet is served by the wizard's and writes its own once (the
		// wizard's carries Ink and React, which a command does not need); from then on it takes its own.
		const trust = wizard.replace(/-wizard\.bin$/, '-command-trust.bin');
		const traced = async (args: string[]) => (await runCli(args, {env: env({OTE_CERT_CODE_CACHE: 'trace'}), cwd: tmp})).stderr;
		expect(await traced(['trust', '--lang', 'en'])).toBe(`ote-cert code cache: used ${wizard}\note-cert code cache: wrote ${trust}\n`);
		expect(await traced(['trust', '--lang', 'en'])).toBe(`ote-cert code cache: used ${trust}\n`);
		expect(await traced(['--help', '--lang', 'en'])).toBe(`ote-cert code cache: used ${helpCache}\n`);
		expect(files()).toEqual([path.basename(trust), path.basename(helpCache), path.basename(wizard)]);
		expect(statSync(wizard).mtimeMs).toBe(writtenAt);
	});
});

describe('where the cache lives', () => {
	const base = {home: '/home/jana', bundleId: '0123456789abcdef', nodeVersion: 'v20.20.2', arch: 'x64'};
	it('follows XDG on Linux, the platform folders on macOS and Windows, and OTE_CERT_CACHE_DIR first', () => {
		expect(codeCacheLocation({...base, env: {}, platform: 'linux'})?.dir).toBe('/home/jana/.cache/ote-cert');
		expect(codeCacheLocation({...base, env: {XDG_CACHE_HOME: '/var/cache/jana'}, platform: 'linux'})?.dir).toBe('/var/cache/jana/ote-cert');
		// A relative XDG_CACHE_HOME is invalid by the spec and ignored.
		expect(codeCacheLocation({...base, env: {XDG_CACHE_HOME: 'rel'}, platform: 'linux'})?.dir).toBe('/home/jana/.cache/ote-cert');
		expect(codeCacheLocation({...base, env: {}, platform: 'darwin'})?.dir).toBe('/home/jana/Library/Caches/ote-cert');
		expect(codeCacheLocation({...base, env: {OTE_CERT_CACHE_DIR: '/tmp/c', XDG_CACHE_HOME: '/x'}, platform: 'linux'})?.dir).toBe('/tmp/c');
		for (const off of ['off', '0', 'false', 'NO']) expect(codeCacheLocation({...base, env: {OTE_CERT_CODE_CACHE: off}, platform: 'linux'})).toBeNull();
		expect(codeCacheLocation({...base, home: '', env: {}, platform: 'linux'})).toBeNull();
	});

	it('names files by bundle, Node version and architecture, and knows which are stale', () => {
		const loc = codeCacheLocation({...base, env: {}, platform: 'linux'})!;
		expect(path.basename(loc.file('wizard'))).toBe('v8-0123456789abcdef-v20.20.2-x64-wizard.bin');
		expect(loc.isStale('v8-0123456789abcdef-v20.20.2-x64-command.bin')).toBe(false);
		expect(loc.isStale('v8-fedcba9876543210-v20.20.2-x64-wizard.bin')).toBe(true);
		expect(loc.isStale('v8-0123456789abcdef-v22.1.0-x64-wizard.bin')).toBe(true);
		expect(loc.isStale('notes.txt')).toBe(false);
	});
});

it('the bundle is one file and the command a small launcher', () => {
	expect(statSync(path.join(dist, 'cli.js')).size).toBeLessThan(16_000);
	const bundle = readFileSync(path.join(dist, 'bundle.js'), 'utf8');
	// No import statements and no import.meta: the launcher compiles it as a classic script.
	expect(bundle.startsWith('(async function (require, __ote_import_meta_url) {"use strict";')).toBe(true);
	expect(bundle).not.toMatch(/(^|[;}])import\s*[{*\w][^;]*from\s*["']/m);
	// ASCII only: the launcher reads it as latin1.
	expect(bundle).toMatch(/^[\x00-\x7f]*$/);
	expect(execFileSync(process.execPath, ['--check', path.join(dist, 'cli.js')]).toString()).toBe('');
	// The launcher and the worker are CommonJS (no ESM loader at start), and dist/ says so to Node,
	// in the package too: the project's own package.json says "module".
	expect(JSON.parse(readFileSync(path.join(dist, 'package.json'), 'utf8'))).toEqual({type: 'commonjs'});
	expect(JSON.parse(readFileSync(path.join(dist, '..', 'package.json'), 'utf8')).files).toContain('dist/package.json');
	for (const file of ['cli.js', 'pkcs11-worker.js']) expect(readFileSync(path.join(dist, file), 'utf8')).not.toMatch(/(^|[;}])(import|export)\s*[{*\w]/m);
});

it('a launcher without its bundle says what is missing and how to get it back (exit 70)', async () => {
	const lonely = mkdtempSync(path.join(os.tmpdir(), 'ote-launcher-'));
	try {
		writeFileSync(path.join(lonely, 'cli.js'), readFileSync(path.join(dist, 'cli.js')));
		writeFileSync(path.join(lonely, 'package.json'), readFileSync(path.join(dist, 'package.json')));
		const r = spawnSync(process.execPath, [path.join(lonely, 'cli.js'), '--help'], {encoding: 'utf8', env: cleanEnv({HOME: lonely})});
		expect(r.status).toBe(70);
		expect(r.stderr).toBe(`ote-cert: cannot read ${path.join(lonely, 'bundle.js')} (ENOENT). Reinstall ote-cert, or run \`npm run build\` in its folder.\n`);
	} finally {
		rmSync(lonely, {recursive: true, force: true});
	}
});
