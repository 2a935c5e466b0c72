// Entry of the single executable (dist/ote-cert-linux-x64, made by scripts/build-exe.mjs): Node with
// the program inside. It carries dist/bundle.js, the code V8 compiled for it at build time and
// pkcs11js's native module as assets, and is two programs in one file: ote-cert itself (the same
// launcher as dist/cli.js, source/boot/launch.ts) and, started with WORKER_FLAG, the PKCS#11 worker
// child that the program spawns for every token module (source/sources/pkcs11/worker.ts).
import path from 'node:path';
import {getRawAsset} from 'node:sea';
import type * as P from 'pkcs11js';
import {EMBEDDED, type Embedded} from './embedded.js';

const WORKER_FLAG = '--ote-cert-pkcs11-worker';
// What made the carried code cache (scripts/build-exe.mjs): a wizard start, or `ote-cert --version`.
declare const __OTE_BUILT_IN_CACHE_KIND__: 'wizard' | 'build';

function asset(name: string): Buffer | undefined {
	try {
		return Buffer.from(getRawAsset(name) as ArrayBuffer);
	} catch {
		return undefined;
	}
}

const carried: Embedded = {
	// Read when the launcher asks: a worker never needs the 1.7 MB text.
	get bundleSource() {
		const bytes = asset('bundle.js');
		if (!bytes) throw new Error('this executable carries no bundle.js: rebuild it with npm run build:exe');
		return bytes.toString('latin1');
	},
	bundleFile: path.join(path.dirname(process.execPath), 'ote-cert-bundle.js'),
	get buildCodeCache() {
		return asset('code-cache.bin');
	},
	buildCodeCacheKind: __OTE_BUILT_IN_CACHE_KIND__,
	workerArgs: [WORKER_FLAG],
	// pkcs11js's JavaScript is bundled here; its require of build/Release/pkcs11.node becomes
	// embeddedAddon('pkcs11.node') (source/boot/sea-addon.ts), see scripts/build-exe.mjs.
	loadPkcs11js: () => require('pkcs11js') as typeof P,
};
(globalThis as {[EMBEDDED]?: Embedded})[EMBEDDED] = carried;

if (process.argv[2] === WORKER_FLAG) require('../sources/pkcs11/worker.js');
else require('./launch.js');
