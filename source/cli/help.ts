// `--help`, `-h` and `help [COMMAND]`. A command's options come from the parser's own table
// (optionSpecs), so the help cannot list an option the parser refuses or leave out one it takes;
// only the sentences come from the catalog.
import {t, type MessageKey} from '../i18n/index.js';
import {optionSpecs, type OptionSpec} from './args.js';
import {COMMANDS, type Command} from './commands.js';

/** The one-line explanation of each option, and the placeholder for its value when any value goes. */
interface OptionText {
	text: MessageKey;
	value?: MessageKey;
	/** Taken more than once by the parser only to refuse it with a reason: not shown as repeatable. */
	once?: true;
}

const OPTIONS: Record<string, OptionText> = {
	help: {text: 'cli.help.option.help'},
	version: {text: 'cli.help.option.version'},
	lang: {text: 'cli.help.option.lang'},
	'no-color': {text: 'cli.help.option.noColor'},
	ascii: {text: 'cli.help.option.ascii'},
	trust: {text: 'cli.help.option.trust', value: 'cli.help.value.fileOrDir'},
	module: {text: 'cli.help.option.module', value: 'cli.help.value.path'},
	'password-file': {text: 'cli.help.option.passwordFile', value: 'cli.help.value.file'},
	'pin-file': {text: 'cli.help.option.pinFile', value: 'cli.help.value.file'},
	json: {text: 'cli.help.option.json'},
	offline: {text: 'cli.help.option.offline'},
	demo: {text: 'cli.help.option.demo'},
	'screen-reader': {text: 'cli.help.option.screenReader'},
	account: {text: 'cli.help.option.account', value: 'cli.help.value.id'},
	out: {text: 'cli.help.option.out', value: 'cli.help.value.dir'},
	source: {text: 'cli.help.option.source', value: 'cli.help.value.source'},
	prove: {text: 'cli.help.option.prove'},
	env: {text: 'cli.help.option.env', value: 'cli.help.value.id'},
	slot: {text: 'cli.help.option.slot'},
	roles: {text: 'cli.help.option.roles'},
	yes: {text: 'cli.help.option.yes'},
	role: {text: 'cli.help.option.role'},
	'no-valid-certificate': {text: 'cli.help.option.noValidCertificate'},
	'new-company': {text: 'cli.help.option.newCompany'},
	'poze-producer': {text: 'cli.help.option.pozeProducer'},
	forget: {text: 'cli.help.option.forget'},
	'move-aside': {text: 'cli.help.option.moveAside'},
	name: {text: 'cli.help.option.name', value: 'cli.help.value.name'},
	url: {text: 'cli.help.option.url', value: 'cli.help.value.url'},
};

/** Where an option means something narrower for one command than in general. */
const COMMAND_OPTIONS: Partial<Record<Command, Record<string, OptionText>>> = {
	wizard: {account: {text: 'cli.help.option.wizardAccount', value: 'cli.help.value.id'}},
	register: {source: {text: 'cli.help.option.registerSource', value: 'cli.help.value.source'}},
	// renew takes --source twice only to refuse a pair with a reason (a renewal replaces one certificate).
	renew: {
		account: {text: 'cli.help.option.renewAccount', value: 'cli.help.value.id'},
		source: {text: 'cli.help.option.source', value: 'cli.help.value.source', once: true},
	},
	slots: {
		account: {text: 'cli.help.option.slotsAccount', value: 'cli.help.value.id'},
		env: {text: 'cli.help.option.slotsEnv', value: 'cli.help.value.id'},
	},
	report: {out: {text: 'cli.help.option.reportOut', value: 'cli.help.value.path'}},
};

const NOTES: Partial<Record<Command, MessageKey>> = {
	inspect: 'cli.help.sourceNote',
	register: 'cli.help.sourceNote',
	renew: 'cli.help.sourceNote',
};

/** The explanation for `option` of `command`, or null when the catalog has none (a test forbids that). */
export function optionText(command: Command, option: string): OptionText | null {
	return COMMAND_OPTIONS[command]?.[option] ?? OPTIONS[option] ?? null;
}

/** Explanations written for an option the command does not take: a test keeps this empty. */
export function strayOptionTexts(): string[] {
	const taken = new Set(COMMANDS.flatMap((c) => optionSpecs(c).map((o) => o.name)));
	const stray = Object.keys(OPTIONS).filter((name) => !taken.has(name));
	for (const [command, table] of Object.entries(COMMAND_OPTIONS)) {
		const own = new Set(optionSpecs(command as Command).map((o) => o.name));
		stray.push(
			...Object.keys(table)
				.filter((name) => !own.has(name))
				.map((name) => `${command} --${name}`),
		);
	}
	return stray;
}

function optionLeft(command: Command, o: OptionSpec): string {
	const value = o.takesValue ? ` ${o.values ?? t(optionText(command, o.name)?.value ?? 'cli.help.value.text')}` : '';
	return `${o.short ? `-${o.short}, ` : '    '}--${o.name}${value}`;
}

const MAX_LEFT = 28;

function optionLines(command: Command, options: OptionSpec[], width: number): string[] {
	const rows = options.map((o) => {
		const text = optionText(command, o.name);
		const explanation = `${text ? t(text.text) : ''}${o.multiple && !text?.once ? ` ${t('cli.help.repeatable')}` : ''}`;
		return {left: optionLeft(command, o), explanation};
	});
	// A long option name gets its explanation on the next line, so the column stays narrow at 80 columns.
	return rows.map((r) => (r.left.length > width ? `  ${r.left}\n  ${' '.repeat(width)}  ${r.explanation}` : `  ${r.left.padEnd(width)}  ${r.explanation}`));
}

const indent = (text: string): string =>
	text
		.split('\n')
		.map((line) => `  ${line}`)
		.join('\n');

/** The page for one command: what it does, usage, options with one line each, an example. */
function commandHelp(command: Command): string {
	const options = optionSpecs(command);
	const own = options.filter((o) => !o.common);
	const common = options.filter((o) => o.common);
	const note = NOTES[command];
	// One column for both lists, so the explanations line up down the page.
	const width = Math.min(MAX_LEFT, Math.max(...options.map((o) => optionLeft(command, o).length)));
	const parts = [
		`ote-cert ${command} – ${t(`cli.help.summary.${command}`)}`,
		`${t('cli.help.usage')}\n${indent(t(`cli.help.usage.${command}`))}`,
		...(note ? [t(note)] : []),
		...(own.length ? [`${t('cli.help.options')}\n${optionLines(command, own, width).join('\n')}`] : []),
		`${t('cli.help.commonOptions')}\n${optionLines(command, common, width).join('\n')}`,
		`${t('cli.help.example')}\n${indent(t(`cli.help.example.${command}`))}`,
	];
	return parts.join('\n\n');
}

/** `ote-cert --help`: the commands with their one line, and where each command's own help is. */
function overviewHelp(): string {
	const width = Math.max(...COMMANDS.map((c) => c.length));
	const commands = COMMANDS.map((c) => `  ${c.padEnd(width)}  ${t(`cli.help.summary.${c}`)}`).join('\n');
	return [
		t('cli.help.title'),
		`${t('cli.help.usage')}\n${indent(t('cli.help.usage.overview'))}`,
		`${t('cli.help.commands')}\n${commands}`,
		t('cli.help.overviewNotes'),
	].join('\n\n');
}

export function helpText(topic: Command | 'overview'): string {
	return topic === 'overview' ? overviewHelp() : commandHelp(topic);
}
