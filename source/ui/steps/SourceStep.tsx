// Step 1: where the certificate is. The list fills in while files and tokens are found, so the
// screen is usable at once; a path or pkcs11: URI can always be typed instead. Each file shows its
// holder, expiry and verdict once read (after it is listed), and the best one is highlighted until the
// person moves.
import type React from 'react';
import {useRef} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import {assertNever, bestSource, type Discovery, type SourceProblem, type Stage} from '../../flow/wizard.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {useKeys} from '../keys.js';
import {TextField} from '../components/TextField.js';
import {Frame, Problem} from '../components/Frame.js';
import {useTyping} from '../context.js';
import type {Dispatch} from '../useWizard.js';
import {useTheme} from '../theme.js';
import {formatDate, shorten} from '../format.js';
import {useFooter} from '../bindings.js';

const TYPE_PATH = '\u0000type-path';

type SourceStage = Extract<Stage, {step: 'source'}>;

export function SourceStep(props: {stage: SourceStage; discovery: Discovery; help: string | null; dispatch: Dispatch}): React.ReactElement {
	const theme = useTheme();
	const {stage, dispatch} = props;
	const {found, searching, sshAdvice, summaries, problems} = props.discovery;
	const mode = stage.mode;
	useTyping(mode.kind === 'path' || mode.kind === 'secret');
	const keys = useFooter();

	const items: ListItem<string>[] = [
		{key: TYPE_PATH, label: t('ui.source.typePath'), value: TYPE_PATH},
		...found.map((ref) => {
			const summary = summaries[ref.ref];
			const about = summary
				? [
						t('ui.source.summary', {holder: summary.holder, date: formatDate(summary.notAfter)}),
						summary.more > 0 ? t('ui.source.summaryMore', {n: summary.more}) : null,
					]
						.filter(Boolean)
						.join(' ')
				: null;
			return {
				key: ref.ref,
				label: shorten(ref.label, summary ? 28 : 56),
				value: ref.ref,
				hint: [about, ref.detail ? shorten(ref.detail, 30) : null].filter(Boolean).join('  ') || undefined,
				mark: summary
					? summary.registrable
						? {symbol: theme.symbols.ok, color: theme.color.ok}
						: {symbol: theme.symbols.bad, color: theme.color.bad}
					: {symbol: ref.kind === 'file' ? theme.symbols.bullet : '#', color: theme.color.muted},
			};
		}),
	];
	// The best source is highlighted as it becomes known, until the person moves the cursor themselves.
	const moved = useRef(false);
	const preselected = useRef<string | null>(null);
	if (!moved.current) preselected.current = bestSource(props.discovery);
	const initialIndex = Math.max(
		items.findIndex((item) => item.value === preselected.current),
		0,
	);

	// Over SSH the way to a token is long to explain: one line on the list, the steps on 's' (the App's key table).
	useKeys(
		(event) => {
			if (event.name === 'escape' || event.name === 'enter') dispatch({type: 'back'});
		},
		{isActive: mode.kind === 'ssh'},
	);

	let body: React.ReactNode;
	if (mode.kind === 'ssh') {
		body = <Text>{sshAdvice}</Text>;
	} else if (mode.kind === 'path') {
		body = (
			<TextField
				label={t('ui.source.pathLabel')}
				placeholder={t('ui.source.pathPlaceholder')}
				onSubmit={(value) => dispatch({type: 'loadSource', ref: value})}
				onCancel={() => dispatch({type: 'back'})}
			/>
		);
	} else if (mode.kind === 'secret') {
		const {request} = mode;
		body = (
			<Box flexDirection="column">
				{request.retry ? <Problem text={t(request.kind === 'pin' ? 'ui.source.wrongPin' : 'ui.source.wrongPassword')} /> : null}
				{request.pinState === 'count-low' ? <Text color={theme.color.warn}>{t('ui.source.pinCountLow')}</Text> : null}
				{request.pinState === 'final-try' ? <Text color={theme.color.bad}>{t('ui.source.pinFinalTry')}</Text> : null}
				<TextField
					label={t(request.kind === 'pin' ? 'ui.source.pinFor' : 'ui.source.passwordFor', {target: request.target})}
					mask
					onSubmit={(value) => dispatch({type: 'submitSecret', value})}
					onCancel={() => dispatch({type: 'cancelSecret'})}
				/>
			</Box>
		);
	} else if (mode.kind === 'loading') {
		body = <Text>{t('ui.source.loading')}</Text>;
	} else {
		body = (
			<Box flexDirection="column">
				<SelectList
					// A new list when the best source changes (it is read after being listed), never after the person moved.
					key={preselected.current ?? TYPE_PATH}
					items={items}
					initialIndex={initialIndex}
					onHighlight={() => {
						moved.current = true;
					}}
					limit={9}
					onSubmit={(item) => dispatch(item.value === TYPE_PATH ? {type: 'openPath'} : {type: 'loadSource', ref: item.value})}
				/>
				{searching ? <Text dimColor>{t('ui.source.searching')}</Text> : null}
				{!searching && found.length === 0 ? <Text dimColor>{t('ui.source.nothingFound')}</Text> : null}
				{sshAdvice && !searching ? <Text color={theme.color.warn}>{t('ui.source.sshNote')}</Text> : null}
				{searching
					? null
					: problems.map((problem) => (
							<Text key={problem} color={theme.color.warn}>
								{problem}
							</Text>
						))}
			</Box>
		);
	}
	return (
		<Frame step="source" title={t('ui.source.title')} keys={keys} help={props.help}>
			{body}
			{stage.problem ? <Problem text={problemText(stage.problem)} /> : null}
		</Frame>
	);
}

function problemText(problem: SourceProblem): string {
	switch (problem.kind) {
		case 'no-certificate':
			return t('ui.source.noCertificate');
		case 'unreadable':
			return problem.message;
		default:
			return assertNever(problem);
	}
}
