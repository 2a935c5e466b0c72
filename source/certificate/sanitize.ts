import stringWidth from 'fast-string-width';

// Certificate text and file names are hostile: a CA or an attacker can put terminal escapes, bidi
// overrides or invisible characters into a name. Everything shown, stored or used in a file name
// passes through here; this is the only text sanitiser.

// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width characters,
// the soft hyphen (some terminals draw it, some do not, so widths disagree), the BOM and the word
// joiner. Line/paragraph separators and tabs become spaces so words stay apart.
const SPACE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text safe to print or store: no controls, no bidi tricks, well-formed and NFC-normalised. Invisible
 * characters are dropped, or replaced by `hidden` where the person should see that something was
 * there (a file name they may have to type).
 */
export function cleanText(s: string, hidden = ''): string {
	return s.replace(LONE_SURROGATE, '\ufffd').replace(SPACE_LIKE, ' ').replace(INVISIBLE, hidden).normalize('NFC');
}

/** Clip very long text (a hostile name may be megabytes) so it stays readable; never splits a character. */
export function clipText(s: string, max = 512): string {
	if (s.length <= max) return s;
	const chars = Array.from(s);
	return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

// Letters NFD does not split into base + mark.
const FOLD: Record<string, string> = {
	ß: 'ss',
	æ: 'ae',
	Æ: 'AE',
	œ: 'oe',
	Œ: 'OE',
	ø: 'o',
	Ø: 'O',
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D',
	þ: 'th',
	Þ: 'Th',
	ı: 'i',
	ŀ: 'l',
	Ŀ: 'L',
};

// The keys of FOLD, escaped: the bundle stays ASCII, which the launcher relies on (source/boot).
const FOLDABLE = /[\u00df\u00e6\u00c6\u0153\u0152\u00f8\u00d8\u0142\u0141\u0111\u0110\u00fe\u00de\u0131\u0140\u013f]/g;

// Typographic marks and the few drawing characters the screens use, by their plain twins. Escaped, like
// FOLDABLE: the bundle stays ASCII.
const TYPOGRAPHIC: Record<string, string> = {
	'\u2026': '.', // ellipsis
	'\u2013': '-', // en dash
	'\u2014': '-', // em dash
	'\u2212': '-', // minus
	'\u201c': '"',
	'\u201d': '"',
	'\u201e': '"',
	'\u00ab': '"',
	'\u00bb': '"',
	'\u2018': "'",
	'\u2019': "'",
	'\u201a': ',',
	'\u00b7': '-', // middle dot
	'\u2022': '*', // bullet
	'\u2192': '>', // arrows
	'\u2190': '<',
	'\u2191': '^',
	'\u2193': 'v',
	'\u276f': '>', // pointer
	'\u2713': '+', // check mark
	'\u2717': 'x', // ballot x
	'\u00d7': 'x',
	'\u00a0': ' ',
	'\u2500': '-', // box drawing
	'\u2502': '|',
	'\u250c': '+',
	'\u2510': '+',
	'\u2514': '+',
	'\u2518': '+',
};

/**
 * Text for a terminal that shows ASCII only (--ascii, TERM=dumb): letters lose their accents (NFD, marks
 * dropped, FOLD), typographic marks become their plain twins, anything else becomes "?". Each character
 * keeps its display width (a wide character becomes "??", a zero-width one nothing), so screens laid out
 * for the original text keep their columns when this runs at the very edge, on what goes to the terminal.
 */
export function asciiText(s: string): string {
	let out = '';
	for (const ch of s) {
		if (ch < '\u0080') {
			out += ch;
			continue;
		}
		const width = stringWidth(ch);
		if (width <= 0) continue;
		const twin = (TYPOGRAPHIC[ch] ?? FOLD[ch] ?? ch.normalize('NFD').replace(/[^\u0020-\u007e]/g, '')) || '?';
		out += twin.repeat(width).slice(0, width);
	}
	return out;
}

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** A portable file name stem: ASCII letters, digits, '.', '_' and '-' only; never empty, no leading dot. */
export function safeFileStem(s: string, max = 60): string {
	const limit = Math.max(1, Math.floor(max));
	let out = cleanText(s)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(FOLDABLE, (c) => FOLD[c] ?? '')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[.-]+/, '')
		.replace(/[.-]+$/, '');
	out = out.slice(0, limit).replace(/[.-]+$/, '');
	if (RESERVED.test(out)) out = `_${out}`.slice(0, limit);
	return out === '' ? 'certificate'.slice(0, limit) : out;
}
