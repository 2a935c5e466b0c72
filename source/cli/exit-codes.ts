/** Exit codes are part of the interface: scripts and cron jobs branch on them. */
export const EXIT = {
	ok: 0,
	notAcceptable: 1,
	usage: 2,
	sourceUnreadable: 3,
	ledger: 4,
	ledgerNotWritten: 5,
	cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that already knows its exit code and carries a user-facing message. */
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
