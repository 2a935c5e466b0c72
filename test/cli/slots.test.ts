// `slots`: what the ledger holds per account and environment, days left, the 30-day warning, and
// `--forget` (confirmation required; the history keeps the record).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cleanEnv, makeWorld, parseJson, qualified, requireBuild, runCli, writeLeaf, type World} from './helpers.js';

const DAY = 86_400_000;

interface SlotRow {
	account: string;
	environment: string;
	slots: Array<{
		slot: number;
		empty: boolean;
		daysLeft: number | null;
		expiringSoon: boolean;
		expired: boolean;
		auth: {sha256: string; daysLeft: number; expiringSoon: boolean} | null;
		sign: unknown;
	}>;
}

let dir: string;
let world: World;
let env: NodeJS.ProcessEnv;
let soonPem: string;
let soonSha: string;

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-slots-'));
	world = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')});
	// 10 days and a half left: "10 days" whichever way the CLI rounds within the test's few seconds.
	const soon = await qualified(world.ca, 'Marie Končící', {
		ico: '87654321',
		notBefore: new Date(Date.now() - 300 * DAY),
		notAfter: new Date(Date.now() + 10.5 * DAY),
		freshKey: true,
	});
	soonPem = (await writeLeaf(dir, 'soon', soon)).pem;
	soonSha = Buffer.from(await crypto.subtle.digest('SHA-256', soon.der)).toString('hex');
	const reg = async (source: string, slot: string, account: string, envId: string) => {
		const r = await runCli(
			[
				'register',
				'--source',
				source,
				'--env',
				envId,
				'--slot',
				slot,
				'--account',
				account,
				'--yes',
				'--out',
				path.join(dir, `pkg-${account}-${envId}-${slot}`),
				...world.trust,
			],
			{env, cwd: dir},
		);
		expect(r.code, r.stderr).toBe(0);
	};
	await reg(world.files['goodPem']!, '1', 'U100', 'sandbox');
	await reg(soonPem, '2', 'U100', 'sandbox');
	await reg(world.files['goodPem']!, '4', 'U200', 'production');
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('slots', () => {
	it('--json lists every account and environment with days left and the 30-day warning', async () => {
		const rows = parseJson<SlotRow[]>(await runCli(['slots', '--json'], {env, cwd: dir}));
		expect(rows.map((r) => `${r.account}/${r.environment}`).sort()).toEqual(['U100/sandbox', 'U200/production']);
		const u100 = rows.find((r) => r.account === 'U100')!;
		expect(u100.slots.map((s) => s.slot)).toEqual([1, 2, 3, 4]);
		const [one, two, three] = u100.slots;
		expect(one).toMatchObject({empty: false, expiringSoon: false, expired: false});
		expect(one!.daysLeft).toBeGreaterThan(300);
		expect(two).toMatchObject({empty: false, expiringSoon: true, expired: false, daysLeft: 10});
		expect(two!.auth).toMatchObject({sha256: soonSha, daysLeft: 10, expiringSoon: true});
		expect(three).toMatchObject({empty: true, daysLeft: null});
		const u200 = rows.find((r) => r.account === 'U200')!;
		expect(u200.slots.find((s) => s.slot === 4)?.empty).toBe(false);
	});

	it('--account and --env narrow the list', async () => {
		const rows = parseJson<SlotRow[]>(await runCli(['slots', '--json', '--account', 'U200', '--env', 'production'], {env, cwd: dir}));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({account: 'U200', environment: 'production'});
	});

	it('the text list marks the expiring slot and speaks words, not message keys', async () => {
		const r = await runCli(['slots', '--account', 'U100'], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.split('\n');
		expect(lines[0]).toBe('Account U100 · Sandbox');
		expect(lines.find((l) => l.includes('Marie Končící'))).toMatch(/Slot 2: \[EXPIRING\] .*10 days left/);
		expect(lines.find((l) => l.includes('Jiří Novák'))).toMatch(/Slot 1: \[valid\]/);
		expect(r.stdout).toContain('Slot 3: empty');
		expect(r.stdout).not.toMatch(/\b(ui|output|slots)\.[a-z]+\.?[a-zA-Z]*/);
	});

	it('speaks Czech with LANG=cs_CZ.UTF-8', async () => {
		const r = await runCli(['slots', '--account', 'U100'], {env: {...env, LANG: 'cs_CZ.UTF-8'}, cwd: dir});
		expect(r.stdout).toContain('Účet U100');
		expect(r.stdout).toMatch(/Pozice 2: \[BRZY KONČÍ\] .*zbývá 10 dní/);
		expect(r.stdout).toContain('Pozice 3: volná');
	});

	it('an empty ledger says so and names the file', async () => {
		const cfg = path.join(dir, 'cfg-empty');
		const r = await runCli(['slots'], {env: cleanEnv({OTE_CERT_CONFIG_DIR: cfg}), cwd: dir});
		expect(r.code).toBe(0);
		expect(r.stdout).toContain(path.join(cfg, 'config.json'));
	});

	it('--forget needs --yes without a terminal, then empties the slot and keeps history', async () => {
		const file = path.join(dir, 'cfg', 'config.json');
		const before = await readFile(file);
		const refused = await runCli(['slots', '--forget', '2', '--env', 'sandbox', '--account', 'U100'], {env, cwd: dir});
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('--yes');
		expect(await readFile(file)).toEqual(before);

		const noEnv = await runCli(['slots', '--forget', '2', '--account', 'U100', '--yes'], {env, cwd: dir});
		expect(noEnv.code).toBe(2);

		const done = await runCli(['slots', '--forget', '2', '--env', 'sandbox', '--account', 'U100', '--yes'], {env, cwd: dir});
		expect(done.code, done.stderr).toBe(0);
		expect(done.stdout).toContain('Slot 2');
		const rows = parseJson<SlotRow[]>(await runCli(['slots', '--json', '--account', 'U100', '--env', 'sandbox'], {env, cwd: dir}));
		expect(rows[0]!.slots.find((s) => s.slot === 2)?.empty).toBe(true);
		expect(rows[0]!.slots.find((s) => s.slot === 1)?.empty).toBe(false);
		const ledger = JSON.parse(await readFile(file, 'utf8')) as unknown;
		expect(JSON.stringify(ledger)).toContain(soonSha);
	});

	it('--forget of an empty slot, an unknown environment or a bad account id is a usage error, ledger untouched', async () => {
		const file = path.join(dir, 'cfg', 'config.json');
		const before = await readFile(file);
		const empty = await runCli(['slots', '--forget', '3', '--env', 'sandbox', '--account', 'U100', '--yes'], {env, cwd: dir});
		expect(empty.code).toBe(2);
		expect(empty.stderr).toContain('Slot 3 is empty');
		expect(empty.stderr).not.toMatch(/\n\s+at /);
		const unknownEnv = await runCli(['slots', '--forget', '1', '--env', 'sandbxo', '--account', 'U100', '--yes'], {env, cwd: dir});
		expect(unknownEnv.code).toBe(2);
		expect(unknownEnv.stderr).toContain('"sandbxo"');
		expect(unknownEnv.stderr).toContain('production, sandbox');
		const badAccount = await runCli(['slots', '--forget', '1', '--env', 'sandbox', '--account', 'U 100!', '--yes'], {env, cwd: dir});
		expect(badAccount.code).toBe(2);
		expect(badAccount.stderr).toContain('"U 100!"');
		const cs = await runCli(['slots', '--account', 'a!b'], {env: {...env, LANG: 'cs_CZ.UTF-8'}, cwd: dir});
		expect(cs.code).toBe(2);
		expect(cs.stderr).toContain('ID účtu „a!b“ není platné');
		expect(await readFile(file)).toEqual(before);
	});

	it('--env takes the environment name as well as its id', async () => {
		const byName = parseJson<SlotRow[]>(await runCli(['slots', '--json', '--account', 'U200', '--env', 'Production'], {env, cwd: dir}));
		expect(byName).toHaveLength(1);
		expect(byName[0]!.environment).toBe('production');
		const unknown = await runCli(['slots', '--env', 'nope'], {env, cwd: dir});
		expect(unknown.code).toBe(2);
	});

	it('--forget refuses a slot outside 1-4', async () => {
		const r = await runCli(['slots', '--forget', '5', '--env', 'sandbox', '--yes'], {env, cwd: dir});
		expect(r.code).toBe(2);
	});
});
