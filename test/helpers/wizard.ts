// The wizard's services built the way wizard.tsx builds them, for tests that call them directly.
import {parseCli, type WizardOptions} from '../../source/cli/args.js';
import type {Runtime} from '../../source/services/runtime.js';

/** The wizard's own options parsed from a command line (no command word: the wizard). */
export function wizardOptions(argv: string[]): WizardOptions {
	const {options} = parseCli(argv);
	if (options.command !== 'wizard') throw new Error('expected the wizard');
	return options;
}

/** A runtime with no terminal that prints nothing, working in `dir`. */
export function quietRuntime(dir: string, env: NodeJS.ProcessEnv): Runtime {
	return {
		env,
		cwd: dir,
		home: dir,
		now: () => new Date(),
		out: () => undefined,
		err: () => undefined,
		stdinIsTTY: false,
		stdoutIsTTY: false,
		lang: 'en',
		version: 'test',
	};
}
