// Argument parsing with node:util parseArgs: no dependency, strict, and fast to load. Each command has
// its own option table and its own type, so `slots --prove sign` is refused instead of ignored, and a
// command's code can only read the options it takes.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from './errors.js';
import {COMMANDS, type Command} from './commands.js';
import {t, type Lang, type MessageKey} from '../i18n/index.js';
import type {Role, SlotNumber, SlotRole} from '../account/types.js';

/** The values a choice option takes; the parser and the help both read them here. */
const CHOICES = {
	lang: ['cs', 'en'],
	prove: ['none', 'key', 'sign'],
	roles: ['auth', 'sign', 'both'],
	role: ['admin', 'owner'],
} as const;
type ProveMode = (typeof CHOICES.prove)[number];
/** Options that take a slot number. */
const SLOT_OPTIONS = new Set(['slot', 'forget']);
const SLOT_RANGE = {min: 1, max: 4} as const;

/** What every command takes: language, terminal policy, local CA certificates, PKCS#11 modules. */
export interface CommonOptions {
	lang: Lang | null;
	noColor: boolean;
	ascii: boolean;
	trust: string[];
	module: string[];
}

/** Secrets never come from argv; these name where they do come from. */
export interface SecretFileOptions {
	passwordFile: string | null;
	pinFile: string | null;
}

export interface WizardOptions extends CommonOptions {
	command: 'wizard';
	demo: boolean;
	/** Ask no OCSP responder or CRL server. */
	offline: boolean;
	account: string | null;
	out: string | null;
	screenReader: boolean;
}

export interface InspectOptions extends CommonOptions, SecretFileOptions {
	command: 'inspect';
	source: string | null;
	json: boolean;
	prove: ProveMode | null;
	offline: boolean;
}

export interface RegisterOptions extends CommonOptions, SecretFileOptions {
	command: 'register' | 'renew';
	source: string | null;
	/** A second --source: the other half of a pair, registered into the same slot (register only). */
	pairSource: string | null;
	env: string | null;
	slot: SlotNumber | null;
	roles: SlotRole[] | null;
	account: string | null;
	out: string | null;
	yes: boolean;
	json: boolean;
	role: Role | null;
	noValidCertificate: boolean;
	newCompany: boolean;
	pozeProducer: boolean;
	prove: ProveMode | null;
	offline: boolean;
}

export interface SlotsOptions extends CommonOptions {
	command: 'slots';
	account: string | null;
	env: string | null;
	json: boolean;
	forget: SlotNumber | null;
	yes: boolean;
	/** Rename a damaged ledger so a new one can start. */
	moveAside: boolean;
}

export interface SourcesOptions extends CommonOptions {
	command: 'sources';
	json: boolean;
}

export interface TrustOptions extends CommonOptions {
	command: 'trust';
	json: boolean;
}

export interface EnvOptions extends CommonOptions {
	command: 'env';
	action: string | null;
	id: string | null;
	json: boolean;
	name: string | null;
	url: string | null;
}

export interface ReportOptions extends CommonOptions {
	command: 'report';
	out: string | null;
	json: boolean;
	source: string | null;
}

type CommandOptions = WizardOptions | InspectOptions | RegisterOptions | SlotsOptions | SourcesOptions | TrustOptions | EnvOptions | ReportOptions;

export interface ParsedCli {
	/** `--help`, `-h` or `help [COMMAND]`: the command whose help to print, or the overview. */
	help: Command | 'overview' | null;
	version: boolean;
	options: CommandOptions;
}

type Table = NonNullable<ParseArgsConfig['options']>;

const COMMON: Table = {
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
	lang: {type: 'string'},
	'no-color': {type: 'boolean'},
	ascii: {type: 'boolean'},
	trust: {type: 'string', multiple: true},
	module: {type: 'string', multiple: true},
};
const SECRETS: Table = {'password-file': {type: 'string'}, 'pin-file': {type: 'string'}};
const JSON_FLAG: Table = {json: {type: 'boolean'}};
const OFFLINE: Table = {offline: {type: 'boolean'}};

