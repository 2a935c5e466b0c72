// Drives the built CLI in a real terminal: tmux, 80x24 by default, its own server socket per session.
import {execFileSync, execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import os from 'node:os';
import {readFile, rm} from 'node:fs/promises';

const run = promisify(execFile);
export const CLI = path.resolve(import.meta.dirname, '../../dist/cli.js');

export function requireTmux(): void {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'pipe'});
	} catch {
		throw new Error('tmux is not installed: the terminal journeys need it (apt-get install tmux).');
	}
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface StartOptions {
	args?: string[];
	env?: Record<string, string>;
	cwd?: string;
	cols?: number;
	rows?: number;
	/** Shell text run in the pane before the program (e.g. printf a marker line that must survive). */
	prelude?: string;
	/** The program to run instead of `node dist/cli.js` (an installed ote-cert, the single executable). */
	command?: string[];
}

export class Terminal {
	private constructor(
		private readonly socket: string,
		readonly name: string,
		private readonly statusFile: string,
	) {}

	/** The child gets a clean environment: no CI variables (they make Ink non-interactive). */
	static async start(options: StartOptions = {}): Promise<Terminal> {
		requireTmux();
		const socket = `ote-e2e-${randomBytes(4).toString('hex')}`;
		const env: Record<string, string> = {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			HOME: process.env['HOME'] ?? '/root',
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			...options.env,
		};
		const envArgs = Object.entries(env).map(([k, v]) => quote(`${k}=${v}`));
		const program = ['env', '-i', ...envArgs, ...(options.command ?? [process.execPath, CLI]).map(quote), ...(options.args ?? []).map(quote)].join(' ');
		const statusFile = path.join(os.tmpdir(), `${socket}.status`);
		// tmux 3.3 sometimes marks a pane dead without ever recording its exit status (seen here: dead=1,
		// status empty for good), so the shell that runs the program writes the status down itself.
		const command = `${options.prelude ? `${options.prelude}; ` : ''}${program}; echo $? > ${quote(statusFile)}`;
		const t = new Terminal(socket, 'e2e', statusFile);
		// remain-on-exit is set globally before the pane exists, in the same tmux call: set afterwards,
		// a program that exits fast takes its pane (and its exit status) with it.
		await t.tmux(
			'start-server',
			';',
			'set-option',
			'-g',
			'remain-on-exit',
			'on',
			';',
			'new-session',
			'-d',
			'-s',
			'e2e',
			'-x',
			String(options.cols ?? 80),
			'-y',
			String(options.rows ?? 24),
			...(options.cwd ? ['-c', options.cwd] : []),
			command,
		);
		return t;
	}

	async tmux(...args: string[]): Promise<string> {
		const {stdout} = await run('tmux', ['-L', this.socket, '-f', '/dev/null', ...args]);
		return stdout;
	}

	/** One key per tmux call, as a person types. */
	async press(...keys: string[]): Promise<void> {
		for (const key of keys) await this.tmux('send-keys', '-t', 'e2e', key);
	}

	/** Several keys in one tmux call: they reach the program as one burst. */
	async burst(...keys: string[]): Promise<void> {
		await this.tmux('send-keys', '-t', 'e2e', ...keys);
	}

	async type(text: string): Promise<void> {
		await this.tmux('send-keys', '-t', 'e2e', '-l', text);
	}

	/** Raw bytes, for hostile input. */
	async sendHex(bytes: Buffer): Promise<void> {
		await this.tmux('send-keys', '-t', 'e2e', '-H', ...[...bytes].map((b) => b.toString(16).padStart(2, '0')));
	}

	async screen(): Promise<string> {
		return this.tmux('capture-pane', '-p', '-t', 'e2e');
	}

	/** Screen with escape sequences, to prove what did or did not reach the terminal. */
	async screenWithEscapes(): Promise<string> {
		return this.tmux('capture-pane', '-p', '-e', '-t', 'e2e');
	}

	async waitFor(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.screen();
			if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(`timed out waiting for ${String(expected)}; the screen shows:\n${last}`);
	}

	/** Polls until `test` accepts the screen; for conditions a single string cannot express. */
	async waitUntil(test: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.screen();
			if (test(last)) return last;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(`timed out waiting for ${what}; the screen shows:\n${last}`);
	}

	/** The pane title, which an OSC 0/2 sequence in program output would change. */
	async title(): Promise<string> {
		return (await this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}')).replace(/\n$/, '');
	}

	/** Has the program ended (without waiting)? */
	async exited(): Promise<boolean> {
		return (await readFile(this.statusFile, 'utf8').catch(() => '')).endsWith('\n');
	}

	async waitForExit(timeoutMs = 15_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const status = await readFile(this.statusFile, 'utf8').catch(() => '');
			if (status.endsWith('\n')) return Number(status.trim());
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(`the program did not exit; the screen shows:\n${await this.screen()}`);
	}

	async resize(cols: number, rows: number): Promise<void> {
		await this.tmux('resize-window', '-t', 'e2e', '-x', String(cols), '-y', String(rows));
	}

	async close(): Promise<void> {
		await this.tmux('kill-server').catch(() => undefined);
		await rm(this.statusFile, {force: true});
	}
}
