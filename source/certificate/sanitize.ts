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
