// The four certificate pairs of a CS OTE account, as pure functions over an AccountLedger.
// Nothing here mutates its input: every change returns a new ledger plus the history it produced.
import {wholeDaysLeft} from '../certificate/days.js';
import {SLOT_NUMBERS, type AccountLedger, type CertRecord, type HistoryEvent, type SlotEntry, type SlotNumber, type SlotRole} from './types.js';

const EXPIRING_SOON_DAYS = 30;
const DAY_MS = 86_400_000;

export function emptyLedger(): AccountLedger {
	return {slots: {}, history: []};
}

export type SlotErrorCode = 'DUPLICATE' | 'EMPTY_SLOT' | 'NO_ROLES' | 'BAD_SLOT';

export class SlotError extends Error {
	constructor(
		readonly code: SlotErrorCode,
		message: string,
		readonly params: Record<string, string | number> = {},
	) {
		super(message);
		this.name = 'SlotError';
	}
}

export function isSlotNumber(value: unknown): value is SlotNumber {
	return typeof value === 'number' && (SLOT_NUMBERS as readonly number[]).includes(value);
}

/** Whole days from `now` to notAfter; negative once expired (the same count as Assessment's). */
function daysLeft(notAfter: string, now: Date): number {
	return wholeDaysLeft(notAfter, now);
}

export function isExpired(record: CertRecord, now: Date): boolean {
	return Date.parse(record.notAfter) <= now.getTime();
}

function isExpiringSoon(record: CertRecord, now: Date, withinDays = EXPIRING_SOON_DAYS): boolean {
	const end = Date.parse(record.notAfter);
	return end > now.getTime() && end <= now.getTime() + withinDays * DAY_MS;
}

export interface CertView {
	record: CertRecord;
	daysLeft: number;
	expired: boolean;
	expiringSoon: boolean;
}

export interface SlotView {
	slot: SlotNumber;
	empty: boolean;
	auth: CertView | null;
	sign: CertView | null;
	/** One qualified certificate fills both roles. */
	sameCertificate: boolean;
	registeredAt: string | null;
	/** Worst of the two: the slot stops working when its first certificate expires. */
	daysLeft: number | null;
	expired: boolean;
	expiringSoon: boolean;
}

export function getSlot(ledger: AccountLedger, slot: SlotNumber): SlotEntry | null {
	return ledger.slots[`${slot}`] ?? null;
}

function certsOf(entry: SlotEntry | null): CertRecord[] {
	if (!entry) return [];
	if (entry.auth && entry.sign && entry.auth.sha256 === entry.sign.sha256) return [entry.auth];
	return [entry.auth, entry.sign].filter((record): record is CertRecord => record !== null);
}

function isEmpty(entry: SlotEntry | null): boolean {
	return certsOf(entry).length === 0;
}

function view(record: CertRecord | null, now: Date): CertView | null {
	if (!record) return null;
	return {
		record,
		daysLeft: daysLeft(record.notAfter, now),
		expired: isExpired(record, now),
		expiringSoon: isExpiringSoon(record, now),
	};
}

export function slotViews(ledger: AccountLedger, now: Date): SlotView[] {
	return SLOT_NUMBERS.map((slot) => {
		const entry = getSlot(ledger, slot);
		const auth = view(entry?.auth ?? null, now);
		const sign = view(entry?.sign ?? null, now);
		const present = [auth, sign].filter((v): v is CertView => v !== null);
		const worst = present.length ? Math.min(...present.map((v) => v.daysLeft)) : null;
		return {
			slot,
			empty: present.length === 0,
			auth,
			sign,
			sameCertificate: auth !== null && sign !== null && auth.record.sha256 === sign.record.sha256,
			registeredAt: present.length ? (entry?.registeredAt ?? null) : null,
			daysLeft: worst,
			expired: present.some((v) => v.expired),
			expiringSoon: present.some((v) => v.expiringSoon),
		};
	});
}

export interface SlotLocation {
	slot: SlotNumber;
	role: SlotRole;
}

/** Where a certificate (by SHA-256) already sits, optionally ignoring one slot. */
export function findDuplicates(ledger: AccountLedger, sha256: string, exceptSlot?: SlotNumber): SlotLocation[] {
	const wanted = sha256.toLowerCase();
	const found: SlotLocation[] = [];
	for (const slot of SLOT_NUMBERS) {
		if (slot === exceptSlot) continue;
		const entry = getSlot(ledger, slot);
		if (entry?.auth?.sha256 === wanted) found.push({slot, role: 'auth'});
		if (entry?.sign?.sha256 === wanted) found.push({slot, role: 'sign'});
	}
	return found;
}

function earliestEnd(entry: SlotEntry | null): number {
	const ends = certsOf(entry).map((record) => Date.parse(record.notAfter));
	return ends.length ? Math.min(...ends) : Number.POSITIVE_INFINITY;
}

