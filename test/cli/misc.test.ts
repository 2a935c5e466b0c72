// The small commands and the start-up paths: report (no secrets), trust, --help, --version and the
// Czech voice chosen by LANG or --lang.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pkg from '../../package.json' with {type: 'json'};
import anchorsData from '../../source/trust/anchors.gen.json' with {type: 'json'};
import {cleanEnv, makeWorld, parseJson, P12_PASSWORD, requireBuild, runCli, type World} from './helpers.js';

let dir: string;
let world: World;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-misc-'));
	world = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), HOME: dir});
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('report', () => {
	it('writes a diagnostic file without the password or the PIN from the environment', async () => {
		// A folder with certificates and a .p12 the report will look at, as a helpdesk case would have.
		const work = path.join(dir, 'report-case');
		await mkdir(work);
		await copyFile(world.files['goodP12']!, path.join(work, 'novak.p12'));
		await copyFile(world.files['goodPem']!, path.join(work, 'novak.pem'));
		const secrets = {OTE_CERT_PASSWORD: 'supersecret123', OTE_CERT_PIN: '8642'};
		const r = await runCli(['report', ...world.trust], {env: {...env, ...secrets, HOME: work}, cwd: work});
		expect(r.code, r.stderr).toBe(0);
		const written = (await readdir(work)).filter((n) => /^ote-cert-report-.*\.json$/.test(n));
		expect(written).toHaveLength(1);
		const file = path.join(work, written[0]!);
		expect(r.stdout).toContain(file);
		const text = await readFile(file, 'utf8');
		expect(text).not.toContain('supersecret123');
		// A 4-digit PIN could sit by chance inside a fingerprint or serial; mask long hex runs first.
		expect(text.replace(/[0-9a-f]{12,}/gi, '<hex>')).not.toContain('8642');
		expect(text).not.toContain('OTE_CERT_PIN');
		expect(text).not.toContain('OTE_CERT_PASSWORD');
		expect(text).not.toContain(P12_PASSWORD);
		expect(r.stdout + r.stderr).not.toContain('supersecret123');
		// Only the owner may read it.
		expect((await stat(file)).mode & 0o077).toBe(0);
		// And it is useful: version, the files seen, the readable certificate judged.
		const report = JSON.parse(text) as {
			tool: {version: string};
			files: Array<{path: string}>;
			certificates: Array<{subject: string; fingerprints: {sha256: string}}>;
		};
		expect(report.tool.version).toBe(pkg.version);
		expect(report.files.map((f) => path.basename(f.path)).sort()).toEqual(['novak.p12', 'novak.pem']);
		expect(report.certificates.some((c) => c.subject.includes('Jiří Novák'))).toBe(true);
	});

	it('--out chooses the file', async () => {
		const out = path.join(dir, 'diag.json');
		const r = await runCli(['report', '--out', out], {env: {...env, OTE_CERT_PASSWORD: 'supersecret123'}, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		expect(await readFile(out, 'utf8')).not.toContain('supersecret123');
	});
});

interface Listing {
	date: string;
	approvedAuthorities: string[];
	anchors: Array<{subject: string; sha256: string; origin: string; approved: boolean; authority: string}>;
}

describe('trust', () => {
	it('--json lists the 58 shipped anchors with the date of the data', async () => {
		const listing = parseJson<Listing>(await runCli(['trust', '--json'], {env, cwd: dir}));
		const pemFiles = (await readdir(path.resolve(import.meta.dirname, '../../source/trust/anchors'))).filter((n) => n.endsWith('.pem'));
		expect(listing.anchors).toHaveLength(58);
		expect(pemFiles).toHaveLength(58);
		expect(listing.date).toBe(anchorsData.date);
		expect(listing.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(listing.approvedAuthorities).toEqual(['I.CA', 'PostSignum', 'eIdentity', 'NetLock']);
		expect(listing.anchors.every((a) => a.origin !== 'local')).toBe(true);
		expect(new Set(listing.anchors.map((a) => a.sha256)).size).toBe(58);
	});

	it('--trust ca.pem adds one anchor marked local', async () => {
		const listing = parseJson<Listing>(await runCli(['trust', '--json', '--trust', world.caPem], {env, cwd: dir}));
		expect(listing.anchors).toHaveLength(59);
		const local = listing.anchors.filter((a) => a.origin === 'local');
		expect(local).toHaveLength(1);
		expect(local[0]!.subject).toContain('CliTest EU Qualified CA2');
		expect(local[0]!.sha256).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', world.ca.der)).toString('hex'));
		const text = await runCli(['trust', '--trust', world.caPem], {env, cwd: dir});
		expect(text.stdout).toContain(anchorsData.date);
		expect(text.stdout.split('\n').filter((l) => l.includes('[local]'))).toHaveLength(1);
	});

	it('a --trust file that does not exist is reported, exit 3', async () => {
		const r = await runCli(['trust', '--trust', 'no-such-ca.pem'], {env, cwd: dir});
		expect(r.code).toBe(3);
		expect(r.stderr).toContain('no-such-ca.pem');
	});
});

describe('help, version, language', () => {
	it('--version prints the package version', async () => {
		for (const flag of ['--version', '-v']) {
			const r = await runCli([flag], {env, cwd: dir});
			expect(r.code).toBe(0);
			expect(r.stdout).toBe(`${pkg.version}\n`);
		}
	});

	it('--help lists the commands and exit codes, without a terminal', async () => {
		const r = await runCli(['--help'], {env, cwd: dir});
		expect(r.code).toBe(0);
		for (const word of ['inspect', 'register', 'renew', 'slots', 'sources', 'trust', 'env', 'report', 'OTE_CERT_PASSWORD', 'Exit codes']) {
			expect(r.stdout).toContain(word);
		}
		// A command's own options are on its own page (test/cli/help.test.ts).
		expect((await runCli(['slots', '-h'], {env, cwd: dir})).stdout).toContain('--move-aside');
	});

	it('--lang cs and LANG=cs_CZ.UTF-8 give Czech help', async () => {
		const viaFlag = await runCli(['--help', '--lang', 'cs'], {env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg-lang')}), cwd: dir});
		expect(viaFlag.stdout).toContain('Návratové kódy');
		const viaLang = await runCli(['--help'], {env: {...env, LANG: 'cs_CZ.UTF-8'}, cwd: dir});
		expect(viaLang.stdout).toBe(viaFlag.stdout);
	});

	it('errors speak Czech with LANG=cs_CZ.UTF-8', async () => {
		const cs = {...env, LANG: 'cs_CZ.UTF-8'};
		const missing = await runCli(['inspect', 'neni-tu.pem'], {env: cs, cwd: dir});
		expect(missing.code).toBe(3);
		expect(missing.stderr).toContain('Chyba: Soubor „neni-tu.pem“ neexistuje');
		const pin = await runCli(['inspect', 'x.pem', '--pin', '1'], {env: cs, cwd: dir});
		expect(pin.code).toBe(2);
		expect(pin.stderr).toContain('Volbu --pin nepřijímám');
		expect(pin.stderr).toContain('OTE_CERT_PIN');
		const unknown = await runCli(['frobnicate'], {env: cs, cwd: dir});
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('Neznámý příkaz „frobnicate“');
		const needsYes = await runCli(['register', '--source', world.files['goodPem']!, '--env', 'sandbox', '--slot', '1'], {env: cs, cwd: dir});
		expect(needsYes.code).toBe(2);
		expect(needsYes.stderr).toContain('bez --yes');
	});

	it('the certificate report speaks Czech with --lang cs', async () => {
		const r = await runCli(['inspect', world.files['expiredPem']!, '--lang', 'cs', ...world.trust], {
			env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg-lang2')}),
			cwd: dir,
		});
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('Držitel');
		expect(r.stdout).toContain('[EXPIRED]');
		expect(r.stdout).not.toContain('Holder:');
	});

	it('the wizard without a terminal refuses with exit 2 and says why', async () => {
		const r = await runCli([], {env, cwd: dir});
		expect(r.code).toBe(2);
		expect(r.stderr.length).toBeGreaterThan(0);
		expect(r.stdout).toBe('');
	});
});
