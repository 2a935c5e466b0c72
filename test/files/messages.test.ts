import {describe, expect, it} from 'vitest';
import {t} from '../../source/i18n/index.js';
import {messages} from '../../source/i18n/messages/files.js';
import '../../source/sources/files/errors.js';

describe('files catalog', () => {
	it('has the same keys in Czech and English, all namespaced', () => {
		expect(Object.keys(messages.cs).sort()).toEqual(Object.keys(messages.en).sort());
		for (const key of Object.keys(messages.en)) expect(key.startsWith('files.')).toBe(true);
	});

	it('renders every message with parameters filled (no "undefined" glued in)', () => {
		for (const lang of ['cs', 'en'] as const) {
			for (const key of Object.keys(messages[lang]) as (keyof typeof messages.en)[]) {
				const text = t(key, {file: 'podpis.p12', limit: 5, n: 3}, lang);
				expect(text).not.toContain('undefined');
				expect(text.length).toBeGreaterThan(5);
			}
		}
	});

	it('uses Czech plural forms', () => {
		expect(t('files.found', {n: 1}, 'cs')).toBe('Nalezen 1 soubor s certifikátem');
		expect(t('files.found', {n: 3}, 'cs')).toBe('Nalezeny 3 soubory s certifikáty');
		expect(t('files.found', {n: 7}, 'cs')).toBe('Nalezeno 7 souborů s certifikáty');
		expect(t('files.found', {n: 1}, 'en')).toBe('Found 1 certificate file');
	});
});
