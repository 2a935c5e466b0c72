// Faults around the ledger and the package, on a real file system with the built command line: a
// nearly full and a full disk (a small tmpfs: CI runs as root), a read-only disk, a lock held by a
// live process and one left by a dead one, leftovers of killed runs, 20 registrations at once, and
// --out naming an existing folder. After every failed write the ledger is byte for byte the same,
// and no package, staging folder or temporary file is left.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, statfsSync, utimesSync, writeFileSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {placeCertificate} from '../../source/account/slots.js';
import {LOCK_STALE_MS, openLedger} from '../../source/ledger/store.js';
import {cleanEnv, makeWorld, requireBuild, runCli, type World} from '../cli/helpers.js';
import {NOW, record} from '../account/helpers.js';

let dir: string;
let world: World;

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-ledger-faults-'));
	world = await makeWorld(dir);
}, 60_000);

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

function register(cfg: string, out: string, extra: string[] = [], cwd = dir) {
	return runCli(['register', '--source', world.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--yes', '--out', out, ...extra, ...world.trust], {
		env: cleanEnv({OTE_CERT_CONFIG_DIR: cfg}),
		cwd,
	});
}

/** A healthy ledger of some 40 kB: enough history that half of it does not fit in the room left. */
async function bigLedger(cfg: string): Promise<Buffer> {
	const store = openLedger({dir: cfg, env: {}});
	for (let i = 0; i < 60; i++) {
		await store.updateAccount(
			'default',
			'production',
			(l) => placeCertificate(l, {slot: 2, roles: ['auth'], record: record(`old-${i}`), at: NOW.toISOString()}).ledger,
		);
	}
	return readFile(store.path);
}

/** Everything left in a folder that is not the ledger itself: temp files, locks, staging folders. */
function leftovers(folder: string): string[] {
	return readdirSync(folder).filter((name) => name !== 'config.json');
}

describe('a full or read-only disk under the ledger (tmpfs)', () => {
	let mnt: string;
	let mounted = false;

	beforeAll(() => {
		mnt = path.join(dir, 'small-disk');
		mkdirSync(mnt);
		// No fallback: without a real small file system this test proves nothing.
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt]);
		mounted = true;
	});

	afterAll(() => {
		if (mounted) execFileSync('umount', [mnt]);
	});

	/** Leaves `room` bytes free on the tmpfs by writing a filler file. */
	function leaveRoom(room: number): void {
		const filler = path.join(mnt, 'filler');
		rmFiller();
		const s = statfsSync(mnt);
		const free = s.bavail * s.bsize;
		writeFileSync(filler, Buffer.alloc(Math.max(0, free - room)));
		const after = statfsSync(mnt);
		expect(after.bavail * after.bsize).toBeLessThanOrEqual(room);
	}
	function rmFiller(): void {
		execFileSync('rm', ['-f', path.join(mnt, 'filler')]);
	}

	for (const [label, share] of [
		['room for half the ledger', 0.5],
		['no room at all', 0],
	] as const) {
		it(`${label}: a clear refusal (exit 5), the ledger unchanged, no package, no temp file`, async () => {
			const cfg = path.join(mnt, `cfg-${share}`);
			const before = await bigLedger(cfg);
			expect(before.length).toBeGreaterThan(30_000);
			leaveRoom(Math.floor(before.length * share));
			const out = path.join(dir, `pkg-full-${share}`);
			const result = await register(cfg, out);
			rmFiller();
			expect(result.code, result.stderr).toBe(5);
			expect(result.stderr).toContain('the disk is full');
			expect(result.stderr).toContain(path.join(cfg, 'config.json'));
			expect(result.stderr).not.toMatch(/damaged|\n\s+at /);
			expect(Buffer.compare(await readFile(path.join(cfg, 'config.json')), before)).toBe(0);
			expect(leftovers(cfg)).toEqual([]);
			expect(existsSync(out)).toBe(false);
			expect(readdirSync(dir).filter((name) => name.startsWith('.ote-cert-staging-'))).toEqual([]);
		}, 60_000);
	}

	it('the same in Czech', async () => {
		const cfg = path.join(mnt, 'cfg-cs');
		const before = await bigLedger(cfg);
		leaveRoom(0);
		const result = await register(cfg, path.join(dir, 'pkg-full-cs'), ['--lang', 'cs']);
		rmFiller();
		expect(result.code, result.stderr).toBe(5);
		expect(result.stderr).toContain('na disku není místo');
		expect(Buffer.compare(await readFile(path.join(cfg, 'config.json')), before)).toBe(0);
	}, 60_000);

	it('a read-only disk: exit 5 "read-only", nothing changed, no package', async () => {
		const cfg = path.join(mnt, 'cfg-ro');
		const before = await bigLedger(cfg);
		execFileSync('mount', ['-o', 'remount,ro', mnt]);
		try {
			const out = path.join(dir, 'pkg-ro');
			const result = await register(cfg, out);
			expect(result.code, result.stderr).toBe(5);
			expect(result.stderr).toContain('the disk is read-only');
			expect(result.stderr).not.toMatch(/damaged|\n\s+at /);
			expect(existsSync(out)).toBe(false);
		} finally {
			execFileSync('mount', ['-o', 'remount,rw', mnt]);
		}
		expect(Buffer.compare(await readFile(path.join(cfg, 'config.json')), before)).toBe(0);
		expect(leftovers(cfg)).toEqual([]);
	}, 60_000);
});

