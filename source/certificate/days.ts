// The one day count for every "N days left" and "expired N days ago", on screen, in JSON and in the
// ledger views, so no two places round differently.

const DAY_MS = 86_400_000;

/**
 * Whole days from `now` until `end`, rounded down: 2.9 days left is 2. Once expired it is negative,
 * −1 − (whole days since the end): −1 on the day it ended, −3 two (to just under three) days later.
 */
export function wholeDaysLeft(end: Date | string, now: Date): number {
	const ms = (typeof end === 'string' ? Date.parse(end) : end.getTime()) - now.getTime();
	return ms >= 0 ? Math.floor(ms / DAY_MS) : -Math.floor(-ms / DAY_MS) - 1;
}

/** For an expired certificate: whole days since it ended (0 = today), from wholeDaysLeft's count. */
export function wholeDaysAgo(daysLeft: number): number {
	return Math.max(0, -daysLeft - 1);
}
