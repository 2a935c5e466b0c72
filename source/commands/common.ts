// Shared by the non-wizard commands: secrets, loading and judging a source.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {t} from '../i18n/index.js';
import {CliError, EXIT} from '../cli/exit-codes.js';
import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/main.js';
import {loadEntries} from '../services/sources.js';
import {evaluateEntries, loadAnchors, type Evaluated} from '../services/evaluate.js';
import {checkEvaluated} from '../services/revocation.js';
import {SourceError, type SecretProvider} from '../sources/types.js';
import {promptSecret} from '../cli/prompt.js';

/** Secrets come from the environment, a file, or a masked prompt in a terminal; never from argv. */
export async function secretProvider(options: CliOptions, runtime: Runtime, proc: Process): Promise<SecretProvider> {
	const fromFile = async (file: string | null) => {
		if (!file) return null;
		try {
			return (await readFile(path.resolve(runtime.cwd, file), 'utf8')).split(/\r?\n/)[0] ?? '';
		} catch {
			throw new CliError(EXIT.usage, t('common.secretFileUnreadable', {file}));
		}
	};
	const password = runtime.env['OTE_CERT_PASSWORD'] ?? (await fromFile(options.passwordFile));
	const pin = runtime.env['OTE_CERT_PIN'] ?? (await fromFile(options.pinFile));
	const interactive = runtime.stdinIsTTY;
	return async (request) => {
		const given = request.kind === 'pin' ? pin : password;
		if (given !== null && given !== undefined && !request.retry) return given;
		if (given !== null && given !== undefined && request.retry) {
			// A secret from the environment or a file was wrong: asking again would only repeat it.
			throw new SourceError(
				request.kind === 'pin' ? 'PIN_INCORRECT' : 'WRONG_PASSWORD',
				t(request.kind === 'pin' ? 'common.wrongPinGiven' : 'common.wrongPasswordGiven', {target: request.target}),
			);
		}
		if (!interactive) {
			throw new SourceError('PASSWORD_REQUIRED', t(request.kind === 'pin' ? 'common.pinRequired' : 'common.passwordRequired', {target: request.target}));
		}
		if (request.retry) proc.stderr.write(`${t(request.kind === 'pin' ? 'ui.source.wrongPin' : 'ui.source.wrongPassword')}\n`);
		return promptSecret(t(request.kind === 'pin' ? 'cli.pinPrompt' : 'cli.passwordPrompt', {target: request.target}), proc.stdin, proc.stderr);
	};
}

export interface Judged {
	evaluated: Evaluated[];
	unparsable: Array<{source: string; error: string}>;
}

export async function loadAndJudge(ref: string, options: CliOptions, runtime: Runtime, proc: Process): Promise<Judged> {
	const [anchors, secret] = await Promise.all([loadAnchors(options.trust, runtime.cwd), secretProvider(options, runtime, proc)]);
	let entries;
	try {
		// --module must reach a URI without module-path, as it reaches `sources`.
		entries = await loadEntries(ref, {env: runtime.env, cwd: runtime.cwd, secret, modulePaths: options.module});
	} catch (error) {
		if (error instanceof SourceError) {
			throw new CliError(error.code === 'CANCELLED' ? EXIT.cancelled : EXIT.sourceUnreadable, error.message);
		}
		throw error;
	}
	const judged = evaluateEntries(entries, anchors, runtime.now());
	const {unparsable} = judged;
	const evaluated = await checkEvaluated(judged.evaluated, {anchors, offline: options.offline, now: runtime.now()});
	if (evaluated.length === 0) {
		const reason = unparsable[0]?.error ?? t('ui.source.noCertificate');
		throw new CliError(EXIT.sourceUnreadable, t('cli.unparsable', {error: reason}));
	}
	return {
		evaluated,
		unparsable: unparsable.map((u) => ({source: u.entry.origin.kind === 'file' ? u.entry.origin.path : u.entry.origin.uri, error: u.error})),
	};
}

export function requireSource(options: CliOptions): string {
	const ref = options.source ?? options.positionals[0] ?? null;
	if (!ref) throw new CliError(EXIT.usage, t('cli.missingOption', {option: '--source'}), t('inspect.missingSource'));
	return ref;
}
