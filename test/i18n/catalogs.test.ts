// Every message exists in both languages: a key missing in Czech would fall back to English mid-
// screen, one missing in English would print the raw key. The type check already refuses both
// (defineCatalog); these run-time checks are the second guard, and prove every catalog file is wired
// into t().
import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {catalogKeys, t, type Catalog} from '../../source/i18n/index.js';

const dirUrl = new URL('../../source/i18n/messages/', import.meta.url);
const dir = fileURLToPath(dirUrl);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const catalogs = new Map<string, Catalog>();

const difference = (a: string[], b: string[]) => a.filter((key) => !b.includes(key)).sort();

beforeAll(async () => {
	for (const file of files) {
		const module = (await import(/* @vite-ignore */ new URL(file, dirUrl).href)) as Record<string, Catalog>;
		if (!module['messages']) throw new Error(`source/i18n/messages/${file} exports no "messages" catalog`);
		for (const [name, catalog] of Object.entries(module)) catalogs.set(`${file} ${name}`, catalog);
	}
});

describe('message catalogs', () => {
	it('finds the catalogs of every room', () => {
		expect(files).toEqual(expect.arrayContaining(['ui.ts', 'output.ts', 'cli.ts', 'trust.ts', 'files.ts', 'token.ts', 'account.ts']));
	});

	it('registered cs and en key sets are equal', () => {
		const {cs, en} = catalogKeys();
		expect(en.length).toBeGreaterThan(100);
		expect({missingInCs: difference(en, cs), missingInEn: difference(cs, en)}).toEqual({missingInCs: [], missingInEn: []});
	});

	it('t() knows every key of every catalog file', () => {
		const {cs, en} = catalogKeys();
		const all = [...catalogs.values()].flatMap((catalog) => [...Object.keys(catalog.cs), ...Object.keys(catalog.en)]);
		expect(catalogs.size).toBeGreaterThanOrEqual(files.length);
		expect(all.filter((key) => !cs.includes(key) || !en.includes(key))).toEqual([]);
	});

	it('each catalog has the same keys in both languages, same kind of message', () => {
		for (const catalog of catalogs.values()) expectSameShape(catalog);
	});

	function expectSameShape(catalog: Catalog) {
		const cs = Object.keys(catalog.cs);
		const en = Object.keys(catalog.en);
		expect({missingInCs: difference(en, cs), missingInEn: difference(cs, en)}).toEqual({missingInCs: [], missingInEn: []});
		// A sentence with parameters in one language and fixed text in the other would drop the value.
		const kinds = (lang: 'cs' | 'en') => Object.fromEntries(en.map((key) => [key, typeof catalog[lang][key]]));
		expect(kinds('cs')).toEqual(kinds('en'));
	}

	it('Czech text keeps its diacritics through t()', () => {
		expect(t('ui.source.title', {}, 'cs')).toBe('Kde je váš certifikát?');
		expect(t('ui.header.step', {n: 2, total: 5, code: 'CERT'}, 'cs')).toBe('Krok 2/5 · CERT');
	});
});
