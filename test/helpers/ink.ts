// Driving Ink screens in-process with ink-testing-library. Ink attaches its input listeners in
// effects, so every write waits a tick first; screens are read through lastFrame() with the colour
// escapes stripped, and every wait polls for a text instead of sleeping a fixed time.
import {stripVTControlCharacters} from 'node:util';

export const KEY = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	backspace: '\u007F',
	tab: '\t',
	ctrlC: '\u0003',
} as const;

export type LastFrame = () => string | undefined;

interface WritableStdin {
	write: (data: string) => void;
}

/** One turn of the event loop: React commits, then effects (and Ink's input listeners) run. */
async function tick(): Promise<void> {
	await new Promise<void>((resolve) => setImmediate(resolve));
	await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/** The visible text of the last frame, without colour escapes. */
export function screen(lastFrame: LastFrame): string {
	return stripVTControlCharacters(lastFrame() ?? '');
}

function matches(text: string, expected: string | RegExp): boolean {
	return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

async function poll(lastFrame: LastFrame, done: (text: string) => boolean, describe: string, timeout: number): Promise<string> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const text = screen(lastFrame);
		if (done(text)) return text;
		if (Date.now() > deadline) throw new Error(`${describe} within ${timeout} ms. Last frame:\n${text}`);
		await new Promise<void>((resolve) => setTimeout(resolve, 5));
	}
}

/** Polls the last frame until it shows `expected`; returns that frame's text. */
export function waitFor(lastFrame: LastFrame, expected: string | RegExp, timeout = 5000): Promise<string> {
	return poll(lastFrame, (text) => matches(text, expected), `Expected the screen to show ${String(expected)}`, timeout);
}

/** Polls the last frame until `expected` is gone from it. */
export function waitForGone(lastFrame: LastFrame, expected: string | RegExp, timeout = 5000): Promise<string> {
	return poll(lastFrame, (text) => !matches(text, expected), `Expected ${String(expected)} to leave the screen`, timeout);
}

/** Writes each chunk separately, waiting a tick before each so the listeners of the last render are attached. */
export async function press(stdin: WritableStdin, ...chunks: string[]): Promise<void> {
	for (const chunk of chunks) {
		await tick();
		stdin.write(chunk);
	}
	await tick();
}

/** Types text one character per write, as a person does (a one-write burst is `press(stdin, text)`). */
export async function type(stdin: WritableStdin, text: string): Promise<void> {
	await press(stdin, ...Array.from(text));
}

/** The list row under the selection pointer (ink-select-input draws ❯, or > where Unicode is off). */
function highlighted(text: string): string | null {
	return (
		text
			.split('\n')
			.find((line) => /^\s*[❯>]\s/.test(line))
			?.trim() ?? null
	);
}

/** Polls until the highlighted row matches `expected`; returns that row. */
export async function waitForHighlight(lastFrame: LastFrame, expected: string | RegExp, timeout = 5000): Promise<string> {
	const text = await poll(
		lastFrame,
		(frame) => {
			const row = highlighted(frame);
			return row !== null && matches(row, expected);
		},
		`Expected the highlighted row to show ${String(expected)}`,
		timeout,
	);
	return highlighted(text)!;
}