describe('locks', () => {
	let holder: ChildProcess | null = null;
	afterAll(() => {
		holder?.kill('SIGKILL');
	});

	it('a lock held by a live ote-cert is waited for a bounded time, then named with what to do (exit 5)', async () => {
		const cfg = path.join(dir, 'cfg-held');
		const before = await bigLedger(cfg);
		const lockfile = path.resolve(import.meta.dirname, '../../node_modules/proper-lockfile/index.js');
		// A real holder: proper-lockfile in another process keeps the lock fresh as ote-cert does.
		holder = spawn(
			process.execPath,
			[
				'-e',
				`require(${JSON.stringify(lockfile)}).lock(${JSON.stringify(path.join(cfg, 'config.json'))}, {realpath: false, stale: ${LOCK_STALE_MS}}).then(() => console.log('locked')); setInterval(() => {}, 1000)`,
			],
			{stdio: ['ignore', 'pipe', 'inherit']},
		);
		await new Promise<void>((resolve) => holder!.stdout!.once('data', () => resolve()));
		const out = path.join(dir, 'pkg-held');
		const result = await register(cfg, out);
		expect(result.code, result.stderr).toBe(5);
		expect(result.stderr).toContain(`lock ${path.join(cfg, 'config.json.lock')}`);
		expect(result.stderr).toContain('If no ote-cert is running, delete the folder');
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(existsSync(out)).toBe(false);
		expect(Buffer.compare(await readFile(path.join(cfg, 'config.json')), before)).toBe(0);
		holder.kill('SIGKILL');
		holder = null;
	}, 60_000);

	it('a lock left by a process that died is taken over', async () => {
		const cfg = path.join(dir, 'cfg-stale');
		await bigLedger(cfg);
		const lock = path.join(cfg, 'config.json.lock');
		mkdirSync(lock);
		const old = new Date(Date.now() - 60_000);
		utimesSync(lock, old, old);
		const out = path.join(dir, 'pkg-stale');
		const result = await register(cfg, out);
		expect(result.code, result.stderr).toBe(0);
		expect(existsSync(path.join(out, 'registration.json'))).toBe(true);
		expect(existsSync(lock)).toBe(false);
	}, 60_000);

	it('20 registrations of one certificate into slots 1–4 at once: the refused ones ("already in slot N") leave no package', async () => {
		const cfg = path.join(dir, 'cfg-twenty');
		const runs = Array.from({length: 20}, (_, i) => ({out: path.join(dir, `pkg-twenty-${i}`), slot: String((i % 4) + 1)}));
		const results = await Promise.all(runs.map((run) => register(cfg, run.out, ['--slot', run.slot])));
		const history = JSON.parse(await readFile(path.join(cfg, 'config.json'), 'utf8')).accounts.default.ledgers.sandbox.history;
		expect(history).toHaveLength(1);
		const winner = String(history[0].slot);
		results.forEach((result, i) => {
			const run = runs[i]!;
			if (run.slot === winner) {
				// The same certificate into the same slot again changes nothing and is not refused.
				expect(result.code, result.stderr).toBe(0);
				expect(existsSync(path.join(run.out, 'registration.json'))).toBe(true);
			} else {
				expect(result.code, result.stderr).toBe(2);
				expect(result.stderr).toContain(`already recorded in slot ${winner}`);
				expect(existsSync(run.out)).toBe(false);
			}
		});
		expect(readdirSync(dir).filter((name) => name.startsWith('.ote-cert-staging-'))).toEqual([]);
		expect(leftovers(cfg)).toEqual([]);
	}, 180_000);
});