const TABLES: Record<Command, Table> = {
	wizard: {
		...COMMON,
		...OFFLINE,
		demo: {type: 'boolean'},
		account: {type: 'string', short: 'a'},
		out: {type: 'string', short: 'o'},
		'screen-reader': {type: 'boolean'},
	},
	inspect: {...COMMON, ...SECRETS, ...JSON_FLAG, ...OFFLINE, source: {type: 'string', short: 's'}, prove: {type: 'string'}},
	register: {
		...COMMON,
		...SECRETS,
		...JSON_FLAG,
		...OFFLINE,
		source: {type: 'string', short: 's', multiple: true},
		env: {type: 'string', short: 'e'},
		slot: {type: 'string'},
		roles: {type: 'string'},
		account: {type: 'string', short: 'a'},
		out: {type: 'string', short: 'o'},
		yes: {type: 'boolean', short: 'y'},
		role: {type: 'string'},
		'no-valid-certificate': {type: 'boolean'},
		'new-company': {type: 'boolean'},
		'poze-producer': {type: 'boolean'},
		prove: {type: 'string'},
	},
	renew: {},
	slots: {
		...COMMON,
		...JSON_FLAG,
		account: {type: 'string', short: 'a'},
		env: {type: 'string', short: 'e'},
		forget: {type: 'string'},
		yes: {type: 'boolean', short: 'y'},
		'move-aside': {type: 'boolean'},
	},
	sources: {...COMMON, ...JSON_FLAG},
	trust: {...COMMON, ...JSON_FLAG},
	env: {...COMMON, ...JSON_FLAG, name: {type: 'string'}, url: {type: 'string'}},
	report: {...COMMON, ...JSON_FLAG, out: {type: 'string', short: 'o'}, source: {type: 'string', short: 's'}},
};
TABLES.renew = TABLES.register;

/** One option as the help shows it, read from the parser's own table. */
export interface OptionSpec {
	name: string;
	short: string | null;
	takesValue: boolean;
	multiple: boolean;
	/** Taken by every command (language, terminal, CAs, modules, help). */
	common: boolean;
	/** The accepted values, as `a|b|c`, or null when any value (a file, an id) is taken. */
	values: string | null;
}

/** The options `command` takes, exactly what its parser accepts. */
export function optionSpecs(command: Command): OptionSpec[] {
	return Object.entries(TABLES[command]).map(([name, spec]) => ({
		name,
		short: spec.short ?? null,
		takesValue: spec.type === 'string',
		multiple: spec.multiple === true,
		common: name in COMMON,
		values: name in CHOICES ? CHOICES[name as keyof typeof CHOICES].join('|') : SLOT_OPTIONS.has(name) ? `${SLOT_RANGE.min}-${SLOT_RANGE.max}` : null,
	}));
}

/** How many positional arguments a command takes after its name. */
const POSITIONALS: Record<Command, number> = {wizard: 0, inspect: 1, register: 1, renew: 1, slots: 0, sources: 0, trust: 0, env: 2, report: 0};

const SECRET_FLAGS = new Set(['--password', '--pin', '--pass', '--passphrase']);

function rejectSecretFlags(argv: string[]): void {
	for (const arg of argv) {
		const flag = arg.split('=')[0] ?? '';
		if (SECRET_FLAGS.has(flag)) {
			throw new UsageError(t('cli.secretFlagRefused', {flag}), t(flag === '--pin' ? 'cli.secretFlagHintPin' : 'cli.secretFlagHintPassword'));
		}
	}
}

function toSlot(value: string | undefined, flag: string): SlotNumber | null {
	if (value === undefined) return null;
	const n = Number(value);
	if (!Number.isInteger(n) || n < SLOT_RANGE.min || n > SLOT_RANGE.max) throw new UsageError(t('cli.badNumber', {flag, ...SLOT_RANGE, value}));
	return n as SlotNumber;
}

function choice<T extends string>(value: unknown, flag: string, choices: readonly T[]): T | null {
	if (value === undefined) return null;
	if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
		throw new UsageError(t('cli.badChoice', {flag, choices: choices.join('|'), value: String(value)}));
	}
	return value as T;
}

const isCommand = (name: string): name is Command => (COMMANDS as readonly string[]).includes(name);

/** The command named first, if any; flags may come before it (`ote-cert --lang cs trust`). */
function commandOf(argv: string[]): {command: Command | 'help'; named: boolean} {
	// A flag's value (`--lang cs`) is not a command: parse loosely once just to find the positionals.
	const loose = parseArgs({args: argv, allowPositionals: true, strict: false, options: {...COMMON, ...TABLES.register, ...TABLES.slots, ...TABLES.env}});
	const name = loose.positionals[0];
	if (name === undefined) return {command: 'wizard', named: false};
	if (name === 'help' || isCommand(name)) return {command: name, named: true};
	throw new UsageError(t('cli.unknownCommand', {command: name}), t('cli.seeHelp'));
}

/** `ote-cert help [COMMAND]`: only the options every command takes, and at most one command name. */
function parseHelp(argv: string[]): ParsedCli {
	const parsed = strictParse(argv, COMMON);
	const topic = parsed.positionals[1];
	if (parsed.positionals.length > 2) throw new UsageError(t('cli.unexpectedArgument', {argument: parsed.positionals[2]!}), t('cli.seeHelp'));
	if (topic !== undefined && !isCommand(topic)) throw new UsageError(t('cli.help.unknownTopic', {topic, commands: COMMANDS.join(', ')}));
	const lang = choice(parsed.values['lang'], '--lang', CHOICES.lang);
	const v = parsed.values;
	return {
		help: topic ?? 'overview',
		version: false,
		options: {
			command: 'wizard',
			lang,
			noColor: v['no-color'] === true,
			ascii: v['ascii'] === true,
			trust: [],
			module: [],
			demo: false,
			offline: false,
			screenReader: false,
			account: null,
			out: null,
		},
	};
}

