// The ote-cert under test in the smoke set (vitest.smoke.config.ts), as a user would have it:
// installed globally from the npm package by a given Node, or the single executable alone in a
// folder with no Node on PATH. test/smoke/global-setup.ts prepares it once per run.
import {execFile} from 'node:child_process';
import {inject} from 'vitest';

export interface SmokeRuntime {
	kind: 'npm' | 'exe';
	/** Program and leading arguments: <prefix>/bin/ote-cert, or the copied executable. */
	command: string[];
	/** PATH the program runs with: the Node under test and the system, or a folder that does not exist. */
	path: string;
	/** The Node version the program must report running on (process.version). */
	nodeVersion: string;
	/** Working folder of this run, removed by the global setup's teardown. */
	dir: string;
	/** The npm package that was installed (kind 'npm'). */
	tarball: string | null;
	/** The Node binary under test (kind 'npm'). */
	node: string | null;
}

declare module 'vitest' {
	export interface ProvidedContext {
		smoke: SmokeRuntime;
	}
}

export const runtime = (): SmokeRuntime => inject('smoke');

export interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the ote-cert under test without a terminal (stdin closed, as in cron). */
export function ote(args: string[], opts: {env: NodeJS.ProcessEnv; cwd: string}): Promise<Run> {
	const rt = runtime();
	const [program, ...lead] = rt.command;
	return new Promise((resolve, reject) => {
		const child = execFile(
			program!,
			[...lead, ...args],
			{env: {...opts.env, PATH: rt.path}, cwd: opts.cwd, timeout: 60_000, maxBuffer: 16 << 20, encoding: 'utf8'},
			(error, stdout, stderr) => {
				if (error && typeof error.code !== 'number') reject(new Error(`ote-cert ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
				else resolve({code: error ? (error.code as number) : 0, stdout, stderr});
			},
		);
		child.stdin?.end();
	});
}
