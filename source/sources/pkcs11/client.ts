// Main-process side of the PKCS#11 worker: spawns `node dist/pkcs11-worker.js`, sends JSON lines on
// its stdin, reads answers from a channel of their own (fd 3), enforces a time limit per call and
// turns a crash, hang or broken answer into a SourceError. A vendor module may print to stdout
// (ignored) or stderr (only the tail is kept), but nothing it prints can pass for an answer.
// The PIN travels in a request on the child's stdin only; no secret is in the child's environment.
import type {ChildProcess} from 'node:child_process';
import type {Readable, Writable} from 'node:stream';
import {SourceError} from '../types.js';
import {findWorker, spawnWorker, takeEarlyWorker, workerEnv} from './spawn.js';
import {MAX_MESSAGE_BYTES, PROTOCOL_FD, parseResponse, type WorkerError, type WorkerRequest} from './protocol.js';
import {embedded} from '../../boot/embedded.js';
import {t} from '../../i18n/index.js';
import {TOKEN_SUPPORT_MISSING_EXIT} from './native.js';

const DEFAULT_TIMEOUT_MS = 15_000;

export function workerPath(env: NodeJS.ProcessEnv = process.env): string {
	const found = findWorker(env);
	if (found) return found;
	throw new SourceError('MODULE_LOAD_FAILED', 'The PKCS#11 helper (dist/pkcs11-worker.js) is missing; run `npm run build`.', {
		reason: 'worker-missing',
	});
}

interface WorkerCallError extends SourceError {
	worker?: WorkerError;
}

/** Maps a worker-side failure to the SourceError codes the rest of ote-cert understands. */
export function toSourceError(error: WorkerError, modulePath: string): SourceError {
	const params = {module: modulePath, ckr: error.code, detail: error.message};
	const make = (code: ConstructorParameters<typeof SourceError>[0], message: string) => {
		const e = new SourceError(code, message, params) as WorkerCallError;
		e.worker = error;
		return e;
	};
	switch (error.code) {
		case 'NOT_FOUND':
			return make('NOT_FOUND', `PKCS#11 module not found: ${modulePath}`);
		case 'LOAD':
			return make('MODULE_LOAD_FAILED', `Cannot load PKCS#11 module ${modulePath}: ${error.message}`);
		case 'NO_TOKEN':
			return make('TOKEN_NOT_PRESENT', `No matching token in ${modulePath}`);
		case 'CKR_DEVICE_REMOVED':
		case 'CKR_SESSION_HANDLE_INVALID':
		case 'CKR_SESSION_CLOSED':
			return make('TOKEN_REMOVED', `The token was removed (${error.code})`);
		case 'CKR_TOKEN_NOT_PRESENT':
		case 'CKR_SLOT_ID_INVALID':
			return make('TOKEN_NOT_PRESENT', `The token is not present (${error.code})`);
		case 'CKR_PIN_INCORRECT':
			return make('PIN_INCORRECT', 'Wrong PIN');
		case 'CKR_PIN_LOCKED':
			return make('PIN_LOCKED', 'The PIN is locked');
		default:
			return make('PKCS11_ERROR', `PKCS#11 error in ${modulePath}: ${error.message}`);
	}
}

interface Pending {
	op: WorkerRequest['op'];
	resolve: (value: unknown) => void;
	reject: (error: SourceError) => void;
	timer: NodeJS.Timeout;
}

/** One child process; calls are serialised by the child, each with its own time limit. */
export class Pkcs11Worker {
	private child: ChildProcess;
	private stdin: Writable;
	private pending = new Map<number, Pending>();
	private nextId = 1;
	private dead: SourceError | null = null;
	private stderr = '';

