// File names are hostile text: a name can carry ANSI escapes or bidi overrides that repaint the terminal
// or disguise an extension, so every name shown to a person passes through the one sanitiser, with
// hidden characters shown as '?' (the name on disk differs from what is shown) and a length cap.
import {basename} from 'node:path';
import {cleanText, clipText} from '../../certificate/sanitize.js';

const MAX_LENGTH = 120;

export function sanitizeText(text: string, maxLength = MAX_LENGTH): string {
	return clipText(cleanText(text, '?'), maxLength);
}

/** The last path component, safe to print. */
export function displayName(path: string): string {
	return sanitizeText(basename(path) || path);
}
