// PINs that do not come from a prompt: OTE_CERT_PIN or --pin-file. Such a PIN is offered once;
// after a failure it is never sent again by itself (that would burn the retry counter), and it is
// never used on the token's final try without a person confirming.
import {readFileSync} from 'node:fs';
import {SourceError, type SecretProvider} from '../types.js';

export interface PinSourceOptions {
	env: NodeJS.ProcessEnv;
	pinFile?: string | null;
	/** Interactive prompt used when no non-interactive PIN exists or after it failed; none = give up. */
	fallback?: SecretProvider | null;
}

function readPin(options: PinSourceOptions): string | null {
	if (options.pinFile) {
		try {
			// First line only, without its line ending: `echo 1234 > pin` must work.
			return readFileSync(options.pinFile, 'utf8').split(/\r?\n/)[0] ?? '';
		} catch (e) {
			throw new SourceError('NOT_READABLE', `Cannot read the PIN file ${options.pinFile}`, {
				path: options.pinFile,
				reason: (e as NodeJS.ErrnoException).code ?? 'error',
			});
		}
	}
	const fromEnv = options.env['OTE_CERT_PIN'];
	return fromEnv === undefined || fromEnv === '' ? null : fromEnv;
}

export function pinSecretProvider(options: PinSourceOptions): SecretProvider {
	return async (request) => {
		if (request.kind !== 'pin') return options.fallback ? options.fallback(request) : null;
		const preset = request.retry ? null : readPin(options);
		if (preset === null) {
			if (options.fallback) return options.fallback(request);
			if (request.retry)
				throw new SourceError('PIN_INCORRECT', 'The PIN from OTE_CERT_PIN / --pin-file was wrong; it is not tried again', {token: request.target});
			throw new SourceError('PASSWORD_REQUIRED', 'A PIN is needed: set OTE_CERT_PIN or pass --pin-file', {token: request.target});
		}
		if (request.pinState === 'final-try') {
			if (options.fallback) return options.fallback(request);
			throw new SourceError('CANCELLED', 'The token is at its final PIN try; an unattended PIN is not used now', {token: request.target, reason: 'final-try'});
		}
		return preset;
	};
}
