// File names are hostile text: a name can carry ANSI escapes or bidi overrides that repaint the terminal
// or disguise an extension, so every name shown to a person passes through here.
import {basename} from 'node:path';

// C0, DEL, C1, and the invisible direction/format controls used for spoofing.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_LENGTH = 120;

export function sanitizeText(text: string, maxLength = MAX_LENGTH): string {
	const clean = text.replace(LONE_SURROGATE, '\ufffd').replace(CONTROL, '?').normalize('NFC');
	const chars = Array.from(clean);
	return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : clean;
}

/** The last path component, safe to print. */
export function displayName(path: string): string {
	return sanitizeText(basename(path) || path);
}
