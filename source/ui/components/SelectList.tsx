// A list picker built for slow links and phone-guided sessions: the cursor lives in a ref so a burst
// of keys applies in order, digits only move the highlight (never submit), disabled items are
// skipped, and Esc goes back.
import type React from 'react';
import {useRef, useState} from 'react';
import {Box, Text, useIsScreenReaderEnabled} from 'ink';
import {useEndOfRead, useKeys, type KeyEvent} from '../keys.js';
import {useTheme} from '../theme.js';

export interface ListItem<V> {
	key: string;
	label: string;
	value: V;
	disabled?: boolean;
	/** Second, dimmer line or suffix. */
	hint?: string;
	mark?: {symbol: string; color: string};
}

export interface SelectListProps<V> {
	items: ListItem<V>[];
	initialIndex?: number;
	isActive?: boolean;
	limit?: number;
	onSubmit: (item: ListItem<V>, index: number) => void;
	onHighlight?: (item: ListItem<V>, index: number) => void;
	onBack?: () => void;
	escapeWaitMs?: number;
}

function firstEnabled<V>(items: ListItem<V>[], from: number, step: 1 | -1): number {
	for (let i = from; i >= 0 && i < items.length; i += step) if (!items[i]?.disabled) return i;
	return -1;
}

export function SelectList<V>({
	items,
	initialIndex = 0,
	isActive = true,
	limit = 8,
	onSubmit,
	onHighlight,
	onBack,
	escapeWaitMs,
}: SelectListProps<V>): React.ReactElement {
	const theme = useTheme();
	const screenReader = useIsScreenReaderEnabled();
	const start = Math.min(Math.max(initialIndex, 0), Math.max(items.length - 1, 0));
	const initial = items[start]?.disabled ? Math.max(firstEnabled(items, start, 1), 0) : start;
	const cursorRef = useRef(initial);
	const [cursor, setCursor] = useState(initial);
	const read = useEndOfRead();
	if (cursorRef.current >= items.length && items.length > 0) cursorRef.current = items.length - 1;

	const move = (target: number) => {
		const item = items[target];
		if (!item || target === cursorRef.current) return;
		cursorRef.current = target;
		setCursor(target);
		onHighlight?.(item, target);
	};

	const step = (direction: 1 | -1) => {
		const next = firstEnabled(items, cursorRef.current + direction, direction);
		if (next !== -1) move(next);
	};

	const handleChar = (ch: string) => {
		if (ch === 'j') step(1);
		else if (ch === 'k') step(-1);
		else if (ch >= '1' && ch <= '9') {
			const target = Number(ch) - 1;
			if (items[target] && !items[target]?.disabled) move(target);
		}
	};

	useKeys(
		(event: KeyEvent) => {
			if (read.ended()) return;
			switch (event.name) {
				case 'down':
					return step(1);
				case 'up':
					return step(-1);
				// PgUp/PgDn belong to the Frame: they scroll a step taller than the terminal.
				case 'home':
					return move(firstEnabled(items, 0, 1));
				case 'end':
					return move(firstEnabled(items, items.length - 1, -1));
				case 'enter': {
					const item = items[cursorRef.current];
					if (item && !item.disabled) {
						read.end();
						onSubmit(item, cursorRef.current);
					}
					return;
				}
				case 'escape':
					if (!onBack) return;
					read.end();
					return onBack();
				case 'text':
					for (const ch of event.text ?? '') handleChar(ch);
					return;
				default:
			}
		},
		{isActive, escapeWaitMs},
	);

	// A screen reader hears the whole list, each item with its number and state ("(selected) listitem: 2. Sandbox").
	const visible = screenReader ? items.length : Math.min(limit, items.length);
	const offset = Math.min(Math.max(cursor - visible + 1, 0), Math.max(items.length - visible, 0));
	const shown = items.slice(offset, offset + visible);
	const more = <Text dimColor>{` ${theme.symbols.more}`}</Text>;
	return (
		<Box flexDirection="column" aria-role="list">
			{offset > 0 ? more : null}
			{shown.map((item, i) => {
				const index = offset + i;
				const selected = index === cursor;
				return (
					<Box key={item.key} aria-role="listitem" aria-state={{selected, disabled: item.disabled === true}}>
						{/* Never shrunk: a long label is cut at its end, not the pointer or the mark. */}
						<Box marginRight={1} flexShrink={0} aria-hidden>
							{/* ink-select-input's Indicator draws "❯" even where the person asked for ASCII. */}
							<Text color={selected ? theme.color.accent : undefined}>{selected ? theme.symbols.pointer : ' '}</Text>
						</Box>
						{item.mark ? (
							<Box flexShrink={0}>
								<Text color={item.mark.color}>{item.mark.symbol} </Text>
							</Box>
						) : null}
						<Text color={selected ? theme.color.accent : undefined} dimColor={item.disabled} wrap="truncate-end">
							{screenReader ? `${index + 1}. ${item.label}` : item.label}
							{item.hint ? <Text dimColor>{`  ${item.hint}`}</Text> : null}
						</Text>
					</Box>
				);
			})}
			{offset + visible < items.length ? more : null}
		</Box>
	);
}
