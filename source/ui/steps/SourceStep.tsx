// Step 1: where the certificate is. The list fills in while files and tokens are found, so the
// screen is usable at once; a path or pkcs11: URI can always be typed instead.
import type React from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import {assertNever, type Discovery, type SourceProblem, type Stage} from '../../flow/wizard.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {useKeys} from '../keys.js';
import {TextField} from '../components/TextField.js';
import {Frame, Problem} from '../components/Frame.js';
import {useTyping} from '../context.js';
import type {Dispatch} from '../useWizard.js';
import {useTheme} from '../theme.js';
import {shorten} from '../format.js';

const TYPE_PATH = '\u0000type-path';

type SourceStage = Extract<Stage, {step: 'source'}>;

export function SourceStep(props: {stage: SourceStage; discovery: Discovery; help: string | null; dispatch: Dispatch}): React.ReactElement {
	const theme = useTheme();
	const {stage, dispatch} = props;
	const {found, searching, sshAdvice} = props.discovery;
	const mode = stage.mode;
	useTyping(mode.kind === 'path' || mode.kind === 'secret');

	const items: ListItem<string>[] = [
		{key: TYPE_PATH, label: t('ui.source.typePath'), value: TYPE_PATH},
		...found.map((ref) => ({
			key: ref.ref,
			label: shorten(ref.label, 56),
			value: ref.ref,
			hint: ref.detail ? shorten(ref.detail, 30) : undefined,
			mark: {symbol: ref.kind === 'file' ? theme.symbols.bullet : '#', color: theme.color.muted},
		})),
	];

	// Over SSH the way to a token is long to explain: one line on the list, the steps on 's'.
	useKeys(
		(event) => {
			if (mode.kind === 'ssh' && (event.name === 'escape' || event.name === 'enter')) dispatch({type: 'back'});
			else if (mode.kind === 'list' && sshAdvice && event.name === 'text' && event.text?.includes('s')) dispatch({type: 'showSshAdvice'});
		},
		{isActive: mode.kind === 'list' || mode.kind === 'ssh'},
	);

	let body: React.ReactNode;
	let keys: string[];
	if (mode.kind === 'ssh') {
		keys = [t('ui.keys.escBack')];
		body = <Text>{sshAdvice}</Text>;
	} else if (mode.kind === 'path') {
		keys = [t('ui.keys.enterLoad'), t('ui.keys.escBack')];
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
		keys = [t('ui.keys.enterConfirm'), t('ui.keys.escCancel')];
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
		keys = [];
		body = <Text>{t('ui.source.loading')}</Text>;
	} else {
		keys = [t('ui.keys.move'), t('ui.keys.enterChoose'), t('ui.keys.help'), t('ui.keys.quit')];
		body = (
			<Box flexDirection="column">
				<SelectList
					items={items}
					limit={9}
					onSubmit={(item) => dispatch(item.value === TYPE_PATH ? {type: 'openPath'} : {type: 'loadSource', ref: item.value})}
				/>
				{searching ? <Text dimColor>{t('ui.source.searching')}</Text> : null}
				{!searching && found.length === 0 ? <Text dimColor>{t('ui.source.nothingFound')}</Text> : null}
				{sshAdvice && !searching ? <Text color={theme.color.warn}>{t('ui.source.sshNote')}</Text> : null}
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
