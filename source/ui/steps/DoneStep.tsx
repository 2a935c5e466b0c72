import type React from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {RegisterOutcome} from '../../services/wizard-services.js';
import {Frame} from '../components/Frame.js';
import {useKeys} from '../keys.js';
import {useTheme} from '../theme.js';
import {formatDate} from '../format.js';
import {useFooter} from '../bindings.js';
import {shaPrefix} from './ConfirmStep.js';

export function DoneStep(props: {outcome: RegisterOutcome; onExit: () => void}): React.ReactElement {
	const theme = useTheme();
	const replaced = props.outcome.replaced;
	useKeys((event) => {
		if (event.name === 'enter' || event.name === 'escape' || (event.name === 'text' && event.text?.includes('q'))) props.onExit();
	});
	return (
		<Frame step="done" title={t('ui.done.title')} keys={useFooter()}>
			<Text color={theme.color.ok}>{`${theme.symbols.ok} ${t('ui.done.written', {dir: props.outcome.dir})}`}</Text>
			{replaced ? <Text>{t('ui.done.replaced', {holder: replaced.subject, date: formatDate(replaced.notAfter), sha: shaPrefix(replaced.sha256)})}</Text> : null}
			<Box flexDirection="column" marginTop={1}>
				{props.outcome.nextStepLines.map((line, i) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of lines, never reordered
					<Text key={i} bold={i === 0}>
						{line}
					</Text>
				))}
			</Box>
		</Frame>
	);
}
