// The wizard shell: runs the machine (useWizard), owns the global keys (Ctrl+C, and ?, r, q, s where the
// screen's binding table lists them) and the exit code.
// What the screens show comes from the machine's state; they answer with intents.
import type React from 'react';
import {useCallback, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {t} from '../i18n/index.js';
import '../i18n/messages/ui.js';
import '../i18n/messages/output.js';
import {assertNever, stepOf, wouldLoseAnswers, type Stage, type Status, type Transition, type WizardState} from '../flow/wizard.js';
import type {WizardServices} from '../services/wizard-services.js';
import {UiRuntimeContext, type UiRuntime} from './context.js';
import {KeyRouterContext, KeysHeldContext, useKeyRouter, useKeys} from './keys.js';
import {BindingsContext, bindingsFor, commandFor, helpOf} from './bindings.js';
import {ThemeContext, type Theme} from './theme.js';
import {type Dispatch, useWizard} from './useWizard.js';
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
	onExit: (code: number) => void;
	/** Where the wizard starts, with the effects still to run (tests open it at a later step); the first step when absent. */
	initial?: Transition;
}

/** The screen for a stage: every stage has one, and each screen gets exactly its stage. */
export function Screen(props: {state: WizardState; dispatch: Dispatch; help: string | null; onExit: (code: number) => void}): React.ReactElement {
	return (
		<BindingsContext.Provider value={bindingsFor(props.state)}>
			<StageScreen {...props} />
		</BindingsContext.Provider>
	);
}

function StageScreen(props: {state: WizardState; dispatch: Dispatch; help: string | null; onExit: (code: number) => void}): React.ReactElement {
	const {state, dispatch, help} = props;
	const stage: Stage = state.stage;
	switch (stage.step) {
		case 'source':
			return <SourceStep stage={stage} discovery={state.discovery} help={help} dispatch={dispatch} />;
		case 'certificate':
			return <CertificateStep stage={stage} help={help} dispatch={dispatch} />;
		case 'environment':
		case 'account':
			return <EnvironmentStep stage={stage} defaultEnv={state.drafts.envId} help={help} dispatch={dispatch} />;
		case 'opening':
		case 'ledger-problem':
		case 'profile':
		case 'still-valid':
		case 'slot':
		case 'roles':
			return <SlotStep stage={stage} help={help} dispatch={dispatch} />;
		case 'confirm':
		case 'registering':
			return <ConfirmStep stage={stage} help={help} dispatch={dispatch} />;
		case 'done':
			return <DoneStep outcome={stage.outcome} onExit={() => props.onExit(0)} />;
		default:
			return assertNever(stage);
	}
}

function statusText(status: Status): string {
	switch (status.kind) {
		case 'report-written':
			return t('ui.report.written', {file: status.file});
		case 'report-failed':
			return status.message;
		default:
			return assertNever(status);
	}
}

export function App({services, theme, escapeWaitMs, onExit, initial}: AppProps): React.ReactElement {
	const {state, dispatch} = useWizard(services, initial);
	const [help, setHelp] = useState(false);
	const [quitAsked, setQuitAsked] = useState(false);
	const typingRef = useRef(false);
	const setTyping = useCallback((typing: boolean) => {
		typingRef.current = typing;
	}, []);
	const runtime: UiRuntime = useMemo(() => ({services, escapeWaitMs, setTyping}), [services, escapeWaitMs, setTyping]);
	const step = stepOf(state.stage);
	const bindings = bindingsFor(state);

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
				const command = commandFor(bindings, ch);
				if (command === 'help') setHelp((h) => !h);
				else if (command === 'quit') {
					if (wouldLoseAnswers(state)) setQuitAsked(true);
					else onExit(130);
				} else if (command === 'report') dispatch({type: 'writeReport'});
				else if (command === 'ssh') dispatch({type: 'showSshAdvice'});
			}
		},
		{escapeWaitMs},
	);

	return (
		<ThemeContext.Provider value={theme}>
			<UiRuntimeContext.Provider value={runtime}>
				<Box flexDirection="column">
					<KeyRouterContext.Provider value={router}>
						<KeysHeldContext.Provider value={quitAsked}>
							<Screen state={state} dispatch={dispatch} help={help ? helpOf(step, bindings) : null} onExit={onExit} />
						</KeysHeldContext.Provider>
					</KeyRouterContext.Provider>
					{quitAsked ? <Text color={theme.color.warn}>{t('ui.quit.confirm')}</Text> : null}
					{state.status ? <Text dimColor>{statusText(state.status)}</Text> : null}
				</Box>
			</UiRuntimeContext.Provider>
		</ThemeContext.Provider>
	);
}
