// `sources`: every certificate file, PKCS#11 module, token and NSS profile found, each with the path
// or URI to pass to `inspect` / `register`.
import type {SourcesOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {collectCertificateFiles} from '../sources/files/index.js';
import {cleanText} from '../certificate/sanitize.js';
import {t} from '../i18n/index.js';

export async function runSources(options: SourcesOptions, runtime: Runtime): Promise<number> {
	const {discoverPkcs11, tokenSourcesJson, tokenSourcesText} = await import('../sources/pkcs11/index.js');
	const {discoverNss} = await import('../sources/nss/index.js');
	const [files, pkcs11, nss] = await Promise.all([
		collectCertificateFiles({cwd: runtime.cwd, home: runtime.home, env: runtime.env}),
		discoverPkcs11({env: runtime.env, modulePaths: options.module}),
		discoverNss(runtime.env).catch(() => null),
	]);
	const fileRows = files.map((f) => ({path: cleanText(f.ref), label: cleanText(f.label)}));
	if (options.json) {
		runtime.out(`${JSON.stringify({files: fileRows, ...tokenSourcesJson(pkcs11, nss, runtime.lang)}, null, 2)}\n`);
		return EXIT.ok;
	}
	const lines = fileRows.map((f) => `${t('sources.file')}  ${f.path}`);
	runtime.out(`${[...lines, tokenSourcesText(pkcs11, nss, runtime.lang)].join('\n')}\n`);
	return EXIT.ok;
}
