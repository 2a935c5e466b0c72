// The one effect runner: holds the machine's state, applies intents through `advance`, and performs the
// effects it returns through WizardServices, feeding every result back as an intent. The screens only read
// the state and dispatch.
import {useEffect, useRef, useState} from 'react';
import {advance, start, assertNever, type Transition, type WizardEffect, type WizardIntent, type WizardState} from '../flow/wizard.js';
import {explainLedgerError} from '../ledger/explain.js';
import type {WizardServices} from '../services/wizard-services.js';
import {SourceError, type SecretRequest, type SourceRef} from '../sources/types.js';

export type Dispatch = (intent: WizardIntent) => void;

/** The ledger's own errors in the person's language, with what to do; anything else as it came. */
function ledgerProblem(error: unknown): string {
	const ledger = explainLedgerError(error);
	if (ledger) return ledger.hint ? `${ledger.message} ${ledger.hint}` : ledger.message;
	return error instanceof Error ? error.message : String(error);
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Runner {
	state: WizardState;
	dispatch: Dispatch;
	/** Runs the effects the first state came with; returns the stop. */
	open(): () => void;
}

/** The machine and its effect runner, outside React: every intent sees the state the previous one left. */
function createRunner(services: WizardServices, first: Transition, publish: (state: WizardState) => void): Runner {
	// The secret a running load or proof waits for; the prompt's answer arrives as an effect.
	let pendingSecret: ((value: string | null) => void) | null = null;
	let open = true;
	const abort = new AbortController();
	// One search at a time: a new one (the Source step entered again) ends the one before.
	let search: AbortController | null = null;

	const runner: Runner = {
		state: first.state,
		dispatch(intent) {
			if (!open) return;
			const next = advance(runner.state, intent);
			runner.state = next.state;
			publish(next.state);
			for (const effect of next.effects) run(effect);
		},
		open() {
			for (const effect of first.effects) run(effect);
			return () => {
				open = false;
				abort.abort();
				pendingSecret?.(null);
			};
		},
	};
	const dispatch = (intent: WizardIntent) => runner.dispatch(intent);

	const secret = (request: SecretRequest) =>
		new Promise<string | null>((resolve) => {
			pendingSecret = resolve;
			dispatch({type: 'secretAsked', request});
		});

	function run(effect: WizardEffect): void {
		switch (effect.kind) {
			case 'discover': {
				search?.abort();
				const controller = new AbortController();
				search = controller;
				abort.signal.addEventListener('abort', () => controller.abort());
				const signal = controller.signal;
				// Results arrive in bursts; batching them keeps the screen from redrawing per file.
				let pending: SourceRef[] = [];
				let timer: NodeJS.Timeout | null = null;
				const flush = () => {
					timer = null;
					const refs = pending;
					pending = [];
					if (refs.length > 0 && !signal.aborted) dispatch({type: 'sourcesFound', refs});
				};
				signal.addEventListener('abort', () => {
					if (timer) clearTimeout(timer);
				});
				services
					.discover((ref) => {
						pending.push(ref);
						timer ??= setTimeout(flush, 30);
					}, signal)
					.then((result) => {
						if (signal.aborted) return;
						if (timer) clearTimeout(timer);
						flush();
						dispatch({type: 'discoveryDone', sshAdvice: result.sshAdvice, problems: result.problems});
					})
					.catch(() => {
						if (!signal.aborted) dispatch({type: 'discoveryDone', sshAdvice: null});
					});
				return;
			}
			case 'load':
				services
					.load(effect.ref, secret)
					.then((candidates) => dispatch({type: 'sourceLoaded', ref: effect.ref, candidates}))
					.catch((error: unknown) =>
						dispatch({type: 'sourceFailed', message: error instanceof SourceError && error.code === 'CANCELLED' ? null : messageOf(error)}),
					);
				return;
			case 'answerSecret': {
				const resolve = pendingSecret;
				pendingSecret = null;
				resolve?.(effect.value);
				return;
			}
			case 'checkRevocation':
				// checkRevocation never throws; should it anyway, the candidate stays as it was loaded.
				void Promise.all(effect.candidates.map((candidate) => services.checkRevocation(candidate).catch(() => candidate))).then((candidates) =>
					dispatch({type: 'revocationChecked', ref: effect.ref, candidates}),
				);
				return;
			case 'openAccount':
				// Reading the ledger is synchronous; the result comes back after this intent is applied.
				queueMicrotask(() => {
					try {
						const overview = services.slotOverview(effect.key.account, effect.key.environment.id, effect.candidate);
						dispatch({type: 'accountOpened', key: effect.key, overview, remembered: services.profile(effect.key.account)});
					} catch (error) {
						dispatch({type: 'accountFailed', key: effect.key, message: ledgerProblem(error)});
					}
				});
				return;
			case 'prove': {
				const refuse = async () => null;
				services
					.prove(effect.candidate, effect.sign, effect.sign ? secret : refuse)
					.then((proof) => dispatch({type: 'proofDone', proof}))
					.catch((error: unknown) => dispatch({type: 'proofFailed', message: messageOf(error)}));
				return;
			}
			case 'register':
				services
					.register(effect.request)
					.then((outcome) => dispatch({type: 'registered', outcome}))
					.catch((error: unknown) => dispatch({type: 'registerFailed', message: messageOf(error)}));
				return;
			case 'describe': {
				// One file after another, after the list is drawn: reading them must never hold the first frame.
				void (async () => {
					for (const ref of effect.refs) {
						await new Promise<void>((resolve) => setImmediate(resolve));
						if (!open) return;
						const summary = await services.describe(ref).catch(() => null);
						if (summary) dispatch({type: 'sourceDescribed', ref, summary});
					}
				})();
				return;
			}
			case 'writeReport':
				services
					.writeReport(effect.context)
					.then((file) => dispatch({type: 'reportWritten', file}))
					.catch((error: unknown) => dispatch({type: 'reportFailed', message: messageOf(error)}));
				return;
			default:
				assertNever(effect);
		}
	}
	return runner;
}

/** Runs the wizard from its start, or from `initial` (a state and the effects still to run). */
export function useWizard(services: WizardServices, initial?: Transition): {state: WizardState; dispatch: Dispatch} {
	const runner = useRef<Runner | null>(null);
	const [state, setState] = useState<WizardState | null>(null);
	runner.current ??= createRunner(
		services,
		initial ?? start({account: services.lastAccount(), envId: services.lastEnvironment(), recentAccounts: services.recentAccounts()}),
		setState,
	);
	const current = runner.current;
	useEffect(() => current.open(), [current]);
	return {state: state ?? current.state, dispatch: current.dispatch};
}
