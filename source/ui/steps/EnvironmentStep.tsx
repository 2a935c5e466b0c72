// Step 3: production or Sandbox (or an added environment), then the CS OTE user account.
import type React from 'react';
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {Stage} from '../../flow/wizard.js';
import {SelectList} from '../components/SelectList.js';
import {TextField} from '../components/TextField.js';
import {Frame, Problem} from '../components/Frame.js';
import {useTyping, useUiRuntime} from '../context.js';
import type {Dispatch} from '../useWizard.js';
import {useFooter} from '../bindings.js';

type EnvironmentStage = Extract<Stage, {step: 'environment' | 'account'}>;

export function EnvironmentStep(props: {
	stage: EnvironmentStage;
	/** The environment chosen earlier in this run, else the one used last time. */
	defaultEnv: string | null;
	help: string | null;
	dispatch: Dispatch;
}): React.ReactElement {
	const {services} = useUiRuntime();
	const {stage, dispatch} = props;
	const environments = useMemo(() => services.environments(), [services]);
	useTyping(stage.step === 'account');
	const keys = useFooter();
	if (stage.step === 'environment') {
		const initialIndex = Math.max(
			environments.findIndex((e) => e.id === props.defaultEnv),
			0,
		);
		return (
			<Frame step="environment" title={t('ui.env.title')} keys={keys} help={props.help}>
				<SelectList
					items={environments.map((env) => ({
						key: env.id,
						label: env.builtIn ? t(`ui.env.${env.id}`) : env.name,
						hint: env.portalUrl,
						value: env,
					}))}
					initialIndex={initialIndex}
					onSubmit={(item) => dispatch({type: 'chooseEnvironment', environment: item.value})}
					onBack={() => dispatch({type: 'back'})}
				/>
				{props.defaultEnv ? <Text dimColor>{t('ui.env.remembered')}</Text> : null}
			</Frame>
		);
	}
	const refusal = stage.refusal;
	return (
		<Frame step="environment" title={t('ui.env.accountTitle')} keys={keys} help={props.help}>
			<Box flexDirection="column">
				<Text>{t('ui.env.accountExplain')}</Text>
				<TextField
					label={t('ui.env.accountLabel')}
					initialValue={refusal ? refusal.typed : stage.prefill === 'default' ? '' : stage.prefill}
					history={stage.earlier}
					placeholder="default"
					maxLength={64}
					onSubmit={(text) => dispatch({type: 'submitAccount', text})}
					onCancel={() => dispatch({type: 'back'})}
				/>
				{refusal ? <Problem text={t('ui.env.accountInvalid')} /> : null}
			</Box>
		</Frame>
	);
}
