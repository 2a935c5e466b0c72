// Non-interactive secrets: OTE_CERT_PASSWORD or --password-file (never argv). A non-interactive source
// cannot be asked again, so a wrong answer ends with WRONG_PASSWORD instead of an endless retry loop.
import {open} from 'node:fs/promises';
import {SourceError, type SecretProvider, type SecretRequest} from '../types.js';
import {fileError} from './errors.js';
import {displayName} from './sanitize.js';

export const PASSWORD_ENV = 'OTE_CERT_PASSWORD';
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

export interface EnvOrFileOptions {
	env: NodeJS.ProcessEnv;
	/** Path given with --password-file; it wins over the environment because it was asked for explicitly. */
	passwordFile?: string | null;
}

async function firstLine(path: string): Promise<string> {
	const name = displayName(path);
	let handle;
	try {
		handle = await open(path, 'r');
	} catch {
		throw fileError('NOT_READABLE', 'files.passwordFileUnreadable', name);
	}
	const buffer = Buffer.alloc(MAX_PASSWORD_FILE_BYTES);
	try {
		const stats = await handle.stat();
		if (!stats.isFile()) throw fileError('NOT_READABLE', 'files.passwordFileUnreadable', name);
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
		let text = buffer.subarray(0, bytesRead).toString('utf8');
		if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		const end = text.search(/\r?\n/);
		return end === -1 ? text : text.slice(0, end);
	} catch (error) {
		if (error instanceof SourceError) throw error;
		throw fileError('NOT_READABLE', 'files.passwordFileUnreadable', name);
	} finally {
		buffer.fill(0);
		await handle.close();
	}
}

/**
 * Answers password requests from --password-file or OTE_CERT_PASSWORD. With neither configured it throws
 * PASSWORD_REQUIRED so chainSecrets can move on to the next provider (usually the masked prompt).
 */
export function envOrFileSecret({env, passwordFile}: EnvOrFileOptions): SecretProvider {
	return async (request: SecretRequest) => {
		const unavailable = fileError('PASSWORD_REQUIRED', 'files.passwordRequired', request.target);
		if (request.kind !== 'password') throw unavailable;
		let password: string | undefined;
		if (passwordFile) password = await firstLine(passwordFile);
		else if (env[PASSWORD_ENV]) password = env[PASSWORD_ENV];
		if (password === undefined) throw unavailable;
		if (request.retry) throw fileError('WRONG_PASSWORD', 'files.wrongPassword', request.target);
		return password;
	};
}

/**
 * Tries providers in order. A provider without an answer throws PASSWORD_REQUIRED and the next one is
 * asked; null (cancel) and every other error end the chain.
 */
export function chainSecrets(...providers: SecretProvider[]): SecretProvider {
	return async (request: SecretRequest) => {
		let last: unknown = null;
		for (const provider of providers) {
			try {
				return await provider(request);
			} catch (error) {
				if (error instanceof SourceError && error.code === 'PASSWORD_REQUIRED') {
					last = error;
					continue;
				}
				throw error;
			}
		}
		throw last ?? fileError('PASSWORD_REQUIRED', 'files.passwordRequired', request.target);
	};
}
