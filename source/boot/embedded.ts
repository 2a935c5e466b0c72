// What the single executable (source/boot/sea.ts) hands the program it carries: the bundle's text
// and code cache instead of files next to dist/cli.js, the way to start the PKCS#11 worker (the same
// executable, in worker mode) and pkcs11js with its native module. Set on globalThis because the
// bundle is compiled separately (vm.Script) and shares only the global object with its launcher.
// In an npm installation nobody sets it and every caller takes its usual path.
import type * as P from 'pkcs11js';

export const EMBEDDED = Symbol.for('ote-cert.embedded');

export interface Embedded {
	/** dist/bundle.js as carried in the executable (ASCII). */
	bundleSource: string;
	/** A made-up path naming the bundle in stack traces; never read. */
	bundleFile: string;
	/** Code V8 compiled for the bundle when the executable was built, if any. */
	buildCodeCache: Buffer | undefined;
	/** What compiled it: a wizard start (its first screen needs nothing more), or `ote-cert --version`. */
	buildCodeCacheKind: 'wizard' | 'build';
	/** Arguments that start this executable as the PKCS#11 worker. */
	workerArgs: string[];
	/** pkcs11js, with its native module written out of the executable and loaded. Throws when it cannot be. */
	loadPkcs11js(): typeof P;
}

export function embedded(): Embedded | undefined {
	return (globalThis as {[EMBEDDED]?: Embedded})[EMBEDDED];
}
