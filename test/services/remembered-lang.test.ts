// --lang is remembered in the ledger for the next start; a start that names the language already
// remembered leaves the ledger file alone (no lock, no write before the first frame).
import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {quietRuntime, wizardOptions} from '../helpers/wizard.js';
import {createWizardServices} from '../../source/services/wizard-services-impl.js';
import {openLedger} from '../../source/ledger/store.js';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'ote-remembered-lang-'));
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

it('--lang is written once when it changes, and not rewritten by starts that name the same language', async () => {
	const env = {OTE_CERT_CONFIG_DIR: path.join(dir, 'config')};
	const runtime = quietRuntime(dir, env);
	const ledger = openLedger({env});
	await (await createWizardServices(wizardOptions(['--lang', 'cs']), runtime)).dispose?.();
	expect(ledger.preferences().lang).toBe('cs');
	const written = await stat(ledger.path);
	const text = await readFile(ledger.path, 'utf8');

	await (await createWizardServices(wizardOptions(['--lang', 'cs']), runtime)).dispose?.();
	await (await createWizardServices(wizardOptions([]), runtime)).dispose?.();
	const after = await stat(ledger.path);
	expect([after.ino, after.mtimeMs, await readFile(ledger.path, 'utf8')]).toEqual([written.ino, written.mtimeMs, text]);

	await (await createWizardServices(wizardOptions(['--lang', 'en']), runtime)).dispose?.();
	expect(ledger.preferences().lang).toBe('en');
	expect((await stat(ledger.path)).ino).not.toBe(written.ino);
});
