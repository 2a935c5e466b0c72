// Message keys are types. `npm run typecheck` (part of `npm test`) fails on each expect-error
// directive below if the mistake under it were accepted, so these lines prove the type check refuses
// a misspelt key, a key missing in one language and a key only one language has.
import {describe, expect, it} from 'vitest';
import {defineCatalog} from '../../source/i18n/catalog.js';
import {t, type MessageKey} from '../../source/i18n/index.js';

describe('typed message keys', () => {
	it('a misspelt key does not type-check', () => {
		// @ts-expect-error 'ui.source.titel' is not a key of any catalog
		const misspelt: MessageKey = 'ui.source.titel';
		expect(t('ui.source.title', {}, 'en')).not.toBe('ui.source.title');
		// Run time still shows the raw key rather than crashing, should one slip in past the types.
		expect(t(misspelt, {}, 'en')).toBe('ui.source.titel');
	});

	it('a key built from a value type-checks only for the values that have a sentence', () => {
		const step = 'slot' as 'source' | 'slot';
		expect(t(`ui.help.${step}`, {}, 'cs')).toContain('4');
		const unknown = 'nowhere' as 'source' | 'nowhere';
		// @ts-expect-error there is no ui.help.nowhere
		expect(t(`ui.help.${unknown}`, {}, 'en')).toBe('ui.help.nowhere');
	});

	it('a catalog must have the same keys in Czech and English', () => {
		const both = defineCatalog({cs: {'x.a': 'a', 'x.b': ({n}) => `${n}`}, en: {'x.a': 'a', 'x.b': ({n}) => `${n}`}});
		expect(Object.keys(both.en)).toEqual(['x.a', 'x.b']);
		// @ts-expect-error English lacks x.b
		defineCatalog({cs: {'x.a': 'a', 'x.b': 'b'}, en: {'x.a': 'a'}});
		// @ts-expect-error English has x.c, which Czech does not
		defineCatalog({cs: {'x.a': 'a'}, en: {'x.a': 'a', 'x.c': 'c'}});
	});
});