	constructor(
		private readonly label: string,
		env: NodeJS.ProcessEnv,
		private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
	) {
		const childEnv = workerEnv(env);
		// The single executable is its own worker: the same file, started in worker mode.
		const args = embedded()?.workerArgs ?? [workerPath(env)];
		// The launcher may have started one already (same arguments, same environment): it is ready sooner.
		this.child = takeEarlyWorker(args, childEnv) ?? spawnWorker(args, childEnv);
		this.stdin = this.child.stdin!;
		this.readAnswers(this.child.stdio[PROTOCOL_FD] as Readable);
		this.child.stderr!.on('data', (chunk: Buffer) => {
			// Kept only for the crash message; vendor modules print diagnostics here, never our input.
			this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000);
		});
		this.child.on('exit', (code, signal) => {
			if (code === TOKEN_SUPPORT_MISSING_EXIT) {
				this.fail(new SourceError('MODULE_LOAD_FAILED', t('token.support.notInstalled'), {module: this.label, reason: 'token-support'}));
				return;
			}
			const how = signal ? `signal ${signal}` : `exit code ${code}`;
			this.fail(
				new SourceError('MODULE_CRASHED', `The PKCS#11 module ${this.label} crashed (${how}).`, {
					module: this.label,
					how,
					detail: this.stderr.trim().split('\n').slice(-3).join(' '),
				}),
			);
		});
		this.child.on('error', (e) => this.fail(new SourceError('MODULE_CRASHED', e.message, {module: this.label, how: 'spawn'})));
		// A worker stuck in a module call cannot notice that we left; it goes with us.
		const killOnExit = () => this.child.kill('SIGKILL');
		process.once('exit', killOnExit);
		this.child.once('exit', () => process.off('exit', killOnExit));
		this.stdin.on('error', () => {
			/* reported through 'exit' */
		});
	}

	/** Lines of at most MAX_MESSAGE_BYTES; anything longer breaks the channel before it is buffered. */
	private readAnswers(channel: Readable): void {
		let parts: Buffer[] = [];
		let size = 0;
		channel.on('error', () => {
			/* reported through 'exit' */
		});
		channel.on('data', (chunk: Buffer) => {
			let start = 0;
			while (!this.dead) {
				const end = chunk.indexOf(0x0a, start);
				const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
				size += piece.length;
				if (size > MAX_MESSAGE_BYTES) {
					this.broken(`an answer longer than ${MAX_MESSAGE_BYTES} bytes`);
					return;
				}
				parts.push(piece);
				if (end === -1) return;
				const line = Buffer.concat(parts).toString('utf8');
				parts = [];
				size = 0;
				start = end + 1;
				if (line.trim() !== '') this.onLine(line);
			}
		});
	}

	private onLine(line: string): void {
		const message = parseResponse(line, (id) => this.pending.get(id)?.op);
		if (!message) {
			this.broken('an answer that is not one');
			return;
		}
		const pending = this.pending.get(message.id)!;
		this.pending.delete(message.id);
		clearTimeout(pending.timer);
		if (message.ok) pending.resolve(message.result);
		else pending.reject(toSourceError(message.error, this.label));
	}

	/** Something other than the worker's answers reached the channel: the module is at fault. */
	private broken(what: string): void {
		this.fail(
			new SourceError('MODULE_CRASHED', `The PKCS#11 module ${this.label} broke the helper's answers (${what}).`, {
				module: this.label,
				how: 'protocol',
				reason: 'protocol',
			}),
		);
		this.child.kill('SIGKILL');
	}

	private fail(error: SourceError): void {
		if (this.dead) return;
		this.dead = error;
		for (const [, p] of this.pending) {
			clearTimeout(p.timer);
			p.reject(error);
		}
		this.pending.clear();
	}

	call<T>(request: WorkerRequest, timeoutMs: number = this.timeoutMs): Promise<T> {
		if (this.dead) return Promise.reject(this.dead);
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				const error = new SourceError('MODULE_TIMEOUT', `The PKCS#11 module ${this.label} did not answer within ${Math.round(timeoutMs / 1000)} s.`, {
					module: this.label,
					seconds: Math.round(timeoutMs / 1000),
				});
				this.fail(error);
				this.child.kill('SIGKILL');
			}, timeoutMs);
			this.pending.set(id, {op: request.op, resolve: resolve as (v: unknown) => void, reject, timer});
			this.stdin.write(`${JSON.stringify({id, request})}\n`);
		});
	}

	/**
	 * Finalizes owned modules in the child (the answer to 'shutdown' means C_Finalize is done), then
	 * lets it exit on its own: Node's exit takes ~10 ms nobody needs to wait for. Killed if it hangs
	 * on the way out.
	 */
	async close(): Promise<void> {
		if (this.dead) return;
		try {
			await this.call({op: 'shutdown'}, Math.min(this.timeoutMs, 5000));
		} catch {
			/* already reported or dead */
		}
		this.dead = new SourceError('MODULE_CRASHED', 'closed', {module: this.label});
		this.stdin.end();
		const exited = new Promise<void>((resolve) => {
			if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
			else this.child.once('exit', () => resolve());
		});
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
		timer.unref();
		void exited.then(() => clearTimeout(timer));
	}
}

/** Runs fn against a fresh worker and always disposes of it. */
export async function withWorker<T>(label: string, env: NodeJS.ProcessEnv, timeoutMs: number | undefined, fn: (w: Pkcs11Worker) => Promise<T>): Promise<T> {
	const worker = new Pkcs11Worker(label, env, timeoutMs);
	try {
		return await fn(worker);
	} finally {
		await worker.close();
	}
}
