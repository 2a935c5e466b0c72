// `env`: the CS OTE environments — Production and Sandbox built in, others (15-minute Sandbox…) added.
import type {EnvOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {UsageError} from '../cli/errors.js';
import {t} from '../i18n/index.js';
import {openLedger} from '../ledger/store.js';
import {addEnvironment, EnvironmentError, listEnvironments, removeEnvironment} from '../account/environments.js';
import {environmentErrorText} from '../i18n/account-texts.js';
import {cleanText} from '../certificate/sanitize.js';

export async function runEnv(options: EnvOptions, runtime: Runtime): Promise<number> {
	const store = openLedger({env: runtime.env});
	const {action, id} = options;
	const custom = store.preferences().environments;
	if (action === null || action === 'list') {
		const all = listEnvironments(custom);
		if (options.json) runtime.out(`${JSON.stringify(all, null, 2)}\n`);
		// Names and URLs come from the ledger file, which anyone may have edited: clean them for the terminal.
		else runtime.out(`${all.map((e) => `${cleanText(e.id).padEnd(16)} ${cleanText(e.portalUrl)}  ${cleanText(e.name)}`).join('\n')}\n`);
		return EXIT.ok;
	}
	if (action === 'add') {
		const name = options.name ?? id;
		if (!name) throw new UsageError(t('cli.missingOption', {option: '--name'}));
		if (!options.url) throw new UsageError(t('cli.missingOption', {option: '--url'}));
		let result;
		try {
			result = addEnvironment(custom, {name, portalUrl: options.url});
		} catch (error) {
			// The error carries only a code ("URL_NOT_HTTPS"); people need the sentence.
			if (error instanceof EnvironmentError)
				throw new UsageError(environmentErrorText(error.code, Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, cleanText(v)]))));
			throw new UsageError((error as Error).message);
		}
		await store.setPreferences({environments: result.environments});
		runtime.out(`${t('env.added', {id: cleanText(result.added.id), url: cleanText(result.added.portalUrl)})}\n`);
		return EXIT.ok;
	}
	if (action === 'remove') {
		const next = id ? removeEnvironment(custom, id) : null;
		if (!next) throw new UsageError(t('env.cannotRemove', {id: cleanText(id ?? '')}));
		await store.setPreferences({environments: next});
		runtime.out(`${t('env.removed', {id: cleanText(id!)})}\n`);
		return EXIT.ok;
	}
	throw new UsageError(t('env.unknownAction', {action: cleanText(action)}));
}
