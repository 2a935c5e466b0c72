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

/**
 * The slot whose certificate the new one renews, or null. With several candidates (overlapping
 * certificates of one holder) the expired or soonest-expiring one is proposed first.
 */
export function findRenewal(ledger: AccountLedger, holder: Holder, sha256: string, options: RenewalOptions): RenewalMatch | null {
	return findRenewals(ledger, holder, sha256, options)[0] ?? null;
}

export function findRenewals(ledger: AccountLedger, holder: Holder, sha256: string, {now, leadDays = REGISTRATION_LEAD_DAYS}: RenewalOptions): RenewalMatch[] {
	const wanted = sha256.toLowerCase();
	const matches: RenewalMatch[] = [];
	for (const slot of SLOT_NUMBERS) {
		const entry = getSlot(ledger, slot);
		if (!entry) continue;
		const seen = new Set<string>();
		for (const role of ['auth', 'sign'] as const) {
			const old = entry[role];
			// The very same certificate is a duplicate, not a renewal.
			if (!old || old.sha256 === wanted || seen.has(old.sha256) || !sameHolder(old.holder, holder)) continue;
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