describe('leftovers of killed runs', () => {
	it('staging folders and temp files older than ten minutes are removed on the next run; fresh ones are not', async () => {
		const cfg = path.join(dir, 'cfg-leftovers');
		await bigLedger(cfg);
		const parent = path.join(dir, 'leftovers');
		mkdirSync(parent);
		const old = new Date(Date.now() - 11 * 60_000);
		const oldStaging = path.join(parent, '.ote-cert-staging-old123');
		const freshStaging = path.join(parent, '.ote-cert-staging-new123');
		const oldTemp = path.join(cfg, 'config.json.tmp-1234old');
		const freshTemp = path.join(cfg, 'config.json.tmp-1234new');
		mkdirSync(oldStaging);
		writeFileSync(path.join(oldStaging, 'registration.json'), '{}');
		mkdirSync(freshStaging);
		writeFileSync(oldTemp, '{"cut');
		writeFileSync(freshTemp, '{"cut');
		utimesSync(oldStaging, old, old);
		utimesSync(oldTemp, old, old);
		const result = await register(cfg, path.join(parent, 'pkg'));
		expect(result.code, result.stderr).toBe(0);
		expect(existsSync(oldStaging)).toBe(false);
		expect(existsSync(oldTemp)).toBe(false);
		expect(existsSync(freshStaging)).toBe(true);
		expect(existsSync(freshTemp)).toBe(true);
	}, 60_000);
});

describe('--out naming an existing folder', () => {
	it('an existing empty folder receives the package itself', async () => {
		const out = path.join(dir, 'empty-out');
		mkdirSync(out);
		const result = await register(path.join(dir, 'cfg-empty-out'), out);
		expect(result.code, result.stderr).toBe(0);
		expect((await readdir(out)).sort()).toEqual(expect.arrayContaining(['registration.json', 'next-steps.txt']));
		expect(existsSync(`${out}-2`)).toBe(false);
	}, 60_000);

	it('--out . in an empty current folder writes there', async () => {
		const here = path.join(dir, 'empty-cwd');
		mkdirSync(here);
		const result = await register(path.join(dir, 'cfg-dot'), '.', [], here);
		expect(result.code, result.stderr).toBe(0);
		expect(existsSync(path.join(here, 'registration.json'))).toBe(true);
		expect(readdirSync(dir).filter((name) => name.startsWith('empty-cwd-'))).toEqual([]);
	}, 60_000);

	it('a non-empty folder is refused before anything is recorded (exit 2)', async () => {
		const out = path.join(dir, 'full-out');
		mkdirSync(out);
		await writeFile(path.join(out, 'mine.txt'), 'keep me');
		const cfg = path.join(dir, 'cfg-full-out');
		const result = await register(cfg, out);
		expect(result.code, result.stderr).toBe(2);
		expect(result.stderr).toContain('the folder exists and is not empty');
		expect(readdirSync(out)).toEqual(['mine.txt']);
		expect(existsSync(`${out}-2`)).toBe(false);
		expect(existsSync(path.join(cfg, 'config.json'))).toBe(false);
	}, 60_000);

	it('without --out, a second package of the same registration goes beside the first (NAME-2), which stays untouched', async () => {
		const here = path.join(dir, 'default-name');
		mkdirSync(here);
		const cfg = path.join(dir, 'cfg-default-name');
		const args = ['register', '--source', world.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--yes', ...world.trust];
		const run = () => runCli(args, {env: cleanEnv({OTE_CERT_CONFIG_DIR: cfg}), cwd: here});
		const first = await run();
		expect(first.code, first.stderr).toBe(0);
		const [name] = readdirSync(here);
		const before = await readFile(path.join(here, name!, 'registration.json'));
		const second = await run();
		expect(second.code, second.stderr).toBe(0);
		expect(readdirSync(here).sort()).toEqual([name, `${name}-2`]);
		expect(await readFile(path.join(here, name!, 'registration.json'))).toEqual(before);
		expect(existsSync(path.join(here, `${name}-2`, 'registration.json'))).toBe(true);
	}, 60_000);
});
