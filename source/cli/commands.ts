// The commands ote-cert knows, in a module of their own with no imports: the launcher
// (source/boot/launch.ts) reads the command line with it before the bundle is loaded.

export const COMMANDS = ['wizard', 'inspect', 'register', 'renew', 'slots', 'sources', 'trust', 'env', 'report'] as const;
export type Command = (typeof COMMANDS)[number];

const NOT_THE_WIZARD = new Set<string>([...COMMANDS.filter((c) => c !== 'wizard'), 'help', '--help', '-h', '--version', '-v']);

/**
 * What the command line will run, as far as the launcher needs to know to pick a code cache: the
 * wizard, a command by name, or something else (help, the version). A word that is really an option's
 * value (`--account inspect`) only picks another cache, which costs a few milliseconds and never
 * changes what the run does.
 */
export function runKind(argv: readonly string[]): 'wizard' | Exclude<Command, 'wizard'> | 'other' {
	if (!argv.some((arg) => NOT_THE_WIZARD.has(arg))) return 'wizard';
	if (argv.some((arg) => arg === 'help' || arg === '--help' || arg === '-h' || arg === '--version' || arg === '-v')) return 'other';
	return (COMMANDS.find((c) => c !== 'wizard' && argv.includes(c)) as Exclude<Command, 'wizard'> | undefined) ?? 'other';
}
