// Command-line values that name things in the ledger: checked once, refused in the person's language,
// and echoed only after cleaning (a typed value may hold escape sequences).
import {t} from '../i18n/index.js';
import {UsageError} from '../cli/errors.js';
import {AccountIdError, normaliseAccountId} from '../account/ledger-data.js';
import {listEnvironments, resolveEnvironment} from '../account/environments.js';
import {cleanText} from '../certificate/sanitize.js';
import type {Environment} from '../account/types.js';

/** --account: a CS OTE user id, or "default". */
export function accountArgument(raw: string | null): string {
	try {
		return normaliseAccountId(raw);
	} catch (error) {
		// AccountIdError's own message is English only.
		if (error instanceof AccountIdError) throw new UsageError(t('cli.badAccount', {account: cleanText(error.accountId)}));
		throw error;
	}
}

/** --env: a built-in or added environment, by id or name. */
export function environmentArgument(idOrName: string, custom: Environment[]): Environment {
	const env = resolveEnvironment(idOrName, custom);
	if (env) return env;
	const known = listEnvironments(custom)
		.map((e) => cleanText(e.id))
		.join(', ');
	throw new UsageError(t('cli.unknownEnv', {env: cleanText(idOrName), known}));
}
