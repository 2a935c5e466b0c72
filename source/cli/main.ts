// Wiring only: parse, pick the language and colour policy, then hand over to a command. Heavy
// modules (Ink, x509, PKCS#11, PKCS#12) are imported by the command that needs them.
import {detectLang, setLang, t} from '../i18n/index.js';
import {parseCli, type ParsedCli} from './args.js';
import {helpText} from './help.js';
import {EXIT} from './exit-codes.js';
import {CliError, UsageError} from './errors.js';
import {explainLedgerError} from '../ledger/explain.js';
import {applyColorPolicy, interactiveProblem, langFromArgv, wantsAscii} from './terminal.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from './process.js';
import {readPreferredLang} from '../services/preferences.js';
import {cleanText} from '../certificate/sanitize.js';
import pkg from '../../package.json' with {type: 'json'};

export async function main(proc: Process): Promise<number> {
	const {env} = proc;
	// A reader that stops early (`ote-cert inspect --json | head`) closes the pipe. The rest of the
	// output then has nobody to read it: that is not a fault, and the command still finishes what it
	// does (a package or the ledger is never left half done). Node reports it as an 'error' event,
	// which without a listener ended the run with a stack trace.
	proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
	});
	// One language for every line this run prints, --help and argument errors included:
	// --lang, else the remembered choice, else the locale.
	const lang = detectLang(env, langFromArgv(proc.argv), readPreferredLang(env));
	setLang(lang);
	let parsed: ParsedCli;
	try {
		parsed = parseCli(proc.argv);
	} catch (error) {
		return reportError(error, proc);
	}
	if (parsed.help) {
		proc.stdout.write(`${helpText(parsed.help)}\n`);
		return EXIT.ok;
	}
	if (parsed.version) {
		proc.stdout.write(`${pkg.version}\n`);
		return EXIT.ok;
	}
	const options = parsed.options;
	const noColor = applyColorPolicy(env, options.noColor);
	const runtime: Runtime = {
		env,
		cwd: proc.cwd,
		home: env['HOME'] ?? proc.cwd,
		now: () => new Date(),
		out: (text) => proc.stdout.write(text),
		err: (text) => proc.stderr.write(text),
		stdinIsTTY: proc.stdinIsTTY,
		stdoutIsTTY: proc.stdout.isTTY === true,
		lang,
		version: pkg.version,
	};
	try {
		switch (options.command) {
			case 'wizard': {
				const problem = interactiveProblem(runtime.stdinIsTTY, runtime.stdoutIsTTY);
				if (problem) throw new UsageError(t('cli.noTty', {missing: problem}));
				// We checked for a real terminal ourselves; CI variables must not make Ink print nothing.
				// Removed rather than set to "false": chalk's supports-color treats any CI key as a CI
				// run and turns colour off, so "false" left the wizard without colour in every terminal.
				delete env['CI'];
				delete env['CONTINUOUS_INTEGRATION'];
				const {runWizard} = await import('../commands/wizard.js');
				return await runWizard(options, runtime, proc, {ascii: wantsAscii(env, options.ascii), noColor});
			}
			case 'inspect':
				return await (await import('../commands/inspect.js')).runInspect(options, runtime, proc);
			case 'register':
			case 'renew':
				return await (await import('../commands/register.js')).runRegister(options, runtime, proc);
			case 'slots':
				return await (await import('../commands/slots.js')).runSlots(options, runtime, proc);
			case 'sources':
				return await (await import('../commands/sources.js')).runSources(options, runtime);
			case 'trust':
				return await (await import('../commands/trust.js')).runTrust(options, runtime);
			case 'env':
				return await (await import('../commands/env.js')).runEnv(options, runtime);
			case 'report':
				return await (await import('../commands/report.js')).runReport(options, runtime);
		}
	} catch (error) {
		return reportError(error, proc);
	}
}

/** Error text may quote what was typed or read from a file: every line is cleaned for the terminal. */
function clean(text: string): string {
	return text
		.split('\n')
		.map((line) => cleanText(line))
		.join('\n');
}

function reportError(error: unknown, proc: Process): number {
	const print = (message: string, hint?: string | null) => {
		proc.stderr.write(`${t('cli.error', {message: clean(message)})}\n`);
		if (hint) proc.stderr.write(`${clean(hint)}\n`);
	};
	if (error instanceof CliError) {
		print(error.message, error.hint);
		return error.exitCode;
	}
	const ledger = explainLedgerError(error);
	if (ledger) {
		print(ledger.message, ledger.hint);
		return EXIT.ledger;
	}
	// Matched by name, not instanceof: importing the sources here would load them for every start.
	const named = error as {name?: string; message?: string; code?: string};
	if (named?.name === 'SourceError') {
		print(named.message ?? '');
		return named.code === 'CANCELLED' ? EXIT.cancelled : EXIT.sourceUnreadable;
	}
	throw error;
}
