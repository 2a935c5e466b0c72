// Meaning never rests on colour alone: every state has a mark, and every mark has an ASCII twin for
// terminals that cannot draw it. Colour itself is switched off before Ink loads (see cli/terminal.ts).
import {createContext, useContext} from 'react';

export interface Symbols {
	ok: string;
	bad: string;
	warn: string;
	info: string;
	pointer: string;
	bullet: string;
	arrow: string;
	dot: string;
	/** More lines above or below a list. */
	more: string;
}

export const UNICODE: Symbols = {ok: '✓', bad: '✗', warn: '!', info: 'i', pointer: '❯', bullet: '•', arrow: '→', dot: '·', more: '…'};
export const ASCII: Symbols = {ok: '+', bad: 'x', warn: '!', info: 'i', pointer: '>', bullet: '*', arrow: '->', dot: '-', more: '...'};

export interface Theme {
	symbols: Symbols;
	ascii: boolean;
	demo: boolean;
	/** Semantic colours; Ink drops them when FORCE_COLOR=0. */
	color: {accent: string; ok: string; bad: string; warn: string; muted: string};
}

export function makeTheme(opts: {ascii: boolean; demo: boolean}): Theme {
	return {
		symbols: opts.ascii ? ASCII : UNICODE,
		ascii: opts.ascii,
		demo: opts.demo,
		color: {accent: 'cyan', ok: 'green', bad: 'red', warn: 'yellow', muted: 'gray'},
	};
}

export const ThemeContext = createContext<Theme>(makeTheme({ascii: false, demo: false}));
export const useTheme = (): Theme => useContext(ThemeContext);

export function severitySymbol(theme: Theme, severity: 'error' | 'warning' | 'info'): {mark: string; color: string} {
	if (severity === 'error') return {mark: theme.symbols.bad, color: theme.color.bad};
	if (severity === 'warning') return {mark: theme.symbols.warn, color: theme.color.warn};
	return {mark: theme.symbols.info, color: theme.color.muted};
}
