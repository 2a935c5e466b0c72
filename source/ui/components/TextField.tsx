// A one-line field. The value and the cursor live in a ref as well as in state so typed-ahead text
// followed by Enter in one burst submits everything that was typed, and editing keys in a burst apply
// in order. Readline keys work as in a shell (editing rules: ./line-edit.ts). Masked fields never
// render the secret. `history` (most recent first) is offered with ↑/↓, like a shell's.
import type React from 'react';
import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useEndOfRead, useKeys} from '../keys.js';
import {editLine, type Line} from './line-edit.js';
import {useTheme} from '../theme.js';

export interface TextFieldProps {
	label: string;
	initialValue?: string;
	mask?: boolean;
	placeholder?: string;
	isActive?: boolean;
	onSubmit: (value: string) => void;
	onCancel?: () => void;
	escapeWaitMs?: number;
	maxLength?: number;
	/** Earlier answers, most recent first: ↑ shows an older one, ↓ a newer one. */
	history?: string[];
}

export function TextField({
	label,
	initialValue = '',
	mask = false,
	placeholder,
	isActive = true,
	onSubmit,
	onCancel,
	escapeWaitMs,
	maxLength = 4096,
	history = [],
}: TextFieldProps): React.ReactElement {
	const theme = useTheme();
	const first: Line = {chars: Array.from(initialValue), cursor: Array.from(initialValue).length};
	const lineRef = useRef(first);
	const [line, setLine] = useState(first);
	// -1: what was typed; 0…: an entry of `history` (a field prefilled with one starts on it, so ↑ goes further back).
	const recall = useRef(history.indexOf(initialValue));
	// Keys after Enter or Esc in the same read belong to the next screen, not to this field.
	const read = useEndOfRead();
	const set = (next: Line) => {
		lineRef.current = next.chars.length > maxLength ? {chars: next.chars.slice(0, maxLength), cursor: Math.min(next.cursor, maxLength)} : next;
		setLine(lineRef.current);
	};
	const update = (text: string) => set({chars: Array.from(text), cursor: Array.from(text).length});
	const value = () => lineRef.current.chars.join('');
	useKeys(
		(event) => {
			if (read.ended()) return;
			switch (event.name) {
				case 'up':
				case 'down': {
					if (mask || history.length === 0) return;
					const next = Math.max(-1, Math.min(history.length - 1, recall.current + (event.name === 'up' ? 1 : -1)));
					if (next === recall.current) return;
					recall.current = next;
					return update(next === -1 ? '' : (history[next] ?? ''));
				}
				case 'enter': {
					const submitted = value();
					if (mask) update('');
					read.end();
					return onSubmit(submitted);
				}
				case 'escape':
					if (mask) update('');
					if (!onCancel) return;
					read.end();
					return onCancel();
				default: {
					const edited = editLine(lineRef.current, event);
					if (edited) set(edited);
				}
			}
		},
		{isActive, escapeWaitMs},
	);
	const shown = mask ? line.chars.map(() => '*') : line.chars;
	const before = shown.slice(0, line.cursor).join('');
	const under = shown[line.cursor];
	const after = shown.slice(line.cursor + 1).join('');
	return (
		<Box>
			<Text color={theme.color.accent}>{label} </Text>
			{shown.length === 0 && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{before}</Text>}
			{isActive ? <Text inverse>{under ?? ' '}</Text> : under ? <Text>{under}</Text> : null}
			{after ? <Text>{after}</Text> : null}
		</Box>
	);
}
