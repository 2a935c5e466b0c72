// Header with step number and code (what the helpdesk reads out), the step body, and a footer that
// always lists the keys that work right now. A body taller than the terminal scrolls (PgUp/PgDn, named in
// the footer) instead of pushing the header off the top: nothing is cut, every line can be reached.
import type React from 'react';
import {useLayoutEffect, useRef, useState} from 'react';
import {Box, measureElement, Text, useIsScreenReaderEnabled, type DOMElement} from 'ink';
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

/** Lines the Frame leaves free below itself: the App's status line, and the last line, because Ink redraws
 *  from the top only while the output is shorter than the terminal. */
const BELOW = 2;
/** Header, title, the gaps above body and footer, and the footer: the rest of the frame until it is measured. */
const FIRST_CHROME = 5;

export function Frame({step, title, keys, children, help, scroll, actions}: FrameProps): React.ReactElement {
	const theme = useTheme();
	const screenReader = useIsScreenReaderEnabled();
	const {rows} = useTerminalSize();
	const [ownOffset, setOwnOffset] = useState(0);
	// Heights as laid out: the whole frame, the room the body got, and the body's own. A body taller than what
	// the terminal leaves after everything else is clipped to that and scrolls, so the header, the answer and
	// the footer always stay on screen. The frame is never padded: Ink's redraw loses its place when a frame
	// grows and shrinks by many lines at once.
	const [measured, setMeasured] = useState<{frame: number; room: number; content: number} | null>(null);
	const frame = useRef<DOMElement>(null);
	const viewport = useRef<DOMElement>(null);
	const body = useRef<DOMElement>(null);
	useLayoutEffect(() => {
		if (!frame.current || !viewport.current || !body.current) return;
		const next = {frame: measureElement(frame.current).height, room: measureElement(viewport.current).height, content: measureElement(body.current).height};
		if (!measured || next.frame !== measured.frame || next.room !== measured.room || next.content !== measured.content) setMeasured(next);
	});

	const message =
		step === 'done' ? t('ui.header.done', {code: STEP_CODES.done}) : t('ui.header.step', {n: stepNumber(step), total: STEPS.length, code: STEP_CODES[step]});
	const limit = Math.max(rows - BELOW, 6);
	const fit = !screenReader && Number.isFinite(rows);
	const chrome = measured ? measured.frame - measured.room : FIRST_CHROME;
	const maxRoom = Math.max(3, limit - chrome);
	const room = measured?.room ?? 0;
	const content = measured?.content ?? 0;
	// The first frame is drawn as it comes (Ink redraws the whole screen after one that did not fit).
	const clip = fit && measured !== null && content > maxRoom;
	const scrolls = clip && content > room && room > 0;
	const maxOffset = Math.max(0, content - room);
	const offset = scrolls ? Math.min(scroll ? scroll.offset : ownOffset, maxOffset) : 0;
	const footer = scrolls ? [...keys, t('ui.keys.scroll', {from: offset + 1, to: Math.min(offset + room, content), total: content})] : keys;
	const setOffset = (next: number) => {
		const clamped = Math.max(0, Math.min(next, maxOffset));
		if (clamped === offset) return;
		if (scroll) scroll.onScroll(clamped);
		else setOwnOffset(clamped);
	};
	const page = Math.max(1, room - 1);
	// Help opening or closing shows other text: from its top.
	const helpShown = useRef(Boolean(help));
	useLayoutEffect(() => {
		if (helpShown.current === Boolean(help)) return;
		helpShown.current = Boolean(help);
		if (scroll) scroll.onScroll(0);
		else setOwnOffset(0);
	});
	useKeys(
		(event) => {
			if (event.name === 'pagedown') setOffset(offset + page);
			else if (event.name === 'pageup') setOffset(offset - page);
		},
		{isActive: scrolls},
	);

	return (
		<Box ref={frame} flexDirection="column">
			<Box flexShrink={0}>
				<Text bold color={theme.color.accent}>
					ote-cert
				</Text>
				<Text>{` ${theme.symbols.dot} ${message}`}</Text>
				{theme.demo ? <Text inverse>{` ${t('ui.demo')} `}</Text> : null}
			</Box>
			<Box flexShrink={0}>
				<Text bold>{title}</Text>
			</Box>
			{/* Help takes the body's place instead of adding to it, and scrolls like it; the body stays mounted
			    (hidden) so lists keep their cursor when help closes. */}
			<Box ref={viewport} flexDirection="column" marginTop={1} flexShrink={0} overflowY="hidden" height={clip ? maxRoom : undefined}>
				<Box ref={body} flexDirection="column" flexShrink={0} marginTop={-offset}>
					<Box flexDirection="column" display={help ? 'none' : 'flex'}>
						{children}
					</Box>
					{help ? (
						<Box borderStyle={theme.ascii ? 'classic' : 'single'} paddingX={1}>
							<Text>{help}</Text>
						</Box>
					) : null}
				</Box>
			</Box>
			{actions ? (
				<Box marginTop={1} flexDirection="column" flexShrink={0} display={help ? 'none' : 'flex'}>
					{actions}
				</Box>
			) : null}
			<Box marginTop={1} flexShrink={0}>
				<Text dimColor>{footer.join('  ')}</Text>
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
