// Decisions that must be made before Ink (and chalk) are imported.

/** NO_COLOR, TERM=dumb and --no-color all mean no escape codes for colour at all. chalk ignores
 *  NO_COLOR by itself, so map everything onto FORCE_COLOR=0, which it does honour. */
export function applyColorPolicy(env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
	const noColor = noColorFlag || (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || env['TERM'] === 'dumb';
	if (noColor) env['FORCE_COLOR'] = '0';
	return noColor;
}

/** ASCII marks when asked, on dumb terminals, or when the locale says the terminal is not UTF-8. */
export function wantsAscii(env: NodeJS.ProcessEnv, asciiFlag: boolean): boolean {
	if (asciiFlag || env['TERM'] === 'dumb') return true;
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	if (locale === '' || locale === 'C' || locale === 'POSIX') return false;
	return !/utf-?8/i.test(locale);
}

/** Ink stays non-interactive under CI variables even in a real terminal; the wizard needs it live. */
export function interactiveProblem(stdinIsTTY: boolean, stdoutIsTTY: boolean): 'stdin' | 'stdout' | null {
	if (!stdinIsTTY) return 'stdin';
	if (!stdoutIsTTY) return 'stdout';
	return null;
}

/** Pre-reads --lang so that even argument errors are reported in the person's language. */
export function langFromArgv(argv: string[]): string | null {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--lang') return argv[i + 1] ?? null;
		if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
	}
	return null;
}
