// Shared by the non-wizard commands: the secret provider, loading and judging a source.
import {t} from '../i18n/index.js';
import {EXIT} from '../cli/exit-codes.js';
import {CliError, SourceUnreadableError, UsageError} from '../cli/errors.js';
import type {CommonOptions, SecretFileOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/process.js';
import {loadEntries} from '../services/sources.js';
import {evaluateEntries, loadAnchors, type Evaluated} from '../services/evaluate.js';
import {checkEvaluated} from '../services/revocation.js';
import {SourceError, type SecretProvider} from '../sources/types.js';
import {secretProvider} from '../sources/secrets.js';
import {promptSecret, promptYesNo} from '../cli/prompt.js';
import {entryFacts, orderCandidates, type CandidateGroup} from '../account/roles.js';

/** Flag > environment > masked prompt (the prompt only in a terminal); see sources/secrets.ts. */
export function commandSecrets(options: SecretFileOptions, runtime: Runtime, proc: Process): SecretProvider {
	return secretProvider({
		env: runtime.env,
		cwd: runtime.cwd,
		passwordFile: options.passwordFile,
		pinFile: options.pinFile,
		prompt: runtime.stdinIsTTY
			? {secret: (question) => promptSecret(question, proc.stdin, proc.stderr), yesNo: (question) => promptYesNo(question, proc.stdin, proc.stderr)}
			: null,
		warn: (text) => runtime.err(`${text}\n`),
	});
}

/** A SourceError as the command's error, in the person's language (token errors carry codes). */
async function sourceFailure(error: SourceError): Promise<CliError> {
	if (error.code === 'CANCELLED') return new CliError(EXIT.cancelled, error.message);
	// The secret provider's refusals are already in the person's language and name where the secret
	// came from (`from`); the token room's errors carry codes whose sentence lives in its catalog.
	if (error.params['from'] !== undefined) return new SourceUnreadableError(error.message);
	const {tokenErrorMessage} = await import('../sources/pkcs11/report.js');
	return new SourceUnreadableError(tokenErrorMessage(error) ?? error.message);
}

export interface Judged {
	/** In the wizard's order: certificates with their key first, CA certificates (chain companions) last. */
	evaluated: Array<Evaluated & {group: CandidateGroup}>;
	unparsable: Array<{source: string; error: string}>;
}

export async function loadAndJudge(ref: string, options: CommonOptions & {offline: boolean}, secret: SecretProvider, runtime: Runtime): Promise<Judged> {
	const anchors = await loadAnchors(options.trust, runtime.cwd);
	let entries;
	try {
		// --module must reach a URI without module-path, as it reaches `sources`.
		entries = await loadEntries(ref, {env: runtime.env, cwd: runtime.cwd, secret, modulePaths: options.module});
	} catch (error) {
		if (error instanceof SourceError) throw await sourceFailure(error);
		throw error;
	}
	const judged = evaluateEntries(entries, anchors, runtime.now());
	const {unparsable} = judged;
	const evaluated = await checkEvaluated(judged.evaluated, {anchors, offline: options.offline, now: runtime.now()});
	if (evaluated.length === 0) {
		const reason = unparsable[0]?.error ?? t('ui.source.noCertificate');
		throw new SourceUnreadableError(t('cli.unparsable', {error: reason}));
	}
	return {
		evaluated: orderCandidates(evaluated, (e) => entryFacts(e.entry, e.assessment.certificate.isCA)).map(({item, group}) => ({...item, group})),
		unparsable: unparsable.map((u) => ({source: u.entry.origin.kind === 'file' ? u.entry.origin.path : u.entry.origin.uri, error: u.error})),
	};
}

export function requireSource(options: {source: string | null}): string {
	if (!options.source) throw new UsageError(t('cli.missingOption', {option: '--source'}), t('inspect.missingSource'));
	return options.source;
}

export interface Proof {
	level: string;
	ok: boolean;
	detail: string;
}

// Said once per run, however many certificates the file holds.
const fileNoteShown = new WeakSet<Runtime>();

/**
 * Proof that a token holds the certificate's key: `key` without a PIN, `sign` by signing a random
 * challenge (asks for the PIN through the one secret provider). Files need none: a .p12's key is
 * checked in memory when it is opened. A wrong PIN ends as exit 3, like any unreadable source.
 */
export async function proveOnToken(entry: Evaluated['entry'], mode: 'key' | 'sign', secret: SecretProvider, runtime: Runtime): Promise<Proof | null> {
	if (entry.origin.kind === 'file') {
		if (!fileNoteShown.has(runtime)) runtime.err(`${t('cli.proveFile')}\n`);
		fileNoteShown.add(runtime);
		return null;
	}
	const {proveKeyPossession} = await import('../sources/pkcs11/index.js');
	try {
		const proof = await proveKeyPossession(entry, {secret, sign: mode === 'sign', env: runtime.env});
		return {level: proof.level, ok: proof.ok, detail: proof.detail};
	} catch (error) {
		if (error instanceof SourceError) throw await sourceFailure(error);
		throw error;
	}
}
