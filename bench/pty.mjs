// A program under a real pseudo-terminal, through util-linux `script` (no native addon to build):
// the bench needs the exact bytes the wizard writes to a terminal and the moment a marker appears.
import {spawn, execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';

export function needScript() {
	try {
		execFileSync('sh', ['-c', 'command -v script'], {stdio: 'pipe'});
	} catch {
		throw new Error('`script` is missing: apt-get install util-linux (bsdutils on older Debian)');
	}
}

const quote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;

/** The environment a child sees: no CI variables (they make Ink print only the last frame). */
export function cleanEnv(extra = {}) {
	const env = {...process.env, TERM: 'xterm-256color', ...extra};
	for (const k of Object.keys(env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_') || k.startsWith('SSH_')) delete env[k];
	return env;
}

export class Pty {
	/** argv runs under a 100x40 pty; `wrap` prefixes it (e.g. /usr/bin/time) inside the pty. */
	constructor(argv, {env = cleanEnv(), cwd = process.cwd(), cols = 100, rows = 40} = {}) {
		const command = `stty cols ${cols} rows ${rows} 2>/dev/null; exec ${argv.map(quote).join(' ')}`;
		this.started = performance.now();
		this.child = spawn('script', ['-qfec', command, '/dev/null'], {env, cwd, stdio: ['pipe', 'pipe', 'pipe']});
		this.output = Buffer.alloc(0);
		this.lastData = performance.now();
		this.waiters = new Set();
		this.exit = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
		this.child.stdout.on('data', (chunk) => {
			this.output = Buffer.concat([this.output, chunk]);
			this.lastData = performance.now();
			for (const w of this.waiters) w();
		});
		this.child.stderr.on('data', (chunk) => {
			this.stderr = (this.stderr ?? '') + chunk;
		});
	}

	get bytes() {
		return this.output.length;
	}

	/** Resolves with the time (ms since spawn) at which `text` first appears after byte offset `from`. */
	waitFor(text, {from = 0, timeoutMs = 15_000} = {}) {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (this.output.indexOf(text, from) >= 0) {
					this.waiters.delete(check);
					clearTimeout(timer);
					resolve(performance.now() - this.started);
				}
			};
			const timer = setTimeout(() => {
				this.waiters.delete(check);
				reject(
					new Error(
						`timed out waiting for ${JSON.stringify(text)}; screen tail: ${JSON.stringify(this.output.subarray(-600).toString('utf8'))} ${this.stderr ?? ''}`,
					),
				);
			}, timeoutMs);
			this.waiters.add(check);
			check();
		});
	}

	/** Waits until nothing has been written for quietMs (the screen has settled). */
	async settle(quietMs = 150) {
		for (;;) {
			const idle = performance.now() - this.lastData;
			if (idle >= quietMs) return;
			await new Promise((r) => setTimeout(r, quietMs - idle + 1));
		}
	}

	write(data) {
		this.child.stdin.write(data);
	}

	/** Sends data and returns how many bytes the program wrote until the screen settled. */
	async measure(data, quietMs = 150) {
		const before = this.bytes;
		this.write(data);
		// First the reaction (Ink throttles frames), then quiet: a slow reaction is not counted as zero.
		const deadline = performance.now() + 3000;
		while (this.bytes === before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
		await this.settle(quietMs);
		return this.bytes - before;
	}

	/**
	 * CPU time in ms that every process under this pty (and each of its threads) has used so far,
	 * read from Linux's /proc/PID/task/TID/schedstat (nanoseconds); null without it. Processes that
	 * have already exited are not counted.
	 */
	cpuMsSoFar() {
		const children = new Map();
		for (const name of readdirSync('/proc')) {
			if (!/^\d+$/.test(name)) continue;
			try {
				const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
				const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
			} catch {
				// gone meanwhile
			}
		}
		let ns = 0;
		let seen = false;
		const add = (pid) => {
			for (const child of children.get(pid) ?? []) {
				try {
					for (const tid of readdirSync(`/proc/${child}/task`)) ns += Number(readFileSync(`/proc/${child}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
					seen = true;
				} catch {
					// gone meanwhile
				}
				add(child);
			}
		};
		add(this.child.pid);
		return seen ? ns / 1e6 : null;
	}

	kill() {
		this.child.kill('SIGKILL');
	}
}
