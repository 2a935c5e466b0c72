import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {emptyData, SCHEMA_VERSION} from '../../source/account/ledger-data.js';
import {placeCertificate} from '../../source/account/slots.js';
import {configDir, LEDGER_FILE_NAME, LedgerDamagedError, openLedger} from '../../source/ledger/store.js';
import {NOW, record} from '../account/helpers.js';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'ote-ledger-'));
});
afterEach(() => {
	rmSync(dir, {recursive: true, force: true});
});

const AT = NOW.toISOString();

describe('configDir', () => {
	it('honours OTE_CERT_CONFIG_DIR and the platform conventions', () => {
		expect(configDir({OTE_CERT_CONFIG_DIR: '/x/y'}, 'linux')).toBe('/x/y');
		expect(configDir({HOME: '/home/j'}, 'linux')).toBe('/home/j/.config/ote-cert');
		expect(configDir({HOME: '/home/j', XDG_CONFIG_HOME: '/cfg'}, 'linux')).toBe('/cfg/ote-cert');
		expect(configDir({HOME: '/Users/j'}, 'darwin')).toBe('/Users/j/Library/Preferences/ote-cert');
		expect(configDir({APPDATA: 'C:\\Users\\j\\AppData\\Roaming'}, 'win32')).toBe('C:\\Users\\j\\AppData\\Roaming\\ote-cert\\Config');
	});

	it('openLedger uses the override when no dir is given', () => {
		const store = openLedger({env: {OTE_CERT_CONFIG_DIR: dir}});
		expect(store.path).toBe(path.join(dir, LEDGER_FILE_NAME));
	});
});

describe('ledger store', () => {
	it('reads an absent ledger as empty without creating it', () => {
		const store = openLedger({dir, env: {}});
		expect(store.read()).toEqual(emptyData());
		expect(store.account('default', 'production')).toEqual({slots: {}, history: []});
		expect(existsSync(store.path)).toBe(false);
	});

	it('writes per account and environment, private to the user, and reads back in a new instance', async () => {
		const store = openLedger({dir, env: {}});
		const cert = record('a');
		await store.updateAccount('12345', 'sandbox', (ledger) => placeCertificate(ledger, {slot: 1, roles: ['auth', 'sign'], record: cert, at: AT}).ledger);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
		const again = openLedger({dir, env: {}});
		expect(again.account('12345', 'sandbox').slots['1']?.auth).toEqual(cert);
		// Registered in Sandbox says nothing about Production, nor about another account.
		expect(again.account('12345', 'production').slots).toEqual({});
		expect(again.account('default', 'sandbox').slots).toEqual({});
		const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
		expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
		expect(onDisk.accounts['12345'].ledgers.sandbox.history).toHaveLength(1);
	});

	it('keeps the replaced certificate in history', async () => {
		const store = openLedger({dir, env: {}});
		const old = record('old');
		const fresh = record('new');
		await store.updateAccount('default', 'production', (l) => placeCertificate(l, {slot: 2, roles: ['auth'], record: old, at: AT}).ledger);
		await store.updateAccount('default', 'production', (l) => placeCertificate(l, {slot: 2, roles: ['auth'], record: fresh, at: AT}).ledger);
		const ledger = openLedger({dir, env: {}}).account('', 'production');
		expect(ledger.slots['2']?.auth).toEqual(fresh);
		expect(ledger.history.map((e) => [e.action, e.certificate?.sha256, e.replaced?.sha256 ?? null])).toEqual([
			['register', old.sha256, null],
			['replace', fresh.sha256, old.sha256],
		]);
	});

	it('stores preferences and per-account profiles', async () => {
		const store = openLedger({dir, env: {}});
		await store.setPreferences({lastEnv: 'sandbox', lang: 'cs'});
		await store.setPreferences({environments: [{id: 'x', name: 'X', portalUrl: 'https://x.cz/', builtIn: false}]});
		await store.setProfile('12345', {role: 'owner', newCompany: false, pozeProducer: true});
		const again = openLedger({dir, env: {}});
		expect(again.preferences()).toEqual({
			lastEnv: 'sandbox',
			lang: 'cs',
			environments: [{id: 'x', name: 'X', portalUrl: 'https://x.cz/', builtIn: false}],
			recentAccounts: {},
		});
		expect(again.profile('12345')).toEqual({role: 'owner', newCompany: false, pozeProducer: true});
		expect(again.profile('other')).toBeNull();
		expect(again.account('12345', 'production').profile).toEqual({role: 'owner', newCompany: false, pozeProducer: true});
	});

	it('tolerates a byte-order mark', () => {
		const store = openLedger({dir, env: {}});
		writeFileSync(store.path, `\uFEFF${JSON.stringify({schemaVersion: 1, preferences: {lang: 'en'}, accounts: {}})}`);
		expect(store.preferences().lang).toBe('en');
	});
});

