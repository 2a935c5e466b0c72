import {describe, expect, it} from 'vitest';
import {cleanText, clipText, safeFileStem, asciiText} from '../../source/certificate/sanitize.js';
import stringWidth from 'fast-string-width';
import {displayName} from '../../source/sources/files/sanitize.js';

describe('cleanText', () => {
	it('drops terminal escapes, C1 controls, DEL and bidi tricks but keeps Czech letters and spaces', () => {
		const hostile = 'Jiří\u001b[2J\u001b]0;pwned\u0007 Novák\u009b31m\u007f \u202eevil\u202c\u2066x\u2069\u200b';
		const clean = cleanText(hostile);
		expect(clean).toBe('Jiří[2J]0;pwned Novák31m evilx');
		expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b]/);
	});
	it('turns line breaks and tabs into spaces so a name cannot forge extra lines', () => {
		expect(cleanText('Jan\nNovák\r\n\tOK')).toBe('Jan Novák   OK');
	});
	it('normalises to NFC (decomposed ř becomes one code point)', () => {
		expect(cleanText('r\u030C')).toBe('ř');
	});
	it('drops the soft hyphen and the Mongolian vowel separator, which terminals draw inconsistently', () => {
		expect(cleanText('Jan\u00adNo\u180evák')).toBe('JanNovák');
	});
	it('replaces lone surrogates', () => {
		expect(cleanText('a\ud800b')).toBe('a\ufffdb');
	});
	it('can mark hidden characters instead of dropping them (file names: what is shown differs from the disk)', () => {
		expect(cleanText('bad\u001b[2Jname\u202e.cer', '?')).toBe('bad?[2Jname?.cer');
		expect(displayName('/home/x/bad\u001b[2Jname\u202e.cer')).toBe('bad?[2Jname?.cer');
	});
});

describe('clipText', () => {
	it('never splits a character made of two UTF-16 units', () => {
		const clipped = clipText('😀'.repeat(600), 10);
		expect(Array.from(clipped)).toHaveLength(10);
		expect(clipped.endsWith('😀…')).toBe(true);
		expect(cleanText(clipped)).toBe(clipped);
	});
});

describe('safeFileStem', () => {
	it('folds Czech letters to ASCII', () => {
		expect(safeFileStem('Jiří Novák')).toBe('Jiri-Novak');
		expect(safeFileStem('Žluťoučký kůň úpěl ďábelské ódy')).toBe('Zlutoucky-kun-upel-dabelske-ody');
	});
	it('keeps only portable characters, never empty, no leading dot', () => {
		expect(safeFileStem('../../etc/passwd')).toBe('etc-passwd');
		expect(safeFileStem('.hidden')).toBe('hidden');
		expect(safeFileStem('\u001b[31m')).toBe('31m');
		expect(safeFileStem('')).toBe('certificate');
		expect(safeFileStem('!!!')).toBe('certificate');
		expect(safeFileStem('日本語')).toBe('certificate');
		expect(safeFileStem('CON')).toBe('_CON');
		for (const s of ['a/b\\c:d*e?f"g<h>i|j', 'Łódź ßtraße', ' x ']) expect(safeFileStem(s)).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
	});
	it('caps the length', () => {
		expect(safeFileStem('a'.repeat(500)).length).toBe(60);
		expect(safeFileStem('Jiří Novák', 4)).toBe('Jiri');
	});
});

describe('asciiText (--ascii, TERM=dumb)', () => {
	it('keeps every character to its width: Czech letters lose accents, marks get their twins, wide ones become "??"', () => {
		const text = 'Jiří Žluťoučký – „kůň“ … ↑↓ ✓ ✗ · ❯ • → ß 漢字 e\u0301';
		const ascii = asciiText(text);
		expect(ascii).toBe('Jiri Zlutoucky - "kun" . ^v + x - > * > s ???? e');
		expect(stringWidth(ascii)).toBe(stringWidth(text));
		expect(ascii.replace(/[\x20-\x7e]/g, '')).toBe('');
	});

	it('leaves ASCII and escape sequences alone', () => {
		const styled = '\u001b[31mx nelze\u001b[39m\n';
		expect(asciiText(styled)).toBe(styled);
	});
});
