// Readline keys in every text field: the editing rules on their own, then a real field fed the bytes a
// terminal sends (Ctrl+U, Ctrl+W, Ctrl+A/E, Home/End, Alt+←/→, Ctrl+←/→), alone and in one burst.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {editLine, type Line} from '../../source/ui/components/line-edit.js';
import {TextField} from '../../source/ui/components/TextField.js';
import {splitChunk, type KeyEvent} from '../../source/ui/keys.js';
import {press, screen, waitFor} from '../helpers/ink.js';

afterEach(() => cleanup());

const line = (text: string, cursor = Array.from(text).length): Line => ({chars: Array.from(text), cursor});
const apply = (start: Line, ...events: KeyEvent['name'][]): string => {
	let l = start;
	for (const name of events) l = editLine(l, {name}) ?? l;
	return `${l.chars.slice(0, l.cursor).join('')}|${l.chars.slice(l.cursor).join('')}`;
};

describe('editing rules', () => {
	it('Ctrl+U clears to the start, Ctrl+W deletes the word before the cursor', () => {
		expect(apply(line('UZ-Novák 42'), 'ctrl-u')).toBe('|');
		expect(apply(line('UZ-Novák 42', 3), 'ctrl-u')).toBe('|Novák 42');
		expect(apply(line('jan novák  '), 'ctrl-w')).toBe('jan |');
		expect(apply(line('jan novák'), 'ctrl-w', 'ctrl-w')).toBe('|');
	});

	it('Ctrl+A/Ctrl+E and Home/End jump to the ends; word moves stop at Czech words', () => {
		expect(apply(line('Žluťoučký kůň'), 'ctrl-a')).toBe('|Žluťoučký kůň');
		expect(apply(line('Žluťoučký kůň'), 'home', 'end')).toBe('Žluťoučký kůň|');
		expect(apply(line('Žluťoučký kůň'), 'word-left')).toBe('Žluťoučký |kůň');
		expect(apply(line('Žluťoučký kůň'), 'word-left', 'word-left', 'word-right')).toBe('Žluťoučký| kůň');
		expect(apply(line('ab', 0), 'ctrl-e')).toBe('ab|');
	});

	it('typing and Backspace work at the cursor', () => {
		expect(editLine(line('ac', 1), {name: 'text', text: 'bž'})).toEqual(line('abžc', 3));
		expect(apply(line('abc', 2), 'backspace', 'left', 'right')).toBe('a|c');
		expect(editLine(line('x'), {name: 'enter'})).toBeNull();
	});

	it('the control bytes of a burst become editing keys in order', () => {
		expect(splitChunk('ab\u0015cd\u0017\u0001\u0005')).toEqual([
			{name: 'text', text: 'ab'},
			{name: 'ctrl-u'},
			{name: 'text', text: 'cd'},
			{name: 'ctrl-w'},
			{name: 'ctrl-a'},
			{name: 'ctrl-e'},
		]);
	});
});

describe('a text field fed terminal bytes', () => {
	function field() {
		const submitted: string[] = [];
		const view = render(<TextField label="User id:" initialValue="default" history={['U9', 'U8']} onSubmit={(v) => submitted.push(v)} escapeWaitMs={0} />);
		return {...view, submitted};
	}

	it('Ctrl+U clears the prefilled id, then the typed id is submitted', async () => {
		const {stdin, lastFrame, submitted} = field();
		await waitFor(lastFrame, 'User id: default');
		await press(stdin, '\u0015');
		await waitFor(lastFrame, /User id:\s*$/m);
		await press(stdin, 'U', '7', '\r');
		await expect.poll(() => submitted).toEqual(['U7']);
	});

	it('Alt+← / Ctrl+← move by word, Home/End and Ctrl+A/E to the ends, Ctrl+W deletes a word', async () => {
		const {stdin, lastFrame, submitted} = field();
		await waitFor(lastFrame, 'User id: default');
		await press(stdin, ' ', 'x', '\u001b[1;3D', '\u001b[1;5D', 'A', '\u001b[F', '\u0017', '\u0001', 'B', '\u0005', 'C', '\u001b[H', '\u001b[1;3C', 'D', '\r');
		await expect.poll(() => submitted).toEqual(['BAdefaultD C']);
	});

	it('a burst of editing keys in one read applies in order', async () => {
		const {stdin, lastFrame, submitted} = field();
		await waitFor(lastFrame, 'User id: default');
		await press(stdin, 'ab\u0015cd\u0017ef\r');
		await expect.poll(() => submitted).toEqual(['ef']);
	});

	it('↑ offers the earlier ids, most recent first; ↓ returns to what was typed', async () => {
		const {stdin, lastFrame, submitted} = field();
		await waitFor(lastFrame, 'User id: default');
		await press(stdin, '\u001b[A');
		await waitFor(lastFrame, 'User id: U9');
		await press(stdin, '\u001b[A');
		await waitFor(lastFrame, 'User id: U8');
		await press(stdin, '\u001b[B', '\u001b[B');
		await waitFor(lastFrame, /User id:\s*$/m);
		await press(stdin, '\u001b[A', '\r');
		await expect.poll(() => submitted).toEqual(['U9']);
		expect(screen(lastFrame)).toContain('User id:');
	});
});