function strictParse(argv: string[], options: Table) {
	try {
		return parseArgs({args: argv, allowPositionals: true, strict: true, options});
	} catch (error) {
		// parseArgs speaks English only; name the offending option in the person's language.
		const err = error as Error & {code?: string};
		const option = (/'([^']+)'/.exec(err.message)?.[1] ?? '').split(' ')[0] ?? '';
		const known: Record<string, MessageKey> = {
			ERR_PARSE_ARGS_UNKNOWN_OPTION: 'cli.unknownOption',
			ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'cli.optionValue',
		};
		const key = err.code ? known[err.code] : undefined;
		throw new UsageError(key ? t(key, {option}) : err.message, t('cli.seeHelp'));
	}
}

export function parseCli(argv: string[]): ParsedCli {
	rejectSecretFlags(argv);
	const {command, named} = commandOf(argv);
	if (command === 'help') return parseHelp(argv);
	const parsed = strictParse(argv, TABLES[command]);
	const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
	const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : null);
	const bool = (name: string) => v[name] === true;
	const list = (name: string) => (Array.isArray(v[name]) ? (v[name] as string[]) : []);
	const rest = parsed.positionals.slice(named ? 1 : 0);
	if (rest.length > POSITIONALS[command]) throw new UsageError(t('cli.unexpectedArgument', {argument: rest[POSITIONALS[command]]!}), t('cli.seeHelp'));

	const common: CommonOptions = {
		lang: choice(v['lang'], '--lang', CHOICES.lang),
		noColor: bool('no-color'),
		ascii: bool('ascii'),
		trust: list('trust'),
		module: list('module'),
	};
	const secrets: SecretFileOptions = {passwordFile: str('password-file'), pinFile: str('pin-file')};
	const prove = () => choice(v['prove'], '--prove', CHOICES.prove);
	const options = ((): CommandOptions => {
		switch (command) {
			case 'wizard':
				return {
					command,
					...common,
					demo: bool('demo'),
					offline: bool('offline'),
					account: str('account'),
					out: str('out'),
					screenReader: bool('screen-reader'),
				};
			case 'inspect':
				return {command, ...common, ...secrets, source: str('source') ?? rest[0] ?? null, json: bool('json'), prove: prove(), offline: bool('offline')};
			case 'register':
			case 'renew': {
				const roles = choice(v['roles'], '--roles', CHOICES.roles);
				// Two sources are the two halves of one pair; a third has no place in a slot.
				const sources = [...list('source'), ...rest];
				if (sources.length > 2) throw new UsageError(t('cli.tooManySources', {n: sources.length}), t('cli.pairHint'));
				if (sources.length === 2 && command === 'renew') throw new UsageError(t('cli.pairOnlyRegister'), t('cli.pairHint'));
				return {
					command,
					...common,
					...secrets,
					source: sources[0] ?? null,
					pairSource: sources[1] ?? null,
					env: str('env'),
					slot: toSlot(str('slot') ?? undefined, '--slot'),
					roles: roles === null ? null : roles === 'both' ? ['auth', 'sign'] : [roles],
					account: str('account'),
					out: str('out'),
					yes: bool('yes'),
					json: bool('json'),
					role: choice(v['role'], '--role', CHOICES.role),
					noValidCertificate: bool('no-valid-certificate'),
					newCompany: bool('new-company'),
					pozeProducer: bool('poze-producer'),
					prove: prove(),
					offline: bool('offline'),
				};
			}
			case 'slots':
				return {
					command,
					...common,
					account: str('account'),
					env: str('env'),
					json: bool('json'),
					forget: toSlot(str('forget') ?? undefined, '--forget'),
					yes: bool('yes'),
					moveAside: bool('move-aside'),
				};
			case 'sources':
			case 'trust':
				return {command, ...common, json: bool('json')};
			case 'env':
				return {command, ...common, action: rest[0] ?? null, id: rest[1] ?? null, json: bool('json'), name: str('name'), url: str('url')};
			case 'report':
				return {command, ...common, out: str('out'), json: bool('json'), source: str('source')};
		}
	})();
	// `ote-cert --help` alone is the overview; a named command (`wizard` included) has its own page.
	return {help: bool('help') ? (named ? command : 'overview') : null, version: bool('version'), options};
}
