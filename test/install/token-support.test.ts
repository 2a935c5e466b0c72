// pkcs11js is an optional dependency: where npm could not compile it, ote-cert must still read files
// and say plainly, in `sources`, `report`, an attempt to read a token and the wizard's Source step,
// that token support is not installed and how to get it. These runs use the built program copied
// into an installation of its own, as npm lays it out, with pkcs11js absent or broken.
import {quietRuntime, wizardOptions} from '../helpers/wizard.js';
import {execFile} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanEnv, requireBuild} from '../cli/helpers.js';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';

const dist = path.resolve(import.meta.dirname, '../../dist');
const postsignum = path.resolve(import.meta.dirname, '../../source/trust/anchors/postsignum-qualified-ca-5.pem');
let tmp: string;
let hsm: SoftHsm;

/** dist/ laid out as npm installs the package: <prefix>/lib/node_modules/ote-cert/{dist,node_modules}. */
function installation(name: string, pkcs11js: 'absent' | 'broken'): string {
	const root = path.join(tmp, name, 'lib', 'node_modules', 'ote-cert');
	mkdirSync(root, {recursive: true});
	for (const file of ['cli.js', 'package.json', 'bundle.js', 'pkcs11-worker.js']) cpSync(path.join(dist, file), path.join(root, 'dist', file));
	writeFileSync(path.join(root, 'package.json'), '{"name":"ote-cert","type":"module"}\n');
	if (pkcs11js === 'broken') {
		// The package is there and so is its compiled module, but the module does not load (another
		// architecture, a libc the build machine had and this one lacks, a truncated file).
		const pkg = path.join(root, 'node_modules', 'pkcs11js');
		mkdirSync(path.join(pkg, 'build', 'Release'), {recursive: true});
		writeFileSync(path.join(pkg, 'package.json'), '{"name":"pkcs11js","main":"index.js"}\n');
		writeFileSync(path.join(pkg, 'index.js'), 'module.exports = require("./build/Release/pkcs11.node");\n');
		writeFileSync(path.join(pkg, 'build', 'Release', 'pkcs11.node'), 'not a shared library');
	}
	return path.join(root, 'dist', 'cli.js');
}

function run(cli: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{code: number; stdout: string; stderr: string}> {
	const env = cleanEnv({...hsm.env, HOME: tmp, OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg'), OTE_CERT_CODE_CACHE: 'off', ...extra});
	return new Promise((resolve) => {
		const child = execFile(process.execPath, [cli, ...args], {env, cwd: tmp, encoding: 'utf8', timeout: 30_000}, (error, stdout, stderr) =>
			resolve({code: error ? Number(error.code) : 0, stdout, stderr}),
		);
		child.stdin?.end();
	});
}

const ADVICE_EN = /Token and smart card support is not installed[\s\S]*apt-get install make g\+\+ python3[\s\S]*ote-cert-linux-x64/;
const ADVICE_CS = /Podpora tokenů a čipových karet není nainstalovaná[\s\S]*apt-get install make g\+\+ python3[\s\S]*ote-cert-linux-x64/;

beforeAll(() => {
	requireBuild();
	tmp = mkdtempSync(path.join(os.tmpdir(), 'ote-token-support-'));
	hsm = makeSoftHsm();
	hsm.initToken('CSOTE', '1234');
});
afterAll(() => {
	rmSync(tmp, {recursive: true, force: true});
	hsm?.cleanup();
});

describe('an installation without pkcs11js', () => {
	let cli: string;
	beforeAll(() => {
		cli = installation('absent', 'absent');
	});

	it('inspects a certificate file', async () => {
		const r = await run(cli, ['inspect', postsignum, '--json']);
		// A CA certificate is read and judged: not a person's certificate, so exit 1, not a crash.
		expect(r.stderr).toBe('');
		expect(r.code).toBe(1);
		expect(JSON.parse(r.stdout)[0].subject).toContain('PostSignum Qualified CA 5');
	});

	it('`sources` says that token support is not installed and how to get it, in both languages', async () => {
		const en = await run(cli, ['sources', '--lang', 'en', '--module', hsm.modulePath]);
		expect(en.code).toBe(0);
		expect(en.stdout).toMatch(ADVICE_EN);
		// The module is still listed, so the person sees their token's module was found.
		expect(en.stdout).toContain(hsm.modulePath);
		const cs = await run(cli, ['sources', '--lang', 'cs']);
		expect(cs.stdout).toMatch(ADVICE_CS);
		const json = await run(cli, ['sources', '--json', '--lang', 'en', '--module', hsm.modulePath]);
		const parsed = JSON.parse(json.stdout);
		expect(parsed.tokenSupport.status).toBe('not-installed');
		expect(parsed.tokenSupport.advice).toMatch(ADVICE_EN);
		expect(parsed.tokens).toEqual([]);
	});

	it('`report` records it and explains it under problems', async () => {
		const out = path.join(tmp, 'report.json');
		const r = await run(cli, ['report', '--out', out, '--lang', 'en']);
		expect(r.code).toBe(0);
		const report = JSON.parse(readFileSync(out, 'utf8'));
		expect(report.pkcs11.support).toBe('not-installed');
		expect(report.problems.join('\n')).toMatch(ADVICE_EN);
	});

	it('reading a token says why it cannot, with exit 3', async () => {
		const r = await run(cli, ['inspect', 'pkcs11:token=CSOTE;type=cert', '--module', hsm.modulePath, '--lang', 'cs']);
		expect(r.code).toBe(3);
		expect(r.stderr).toMatch(ADVICE_CS);
	});
});

describe('an installation whose pkcs11js does not load', () => {
	it('reading a token gives the same explanation, not "the module crashed"', async () => {
		const cli = installation('broken', 'broken');
		const r = await run(cli, ['inspect', 'pkcs11:token=CSOTE;type=cert', '--module', hsm.modulePath, '--lang', 'en']);
		expect(r.code).toBe(3);
		expect(r.stderr).toMatch(ADVICE_EN);
		expect(r.stderr).not.toContain('crashed');
	});
});

describe("the wizard's Source step", () => {
	it('gets the explanation among the discovery problems when token support is missing', async () => {
		// The detection itself is proven on real installations above; here only its route to the wizard.
		vi.resetModules();
		vi.doMock('../../source/sources/pkcs11/support.js', async (original) => ({
			...(await original<typeof import('../../source/sources/pkcs11/support.js')>()),
			tokenSupport: () => 'not-installed',
		}));
		const {createWizardServices} = await import('../../source/services/wizard-services-impl.js');
		const {setLang} = await import('../../source/i18n/index.js');
		setLang('en');
		const dir = path.join(tmp, 'wizard');
		mkdirSync(dir);
		const env = {...hsm.env, HOME: dir, OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')};
		const runtime = quietRuntime(dir, env);
		const services = await createWizardServices(wizardOptions(['--module', hsm.modulePath]), runtime);
		const result = await services.discover(() => undefined, new AbortController().signal);
		await services.dispose?.();
		vi.doUnmock('../../source/sources/pkcs11/support.js');
		expect(result.problems.join('\n')).toMatch(ADVICE_EN);
		// One explanation, not one more line per module that was not asked.
		expect(result.problems).toHaveLength(1);
	});
});
