// Serial numbers through the built CLI: `inspect` (text and JSON), registration.json, the package's file
// names and `slots --json` show the serial as `openssl x509 -serial` does, leading zero and high bit included.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cleanEnv, makeWorld, parseJson, qualified, requireBuild, runCli, writeLeaf, type World} from './helpers.js';

let dir: string;
let w: World;
let env: NodeJS.ProcessEnv;
const files: Record<string, string> = {};
// A leading zero nibble, and a high bit (DER stores 00 8F…, openssl shows 8F…).
const SERIALS = {leadingZero: '01669b87', highBit: '8f3e0a5d17c2'};

const opensslSerial = (file: string): string =>
	execFileSync('openssl', ['x509', '-in', file, '-noout', '-serial'], {encoding: 'utf8'})
		.trim()
		.replace(/^serial=/, '');
const run = (args: string[]) => runCli([...args, ...w.trust, '--lang', 'en'], {env, cwd: dir});

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-serial-'));
	w = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), HOME: dir});
	for (const [name, serialNumber] of Object.entries(SERIALS)) {
		files[name] = (await writeLeaf(dir, name, await qualified(w.ca, `Sériový ${name}`, {serialNumber, freshKey: true}))).pem;
	}
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('serials as openssl shows them', () => {
	it('openssl shows 01669B87 and 8F3E0A5D17C2 for the test certificates', () => {
		expect(opensslSerial(files['leadingZero']!)).toBe('01669B87');
		expect(opensslSerial(files['highBit']!)).toBe('8F3E0A5D17C2');
	});

	for (const name of Object.keys(SERIALS)) {
		it(`${name}: inspect text and JSON, registration.json, file names and slots --json`, async () => {
			const file = files[name]!;
			const expected = opensslSerial(file);
			const json = await run(['inspect', file, '--json', '--offline']);
			expect(json.code, json.stderr).toBe(0);
			expect(parseJson<Array<{serialNumber: string}>>(json)[0]!.serialNumber).toBe(expected);
			const text = await run(['inspect', file, '--offline']);
			expect(text.stdout).toMatch(new RegExp(`: ${expected}$`, 'm'));

			const out = path.join(dir, `pkg-${name}`);
			const slot = name === 'leadingZero' ? '1' : '2';
			const reg = await run(['register', file, '--env', 'sandbox', '--slot', slot, '--account', 'U42', '--out', out, '--yes', '--json', '--offline']);
			expect(reg.code, reg.stderr).toBe(0);
			const registration = JSON.parse(await readFile(path.join(out, 'registration.json'), 'utf8')) as {certificate: {serialNumber: string}};
			expect(registration.certificate.serialNumber).toBe(expected);
			const names = (await readdir(out)).filter((f) => f.endsWith('.cer') || f.endsWith('.pem'));
			expect(names).toHaveLength(2);
			for (const f of names) expect(f).toContain(expected.slice(-12));

			const slots = await run(['slots', '--account', 'U42', '--env', 'sandbox', '--json']);
			expect(slots.code, slots.stderr).toBe(0);
			expect(slots.stdout).toContain(`"serialNumber": "${expected}"`);
		});
	}

	it('slots --json shows a serial an older ledger kept in lowercase without its leading zero in openssl form', async () => {
		const config = path.join(dir, 'cfg-old');
		await mkdir(config, {recursive: true});
		const now = Date.now();
		const record = {
			sha256: 'ab'.repeat(32),
			sha1: 'cd'.repeat(20),
			subject: 'CN=Eva Stará',
			issuer: 'CN=CA',
			serialNumber: '1669b87',
			notBefore: new Date(now - 86_400_000).toISOString(),
			notAfter: new Date(now + 100 * 86_400_000).toISOString(),
			holder: {name: 'Eva Stará', ico: null, caUserId: null},
			source: '/tmp/eva.pem',
			kind: 'qualified',
		};
		const ledger = {slots: {'1': {slot: 1, auth: record, sign: null, registeredAt: record.notBefore}}, history: []};
		await writeFile(
			path.join(config, 'config.json'),
			JSON.stringify({
				schemaVersion: 1,
				preferences: {lang: null, lastEnv: null, environments: []},
				accounts: {U7: {profile: null, ledgers: {production: ledger}}},
			}),
		);
		const r = await runCli(['slots', '--account', 'U7', '--json'], {env: {...env, OTE_CERT_CONFIG_DIR: config}, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('"serialNumber": "01669B87"');
	});
});
