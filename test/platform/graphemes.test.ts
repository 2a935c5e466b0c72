// source/platform/graphemes.ts cuts text into graphemes by hand where every code unit is one, and
// through ICU otherwise: for any text it must give what Intl.Segmenter gives (segments, indexes,
// containing()), since Ink draws and truncates every line with it.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {graphemeSegmenter} from '../../source/platform/graphemes.js';

const icu = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const ours = graphemeSegmenter();
const cut = (segments: Intl.Segments) => [...segments].map(({segment, index}) => [segment, index]);

function sameAsIcu(text: string): void {
	expect(cut(ours.segment(text))).toEqual(cut(icu.segment(text)));
	const theirs = icu.segment(text);
	const mine = ours.segment(text);
	for (const position of [-1, 0.5, text.length, text.length + 1, ...text.split('').keys()]) {
		const a = theirs.containing(position);
		const b = mine.containing(position);
		expect(b && [b.segment, b.index, b.input], `containing(${position}) of ${JSON.stringify(text)}`).toEqual(a && [a.segment, a.index, a.input]);
	}
}

const range = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => String.fromCharCode(from + i));

describe('graphemeSegmenter', () => {
	it('cuts every code point of the hand-cut ranges, one after another, as ICU does', () => {
		const handCut = [...range(0, 0x2ff).filter((c) => c !== '\r'), ...range(0x2010, 0x2bff).filter((c) => c < '\u20d0' || c > '\u20ff')];
		sameAsIcu(handCut.join(''));
		sameAsIcu([...handCut].reverse().join(''));
	});

	it('cuts screen text as ICU does: Czech, box lines, marks, escape sequences', () => {
		for (const text of [
			'Žluťoučký kůň úpěl ďábelské ódy',
			'╭─ Krok 1/5 · SRC ─╮ ❯ … ↑↓ ✓ ✗ ⚠',
			'\u001b[1m\u001b[36mote-cert\u001b[39m\u001b[22m · Step 1/5',
			'',
		])
			sameAsIcu(text);
	});

	it('gives what ICU gives for any text, with joiners, combining marks, CR LF, emoji, flags and Hangul among it', () => {
		const hard = [
			'\r',
			'\n',
			'\r\n',
			'e\u0301',
			'\u0301',
			'\u200d',
			'\u200c',
			'\ufe0f',
			'👍🏽',
			'👨‍👩‍👧',
			'🇨🇿',
			'각',
			'\u1100\u1161',
			'\u20dd',
			'क्षि',
			'\u0600a',
		];
		const easy = ['a', 'Ž', 'ů', '─', '❯', '…', '·', '\u001b', '[', 'm', ' ', '\t', '\u00ad', '\u2028'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...easy, ...hard), {maxLength: 24}), (parts) => sameAsIcu(parts.join(''))),
			{numRuns: Number(process.env['FUZZ_RUNS'] ?? 300)},
		);
	});
});
