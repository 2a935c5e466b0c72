// Step 3: production or Sandbox (or an added environment), then the CS OTE user account.
import type React from 'react';
import {useState} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {Environment} from '../../account/types.js';
import {SelectList} from '../components/SelectList.js';
import {TextField} from '../components/TextField.js';
import {Frame} from '../components/Frame.js';
import {useTyping} from '../context.js';

export function EnvironmentStep(props: {
	environments: Environment[];
	defaultEnv: string | null;
	account: string;
	help: string | null;
	onChoose: (envId: string, account: string) => void;
	onBack: () => void;
}): React.ReactElement {
	const [envId, setEnvId] = useState<string | null>(null);
	useTyping(envId !== null);
	const initialIndex = Math.max(
		props.environments.findIndex((e) => e.id === props.defaultEnv),
		0,
	);
	if (envId === null) {
		return (
			<Frame
				step="environment"
				title={t('ui.env.title')}
				keys={[t('ui.keys.move'), t('ui.keys.enterChoose'), t('ui.keys.escBack'), t('ui.keys.help')]}
				help={props.help}
			>
				<SelectList
					items={props.environments.map((env) => ({
						key: env.id,
						label: env.builtIn ? t(`ui.env.${env.id}`) : env.name,
						hint: env.portalUrl,
						value: env.id,
					}))}
					initialIndex={initialIndex}
					onSubmit={(item) => setEnvId(item.value)}
					onBack={props.onBack}
				/>
				{props.defaultEnv ? <Text dimColor>{t('ui.env.remembered')}</Text> : null}
			</Frame>
		);
	}
	return (
		<Frame step="environment" title={t('ui.env.accountTitle')} keys={[t('ui.keys.enterConfirm'), t('ui.keys.escBack')]} help={props.help}>
			<Box flexDirection="column">
				<Text>{t('ui.env.accountExplain')}</Text>
				<TextField
					label={t('ui.env.accountLabel')}
					initialValue={props.account === 'default' ? '' : props.account}
					placeholder="default"
					maxLength={64}
					onSubmit={(value) => props.onChoose(envId, value.trim() || 'default')}
					onCancel={() => setEnvId(null)}
				/>
			</Box>
		</Frame>
	);
}
