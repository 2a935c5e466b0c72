// Keyboard handling shared by every screen.
// Two SSH realities shape it: keys arrive in bursts (one stdin chunk holding "j j Enter"), and an
// arrow key's bytes may be split so that ESC arrives alone before "[B". Bursts are unrolled into
// single events applied in order; a lone ESC waits briefly to see whether the rest of an arrow follows.
import {createContext, useContext, useEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';

export type KeyName =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'enter'
	| 'escape'
	| 'backspace'
	| 'delete'
	| 'tab'
	| 'home'
	| 'end'
	| 'pageup'
	| 'pagedown'
	| 'ctrl-c'
	| 'text';

export interface KeyEvent {
	name: KeyName;
	/** For 'text': the printable characters, possibly several (a paste or typed-ahead burst). */
	text?: string;
}

const CONTROL_CHARS: Record<string, KeyName> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007f': 'backspace',
	'\b': 'backspace',
	'\u0003': 'ctrl-c',
};

/** Splits a plain-text chunk into events: printable runs stay together, control characters stand alone. */
export function splitChunk(chunk: string): KeyEvent[] {
	const events: KeyEvent[] = [];
	let run = '';
	for (const ch of chunk) {
		const control = CONTROL_CHARS[ch];
		if (control || ch < ' ') {
			if (run) events.push({name: 'text', text: run});
			run = '';
			if (control) events.push({name: control});
			continue;
		}
		run += ch;
	}
	if (run) events.push({name: 'text', text: run});
	return events;
}

const SPLIT_ARROW = /^(?:\[|O)([ABCD])/;
const ARROWS: Record<string, KeyName> = {A: 'up', B: 'down', C: 'right', D: 'left'};

export function toEvents(input: string, key: Key): KeyEvent[] {
	if (key.ctrl && input === 'c') return [{name: 'ctrl-c'}];
	if (key.upArrow) return [{name: 'up'}];
	if (key.downArrow) return [{name: 'down'}];
	if (key.leftArrow) return [{name: 'left'}];
	if (key.rightArrow) return [{name: 'right'}];
	if (key.pageUp) return [{name: 'pageup'}];
	if (key.pageDown) return [{name: 'pagedown'}];
	if (key.home) return [{name: 'home'}];
	if (key.end) return [{name: 'end'}];
	// ESC and the next key in one read (Esc then Enter typed fast, or joined by a laggy link) reach us
	// as that key with meta set. Nothing here means Alt+key: it is an Escape first, then the key.
	if (key.meta && !key.escape) {
		const rest: KeyEvent[] = key.return
			? [{name: 'enter'}]
			: key.backspace || key.delete
				? [{name: 'backspace'}]
				: key.tab
					? [{name: 'tab'}]
					: key.ctrl
						? []
						: splitChunk(input);
		return [{name: 'escape'}, ...rest];
	}
	if (key.return) return [{name: 'enter'}];
	if (key.escape) return [{name: 'escape'}];
	if (key.tab) return [{name: 'tab'}];
	// Terminals disagree on what Backspace sends; Ink reports 0x7f as "delete".
	if (key.backspace || key.delete) return [{name: 'backspace'}];
	if (key.ctrl || key.meta) return [];
	return splitChunk(input);
}

export function escapeWaitMs(env: NodeJS.ProcessEnv): number {
	return env['SSH_CONNECTION'] || env['SSH_TTY'] ? 120 : 40;
}

/**
 * True while the shell asks a question of its own (quit?): every key then belongs to that question,
 * so the screen below must not also act on it (Esc would go back, Enter would choose).
 */
export const KeysHeldContext = createContext(false);

/**
 * Calls `handler` once per key, in order, always with the latest handler (a ref, not a stale closure),
 * so a burst of keys sees the state each earlier key produced.
 */
export function useKeys(handler: (event: KeyEvent) => void, options: {isActive?: boolean; escapeWaitMs?: number} = {}): void {
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	const pendingEscape = useRef<NodeJS.Timeout | null>(null);
	const wait = options.escapeWaitMs ?? 40;
	const held = useContext(KeysHeldContext);

	useEffect(
		() => () => {
			if (pendingEscape.current) clearTimeout(pendingEscape.current);
		},
		[],
	);

	useInput(
		(input, key) => {
			let events = toEvents(input, key);
			if (pendingEscape.current) {
				clearTimeout(pendingEscape.current);
				pendingEscape.current = null;
				const split = SPLIT_ARROW.exec(input);
				if (split) {
					// The ESC we held back was the start of an arrow key whose bytes came in two reads.
					events = [{name: ARROWS[split[1]!]!}, ...splitChunk(input.slice(split[0].length))];
				} else {
					handlerRef.current({name: 'escape'});
				}
			}
			for (const [i, event] of events.entries()) {
				// Only an ESC that ends the read may be the first half of a split arrow key; one followed
				// by more keys in the same read is a plain Escape, applied in its place.
				if (event.name === 'escape' && i === events.length - 1) {
					pendingEscape.current = setTimeout(() => {
						pendingEscape.current = null;
						handlerRef.current({name: 'escape'});
					}, wait);
					continue;
				}
				handlerRef.current(event);
			}
		},
		{isActive: (options.isActive ?? true) && !held},
	);
}
