// The bundle gives Ink's ansi-tokenize and slice-ansi source/ui/graphemes.ts instead of an
// Intl.Segmenter made when they load (scripts/build.mjs): it must cut every text exactly as
// Intl.Segmenter does, the fast way for text of code points that are graphemes of their own.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {graphemeSegmenter, isOwnGrapheme} from '../../source/ui/graphemes.js';
import {messages as ui} from '../../source/i18n/messages/ui.js';
import {messages as common} from '../../source/i18n/messages/common.js';
import {messages as account} from '../../source/i18n/messages/account.js';
import {ASCII, UNICODE} from '../../source/ui/theme.js';

const intl = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const cut = (segments: Iterable<{segment: string; index: number}>) => [...segments].map(({segment, index}) => [segment, index]);
const same = (text: string) => {
	expect(cut(graphemeSegmenter.segment(text)), JSON.stringify(text)).toEqual(cut(intl.segment(text)));
	for (const at of [0, 1, text.length - 1, text.length, -1])
		expect(graphemeSegmenter.segment(text).containing(at)?.segment, `${JSON.stringify(text)} at ${at}`).toBe(intl.segment(text).containing(at)?.segment);
};

const own: string[] = [];
for (let code = 0; code < 0x10000; code++) if (isOwnGrapheme(code)) own.push(String.fromCharCode(code));

describe('the grapheme segmenter Ink gets in the bundle', () => {
	it('cuts every code point it takes as its own grapheme as Intl.Segmenter does: alone, between letters, doubled, all in a row', () => {
		expect(own.length).toBeGreaterThan(3000);
		for (const c of own) for (const text of [c, `a${c}b`, `${c}${c}`, ` ${c}\n`]) same(text);
		same(own.join(''));
		same([...own].reverse().join(''));
	});

	it('hands everything else to Intl.Segmenter: combining marks, CR LF, emoji sequences, flags, Hangul, Indic conjuncts', () => {
		for (const text of [
			'Jan Nova\u0301k',
			'line\r\nnext',
			'\u{1F468}\u200D\u{1F469}\u200D\u{1F467} family',
			'\u2764\uFE0F ok',
			'\u{1F1E8}\u{1F1FF} CZ',
			'\u1100\u1161\u11A8 \uD55C\uAE00',
			'\u0915\u094D\u0937 ksha',
			'\u200D',
			'\u0301',
			'',
		])
			same(text);
	});

	it('cuts what the screens show the same: every wizard sentence in Czech and English, the marks and box lines', () => {
		const params = new Proxy({}, {get: (_t, key) => (key === 'n' ? 3 : `«${String(key)} Žluťoučký kůň»`)}) as Record<string, string | number>;
		for (const catalog of [ui, common, account])
			for (const lang of ['cs', 'en'] as const)
				for (const message of Object.values(catalog[lang])) same(typeof message === 'function' ? message(params) : message);
		for (const theme of [ASCII, UNICODE]) for (const value of Object.values(theme)) if (typeof value === 'string') same(`${value} x ${value}${value}`);
	});

	it('is what the bundle uses: no Intl.Segmenter is made while the bundle loads', () => {
		const bundle = readFileSync(path.join(import.meta.dirname, '../../dist/bundle.js'), 'latin1');
		expect(bundle.match(/new Intl\.Segmenter\(/g)).toHaveLength(1);
		expect(bundle).toContain('granularity:"grapheme"');
	});
});
