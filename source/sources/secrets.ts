// The one secret provider for the commands: a flag beats the environment, the environment beats the
// prompt (--password-file > OTE_CERT_PASSWORD > masked prompt; --pin-file > OTE_CERT_PIN > prompt).
// A secret is read only when a source asks for it, so a .pem next to a --password-file that is a FIFO
// never touches the FIFO. A secret that did not come from a person is offered once: after a failure
// it is never sent again by itself, and a PIN is never spent on the token's final try.
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import path from 'node:path';
import {t, type MessageKey} from '../i18n/index.js';
import {cleanText} from '../certificate/sanitize.js';
import {SourceError, type SecretKind, type SecretProvider, type SecretRequest} from './types.js';

/** A password or PIN has no business being longer; /dev/zero or a log file given by mistake is refused. */
const MAX_SECRET_FILE_BYTES = 4096;

const SECRET_ENV: Record<SecretKind, string> = {password: 'OTE_CERT_PASSWORD', pin: 'OTE_CERT_PIN'};
const FLAG: Record<SecretKind, string> = {password: '--password-file', pin: '--pin-file'};

export interface SecretPrompt {
	/** Masked input; null = the person cancelled. */
	secret(question: string): Promise<string | null>;
	yesNo(question: string): Promise<boolean>;
}

export interface SecretSources {
	env: NodeJS.ProcessEnv;
	cwd: string;
	passwordFile: string | null;
	pinFile: string | null;
	/** The terminal, or null when nobody can be asked (cron, pipes). */
	prompt: SecretPrompt | null;
	/** One line of advice on stderr (file permissions, a wrong PIN before the next prompt). */
	warn: (text: string) => void;
}

function refuse(code: 'NOT_READABLE' | 'TOO_LARGE', key: MessageKey, file: string, reason = ''): SourceError {
	const shown = cleanText(file);
	return new SourceError(code, t(key, {file: shown, reason, max: MAX_SECRET_FILE_BYTES}), {file: shown, reason});
}

/**
 * First line of a secret file. Regular files only: opened non-blocking so a FIFO or a device is
 * refused instead of waiting for ever; capped in size; a file group or others can read is used,
 * with a warning, as ssh does for its keys.
 */
async function readSecretFile(file: string, warn: (text: string) => void): Promise<string> {
	let handle;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
	} catch (error) {
		throw refuse('NOT_READABLE', 'common.secretFileUnreadable', file, (error as NodeJS.ErrnoException).code ?? 'error');
	}
	try {
		const stats = await handle.stat();
		if (!stats.isFile()) throw refuse('NOT_READABLE', 'common.secretFileNotRegular', file);
		if (stats.size > MAX_SECRET_FILE_BYTES) throw refuse('TOO_LARGE', 'common.secretFileTooLarge', file);
		if ((stats.mode & 0o077) !== 0) warn(t('common.secretFileOpen', {file: cleanText(file), mode: (stats.mode & 0o777).toString(8).padStart(4, '0')}));
		const buffer = Buffer.alloc(MAX_SECRET_FILE_BYTES + 1);
		try {
			const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
			// The size can change between stat and read (a file still being written).
			if (bytesRead > MAX_SECRET_FILE_BYTES) throw refuse('TOO_LARGE', 'common.secretFileTooLarge', file);
			let text = buffer.subarray(0, bytesRead).toString('utf8');
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
			// First line only, without its line ending: `echo 1234 > pin` must work.
			const end = text.search(/\r?\n/);
			return end === -1 ? text : text.slice(0, end);
		} finally {
			buffer.fill(0);
		}
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw refuse('NOT_READABLE', 'common.secretFileUnreadable', file, (error as NodeJS.ErrnoException).code ?? 'error');
	} finally {
		await handle.close();
	}
}

/** Where a non-interactive secret came from, for the sentences that name it. */
type Given = {value: string; from: string};

export function secretProvider(sources: SecretSources): SecretProvider {
	const given = new Map<SecretKind, Promise<Given | null>>();
	const lookUp = (kind: SecretKind): Promise<Given | null> => {
		let found = given.get(kind);
		if (!found) {
			const file = kind === 'pin' ? sources.pinFile : sources.passwordFile;
			const fromEnv = sources.env[SECRET_ENV[kind]];
			found = file
				? readSecretFile(path.resolve(sources.cwd, file), sources.warn).then((value) => ({value, from: FLAG[kind]}))
				: Promise.resolve(fromEnv !== undefined && fromEnv !== '' ? {value: fromEnv, from: SECRET_ENV[kind]} : null);
			given.set(kind, found);
		}
		return found;
	};

	return async (request: SecretRequest) => {
		const target = cleanText(request.target);
		const preset = await lookUp(request.kind);
		if (preset) {
			if (request.retry) {
				// Asking again would only repeat the same wrong secret (and, for a PIN, spend a try).
				throw new SourceError(
					request.kind === 'pin' ? 'PIN_INCORRECT' : 'WRONG_PASSWORD',
					t(request.kind === 'pin' ? 'common.wrongPinGiven' : 'common.wrongPasswordGiven', {target, from: preset.from}),
					{target, from: preset.from},
				);
			}
			if (request.kind === 'pin' && request.pinState === 'final-try') {
				throw new SourceError('PIN_FINAL_TRY', t('common.pinFinalTryGiven', {target, from: preset.from}), {target, from: preset.from});
			}
			return preset.value;
		}
		if (!sources.prompt) {
			throw new SourceError('PASSWORD_REQUIRED', t(request.kind === 'pin' ? 'common.pinRequired' : 'common.passwordRequired', {target}), {target});
		}
		if (request.retry) sources.warn(t(request.kind === 'pin' ? 'common.wrongPinTyped' : 'common.wrongPasswordTyped'));
		if (request.kind === 'pin' && request.pinState === 'final-try') {
			// A typed PIN on the last try is the person's own decision, made knowingly.
			if (!(await sources.prompt.yesNo(t('common.pinFinalTryConfirm', {target})))) return null;
		} else if (request.kind === 'pin' && request.pinState === 'count-low') {
			sources.warn(t('common.pinCountLow', {target}));
		}
		return sources.prompt.secret(t(request.kind === 'pin' ? 'cli.pinPrompt' : 'cli.passwordPrompt', {target}));
	};
}
