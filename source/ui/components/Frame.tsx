// Header with step number and code (what the helpdesk reads out), the step body, and a footer that
// always lists the keys that work right now.
import type React from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import {STEPS, STEP_CODES, stepNumber, type StepId} from '../../flow/wizard.js';
import {useTheme} from '../theme.js';

export interface FrameProps {
	step: StepId;
	title: string;
	keys: string[];
	children: React.ReactNode;
	help?: string | null;
}

export function Frame({step, title, keys, children, help}: FrameProps): React.ReactElement {
	const theme = useTheme();
	const message =
		step === 'done' ? t('ui.header.done', {code: STEP_CODES.done}) : t('ui.header.step', {n: stepNumber(step), total: STEPS.length, code: STEP_CODES[step]});
	// The catalogs write the separator as "·"; a terminal that asked for ASCII gets the theme's twin.
	const position = theme.ascii ? message.replaceAll('·', theme.symbols.dot) : message;
	return (
		<Box flexDirection="column">
			<Box>
				<Text bold color={theme.color.accent}>
					ote-cert
				</Text>
				<Text>{` ${theme.symbols.dot} ${position}`}</Text>
				{theme.demo ? <Text inverse>{` ${t('ui.demo')} `}</Text> : null}
			</Box>
			<Text bold>{title}</Text>
			{/* Help takes the body's place instead of adding to it, so every step still fits 80x24; the
			    body stays mounted (hidden) so lists keep their cursor when help closes. */}
			<Box flexDirection="column" marginTop={1} display={help ? 'none' : 'flex'}>
				{children}
			</Box>
			{help ? (
				<Box marginTop={1} borderStyle={theme.ascii ? 'classic' : 'single'} paddingX={1}>
					<Text>{help}</Text>
				</Box>
			) : null}
			<Box marginTop={1}>
				<Text dimColor>{keys.join('  ')}</Text>
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
