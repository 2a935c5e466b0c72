// Keyboard handling shared by every screen.
// Two SSH realities shape it: keys arrive in bursts (one stdin chunk holding "j j Enter"), and an
// arrow key's bytes may be split so that ESC arrives alone before "[B". Bursts are unrolled into
// single events applied in order; a lone ESC waits briefly to see whether the rest of an arrow follows.
import {createContext, useContext, useEffect, useLayoutEffect, useRef} from 'react';
import {useInput, type Key} from 'ink';
import {UiRuntimeContext} from './context.js';

type KeyName =
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
	/** Readline editing keys: Ctrl+U (clear to start), Ctrl+W (delete word), Ctrl+A / Ctrl+E (start / end). */
	| 'ctrl-u'
	| 'ctrl-w'
	| 'ctrl-a'
	| 'ctrl-e'
	/** Alt+← / Alt+→ (and Ctrl+← / Ctrl+→ where the terminal sends them): one word left or right. */
	| 'word-left'
	| 'word-right'
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
	'\u0015': 'ctrl-u',
	'\u0017': 'ctrl-w',
	'\u0001': 'ctrl-a',
	'\u0005': 'ctrl-e',
};

/** Ctrl+letter as Ink reports it (ctrl set, the letter as input). */
const CTRL_LETTERS: Record<string, KeyName> = {c: 'ctrl-c', u: 'ctrl-u', w: 'ctrl-w', a: 'ctrl-a', e: 'ctrl-e'};

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
const arrowOf = (letter: string | undefined): KeyName => ARROWS[letter ?? ''] ?? 'escape';

function toEvents(input: string, key: Key): KeyEvent[] {
	const ctrlLetter = key.ctrl ? CTRL_LETTERS[input] : undefined;
	if (ctrlLetter) return [{name: ctrlLetter}];
	// xterm's modified arrows (ESC [1;3D Alt, ESC [1;5D Ctrl) arrive whole, so they are no Esc-then-key.
	if ((key.meta || key.ctrl) && !key.escape && (key.leftArrow || key.rightArrow)) return [{name: key.leftArrow ? 'word-left' : 'word-right'}];
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

type Handler = (event: KeyEvent) => void;

/**
 * Turns Ink's input callbacks into key events: bursts unrolled in order, and a lone ESC at the end of a
 * read held briefly in case it is the first half of an arrow key split over two reads.
 */
function createDecoder(emit: Handler, wait: number) {
	let pendingEscape: NodeJS.Timeout | null = null;
	return {
		push(input: string, key: Key): void {
			let events = toEvents(input, key);
			if (pendingEscape) {
				clearTimeout(pendingEscape);
				pendingEscape = null;
				const split = SPLIT_ARROW.exec(input);
				if (split) {
					// The ESC we held back was the start of an arrow key whose bytes came in two reads.
					events = [{name: arrowOf(split[1])}, ...splitChunk(input.slice(split[0].length))];
				} else {
					emit({name: 'escape'});
				}
			}
			for (const [i, event] of events.entries()) {
				// Only an ESC that ends the read may be the first half of a split arrow key; one followed
				// by more keys in the same read is a plain Escape, applied in its place.
				if (event.name === 'escape' && i === events.length - 1) {
					pendingEscape = setTimeout(() => {
						pendingEscape = null;
						emit({name: 'escape'});
					}, wait);
					continue;
				}
				emit(event);
			}
		},
		dispose(): void {
			if (pendingEscape) clearTimeout(pendingEscape);
		},
	};
}

/**
 * One stdin listener for the whole wizard. Screens register their handlers in a layout effect, which
 * runs in the same commit that draws them, so a key typed the moment a new screen appears (a path typed
 * right after Enter over SSH) reaches that screen. Ink's own useInput attaches in a passive effect,
 * later, and such keys used to fall between two screens.
 */
export class KeyRouter {
	private readonly handlers = new Map<object, {handler: {current: Handler}; active: boolean}>();

	set(token: object, handler: {current: Handler}, active: boolean): void {
		this.handlers.set(token, {handler, active});
	}

	delete(token: object): void {
		this.handlers.delete(token);
	}

	dispatch(event: KeyEvent): void {
		// A snapshot: handlers registered by this very key belong to the next key.
		for (const {handler, active} of [...this.handlers.values()]) if (active) handler.current(event);
	}
}

export const KeyRouterContext = createContext<KeyRouter | null>(null);

/** Mounted once by the App: the single listener that feeds the router. */
export function useKeyRouter(escapeWait: number): KeyRouter {
	const router = useRef<KeyRouter | null>(null);
	router.current ??= new KeyRouter();
	const current = router.current;
	const decoder = useRef<ReturnType<typeof createDecoder> | null>(null);
	decoder.current ??= createDecoder((event) => current.dispatch(event), escapeWait);
	const decode = decoder.current;
	useEffect(() => () => decode.dispose(), [decode]);
	useInput((input, key) => decode.push(input, key));
	return current;
}

/**
 * Calls `handler` once per key, in order, always with the latest handler (a ref, not a stale closure),
 * so a burst of keys sees the state each earlier key produced. Inside the App keys come through its
 * router; a component rendered on its own (tests) listens to Ink directly.
 */
export function useKeys(handler: Handler, options: {isActive?: boolean; escapeWaitMs?: number} = {}): void {
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	const held = useContext(KeysHeldContext);
	const router = useContext(KeyRouterContext);
	const active = (options.isActive ?? true) && !held;
	const token = useRef({}).current;

	useLayoutEffect(() => {
		router?.set(token, handlerRef, active);
	}, [router, token, active]);
	useLayoutEffect(() => () => router?.delete(token), [router, token]);

	const decoder = useRef<ReturnType<typeof createDecoder> | null>(null);
	// Only without a router (a component on its own): the wait comes from the option, else the runtime.
	const runtime = useContext(UiRuntimeContext);
	decoder.current ??= createDecoder((event) => handlerRef.current(event), options.escapeWaitMs ?? runtime?.escapeWaitMs ?? 40);
	const decode = decoder.current;
	useEffect(() => () => decode.dispose(), [decode]);
	useInput((input, key) => decode.push(input, key), {isActive: active && router === null});
}

/**
 * Enter or Esc ends the read: the rest of the same stdin chunk ("Enter Enter" typed ahead on a slow link,
 * or Enter right after a held-back Esc) was meant for a screen the person had not seen yet, so the screen
 * that just submitted must not act on it. `ended()` is true until the read is over (a microtask later).
 */
export function useEndOfRead(): {end: () => void; ended: () => boolean} {
	const flag = useRef(false);
	return {
		end: () => {
			flag.current = true;
			queueMicrotask(() => {
				flag.current = false;
			});
		},
		ended: () => flag.current,
	};
}
