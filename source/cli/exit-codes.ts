/**
 * Exit codes are part of the interface: scripts and cron jobs branch on them. This is the one table;
 * the readme's "Exit codes" section lists the same numbers (a test compares them).
 */
export const EXIT = {
	ok: 0,
	notAcceptable: 1,
	usage: 2,
	sourceUnreadable: 3,
	ledger: 4,
	ledgerNotWritten: 5,
	/** A bug: an error nobody anticipated (cli.tsx prints the stack). */
	internal: 70,
	hangup: 129,
	cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
