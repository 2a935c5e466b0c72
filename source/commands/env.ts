// `env`: the CS OTE environments — Production and Sandbox built in, others (15-minute Sandbox…) added.
import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {CliError, EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {openLedger} from '../ledger/store.js';
import {addEnvironment, EnvironmentError, listEnvironments, removeEnvironment} from '../account/environments.js';
import {environmentErrorText} from '../account/texts.js';

export async function runEnv(options: CliOptions, runtime: Runtime): Promise<number> {
	const store = openLedger({env: runtime.env});
	const [action, id] = options.positionals;
	const custom = store.preferences().environments;
	if (action === undefined || action === 'list') {
		const all = listEnvironments(custom);
		if (options.json) runtime.out(`${JSON.stringify(all, null, 2)}\n`);
		else runtime.out(`${all.map((e) => `${e.id.padEnd(16)} ${e.portalUrl}  ${e.name}`).join('\n')}\n`);
		return EXIT.ok;
	}
	if (action === 'add') {
		const name = options.name ?? id;
		if (!name) throw new CliError(EXIT.usage, t('cli.missingOption', {option: '--name'}));
		if (!options.url) throw new CliError(EXIT.usage, t('cli.missingOption', {option: '--url'}));
		let result;
		try {
			result = addEnvironment(custom, {name, portalUrl: options.url});
		} catch (error) {
			// The error carries only a code ("URL_NOT_HTTPS"); people need the sentence.
			if (error instanceof EnvironmentError) throw new CliError(EXIT.usage, environmentErrorText(error.code, error.params));
			throw new CliError(EXIT.usage, (error as Error).message);
		}
		await store.setPreferences({environments: result.environments});
		runtime.out(`${t('env.added', {id: result.added.id, url: result.added.portalUrl})}\n`);
		return EXIT.ok;
	}
	if (action === 'remove') {
		const next = id ? removeEnvironment(custom, id) : null;
		if (!next) throw new CliError(EXIT.usage, t('env.cannotRemove', {id: id ?? ''}));
		await store.setPreferences({environments: next});
		runtime.out(`${t('env.removed', {id: id!})}\n`);
		return EXIT.ok;
	}
	throw new CliError(EXIT.usage, t('env.unknownAction', {action}));
}
