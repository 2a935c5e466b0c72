// Renewal detection: a new certificate of the same holder as one already in a slot.
import {getSlot, isExpired} from './slots.js';
import {SLOT_NUMBERS, type AccountLedger, type CertRecord, type SlotNumber, type SlotRole} from './types.js';

/**
 * Days the old certificate must still be valid for the person to log in and upload its successor.
 * Self-service is immediate, but the person may need a working day or two to get to it (inferred).
 */
const REGISTRATION_LEAD_DAYS = 3;
const DAY_MS = 86_400_000;

export type Holder = CertRecord['holder'];

type RenewalWarning = 'old-expired' | 'old-expires-before-registration';

export interface RenewalMatch {
	slot: SlotNumber;
	roles: SlotRole[];
	old: CertRecord;
	warnings: RenewalWarning[];
	/** The old certificate cannot be relied on to log in: an administrator or OTE has to help. */
	needsHelp: boolean;
}

function norm(value: string | null): string | null {
	if (value === null) return null;
	const cleaned = value.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('cs');
	return cleaned === '' ? null : cleaned;
}

function normId(value: string | null): string | null {
	// "ICA - 65248" and "ICA-65248" are the same client number.
	const cleaned = norm(value);
	return cleaned === null ? null : cleaned.replace(/\s+/g, '');
}

/**
 * Same holder = same name AND (same IČO or same CA user id). A bare name match is not enough:
 * two people of one name in one company must never be taken for a renewal.
 */
export function sameHolder(a: Holder, b: Holder): boolean {
	const nameA = norm(a.name);
	if (nameA === null || nameA !== norm(b.name)) return false;
	const icoA = normId(a.ico);
	const userA = normId(a.caUserId);
	return (icoA !== null && icoA === normId(b.ico)) || (userA !== null && userA === normId(b.caUserId));
}

export interface RenewalOptions {
	now: Date;
	leadDays?: number;
}

/** The certificate offered as the successor: who holds it, which one it is, when it ends. */
export type RenewalCandidate = Pick<CertRecord, 'holder' | 'sha256' | 'notAfter'>;

/**
 * The one renewal rule: the same holder AND a later certificate (it ends after the one it replaces).
 * Anything else, an older certificate of the same holder included, is not a renewal.
 */
export function isRenewalOf(old: Pick<CertRecord, 'holder' | 'sha256' | 'notAfter'>, candidate: RenewalCandidate): boolean {
	return old.sha256 !== candidate.sha256.toLowerCase() && sameHolder(old.holder, candidate.holder) && Date.parse(candidate.notAfter) > Date.parse(old.notAfter);
}

/**
 * The slot whose certificate the new one renews, or null. With several candidates (overlapping
 * certificates of one holder) the expired or soonest-expiring one is proposed first.
 */
export function findRenewal(ledger: AccountLedger, candidate: RenewalCandidate, options: RenewalOptions): RenewalMatch | null {
	return findRenewals(ledger, candidate, options)[0] ?? null;
}

export function findRenewals(ledger: AccountLedger, candidate: RenewalCandidate, options: RenewalOptions): RenewalMatch[] {
	return sameHolderSlots(ledger, candidate, options).filter((match) => isRenewalOf(match.old, candidate));
}

/**
 * Certificates of the same holder that the candidate would NOT renew because it ends no later:
 * `renew --source older.pem` is refused with both dates instead of going backwards.
 */
function findNewerOfSameHolder(ledger: AccountLedger, candidate: RenewalCandidate, options: RenewalOptions): RenewalMatch[] {
	return sameHolderSlots(ledger, candidate, options).filter((match) => !isRenewalOf(match.old, candidate));
}

function sameHolderSlots(ledger: AccountLedger, candidate: RenewalCandidate, {now, leadDays = REGISTRATION_LEAD_DAYS}: RenewalOptions): RenewalMatch[] {
	const wanted = candidate.sha256.toLowerCase();
	const matches: RenewalMatch[] = [];
	for (const slot of SLOT_NUMBERS) {
		const entry = getSlot(ledger, slot);
		if (!entry) continue;
		const seen = new Set<string>();
		for (const role of ['auth', 'sign'] as const) {
			const old = entry[role];
			// The very same certificate is a duplicate, not a renewal.
			if (!old || old.sha256 === wanted || seen.has(old.sha256) || !sameHolder(old.holder, candidate.holder)) continue;
			seen.add(old.sha256);
			const roles = (['auth', 'sign'] as const).filter((r) => entry[r]?.sha256 === old.sha256);
			const warnings: RenewalWarning[] = [];
			if (isExpired(old, now)) warnings.push('old-expired');
			else if (Date.parse(old.notAfter) <= now.getTime() + leadDays * DAY_MS) {
				warnings.push('old-expires-before-registration');
			}
			matches.push({slot, roles, old, warnings, needsHelp: warnings.length > 0});
		}
	}
	return matches.sort((a, b) => Date.parse(a.old.notAfter) - Date.parse(b.old.notAfter) || a.slot - b.slot);
}

interface AccountRenewal extends RenewalMatch {
	account: string;
}

/** Which slot `renew` replaces, as a decision the command only has to print. */
export type RenewalSearch =
	| {kind: 'found'; match: AccountRenewal}
	/** Several slots (in one or more accounts) hold an earlier certificate of the holder. */
	| {kind: 'ambiguous'; matches: AccountRenewal[]}
	/** The holder's certificate in the ledger ends later than the candidate: renewing would go backwards. */
	| {kind: 'backwards'; newer: AccountRenewal}
	| {kind: 'none'; searched: string[]};

/**
 * `renew`: search the given accounts (one with --account, else every account of the environment) for
 * the one slot the candidate renews.
 */
export function searchRenewal(
	ledgers: ReadonlyArray<{account: string; ledger: AccountLedger}>,
	candidate: RenewalCandidate,
	options: RenewalOptions,
): RenewalSearch {
	const matches = findRenewalsInAccounts(ledgers, candidate, options);
	if (matches.length === 1) return {kind: 'found', match: matches[0]!};
	if (matches.length > 1) return {kind: 'ambiguous', matches};
	for (const {account, ledger} of ledgers) {
		const newer = findNewerOfSameHolder(ledger, candidate, options)[0];
		if (newer) return {kind: 'backwards', newer: {...newer, account}};
	}
	return {kind: 'none', searched: ledgers.map((l) => l.account)};
}

/**
 * `renew` without --account: every account of the environment is searched. The caller uses the
 * match when there is exactly one, and lists them otherwise.
 */
function findRenewalsInAccounts(
	ledgers: ReadonlyArray<{account: string; ledger: AccountLedger}>,
	candidate: RenewalCandidate,
	options: RenewalOptions,
): AccountRenewal[] {
	return ledgers.flatMap(({account, ledger}) => findRenewals(ledger, candidate, options).map((match) => ({...match, account})));
}
