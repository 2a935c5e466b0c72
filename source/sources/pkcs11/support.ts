// Can this installation read tokens at all? pkcs11js (the bridge to PKCS#11 modules) is native code
// and an optional dependency: npm leaves it out where it cannot be compiled (no make, g++ or
// python3), and certificate files must still work there. This is the one place that knows: the
// main process asks tokenSupport() (a code; the words are in source/i18n/messages/token.ts) and the
// worker child loads pkcs11js through loadPkcs11js(), which exits with TOKEN_SUPPORT_MISSING_EXIT
// when it cannot, so the parent reports the same cause instead of "the module crashed".
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import type * as P from 'pkcs11js';
import {embedded} from '../../boot/embedded.js';

export type TokenSupport = 'available' | 'not-installed';

/** Exit status of a worker child that could not load pkcs11js (EX_CONFIG in sysexits.h). */
export const TOKEN_SUPPORT_MISSING_EXIT = 78;

let known: TokenSupport | undefined;

/**
 * Looks for pkcs11js and its compiled module without loading it: the main process never loads
 * native token code (a vendor module must not take the wizard down). The single executable
 * carries its own copy.
 */
export function tokenSupport(): TokenSupport {
	if (known) return known;
	if (embedded()) return (known = 'available');
	try {
		const main = createRequire(import.meta.url).resolve('pkcs11js');
		// pkcs11js's index.js requires exactly this file; npm removes the package when its build fails,
		// and a half-finished build leaves the folder without it.
		known = existsSync(path.join(path.dirname(main), 'build', 'Release', 'pkcs11.node')) ? 'available' : 'not-installed';
	} catch {
		known = 'not-installed';
	}
	return known;
}

/** In the worker child only. Never returns without pkcs11js: the child exits, and says why on stderr. */
export function loadPkcs11js(): typeof P {
	const carried = embedded();
	try {
		// require(), not import: Node's ESM view of this CommonJS addon misses some exports (NativeError).
		return carried ? carried.loadPkcs11js() : (createRequire(import.meta.url)('pkcs11js') as typeof P);
	} catch (error) {
		process.stderr.write(`pkcs11js cannot be loaded: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(TOKEN_SUPPORT_MISSING_EXIT);
	}
}
