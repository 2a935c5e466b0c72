// Entry point: only wiring.
import {isatty} from 'node:tty';
import {main} from './source/cli/main.js';

main({
	argv: process.argv.slice(2),
	env: process.env,
	cwd: process.cwd(),
	// process.stdin is a stream made on first use (~1 ms): a command that never reads it does not make it.
	get stdin() {
		return process.stdin;
	},
	stdinIsTTY: isatty(0),
	stdout: process.stdout,
	stderr: process.stderr,
}).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`ote-cert: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 70;
	},
);
