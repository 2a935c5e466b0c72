// Loads pkcs11js in the worker child (the only process that does). Where it is missing or does not
// load, the child exits with TOKEN_SUPPORT_MISSING_EXIT and the parent reports what tokenSupport()
// (support.ts) reports when it finds no pkcs11js: token support is not installed, and how to get it.
import {createRequire} from 'node:module';
import type * as P from 'pkcs11js';
import {embedded} from '../../boot/embedded.js';

/** Exit status of a worker child that could not load pkcs11js (EX_CONFIG in sysexits.h). */
export const TOKEN_SUPPORT_MISSING_EXIT = 78;

/** Never returns without pkcs11js: the child exits, and says why on stderr. */
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
