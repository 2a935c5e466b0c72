// Every error a command ends with, as a class that knows its exit code. The message is already in the
// person's language (the command translated it at the edge); `hint` is an optional second line.
import {EXIT, type ExitCode} from './exit-codes.js';

export class CliError extends Error {
	constructor(
		readonly exitCode: ExitCode,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'CliError';
	}
}

/** A bad option, a missing --yes, a refusal of what was asked (duplicate, no renewal): exit 2. */
export class UsageError extends CliError {
	constructor(message: string, hint?: string) {
		super(EXIT.usage, message, hint);
		this.name = 'UsageError';
	}
}

/** A source that cannot be read: missing file, wrong password or PIN, token problem: exit 3. */
export class SourceUnreadableError extends CliError {
	constructor(message: string, hint?: string) {
		super(EXIT.sourceUnreadable, message, hint);
		this.name = 'SourceUnreadableError';
	}
}