/** First empty slot; when all four are taken, the expired or soonest-expiring one. */
export function defaultSlot(ledger: AccountLedger, _now: Date): SlotNumber {
	const empty = SLOT_NUMBERS.find((slot) => isEmpty(getSlot(ledger, slot)));
	if (empty !== undefined) return empty;
	// Expired slots have the earliest end, so one ordering covers both rules; ties keep slot order.
	let best: SlotNumber = 1;
	for (const slot of SLOT_NUMBERS) {
		if (earliestEnd(getSlot(ledger, slot)) < earliestEnd(getSlot(ledger, best))) best = slot;
	}
	return best;
}

export interface PlaceRequest {
	slot: SlotNumber;
	roles: SlotRole[];
	record: CertRecord;
	/** ISO timestamp of the registration. */
	at: string;
}

export interface PlaceResult {
	ledger: AccountLedger;
	/** One event per certificate that was registered or replaced; empty when nothing changed. */
	events: HistoryEvent[];
	/** True when at least one role held a different certificate before. */
	replaced: boolean;
}

function normaliseRoles(roles: SlotRole[]): SlotRole[] {
	const unique = (['auth', 'sign'] as const).filter((role) => roles.includes(role));
	if (unique.length === 0) throw new SlotError('NO_ROLES', 'A certificate must fill at least one role');
	return unique;
}

/**
 * Puts a certificate into one or both roles of a slot. Roles not named keep their certificate.
 * Refuses a certificate that already sits in another slot: CS OTE has no use for the same public
 * part twice, and a silent move would lose the other slot's entry.
 */
export function placeCertificate(ledger: AccountLedger, request: PlaceRequest): PlaceResult {
	const {slot, record, at} = request;
	if (!isSlotNumber(slot)) throw new SlotError('BAD_SLOT', `Slot must be 1–4, got ${String(slot)}`, {slot: String(slot)});
	const roles = normaliseRoles(request.roles);
	const duplicates = findDuplicates(ledger, record.sha256, slot);
	const first = duplicates[0];
	if (first) {
		throw new SlotError('DUPLICATE', `Certificate ${record.sha256} is already in slot ${first.slot}`, {
			slot: first.slot,
			sha256: record.sha256,
		});
	}
	const before = getSlot(ledger, slot);
	const changing = roles.filter((role) => before?.[role]?.sha256 !== record.sha256);
	if (changing.length === 0) return {ledger, events: [], replaced: false};

	// Group the changed roles by what they held, so one old certificate in both roles is one event.
	const groups = new Map<string, {roles: SlotRole[]; replaced: CertRecord | null}>();
	for (const role of changing) {
		const old = before?.[role] ?? null;
		const key = old ? old.sha256 : '';
		const group = groups.get(key) ?? {roles: [], replaced: old};
		group.roles.push(role);
		groups.set(key, group);
	}
	const events: HistoryEvent[] = [...groups.values()].map((group) => ({
		at,
		action: group.replaced ? 'replace' : 'register',
		slot,
		roles: group.roles,
		certificate: record,
		replaced: group.replaced,
	}));
	const next: SlotEntry = {
		slot,
		auth: roles.includes('auth') ? record : (before?.auth ?? null),
		sign: roles.includes('sign') ? record : (before?.sign ?? null),
		registeredAt: at,
	};
	return {
		ledger: {...ledger, slots: {...ledger.slots, [`${slot}`]: next}, history: [...ledger.history, ...events]},
		events,
		replaced: events.some((event) => event.action === 'replace'),
	};
}

/** Removes a slot entry (after the person confirmed); the removed certificates stay in history. */
export function forgetSlot(ledger: AccountLedger, slot: SlotNumber, at: string): PlaceResult {
	if (!isSlotNumber(slot)) throw new SlotError('BAD_SLOT', `Slot must be 1–4, got ${String(slot)}`, {slot: String(slot)});
	const entry = getSlot(ledger, slot);
	if (!entry || isEmpty(entry)) throw new SlotError('EMPTY_SLOT', `Slot ${slot} is empty`, {slot});
	const events: HistoryEvent[] = certsOf(entry).map((record) => ({
		at,
		action: 'forget',
		slot,
		roles: (['auth', 'sign'] as const).filter((role) => entry[role]?.sha256 === record.sha256),
		certificate: null,
		replaced: record,
	}));
	const slots = {...ledger.slots};
	delete slots[`${slot}`];
	return {ledger: {...ledger, slots, history: [...ledger.history, ...events]}, events, replaced: false};
}

/**
 * Whether the ledger can answer "does the owner still hold a valid registered certificate":
 * true/false from what it recorded, null when it recorded nothing (then ask the person).
 */
export function hasValidRegisteredCertificate(ledger: AccountLedger, now: Date): boolean | null {
	const records = SLOT_NUMBERS.flatMap((slot) => certsOf(getSlot(ledger, slot)));
	if (records.length === 0) return null;
	return records.some((record) => !isExpired(record, now));
}
