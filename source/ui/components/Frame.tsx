// Header with step number and code (what the helpdesk reads out), the step body, and a footer that
// always lists the keys that work right now. A body taller than the terminal scrolls (PgUp/PgDn, named in
// the footer) instead of pushing the header off the top: nothing is cut, every line can be reached.
import type React from 'react';
import {useLayoutEffect, useRef, useState} from 'react';
import {Box, measureElement, Text, useIsScreenReaderEnabled, type DOMElement} from 'ink';
import stringWidth from 'fast-string-width';
import {t} from '../../i18n/index.js';
import {STEPS, STEP_CODES, stepNumber, type StepId} from '../../flow/wizard.js';
import {useKeys} from '../keys.js';
import {useTheme} from '../theme.js';
import {useTerminalSize} from './useTerminalSize.js';

/** Where the body is scrolled to; a step that keeps it in the machine's state passes it, others keep their own. */
interface ScrollControl {
	offset: number;
	onScroll: (offset: number) => void;
}

export interface FrameProps {
	step: StepId;
	title: string;
	keys: string[];
	children: React.ReactNode;
	help?: string | null;
	scroll?: ScrollControl;
	/** What the person answers with (a Yes/No list, a prompt): below the body, never scrolled out of sight. */
	actions?: React.ReactNode;
}

/** Lines around the body besides title and footer: header, the gaps above body and footer, the App's status line, and
 *  the last line, kept free because Ink redraws from the top only while the output is shorter than the terminal. */
const CHROME_LINES = 5;

const linesOf = (text: string, columns: number): number => Math.max(1, Math.ceil(stringWidth(text) / Math.max(columns, 1)));

export function Frame({step, title, keys, children, help, scroll, actions}: FrameProps): React.ReactElement {
	const theme = useTheme();
	const screenReader = useIsScreenReaderEnabled();
	const {columns, rows} = useTerminalSize();
	const [ownOffset, setOwnOffset] = useState(0);
	const [contentHeight, setContentHeight] = useState(0);
	const [actionsHeight, setActionsHeight] = useState(0);
	const body = useRef<DOMElement>(null);
	const answer = useRef<DOMElement>(null);
	useLayoutEffect(() => {
		if (body.current) {
			const {height} = measureElement(body.current);
			if (height !== contentHeight) setContentHeight(height);
		}
		const pinned = answer.current ? measureElement(answer.current).height : 0;
		if (pinned !== actionsHeight) setActionsHeight(pinned);
	});

	const message =
		step === 'done' ? t('ui.header.done', {code: STEP_CODES.done}) : t('ui.header.step', {n: stepNumber(step), total: STEPS.length, code: STEP_CODES[step]});
	const keysText = keys.join('  ');
	const room = (footer: string) => rows - CHROME_LINES - linesOf(footer, columns) - linesOf(title, columns) - (actionsHeight > 0 ? actionsHeight + 1 : 0);
	const scrolls = !screenReader && !help && contentHeight > room(keysText);
	const maxOffset = (height: number) => Math.max(0, contentHeight - height);
	let footer = keysText;
	let height = room(keysText);
	let offset = 0;
	if (scrolls) {
		// The footer names the keys and where the view is; its own length may take a line from the body.
		const draft = (from: number, to: number) => `${keysText}  ${t('ui.keys.scroll', {from, to, total: contentHeight})}`;
		height = Math.max(3, room(draft(contentHeight, contentHeight)));
		offset = Math.min(scroll ? scroll.offset : ownOffset, maxOffset(height));
		footer = draft(offset + 1, Math.min(offset + height, contentHeight));
	}
	const setOffset = (next: number) => {
		const clamped = Math.max(0, Math.min(next, maxOffset(height)));
		if (clamped === offset) return;
		if (scroll) scroll.onScroll(clamped);
		else setOwnOffset(clamped);
	};
	useKeys(
		(event) => {
			if (event.name === 'pagedown') setOffset(offset + Math.max(1, height - 1));
			else if (event.name === 'pageup') setOffset(offset - Math.max(1, height - 1));
		},
		{isActive: scrolls},
	);

	return (
		<Box flexDirection="column">
			<Box>
				<Text bold color={theme.color.accent}>
					ote-cert
				</Text>
				<Text>{` ${theme.symbols.dot} ${message}`}</Text>
				{theme.demo ? <Text inverse>{` ${t('ui.demo')} `}</Text> : null}
			</Box>
			<Text bold>{title}</Text>
			{/* Help takes the body's place instead of adding to it, so every step still fits; the body stays
			    mounted (hidden) so lists keep their cursor when help closes. */}
			<Box flexDirection="column" marginTop={1} display={help ? 'none' : 'flex'} {...(scrolls ? {height, overflowY: 'hidden' as const} : {})}>
				<Box ref={body} flexDirection="column" flexShrink={0} marginTop={scrolls ? -offset : 0}>
					{children}
				</Box>
			</Box>
			{actions ? (
				<Box ref={answer} marginTop={1} flexDirection="column" display={help ? 'none' : 'flex'}>
					{actions}
				</Box>
			) : null}
			{help ? (
				<Box marginTop={1} borderStyle={theme.ascii ? 'classic' : 'single'} paddingX={1}>
					<Text>{help}</Text>
				</Box>
			) : null}
			<Box marginTop={1}>
				<Text dimColor>{footer}</Text>
			</Box>
		</Box>
	);
}

export function Problem({text}: {text: string}): React.ReactElement {
	const theme = useTheme();
	return (
		<Text color={theme.color.bad}>
			{theme.symbols.bad} {text}
		</Text>
	);
}
