// The `ote-cert` command (dist/cli.js). It runs the bundle (dist/bundle.js, the whole program in
// one file) through V8 with the code compiled on an earlier run, so a start does not compile
// 1.7 MB of JavaScript again. Nothing but Node's own modules and the small boot helpers is imported
// here: this file is on the path of every start.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import vm from 'node:vm';
import {
	codeCacheLocation,
	installedCodeCacheLocation,
	readCodeCache,
	verifiedCodeCache,
	writeCodeCache,
	type CacheKind,
	type CodeCacheLocation,
} from './code-cache.js';
import {embedded} from './embedded.js';
import {BOOT_HOOKS, type BootHooks} from './signal.js';
import {startEarlyWorker} from '../sources/pkcs11/spawn.js';
import {runKind} from '../cli/commands.js';

// Replaced at build time with a hash of dist/bundle.js (scripts/build.mjs).
declare const __OTE_BUNDLE_ID__: string;

/**
 * Set once the wizard's first frame is drawn (see wizardWarm below). No optimising compiler (TurboFan):
 * the wizard then waits for keys and runs in short bursts, and optimised code never paid for itself;
 * its compilations and code were ~6 MB of a journey's peak memory and ~15% of its CPU. Before the
 * frame it is left on: there it moves work to the second core, and the frame came ~4 ms later
 * without it at the same CPU. The young generation keeps the size the start gave it (2 × 4 MB)
 * instead of doubling to 2 × 8 MB, and the heap favours size over speed: ~5 MB less at the peak.
 */
const WIZARD_FLAGS = '--no-opt --semi-space-growth-factor=1 --optimize-for-size';

// The single executable (source/boot/sea.ts) carries the bundle and the build's code cache itself.
const carried = embedded();
const bundleUrl = carried ? pathToFileURL(carried.bundleFile) : new URL('./bundle.js', import.meta.url);

// A command line naming a token (pkcs11:…) will need the PKCS#11 worker, a second process: started
// here, it boots while this one loads the bundle instead of after it.
const earlyWorker = process.argv.slice(2).some((arg) => /(^|=)\s*pkcs11:/i.test(arg)) ? startEarlyWorker(process.env, carried?.workerArgs ?? null) : null;
const bundleFile = fileURLToPath(bundleUrl);

let source: string;
if (carried) source = carried.bundleSource;
else
	try {
		// The build makes sure the bundle is ASCII (scripts/build.mjs): latin1 reads it the same, 5 ms sooner.
		source = readFileSync(bundleFile, 'latin1');
	} catch (error) {
		process.stderr.write(
			`ote-cert: cannot read ${bundleFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Reinstall ote-cert, or run \`npm run build\` in its folder.\n`,
		);
		process.exit(70);
	}

const ids = {bundleId: __OTE_BUNDLE_ID__, nodeVersion: process.version, arch: process.arch};
const home = (() => {
	try {
		return os.homedir();
	} catch {
		return ''; // no HOME and no passwd entry: no cache, the program still runs
	}
})();
const location = codeCacheLocation({env: process.env, platform: process.platform, home, ...ids});
const installed = installedCodeCacheLocation({env: process.env, distDir: path.dirname(bundleFile), ...ids});
// OTE_CERT_CODE_CACHE=trace says on stderr which cache a start used and what it wrote. Once the
// program runs, lines wait for the exit: a line written under the wizard's screen would shift it.
const tracing = /^trace$/i.test(process.env['OTE_CERT_CODE_CACHE'] ?? '');
let running = false;
const traced: string[] = [];
const trace = (line: string) => {
	if (!tracing) return;
	if (running) traced.push(line);
	else process.stderr.write(`ote-cert code cache: ${line}\n`);
};