describe('damaged ledger', () => {
	const cases: Array<[string, string, string]> = [
		['truncated JSON', '{"schemaVersion": 1, "accounts": {', 'unreadable-json'],
		['empty file', '', 'unreadable-json'],
		['not an object', '[1,2]', 'bad-shape'],
		// conf reads both as an empty object; the next write used to replace the file.
		['null', 'null', 'bad-shape'],
		['an empty array', '[]', 'bad-shape'],
		['a number', '42', 'bad-shape'],
		['wrong shape', '{"schemaVersion": 1, "accounts": {"1": {"ledgers": {"production": {"slots": {"7": {}}, "history": []}}}}}', 'bad-shape'],
		['newer ote-cert', '{"schemaVersion": 99, "accounts": {}}', 'newer-version'],
	];

	for (const [label, content, reason] of cases) {
		it(`${label}: reported, never overwritten`, async () => {
			const store = openLedger({dir, env: {}});
			writeFileSync(store.path, content);
			expect(() => store.read()).toThrow(LedgerDamagedError);
			try {
				store.read();
			} catch (error) {
				expect(error).toMatchObject({file: store.path, reason});
				expect((error as Error).message).toContain(store.path);
			}
			await expect(store.updateAccount('default', 'production', (l) => l)).rejects.toBeInstanceOf(LedgerDamagedError);
			await expect(store.setPreferences({lang: 'cs'})).rejects.toBeInstanceOf(LedgerDamagedError);
			// A fresh instance (conf reads in its constructor) must not "repair" it either.
			expect(() => openLedger({dir, env: {}}).read()).toThrow(LedgerDamagedError);
			expect(readFileSync(store.path, 'utf8')).toBe(content);
		});
	}

	it('moveAsideDamaged keeps the file under a new name and never overwrites an earlier copy', async () => {
		const store = openLedger({dir, env: {}});
		const when = new Date('2026-06-01T10:00:00Z');
		writeFileSync(store.path, '{broken one');
		const first = store.moveAsideDamaged(when);
		expect(first).toBe(`${store.path}.damaged-2026-06-01T10-00-00-000Z`);
		expect(readFileSync(first!, 'utf8')).toBe('{broken one');
		expect(existsSync(store.path)).toBe(false);

		await store.setPreferences({lang: 'cs'});
		expect(store.preferences().lang).toBe('cs');

		writeFileSync(store.path, '{broken two');
		const second = store.moveAsideDamaged(when);
		expect(second).not.toBe(first);
		expect(readFileSync(first!, 'utf8')).toBe('{broken one');
		expect(readFileSync(second!, 'utf8')).toBe('{broken two');
		expect(store.moveAsideDamaged(when)).toBeNull(); // absent → nothing to move
		await store.setPreferences({lang: 'en'});
		expect(store.moveAsideDamaged(when)).toBeNull(); // healthy → left alone
		expect(readdirSync(dir).filter((f) => f.includes('.damaged-'))).toHaveLength(2);
	});
});

describe('two processes at once', () => {
	it('keeps every update of two concurrent register runs', async () => {
		const here = path.dirname(fileURLToPath(import.meta.url));
		const bundle = path.join(dir, 'child.mjs');
		await build({
			entryPoints: [path.join(here, 'fixtures', 'register-child.ts')],
			outfile: bundle,
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
			logLevel: 'silent',
		});
		const ledgerDir = path.join(dir, 'config');
		const goFile = path.join(dir, 'go');
		const count = 25;
		const run = (label: string, slot: number) =>
			new Promise<void>((resolve, reject) => {
				const child = spawn(process.execPath, [bundle, ledgerDir, label, String(slot), String(count), goFile], {
					stdio: ['ignore', 'ignore', 'pipe'],
				});
				let stderr = '';
				child.stderr.on('data', (chunk) => (stderr += chunk));
				child.on('error', reject);
				child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} exited ${code}: ${stderr}`))));
			});
		const both = Promise.all([run('alice', 1), run('bob', 2)]);
		writeFileSync(goFile, '');
		await both;

		const ledger = openLedger({dir: ledgerDir, env: {}}).account('12345', 'production');
		const shaOf = (name: string) => record(name).sha256; // helper hashes only the label, as the child does
		expect(ledger.slots['1']?.auth?.sha256).toBe(shaOf(`alice-${count - 1}`));
		expect(ledger.slots['2']?.auth?.sha256).toBe(shaOf(`bob-${count - 1}`));
		expect(ledger.history).toHaveLength(2 * count);
		for (const label of ['alice', 'bob']) {
			const mine = ledger.history.filter((e) => e.certificate?.holder.name === label);
			expect(mine.map((e) => e.certificate?.sha256)).toEqual(Array.from({length: count}, (_, i) => shaOf(`${label}-${i}`)));
		}
		expect(existsSync(path.join(ledgerDir, `${LEDGER_FILE_NAME}.lock`))).toBe(false);
	}, 60_000);
});
