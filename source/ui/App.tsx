// The wizard shell: owns the flow state, the global keys (Ctrl+C, q, ?, r) and the exit code.
import type React from 'react';
import {useCallback, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import {chosenCandidate, initialState, wizardReducer, type StepId} from '../flow/wizard.js';
import type {AccountProfile} from '../account/types.js';
import type {RegisterOutcome, WizardServices} from '../services/wizard-services.js';
import {UiRuntimeContext, type UiRuntime} from './context.js';
import {KeyRouterContext, KeysHeldContext, useKeyRouter, useKeys} from './keys.js';
import {ThemeContext, type Theme} from './theme.js';
import {SourceStep} from './steps/SourceStep.js';
import {CertificateStep} from './steps/CertificateStep.js';
import {EnvironmentStep} from './steps/EnvironmentStep.js';
import {SlotStep} from './steps/SlotStep.js';
import {ConfirmStep} from './steps/ConfirmStep.js';
import {DoneStep} from './steps/DoneStep.js';

export interface AppProps {
	services: WizardServices;
	theme: Theme;
	escapeWaitMs: number;
	now: () => Date;
	onExit: (code: number) => void;
}

export function App({services, theme, escapeWaitMs, now, onExit}: AppProps): React.ReactElement {
	const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialState({account: services.lastAccount() ?? 'default'}));
	const [help, setHelp] = useState(false);
	const [quitAsked, setQuitAsked] = useState(false);
	const [status, setStatus] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);
	const [registerError, setRegisterError] = useState<string | null>(null);
	const [outcome, setOutcome] = useState<RegisterOutcome | null>(null);
	const noValidRef = useRef(false);
	const lastError = useRef<string | null>(null);
	const typingRef = useRef(false);
	const setTyping = useCallback((typing: boolean) => {
		typingRef.current = typing;
	}, []);
	const runtime: UiRuntime = useMemo(() => ({services, escapeWaitMs, now, setTyping}), [services, escapeWaitMs, now, setTyping]);
	const environments = useMemo(() => services.environments(), [services]);
	// Read once: the remembered environment does not change while the wizard runs.
	const lastEnvironment = useMemo(() => services.lastEnvironment(), [services]);

	const step: StepId = state.step;
	// Leaving only loses choices made after the first step; nothing is written before the yes.
	const wouldLose = step !== 'source' && step !== 'done';

	const router = useKeyRouter(escapeWaitMs);
	useKeys(
		(event) => {
			if (event.name === 'ctrl-c') return onExit(130);
			if (quitAsked) {
				if (event.name === 'text' && /^[yYaA]/.test(event.text ?? '')) return onExit(130);
				if (event.name === 'text' || event.name === 'enter' || event.name === 'escape') setQuitAsked(false);
				return;
			}
			if (typingRef.current || event.name !== 'text') return;
			for (const ch of event.text ?? '') {
				if (ch === '?') setHelp((h) => !h);
				else if (ch === 'q' && step !== 'done') {
					if (wouldLose) setQuitAsked(true);
					else onExit(130);
				} else if (ch === 'r' && step !== 'done') {
					services
						.writeReport(lastError.current)
						.then((file) => setStatus(t('ui.report.written', {file})))
						.catch((error: Error) => setStatus(error.message));
				}
			}
		},
		{escapeWaitMs},
	);

	const helpText = help ? t(`ui.help.${step}`) : null;
	const candidate = chosenCandidate(state);
	const environment = environments.find((e) => e.id === state.envId) ?? null;
	let screen: React.ReactNode;
	switch (step) {
		case 'source':
			screen = (
				<SourceStep
					refusal={state.refusal}
					help={helpText}
					onError={(message) => {
						lastError.current = message;
					}}
					onLoaded={(sourceRef, candidates) => dispatch({type: 'sourceLoaded', sourceRef, candidates})}
				/>
			);
			break;
		case 'certificate':
			screen = (
				<CertificateStep
					candidates={state.candidates}
					initial={state.chosen}
					refusal={state.refusal}
					help={helpText}
					onChoose={(index) => dispatch({type: 'chooseCertificate', index})}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
			break;
		case 'environment':
			screen = (
				<EnvironmentStep
					environments={environments}
					defaultEnv={state.envId ?? lastEnvironment}
					account={state.account}
					help={helpText}
					onChoose={(envId, account) => dispatch({type: 'chooseEnvironment', envId, account})}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
			break;
		case 'slot':
			screen = (
				<SlotStep
					candidate={candidate!}
					account={state.account}
					envId={state.envId!}
					profile={state.profile}
					slot={state.slot}
					help={helpText}
					onProfile={(profile: AccountProfile, noValid) => {
						noValidRef.current = noValid;
						dispatch({type: 'setProfile', profile});
					}}
					onChoose={(slot, roles) => dispatch({type: 'chooseSlot', slot, roles})}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
			break;
		case 'confirm':
			screen = (
				<ConfirmStep
					candidate={candidate!}
					environment={environment!}
					account={state.account}
					slot={state.slot!}
					roles={state.roles}
					help={helpText}
					busy={busy}
					error={registerError}
					onBack={() => {
						setRegisterError(null);
						dispatch({type: 'back'});
					}}
					onConfirm={(proof) => {
						setBusy(true);
						setRegisterError(null);
						const profile = state.profile ?? services.profile(state.account) ?? {role: 'admin', newCompany: false, pozeProducer: false};
						services
							.register({
								candidate: candidate!,
								envId: state.envId!,
								account: state.account,
								slot: state.slot!,
								roles: state.roles,
								profile,
								noValidCertificate: noValidRef.current,
								proof,
							})
							.then((result) => {
								setOutcome(result);
								setBusy(false);
								dispatch({type: 'registered'});
							})
							.catch((error: Error) => {
								lastError.current = error.message;
								setRegisterError(error.message);
								setBusy(false);
							});
					}}
				/>
			);
			break;
		case 'done':
			screen = <DoneStep outcome={outcome!} onExit={() => onExit(0)} />;
			break;
	}
	return (
		<ThemeContext.Provider value={theme}>
			<UiRuntimeContext.Provider value={runtime}>
				<Box flexDirection="column">
					<KeyRouterContext.Provider value={router}>
						<KeysHeldContext.Provider value={quitAsked}>{screen}</KeysHeldContext.Provider>
					</KeyRouterContext.Provider>
					{quitAsked ? <Text color={theme.color.warn}>{t('ui.quit.confirm')}</Text> : null}
					{status ? <Text dimColor>{status}</Text> : null}
				</Box>
			</UiRuntimeContext.Provider>
		</ThemeContext.Provider>
	);
}
