// Grapheme clusters without ICU where the text needs none. Ink cuts every line it draws into
// graphemes (@alcalzone/ansi-tokenize for its output, slice-ansi for truncation) with
// Intl.Segmenter, and the first segmenter a process makes loads ICU's break rules: ~8 ms of the
// main thread before the wizard's first frame, on Node 20 and 24 alike. In the ranges below every
// code point is a grapheme of its own by Unicode's rules (UAX #29: they hold no Extend, ZWJ,
// SpacingMark, Prepend, Regional_Indicator or Hangul jamo, and no CR, which joins a following LF),
// so text made only of them (ASCII, Czech and other Latin letters, punctuation, arrows, box lines,
// ❯ …) is cut by hand, and ICU is loaded for the first text that is not. The bundle hands this to
// both libraries in place of their own `new Intl.Segmenter` (scripts/build.mjs graphemesWithoutIcu);
// test/platform/graphemes.test.ts checks it against ICU.

/** One code unit each: U+0000–U+02FF but CR, and U+2010–U+2BFF but the combining marks for symbols. */
function eachCodeUnitAGrapheme(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x300 ? c === 0x0d : c < 0x2010 || c > 0x2bff || (c >= 0x20d0 && c <= 0x20ff)) return false;
	}
	return true;
}

let icu: Intl.Segmenter | undefined;

/** What the libraries use of an Intl.Segmenter: segment(), its iteration and containing(). */
interface GraphemeSegmenter {
	segment(text: string): Intl.Segments;
}

export function graphemeSegmenter(): GraphemeSegmenter {
	return {
		segment(text) {
			if (!eachCodeUnitAGrapheme(text)) {
				icu ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
				return icu.segment(text);
			}
			const at = (index: number): Intl.SegmentData => ({segment: text[index]!, index, input: text});
			return {
				containing(position = 0) {
					const index = Math.trunc(Number(position)) || 0;
					return index >= 0 && index < text.length ? at(index) : undefined;
				},
				*[Symbol.iterator]() {
					for (let index = 0; index < text.length; index++) yield at(index);
				},
			} as Intl.Segments;
		},
	};
}
