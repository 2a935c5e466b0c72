// Argument parsing with node:util parseArgs: no dependency, strict, and fast to load.
import {parseArgs} from 'node:util';
import {CliError, EXIT} from './exit-codes.js';
import {t, type MessageKey} from '../i18n/index.js';

const COMMANDS = ['wizard', 'inspect', 'register', 'renew', 'slots', 'sources', 'trust', 'env', 'report'] as const;
type Command = (typeof COMMANDS)[number];

export interface CliOptions {
	command: Command;
	positionals: string[];
	help: boolean;
	version: boolean;
	json: boolean;
	yes: boolean;
	demo: boolean;
	noColor: boolean;
	ascii: boolean;
	lang: string | null;
	source: string | null;
	env: string | null;
	slot: number | null;
	roles: string | null;
	account: string | null;
	out: string | null;
	trust: string[];
	passwordFile: string | null;
	pinFile: string | null;
	module: string[];
	role: string | null;
	noValidCertificate: boolean;
	newCompany: boolean;
	pozeProducer: boolean;
	forget: number | null;
	/** slots --move-aside: rename a damaged ledger so a new one can start. */
	moveAside: boolean;
	name: string | null;
	url: string | null;
	prove: string | null;
}

const SECRET_FLAGS = new Set(['--password', '--pin', '--pass', '--passphrase']);

function rejectSecretFlags(argv: string[]): void {
	for (const arg of argv) {
		const flag = arg.split('=')[0] ?? '';
		if (SECRET_FLAGS.has(flag)) {
			throw new CliError(EXIT.usage, t('cli.secretFlagRefused', {flag}), t(flag === '--pin' ? 'cli.secretFlagHintPin' : 'cli.secretFlagHintPassword'));
		}
	}
}

function toInt(value: string | undefined, flag: string, min: number, max: number): number | null {
	if (value === undefined) return null;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max) {
		throw new CliError(EXIT.usage, t('cli.badNumber', {flag, min, max, value}));
	}
	return n;
}

export function parseCli(argv: string[]): CliOptions {
	rejectSecretFlags(argv);
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: {
				help: {type: 'boolean', short: 'h'},
				version: {type: 'boolean', short: 'v'},
				json: {type: 'boolean'},
				yes: {type: 'boolean', short: 'y'},
				demo: {type: 'boolean'},
				'no-color': {type: 'boolean'},
				ascii: {type: 'boolean'},
				lang: {type: 'string'},
				source: {type: 'string', short: 's'},
				env: {type: 'string', short: 'e'},
				slot: {type: 'string'},
				roles: {type: 'string'},
				account: {type: 'string', short: 'a'},
				out: {type: 'string', short: 'o'},
				trust: {type: 'string', multiple: true},
				'password-file': {type: 'string'},
				'pin-file': {type: 'string'},
				module: {type: 'string', multiple: true},
				role: {type: 'string'},
				'no-valid-certificate': {type: 'boolean'},
				'new-company': {type: 'boolean'},
				'poze-producer': {type: 'boolean'},
				forget: {type: 'string'},
				'move-aside': {type: 'boolean'},
				name: {type: 'string'},
				url: {type: 'string'},
				prove: {type: 'string'},
			},
		});
	} catch (error) {
		// parseArgs speaks English only; name the offending option in the person's language.
		const err = error as Error & {code?: string};
		const option = (/'([^']+)'/.exec(err.message)?.[1] ?? '').split(' ')[0] ?? '';
		const known: Record<string, MessageKey> = {
			ERR_PARSE_ARGS_UNKNOWN_OPTION: 'cli.unknownOption',
			ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'cli.optionValue',
		};
		const key = err.code ? known[err.code] : undefined;
		throw new CliError(EXIT.usage, key ? t(key, {option}) : err.message, t('cli.seeHelp'));
	}
	const {values: v, positionals} = parsed;
	let command: Command = 'wizard';
	const rest = [...positionals];
	if (rest.length > 0) {
		const first = rest[0]!;
		if (!(COMMANDS as readonly string[]).includes(first) || first === 'wizard') {
			throw new CliError(EXIT.usage, t('cli.unknownCommand', {command: first}), t('cli.seeHelp'));
		}
		command = first as Command;
		rest.shift();
	}
	if (v.lang !== undefined && v.lang !== 'cs' && v.lang !== 'en') {
		throw new CliError(EXIT.usage, t('cli.badChoice', {flag: '--lang', choices: 'cs|en', value: v.lang}));
	}
	if (v.role !== undefined && v.role !== 'admin' && v.role !== 'owner') {
		throw new CliError(EXIT.usage, t('cli.badChoice', {flag: '--role', choices: 'admin|owner', value: v.role}));
	}
	if (v.roles !== undefined && !['auth', 'sign', 'both'].includes(v.roles)) {
		throw new CliError(EXIT.usage, t('cli.badChoice', {flag: '--roles', choices: 'auth|sign|both', value: v.roles}));
	}
	if (v.prove !== undefined && !['none', 'key', 'sign'].includes(v.prove)) {
		throw new CliError(EXIT.usage, t('cli.badChoice', {flag: '--prove', choices: 'none|key|sign', value: v.prove}));
	}
	return {
		command,
		positionals: rest,
		help: v.help ?? false,
		version: v.version ?? false,
		json: v.json ?? false,
		yes: v.yes ?? false,
		demo: v.demo ?? false,
		noColor: v['no-color'] ?? false,
		ascii: v.ascii ?? false,
		lang: v.lang ?? null,
		source: v.source ?? null,
		env: v.env ?? null,
		slot: toInt(v.slot, '--slot', 1, 4),
		roles: v.roles ?? null,
		account: v.account ?? null,
		out: v.out ?? null,
		trust: v.trust ?? [],
		passwordFile: v['password-file'] ?? null,
		pinFile: v['pin-file'] ?? null,
		module: v.module ?? [],
		role: v.role ?? null,
		noValidCertificate: v['no-valid-certificate'] ?? false,
		newCompany: v['new-company'] ?? false,
		pozeProducer: v['poze-producer'] ?? false,
		forget: toInt(v.forget, '--forget', 1, 4),
		moveAside: v['move-aside'] ?? false,
		name: v.name ?? null,
		url: v.url ?? null,
		prove: v.prove ?? null,
	};
}
