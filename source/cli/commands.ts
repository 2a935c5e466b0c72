// The commands ote-cert knows, in a module of their own with no imports: the launcher
// (source/boot/launch.ts) reads the command line with it before the bundle is loaded.

export const COMMANDS = ['wizard', 'inspect', 'register', 'renew', 'slots', 'sources', 'trust', 'env', 'report'] as const;
export type Command = (typeof COMMANDS)[number];

const NOT_THE_WIZARD = new Set<string>([...COMMANDS.filter((c) => c !== 'wizard'), 'help', '--help', '-h', '--version', '-v']);

/**
 * Whether the command line will start the wizard: it names no other command and asks for no help or
 * version. The launcher picks the code cache by it; a word that is really an option's value
 * (`--account inspect`) only picks the other cache, which costs a few milliseconds and never changes
 * what the run does.
 */
export function startsWizard(argv: readonly string[]): boolean {
	return !argv.some((arg) => NOT_THE_WIZARD.has(arg));
}
