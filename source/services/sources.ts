// One door for every certificate source: file paths and pkcs11: URIs end up as CertificateEntry lists.
import path from 'node:path';
import type {CertificateEntry, SecretProvider} from '../sources/types.js';
import {isPkcs11Uri} from '../sources/pkcs11/uri.js';

export interface LoadOptions {
	env: NodeJS.ProcessEnv;
	cwd: string;
	secret: SecretProvider;
	timeoutMs?: number;
	modulePaths?: string[];
}

export async function loadEntries(ref: string, opts: LoadOptions): Promise<CertificateEntry[]> {
	if (isPkcs11Uri(ref)) {
		const {loadPkcs11Uri} = await import('../sources/pkcs11/index.js');
		return loadPkcs11Uri(ref.trim(), {env: opts.env, timeoutMs: opts.timeoutMs, modulePaths: opts.modulePaths});
	}
	const {readCertificateFile} = await import('../sources/files/read.js');
	const file = path.resolve(opts.cwd, expandHome(ref.trim(), opts.env));
	return readCertificateFile(file, {secret: opts.secret});
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
	if (p === '~' || p.startsWith('~/')) return path.join(env['HOME'] ?? '', p.slice(1));
	return p;
}
