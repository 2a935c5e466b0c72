// The outside world a command runs in. Its own module so commands need not import cli/main.ts
// (which imports the commands): the type was the only reason for that cycle.
export interface Process {
	argv: string[];
	env: NodeJS.ProcessEnv;
	cwd: string;
	stdin: NodeJS.ReadStream;
	/** Whether stdin is a terminal, known without making the stdin stream. */
	stdinIsTTY: boolean;
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
}
