// Starting the PKCS#11 worker child. Shared by the client and the launcher (source/boot/launch.ts),
// which starts it before loading the bundle when the command line names a token: the second Node
// then boots while the first one loads, instead of after it. Node's modules only: the launcher is
// on the path of every start.
import type {ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Socket} from 'node:net';
import {fileURLToPath} from 'node:url';
import {BOOT_HOOKS, type BootHooks} from '../../boot/signal.js';

/** Variables that may hold a secret: the worker never needs them (the PIN comes in a request). */
const SECRET_ENV = ['OTE_CERT_PIN', 'OTE_CERT_PASSWORD'];

/** dist/pkcs11-worker.js, or null when it is missing. */
export function findWorker(env: NodeJS.ProcessEnv): string | null {
	const candidates = [
		env['OTE_CERT_PKCS11_WORKER'] ?? null,
		// Bundled: dist/cli.js, dist/bundle.js and dist/pkcs11-worker.js sit side by side.
		fileURLToPath(new URL('./pkcs11-worker.js', import.meta.url)),
		// Running from source (vitest): source/sources/pkcs11/ -> dist/.
		fileURLToPath(new URL('../../../dist/pkcs11-worker.js', import.meta.url)),
	];
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
	return null;
}

export function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const childEnv = {...env};
	for (const name of SECRET_ENV) delete childEnv[name];
	return childEnv;
}

/** How the worker is started: `[dist/pkcs11-worker.js]` under Node, the executable's worker mode in the single executable. */
export function spawnWorker(args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
	// Required here, not imported: the launcher includes this file, and a start that reads no token
	// (the wizard, --help, a file) need not load child_process (~3 ms of CPU).
	const {spawn} = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
	// stdout goes nowhere: a module printing 300 MB there costs it time, not our memory.
	return spawn(process.execPath, args, {env: childEnv, stdio: ['pipe', 'ignore', 'pipe', 'pipe']});
}

interface EarlyWorker {
	args: string[];
	env: NodeJS.ProcessEnv;
	child: ChildProcess;
}

function sameEnv(a: NodeJS.ProcessEnv, b: NodeJS.ProcessEnv): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Launcher side: starts the worker now; it waits, unused, for the client (killed at exit if never taken). */
export function startEarlyWorker(env: NodeJS.ProcessEnv, carriedArgs: string[] | null): EarlyWorker | null {
	const file = carriedArgs ? null : findWorker(env);
	const args = carriedArgs ?? (file ? [file] : null);
	if (!args) return null;
	const childEnv = workerEnv(env);
	try {
		const child = spawnWorker(args, childEnv);
		child.on('error', () => {
			/* the client spawns its own */
		});
		// Until the client takes it, nothing of it may keep this process alive (its pipes included).
		child.unref();
		for (const stream of child.stdio) (stream as Socket | null)?.unref();
		const kill = () => child.kill('SIGKILL');
		process.once('exit', kill);
		child.once('exit', () => process.off('exit', kill));
		return {args, env: childEnv, child};
	} catch {
		return null;
	}
}

/**
 * Client side: the worker the launcher started, if there is one for these very arguments and environment
 * and it is still alive; only the first caller gets it.
 */
export function takeEarlyWorker(args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess | null {
	const hooks = (globalThis as {[BOOT_HOOKS]?: BootHooks})[BOOT_HOOKS];
	const early = hooks?.pkcs11Worker;
	if (!early) return null;
	hooks.pkcs11Worker = undefined;
	const {child} = early;
	const usable =
		early.args.join('\0') === args.join('\0') &&
		sameEnv(early.env, childEnv) &&
		child.exitCode === null &&
		child.signalCode === null &&
		child.pid !== undefined;
	if (!usable) {
		child.kill('SIGKILL');
		return null;
	}
	child.ref();
	for (const stream of child.stdio) (stream as Socket | null)?.ref();
	return child;
}
