// The editing rules of a one-line field, as in readline: pure, so they are tested without a terminal.
import type {KeyEvent} from '../keys.js';

/** The field's characters (code points, so Czech letters and emoji count as one) and the cursor before `chars[cursor]`. */
export interface Line {
	chars: string[];
	cursor: number;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

function wordLeft(chars: string[], from: number): number {
	let i = from;
	while (i > 0 && !isWordChar(chars[i - 1])) i--;
	while (i > 0 && isWordChar(chars[i - 1])) i--;
	return i;
}

function wordRight(chars: string[], from: number): number {
	let i = from;
	while (i < chars.length && !isWordChar(chars[i])) i++;
	while (i < chars.length && isWordChar(chars[i])) i++;
	return i;
}

/** The line after an editing key, or null when the key does not edit (Enter, Esc and list keys are the field's). */
export function editLine(line: Line, event: KeyEvent): Line | null {
	const {chars, cursor} = line;
	switch (event.name) {
		case 'text': {
			const typed = Array.from(event.text ?? '');
			return {chars: [...chars.slice(0, cursor), ...typed, ...chars.slice(cursor)], cursor: cursor + typed.length};
		}
		case 'backspace':
			if (cursor === 0) return line;
			return {chars: [...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor: cursor - 1};
		case 'delete':
			return {chars: [...chars.slice(0, cursor), ...chars.slice(cursor + 1)], cursor};
		case 'left':
			return {chars, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {chars, cursor: Math.min(chars.length, cursor + 1)};
		case 'home':
		case 'ctrl-a':
			return {chars, cursor: 0};
		case 'end':
		case 'ctrl-e':
			return {chars, cursor: chars.length};
		case 'ctrl-u':
			return {chars: chars.slice(cursor), cursor: 0};
		case 'ctrl-w': {
			const start = wordLeft(chars, cursor);
			return {chars: [...chars.slice(0, start), ...chars.slice(cursor)], cursor: start};
		}
		case 'word-left':
			return {chars, cursor: wordLeft(chars, cursor)};
		case 'word-right':
			return {chars, cursor: wordRight(chars, cursor)};
		default:
			return null;
	}
}
