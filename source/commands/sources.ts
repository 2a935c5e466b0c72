// `sources`: every certificate file, PKCS#11 module, token and NSS profile found, each with the path
// or URI to pass to `inspect` / `register`.
import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {collectCertificateFiles} from '../sources/files/index.js';
import {cleanText} from '../certificate/sanitize.js';

export async function runSources(options: CliOptions, runtime: Runtime): Promise<number> {
	const {discoverPkcs11, discoverNss} = await import('../sources/pkcs11/index.js');
	const [files, pkcs11, nss] = await Promise.all([
		collectCertificateFiles({cwd: runtime.cwd, home: runtime.home, env: runtime.env}),
		discoverPkcs11({env: runtime.env, modulePaths: options.module}),
		discoverNss({env: runtime.env}).catch(() => null),
	]);
	if (options.json) {
		runtime.out(`${JSON.stringify({files, pkcs11: {modules: pkcs11.modules, tokens: pkcs11.tokens, certificates: pkcs11.certificates.map((c) => c.origin)}, nss}, null, 2)}\n`);
		return EXIT.ok;
	}
	const lines: string[] = [];
	for (const f of files) lines.push(`file    ${cleanText(f.ref)}`);
	for (const m of pkcs11.modules) lines.push(`module  ${m.path} (${m.status}${m.message ? `: ${m.message}` : ''})`);
	for (const c of pkcs11.certificates) if (c.origin.kind === 'pkcs11') lines.push(`token   ${c.origin.uri}`);
	if (pkcs11.sshHint) lines.push('', pkcs11.sshHint);
	runtime.out(`${lines.join('\n')}\n`);
	return EXIT.ok;
}
