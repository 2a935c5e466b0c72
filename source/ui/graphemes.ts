// Ink cuts every line it draws into graphemes (@alcalzone/ansi-tokenize, and slice-ansi when it
// truncates) with Intl.Segmenter. Creating the first segmenter loads ICU's break rules: ~7 ms of CPU
// before the first frame, for lines that are Latin letters, Czech letters, punctuation, arrows and box
// lines, where every code point is a grapheme of its own. scripts/build.mjs hands both libraries this
// segmenter instead: such text is cut by code point here, anything else (combining marks, emoji with
// selectors or joiners, flags, Hangul, Indic scripts…) goes to the real Intl.Segmenter, made on first need.

/**
 * Code points whose Grapheme_Cluster_Break is Other or Control (UAX #29): between two of them there is
 * always a boundary. U+0000–U+02FF without CR (CR LF is one grapheme; U+0300 starts the combining
 * marks), general punctuation up to the symbol combining marks (U+20D0–U+20FF, Extend), and U+2100–U+2BFF
 * (letterlike, arrows, mathematical, technical, box drawing, blocks, shapes, dingbats). No Extend, ZWJ,
 * SpacingMark, Prepend, Regional_Indicator or Hangul jamo among them: test/ui/graphemes.test.ts checks
 * every one against Intl.Segmenter.
 */
export function isOwnGrapheme(code: number): boolean {
	return (code < 0x300 && code !== 0x0d) || (code >= 0x2010 && code < 0x20d0) || (code >= 0x2100 && code < 0x2c00);
}

interface Segment {
	segment: string;
	index: number;
	input: string;
}

interface Segments extends Iterable<Segment> {
	containing(index?: number): Segment | undefined;
}

/** Every UTF-16 unit of `text` is a code point that is a grapheme of its own (all are in the BMP, none a surrogate). */
function simple(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (!isOwnGrapheme(text.charCodeAt(i))) return false;
	return true;
}

function byCodeUnit(text: string): Segments {
	return {
		*[Symbol.iterator]() {
			for (let index = 0; index < text.length; index++) yield {segment: text[index] as string, index, input: text};
		},
		containing(index = 0) {
			const at = Math.trunc(index);
			return at >= 0 && at < text.length ? {segment: text[at] as string, index: at, input: text} : undefined;
		},
	};
}

let real: Intl.Segmenter | undefined;

/** The part of Intl.Segmenter (granularity "grapheme", default locale) that Ink's libraries use. */
export const graphemeSegmenter = {
	segment(text: string): Segments {
		if (simple(text)) return byCodeUnit(text);
		real ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		return real.segment(text);
	},
};