// Each kind of run takes code compiled by a run of its kind: the wizard its own, each command its own
// (`command-inspect`), help and the version theirs. The wizard's serves a command that has none yet
// (it covers every command's code, but is larger: 1 MB of Ink and React a command deserialised for
// nothing, inspect of one file ~8 ms of CPU more), and either covers the build's.
const thisRun = runKind(process.argv.slice(2));
const ownKind: CacheKind = thisRun === 'wizard' ? 'wizard' : thisRun === 'other' ? 'command' : `command-${thisRun}`;
const choices: Array<[CodeCacheLocation | null, CacheKind]> = [
	[location, ownKind],
	...(ownKind === 'wizard' ? [] : [[location, 'wizard'] as [CodeCacheLocation | null, CacheKind]]),
	[carried ? null : installed, 'build'],
];
let loaded: {kind: CacheKind; file: string; builtIn?: true} | undefined;
let cachedData: Buffer | undefined;
for (const [where, kind] of choices) {
	if (!where) continue;
	const found = readCodeCache(where, kind);
	// A checksum mismatch never reaches V8 (damaged cached data can crash it): the next choice serves.
	if (found === 'damaged') trace(`damaged ${where.file(kind)}`);
	else if (found) {
		cachedData = found;
		loaded = {kind, file: where.file(kind)};
		break;
	}
}
// The single executable's build cache is inside it, not in a folder next to the bundle.
// Stored in the same checksummed form as the files (scripts/build-exe.mjs copies the build's file).
const builtIn = !cachedData && carried?.buildCodeCache && installed ? verifiedCodeCache(carried.buildCodeCache) : undefined;
if (builtIn === 'damaged') trace(`damaged ${process.execPath} (built in)`);
else if (builtIn && carried) {
	cachedData = builtIn;
	// Its kind says what made it (scripts/build-exe.mjs): a wizard start, which a wizard start then has
	// nothing to add to, or `--version`.
	loaded = {kind: carried.buildCodeCacheKind, file: `${process.execPath} (built in)`, builtIn: true};
}

const script = new vm.Script(source, {
	filename: bundleFile,
	...(cachedData ? {cachedData} : {}),
	// The bundle keeps no dynamic import() of its own, but a dependency could: give it Node's loader.
	...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? {importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER} : {}),
});
// Rejected: another Node or V8 flags. The run goes on and a fresh one is written.
const usable = loaded !== undefined && !script.cachedDataRejected;
trace(loaded ? `${usable ? 'used' : 'rejected'} ${loaded.file}` : 'none found');
// V8 has its own copy now; the file's bytes (~2 MB) need not live as long as the program.
cachedData = undefined;
let written = false;
const save = (kind: CacheKind) => {
	if (written || !location) return;
	written = true;
	const ok = writeCodeCache(location, kind, script.createCachedData());
	trace(ok ? `wrote ${location.file(kind)}` : `could not write to ${location.dir}`);
};

const hooks: BootHooks = {
	pkcs11Worker: earlyWorker ?? undefined,
	wizardWarm() {
		// Off the keystroke path: after the frame, once the event loop is idle.
		setImmediate(() => {
			if (!usable || loaded?.kind !== 'wizard') save('wizard');
			// Not before the first frame, where the start's allocations would be collected many more
			// times (~15 ms of CPU more before it); and only after the code cache is written, which
			// would otherwise carry these flags and be refused by the next start's V8.
			written = true;
			// Required here: a command never needs node:v8 (~0.5 ms to load).
			(createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(WIZARD_FLAGS);
		}).unref();
	},
};
(globalThis as {[BOOT_HOOKS]?: BootHooks})[BOOT_HOOKS] = hooks;
// Commands store what they compiled as they exit, unless a cache of their own kind served them: the
// build's covers only what `--version` compiles, the executable's and the wizard's what a wizard start
// compiles (a command's own runs ~9 ms faster). A wizard left before its first frame stores what it
// compiled as the `command` kind: its own kind is kept for a start that reached the frame.
process.once('exit', () => {
	if (!usable || loaded?.builtIn || loaded?.kind !== ownKind) save(ownKind === 'wizard' ? 'command' : ownKind);
	for (const line of traced) process.stderr.write(`ote-cert code cache: ${line}\n`);
});

const run = script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string) => Promise<void>;
running = true;
run(createRequire(bundleFile), bundleUrl.href).catch((error: unknown) => {
	process.stderr.write(`ote-cert: unexpected error while starting: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(70);
});
