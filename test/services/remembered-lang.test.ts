// The wizard remembers --lang in the ledger; naming the language already remembered writes nothing
// (it was a locked, fsynced rewrite of the ledger before every first frame).
import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openLedger} from '../../source/ledger/store.js';
import {createWizardServices} from '../../source/services/wizard-services-impl.js';
import {quietRuntime, wizardOptions} from '../helpers/wizard.js';

describe('the wizard and --lang', () => {
	it('remembers a new language, and leaves the ledger untouched when it is the one remembered', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'ote-lang-'));
		const env = {OTE_CERT_CONFIG_DIR: path.join(dir, 'config')};
		const runtime = quietRuntime(dir, env);
		const start = async (lang: string) => (await createWizardServices(wizardOptions(['--lang', lang]), runtime)).dispose?.();
		const file = openLedger({env}).path;

		await start('en');
		expect(JSON.parse(readFileSync(file, 'utf8')).preferences.lang).toBe('en');
		const written = statSync(file);
		const bytes = readFileSync(file);

		await start('en');
		// Every write goes to a new file renamed into place: the same inode means no write.
		expect(statSync(file).ino).toBe(written.ino);
		expect(readFileSync(file)).toEqual(bytes);

		await start('cs');
		expect(JSON.parse(readFileSync(file, 'utf8')).preferences.lang).toBe('cs');
		expect(statSync(file).ino).not.toBe(written.ino);
	});
});
