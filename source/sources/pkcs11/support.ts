// Can this installation read tokens at all? pkcs11js (the bridge to PKCS#11 modules) is native code
// and an optional dependency: npm leaves it out where it cannot be compiled (no make, g++ or
// python3), and certificate files must still work there. The main process asks tokenSupport() (a
// code; the words are in source/i18n/messages/token.ts) before it starts any worker; a pkcs11js that
// is there but does not load ends in the same code through the worker's exit status (native.ts).
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {embedded} from '../../boot/embedded.js';
import {workerPath} from './client.js';

export type TokenSupport = 'available' | 'not-installed';

const known = new Map<string, TokenSupport>();

/**
 * Looks for pkcs11js where the worker will look for it, without loading it: the main process never
 * loads native token code. The single executable carries its own copy.
 */
export function tokenSupport(env: NodeJS.ProcessEnv = process.env): TokenSupport {
	if (embedded()) return 'available';
	let from: string;
	try {
		from = workerPath(env);
	} catch {
		// No worker at all: starting one reports that; pkcs11js is looked for from here meanwhile.
		from = fileURLToPath(import.meta.url);
	}
	let status = known.get(from);
	if (!status) {
		try {
			const main = createRequire(from).resolve('pkcs11js');
			// pkcs11js's index.js requires exactly this file; npm removes the package when its build
			// fails, and an interrupted build leaves the folder without it.
			status = existsSync(path.join(path.dirname(main), 'build', 'Release', 'pkcs11.node')) ? 'available' : 'not-installed';
		} catch {
			status = 'not-installed';
		}
		known.set(from, status);
	}
	return status;
}
