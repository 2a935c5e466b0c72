// The commands ote-cert knows, in a module of their own with no imports: the launcher
// (source/boot/launch.ts) reads the command line with it before the bundle is loaded.

export const COMMANDS = ['wizard', 'inspect', 'register', 'renew', 'slots', 'sources', 'trust', 'env', 'report'] as const;
export type Command = (typeof COMMANDS)[number];

/** Words that make a run print help or the version instead of running anything. */
const HELP_OR_VERSION = new Set(['help', '--help', '-h', '--version', '-v']);

/**
 * What the command line will run, as far as the launcher needs to know to pick a code cache: the
 * wizard, a command by name, or something else (help, the version). A word that is really an option's
 * value (`--account inspect`) only picks another cache, which costs a few milliseconds and never
 * changes what the run does.
 */
export function runKind(argv: readonly string[]): 'wizard' | Exclude<Command, 'wizard'> | 'other' {
	if (argv.some((arg) => HELP_OR_VERSION.has(arg))) return 'other';
	const named = COMMANDS.find((c) => c !== 'wizard' && argv.includes(c));
	return named && named !== 'wizard' ? named : 'wizard';
}
