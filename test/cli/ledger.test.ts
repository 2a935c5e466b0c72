// A damaged ledger (config.json cut short by a full disk or a crash) must stop register/slots with
// exit 4 and the file's path, leave the file byte for byte as it was, and offer an explicit way out.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cleanEnv, makeWorld, parseJson, qualified, requireBuild, runCli, writeLeaf, type World} from './helpers.js';

let dir: string;
let world: World;

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-ledger-'));
	world = await makeWorld(dir);
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

/** A config folder whose ledger holds one registration, then gets cut in half. */
async function damagedLedger(name: string): Promise<{env: NodeJS.ProcessEnv; file: string; bytes: Buffer}> {
	const cfg = path.join(dir, name);
	const env = cleanEnv({OTE_CERT_CONFIG_DIR: cfg});
	const ok = await runCli(
		['register', '--source', world.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--yes', '--out', path.join(dir, `${name}-pkg`), ...world.trust],
		{env, cwd: dir},
	);
	expect(ok.code, ok.stderr).toBe(0);
	const file = path.join(cfg, 'config.json');
	const whole = await readFile(file);
	const bytes = whole.subarray(0, Math.floor(whole.length / 2));
	await writeFile(file, bytes);
	return {env, file, bytes: Buffer.from(bytes)};
}

describe('healthy ledger', () => {
	it('four registrations started at the same moment all land in the ledger (the lock serialises them)', async () => {
		const cfg = path.join(dir, 'cfg-parallel');
		const env = cleanEnv({OTE_CERT_CONFIG_DIR: cfg});
		const people = await Promise.all(
			['Adam Souběžný', 'Bára Souběžná', 'Cyril Souběžný', 'Dana Souběžná'].map((cn) => qualified(world.ca, cn, {freshKey: true})),
		);
		const files = await Promise.all(people.map((leaf, i) => writeLeaf(dir, `parallel-${i}`, leaf)));
		const results = await Promise.all(
			files.map((f, i) =>
				runCli(
					[
						'register',
						'--source',
						f.pem,
						'--env',
						'sandbox',
						'--slot',
						String(i + 1),
						'--account',
						'U900',
						'--yes',
						'--out',
						path.join(dir, `parallel-pkg-${i}`),
						...world.trust,
					],
					{env, cwd: dir},
				),
			),
		);
		for (const r of results) expect(r.code, r.stderr).toBe(0);
		const rows = parseJson<Array<{slots: Array<{slot: number; auth: {subject: string} | null}>}>>(
			await runCli(['slots', '--json', '--account', 'U900'], {env, cwd: dir}),
		);
		expect(rows[0]!.slots.map((s) => s.auth?.subject.match(/CN=([^,]+)/)?.[1])).toEqual(['Adam Souběžný', 'Bára Souběžná', 'Cyril Souběžný', 'Dana Souběžná']);
		// Only the owner may read the ledger: it tells which certificate logs in where.
		expect((await stat(path.join(cfg, 'config.json'))).mode & 0o077).toBe(0);
	});
});

describe('damaged ledger', () => {
	it('slots and slots --json report it with the path, exit 4, file unchanged', async () => {
		const {env, file, bytes} = await damagedLedger('cfg-slots');
		for (const args of [['slots'], ['slots', '--json']]) {
			const r = await runCli(args, {env, cwd: dir});
			expect(r.code, r.stderr).toBe(4);
			expect(r.stderr).toContain(file);
			expect(r.stderr).toContain('--move-aside');
			expect(r.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
			expect(r.stdout).toBe('');
		}
		expect(await readFile(file)).toEqual(bytes);
	});

	it('register refuses with exit 4 and writes no package', async () => {
		const {env, file, bytes} = await damagedLedger('cfg-register');
		const out = path.join(dir, 'never-written');
		const r = await runCli(['register', '--source', world.files['goodPem']!, '--env', 'production', '--slot', '2', '--yes', '--out', out, ...world.trust], {
			env,
			cwd: dir,
		});
		expect(r.code, r.stderr).toBe(4);
		expect(r.stderr).toContain(file);
		expect(await readFile(file)).toEqual(bytes);
		expect(await readdir(dir)).not.toContain('never-written');
	});

	it('commands that do not need the ledger keep working: inspect, trust, report, --help', async () => {
		const {env, file, bytes} = await damagedLedger('cfg-others');
		const inspect = await runCli(['inspect', world.files['goodPem']!, ...world.trust], {env, cwd: dir});
		expect(inspect.code, inspect.stderr).toBe(0);
		expect((await runCli(['trust', '--json'], {env, cwd: dir})).code).toBe(0);
		// The helpdesk report matters most exactly when something is broken.
		const report = await runCli(['report', '--out', path.join(dir, 'damaged-report.json')], {env, cwd: dir});
		expect(report.code, report.stderr).toBe(0);
		expect((await runCli(['--help'], {env, cwd: dir})).code).toBe(0);
		const envList = await runCli(['env'], {env, cwd: dir});
		expect(envList.code).toBe(4);
		expect(await readFile(file)).toEqual(bytes);
	});

	it('is reported in Czech too', async () => {
		const {env, file} = await damagedLedger('cfg-cs');
		const r = await runCli(['slots'], {env: {...env, LANG: 'cs_CZ.UTF-8'}, cwd: dir});
		expect(r.code).toBe(4);
		expect(r.stderr).toContain(file);
		expect(r.stderr).toContain('poškozený');
	});

	it('slots --move-aside keeps the damaged file under a new name and a new ledger starts', async () => {
		const {env, file, bytes} = await damagedLedger('cfg-aside');
		const moved = await runCli(['slots', '--move-aside'], {env, cwd: dir});
		expect(moved.code, moved.stderr).toBe(0);
		const aside = (await readdir(path.dirname(file))).find((n) => n.startsWith('config.json.damaged-'));
		expect(aside).toBeDefined();
		const asidePath = path.join(path.dirname(file), aside!);
		expect(moved.stdout).toContain(asidePath);
		expect(await readFile(asidePath)).toEqual(bytes);

		const empty = await runCli(['slots', '--json'], {env, cwd: dir});
		expect(empty.code, empty.stderr).toBe(0);
		expect(parseJson(empty)).toEqual([]);
		const again = await runCli(
			[
				'register',
				'--source',
				world.files['goodPem']!,
				'--env',
				'sandbox',
				'--slot',
				'1',
				'--yes',
				'--json',
				'--out',
				path.join(dir, 'aside-pkg'),
				...world.trust,
			],
			{env, cwd: dir},
		);
		expect(again.code, again.stderr).toBe(0);
		// The old file is still there, untouched, next to the new ledger.
		expect(await readFile(asidePath)).toEqual(bytes);
	});

	it('a ledger from a newer ote-cert is refused (exit 4), not rewritten and not moved aside', async () => {
		const cfg = path.join(dir, 'cfg-newer');
		const env = cleanEnv({OTE_CERT_CONFIG_DIR: cfg});
		await runCli(['env', 'add', 'Moje', '--url', 'https://portal.example.cz/'], {env, cwd: dir});
		const file = path.join(cfg, 'config.json');
		const data = JSON.parse(await readFile(file, 'utf8')) as {schemaVersion: number};
		const newer = Buffer.from(JSON.stringify({...data, schemaVersion: data.schemaVersion + 1}));
		await writeFile(file, newer);
		const r = await runCli(['register', '--source', world.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--yes', ...world.trust], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(4);
		expect(r.stderr).toContain(file);
		expect(r.stderr).toContain('newer');
		expect(r.stderr).not.toContain('--move-aside');
		expect(await readFile(file)).toEqual(newer);
	});

	it('slots --move-aside on a healthy ledger moves nothing', async () => {
		const cfg = path.join(dir, 'cfg-healthy');
		const env = cleanEnv({OTE_CERT_CONFIG_DIR: cfg});
		await runCli(['env', 'add', 'Moje', '--url', 'https://portal.example.cz/'], {env, cwd: dir});
		const before = await readFile(path.join(cfg, 'config.json'));
		const r = await runCli(['slots', '--move-aside'], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('nothing was moved');
		expect(await readdir(cfg)).not.toContain(expect.stringMatching(/damaged/));
		expect(await readFile(path.join(cfg, 'config.json'))).toEqual(before);
	});
});

describe('ledger folder that cannot be made', () => {
	it('under /proc or below a file: exit 4 naming the folder and OTE_CERT_CONFIG_DIR, at once and without a stack', async () => {
		const aFile = path.join(dir, 'plain-file');
		await writeFile(aFile, 'not a folder');
		for (const [cfg, code] of [
			['/proc/ote-cert-nope/cfg', 'ENOENT'],
			[path.join(aFile, 'cfg'), 'ENOTDIR'],
		] as const) {
			const r = await runCli(['slots', '--lang', 'en'], {env: cleanEnv({OTE_CERT_CONFIG_DIR: cfg}), cwd: dir, timeoutMs: 15_000});
			expect(r.code, r.stderr).toBe(4);
			expect(r.stderr).toBe(`Error: Cannot open the slot ledger in ${cfg} (${code}). Set OTE_CERT_CONFIG_DIR to a folder you can write to.\n`);
			const register = await runCli(
				['register', '--source', world.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--yes', '--out', path.join(dir, 'never-written'), ...world.trust],
				{env: cleanEnv({OTE_CERT_CONFIG_DIR: cfg}), cwd: dir, timeoutMs: 15_000},
			);
			expect(register.code, register.stderr).toBe(4);
			expect(await stat(path.join(dir, 'never-written')).catch(() => null)).toBeNull();
		}
	});
});
