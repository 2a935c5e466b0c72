// The npm package as a user installs it (vitest.smoke.config.ts, for each Node under test): with no
// compiler at all the global install still succeeds and only token support is missing, and npx
// runs the package without installing it.
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {cleanEnv} from '../cli/helpers.js';
import {runtime} from '../smoke/runtime.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const postsignum = path.resolve(root, 'source/trust/anchors/postsignum-qualified-ca-5.pem');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;

/** npm's own command-line script, as the npm on this machine's PATH runs it. */
async function npmCli(): Promise<string> {
	const {stdout} = await run('npm', ['prefix', '-g']);
	const candidate = path.join(stdout.trim(), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	if (!existsSync(candidate)) throw new Error(`npm's npm-cli.js is not at ${candidate}`);
	return candidate;
}

describe('npm install -g with no compiler on PATH', () => {
	let dir: string;
	let bare: string;
	let bin: string;
	let env: NodeJS.ProcessEnv;
	let install: {stdout: string; stderr: string};

	beforeAll(async () => {
		const rt = runtime();
		dir = mkdtempSync(path.join(rt.dir, 'no-compiler-'));
		// A PATH holding node and npm and nothing else: no make, g++, cc or python3 for node-gyp.
		bare = path.join(dir, 'bin');
		mkdirSync(bare);
		symlinkSync(rt.node!, path.join(bare, 'node'));
		symlinkSync(await npmCli(), path.join(bare, 'npm'));
		// HOME is the test's; npm keeps the machine's settings and its package cache from the real home.
		const realHome = os.homedir();
		env = cleanEnv({
			HOME: dir,
			OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'),
			PATH: bare,
			npm_config_userconfig: path.join(realHome, '.npmrc'),
			npm_config_cache: process.env['npm_config_cache'] ?? path.join(realHome, '.npm'),
		});
		const prefix = path.join(dir, 'prefix');
		install = await run(path.join(bare, 'npm'), ['install', '-g', rt.tarball!, '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline'], {
			env,
			cwd: dir,
		});
		bin = path.join(prefix, 'bin', 'ote-cert');
	}, 300_000);

	it('succeeds without pkcs11js, which could not be compiled', async () => {
		for (const tool of ['make', 'g++', 'cc', 'python3']) expect(existsSync(path.join(bare, tool))).toBe(false);
		expect(existsSync(bin), install.stderr).toBe(true);
		expect(existsSync(path.join(dir, 'prefix', 'lib', 'node_modules', 'ote-cert', 'node_modules', 'pkcs11js'))).toBe(false);
	});

	it('inspects a PostSignum certificate file', async () => {
		const r = await run(bin, ['inspect', postsignum, '--json'], {env, cwd: dir}).catch((e) => e as {code: number; stdout: string; stderr: string});
		expect('code' in r ? r.code : 0).toBe(1);
		expect(JSON.parse(r.stdout)[0].subject).toContain('PostSignum Qualified CA 5');
	});

	it('`sources` explains that token support is not installed and how to get it', async () => {
		const {stdout} = await run(bin, ['sources', '--lang', 'en'], {env, cwd: dir});
		expect(stdout).toMatch(/Token and smart card support is not installed[\s\S]*apt-get install make g\+\+ python3[\s\S]*ote-cert-linux-x64/);
	});
});

describe('npx', () => {
	it('runs the package without a global install', async () => {
		const rt = runtime();
		const home = mkdtempSync(path.join(rt.dir, 'npx-'));
		const {stdout} = await run('npx', ['--yes', '--package', rt.tarball!, '--', 'ote-cert', '--version'], {
			env: {...process.env, PATH: `${path.dirname(rt.node!)}:${process.env['PATH']}`, OTE_CERT_CONFIG_DIR: path.join(home, 'cfg')},
			cwd: home,
		});
		expect(stdout.trim()).toContain(version);
	});
});
