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

export function Frame({step, title, keys, children, help, scroll, actions}: FrameProps): React.ReactElement {
	const theme = useTheme();
	const screenReader = useIsScreenReaderEnabled();
	const {rows} = useTerminalSize();
	const [ownOffset, setOwnOffset] = useState(0);
	// Heights as laid out: the whole frame, the room the body got, and the body's own. A body taller than what
	// the terminal leaves after everything else is clipped to that and scrolls, so the header, the answer and
	// the footer always stay on screen. The first frame of a step is drawn as it comes (a frame that did not
	// fit is followed by a full redraw); a frame that fits is never padded.
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
	// Once a frame was found too tall it is held to the terminal's height and the layout shrinks the body
	// in the same pass, so a line added below it (a refusal, a wrapped footer) never pushes the frame over.
	const natural = measured ? measured.frame - measured.room + measured.content : 0;
	const hold = fit && natural > limit;
	const room = measured?.room ?? 0;
	const content = measured?.content ?? 0;
	const scrolls = hold && content > room && room > 0;
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
		<Box ref={frame} flexDirection="column" height={hold ? limit : undefined}>
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
			<Box ref={viewport} flexDirection="column" marginTop={1} flexShrink={1} flexGrow={hold ? 1 : 0} overflowY="hidden">
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
