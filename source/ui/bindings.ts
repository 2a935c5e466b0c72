// The keys of every screen, in one table: what is pressed and what it does. The App's key router acts on
// the shell's commands (help, report, quit, the SSH advice) only where the table lists them, each screen's
// footer is the table's footer entries, and `?` lists the table — so the three can never disagree.
// Lists and text fields handle their own movement and editing keys; the table names them for the footer
// and the help.
import {createContext, useContext} from 'react';
import {t, type MessageKey} from '../i18n/index.js';
import '../i18n/messages/ui.js';
import {assertNever, type StepId, type WizardState} from '../flow/wizard.js';

export type Command =
	| 'move'
	| 'choose'
	| 'continue'
	| 'confirm'
	| 'load'
	| 'exit'
	| 'back'
	| 'cancel'
	| 'earlier'
	| 'edit'
	| 'ssh'
	| 'help'
	| 'report'
	| 'quit';

export interface Binding {
	command: Command;
	/** The character the shell's router acts on (the other keys belong to the screen's list or field). */
	char?: string;
	/** Listed in `?` only: the footer has no room for every editing key. */
	helpOnly?: boolean;
}

const LABELS: Record<Command, MessageKey> = {
	move: 'ui.keys.move',
	choose: 'ui.keys.enterChoose',
	continue: 'ui.keys.enterContinue',
	confirm: 'ui.keys.enterConfirm',
	load: 'ui.keys.enterLoad',
	exit: 'ui.keys.enterExit',
	back: 'ui.keys.escBack',
	cancel: 'ui.keys.escCancel',
	earlier: 'ui.keys.earlier',
	edit: 'ui.keys.edit',
	ssh: 'ui.keys.ssh',
	help: 'ui.keys.help',
	report: 'ui.keys.report',
	quit: 'ui.keys.quit',
};

const HELP: Binding = {command: 'help', char: '?'};
const REPORT: Binding = {command: 'report', char: 'r'};
const QUIT: Binding = {command: 'quit', char: 'q'};
const SHELL = [HELP, REPORT, QUIT];
const LIST: Binding[] = [{command: 'move'}, {command: 'choose'}, {command: 'back'}, ...SHELL];
const EDIT: Binding = {command: 'edit', helpOnly: true};

/** The keys of the screen the state shows. */
export function bindingsFor(state: WizardState): Binding[] {
	const stage = state.stage;
	switch (stage.step) {
		case 'source':
			switch (stage.mode.kind) {
				case 'list':
					return [
						{command: 'move'},
						{command: 'choose'},
						...(state.discovery.sshAdvice && !state.discovery.searching ? [{command: 'ssh', char: 's'} as const] : []),
						...SHELL,
					];
				case 'path':
					return [{command: 'load'}, {command: 'back'}, EDIT];
				case 'secret':
					return [{command: 'confirm'}, {command: 'cancel'}, EDIT];
				case 'ssh':
					return [{command: 'back'}];
				case 'loading':
					return SHELL;
				default:
					return assertNever(stage.mode);
			}
		case 'certificate':
			return [...(stage.source.candidates.length > 1 ? [{command: 'move'} as const] : []), {command: 'continue'}, {command: 'back'}, ...SHELL];
		case 'account':
			return [{command: 'confirm'}, {command: 'back'}, ...(stage.earlier.length > 0 ? [{command: 'earlier'} as const] : []), EDIT];
		case 'opening':
			return [{command: 'back'}];
		case 'ledger-problem':
			return [{command: 'back'}, REPORT, QUIT];
		case 'environment':
		case 'profile':
		case 'still-valid':
		case 'slot':
		case 'roles':
			return LIST;
		case 'confirm':
			return stage.proof.kind === 'pin' ? [{command: 'confirm'}, {command: 'cancel'}, EDIT] : LIST;
		case 'registering':
			return [];
		case 'done':
			return [{command: 'exit'}];
		default:
			return assertNever(stage);
	}
}

/** The shell command a typed character stands for on this screen, if the table lists it. */
export function commandFor(bindings: Binding[], ch: string): Command | null {
	return bindings.find((binding) => binding.char === ch)?.command ?? null;
}

/** The footer: the table's entries in its order, leaving out what the screen says does not apply this moment. */
export function footerOf(bindings: Binding[], notNow: Command[] = []): string[] {
	return bindings.filter((b) => !b.helpOnly && !notNow.includes(b.command)).map((b) => t(LABELS[b.command]));
}

/** What `?` shows: what the step is for, then every key of the screen. */
export function helpOf(step: StepId, bindings: Binding[]): string {
	return [t(`ui.help.${step}`), '', t('ui.help.keys'), ...bindings.map((b) => `  ${t(LABELS[b.command])}`)].join('\n');
}

/** The table of the screen on display; the App's Screen provides it. */
export const BindingsContext = createContext<Binding[]>([]);

/** The footer of the screen on display; `notNow` leaves out keys that do nothing at this moment (Enter on a refused certificate). */
export function useFooter(notNow: Command[] = []): string[] {
	return footerOf(useContext(BindingsContext), notNow);
}
