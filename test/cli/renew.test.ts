// `renew` and `register` through the built CLI, for the rules of the one registration use case:
// a renewal is the same holder AND a later certificate; without --account every account of the
// environment is searched; a refusal is said in words and changes nothing.
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {cleanEnv, makeWorld, parseJson, qualified, requireBuild, runCli, writeLeaf, type CliResult, type World} from './helpers.js';

const DAY = 86_400_000;
let dir: string;
let w: World;
let older: string;
let older2: string;
let newer: string;
let stranger: string;
let newerEnd: string;
let olderEnd: string;

function cli(config: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCli([...args, ...w.trust], {env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, config), ...extra}), cwd: dir});
}

async function register(config: string, source: string, account: string, slot: number, env = 'production'): Promise<void> {
	const out = path.join(dir, `pkg-${config}-${account}-${slot}`);
	const result = await cli(config, ['register', '--source', source, '--env', env, '--slot', String(slot), '--account', account, '--yes', '--out', out]);
	expect(result.code, result.stderr).toBe(0);
}

const ledgerBytes = (config: string) => readFile(path.join(dir, config, 'config.json'));

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-renew-'));
	w = await makeWorld(dir);
	const holder = {org: 'Účetní s.r.o.', ico: '12345678', freshKey: true};
	const make = async (name: string, cn: string, days: number, extra = holder) => {
		const leaf = await qualified(w.ca, cn, {...extra, notAfter: new Date(Date.now() + days * DAY)});
		return {pem: (await writeLeaf(dir, name, leaf)).pem, end: leaf.cert.notAfter.toISOString().slice(0, 10)};
	};
	const o = await make('older', 'Jiří Novák', 100);
	const o2 = await make('older2', 'Jiří Novák', 120);
	const n = await make('newer', 'Jiří Novák', 400);
	const s = await make('stranger', 'Marie Svobodová', 400);
	[older, older2, newer, stranger] = [o.pem, o2.pem, n.pem, s.pem];
	[olderEnd, newerEnd] = [o.end, n.end];
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('renewal direction', () => {
	it('renew --source older.pem over a later certificate of the same holder is refused with both dates; nothing changes', async () => {
		await register('back', newer, 'U-B', 1);
		const before = await ledgerBytes('back');
		const listing = await readdir(dir);
		const result = await cli('back', ['renew', '--source', older, '--env', 'production', '--account', 'U-B', '--yes']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(newerEnd);
		expect(result.stderr).toContain(olderEnd);
		expect(result.stderr).toMatch(/later certificate of the same holder/);
		expect(Buffer.compare(await ledgerBytes('back'), before)).toBe(0);
		expect(await readdir(dir)).toEqual(listing);
	});

	it('register --slot over a later certificate of the same holder is refused too, in Czech with --lang cs', async () => {
		const result = await cli('back', ['register', '--source', older, '--env', 'production', '--slot', '1', '--account', 'U-B', '--yes', '--lang', 'cs']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('novější certifikát téhož držitele');
		expect(result.stderr).toContain(newerEnd);
	});
});

describe('renew without --account searches every account of the environment', () => {
	it('exactly one matching slot: uses it and says which account', async () => {
		await register('one', older, 'U-ONE', 2);
		await register('one', stranger, 'U-TWO', 1);
		const result = await cli('one', ['renew', '--source', newer, '--env', 'production', '--yes', '--json', '--out', path.join(dir, 'renewed-one')]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain('account U-ONE');
		const reg = parseJson<{account: string; slot: number; replaced: {notAfter: string} | null}>(result);
		expect(reg).toMatchObject({account: 'U-ONE', slot: 2});
		expect(reg.replaced?.notAfter.slice(0, 10)).toBe(olderEnd);
	});

	it('several matching slots: lists the candidates, exit 2, writes nothing', async () => {
		await register('many', older, 'U-A', 1);
		await register('many', older2, 'U-B', 3);
		const before = await ledgerBytes('many');
		const result = await cli('many', ['renew', '--source', newer, '--env', 'production', '--yes', '--out', path.join(dir, 'renewed-many')]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('account U-A, slot 1');
		expect(result.stderr).toContain('account U-B, slot 3');
		expect(result.stderr).toContain('--account');
		expect(Buffer.compare(await ledgerBytes('many'), before)).toBe(0);
		expect(existsSync(path.join(dir, 'renewed-many'))).toBe(false);
	});

	it('none: says which accounts of which environment were searched', async () => {
		const result = await cli('one', ['renew', '--source', stranger, '--env', 'production', '--yes']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/searched accounts U-ONE, U-TWO in Production/);
		const sandbox = await cli('one', ['renew', '--source', newer, '--env', 'sandbox', '--yes']);
		expect(sandbox.code).toBe(2);
		expect(sandbox.stderr).toContain('Sandbox');
	});
});

describe('register --json', () => {
	it('a refused certificate prints the verdict and findings as JSON on stdout and exits 1', async () => {
		const result = await cli('json', ['register', '--source', w.files['expiredPem']!, '--env', 'production', '--slot', '1', '--yes', '--json']);
		expect(result.code).toBe(1);
		const report = parseJson<{registered: boolean; registrable: boolean; verdict: string; findings: Array<{code: string}>}>(result);
		expect(report.registered).toBe(false);
		expect(report.registrable).toBe(false);
		expect(typeof report.verdict).toBe('string');
		expect(report.findings.map((f) => f.code)).toContain('EXPIRED');
		expect(existsSync(path.join(dir, 'json', 'config.json'))).toBe(false);
	});

	it('registration.json stores finding codes and parameters with the text in the language of the run, and names it', async () => {
		const soon = await qualified(w.ca, 'Eva Brzká', {org: 'Účetní s.r.o.', ico: '12345678', freshKey: true, notAfter: new Date(Date.now() + 10 * DAY)});
		const pem = (await writeLeaf(dir, 'soon', soon)).pem;
		const out = path.join(dir, 'pkg-lang');
		const result = await cli('lang', ['register', '--source', pem, '--env', 'sandbox', '--slot', '1', '--yes', '--lang', 'cs', '--out', out]);
		expect(result.code, result.stderr).toBe(0);
		const file = JSON.parse(await readFile(path.join(out, 'registration.json'), 'utf8')) as {
			lang: string;
			findings: Array<{code: string; params: Record<string, unknown>; message: string}>;
		};
		expect(file.lang).toBe('cs');
		const soonFinding = file.findings.find((f) => f.code === 'EXPIRING_SOON');
		expect(soonFinding?.params).toMatchObject({days: expect.any(Number)});
		expect(soonFinding?.message).toMatch(/Certifikát vyprší/);
	});
});
