import {describe, expect, it} from 'vitest';
import {
	defaultSlot,
	emptyLedger,
	findDuplicates,
	forgetSlot,
	hasValidRegisteredCertificate,
	placeCertificate,
	SlotError,
	slotViews,
} from '../../source/account/slots.js';
import type {AccountLedger, SlotNumber} from '../../source/account/types.js';
import {NOW, record} from './helpers.js';

const AT = NOW.toISOString();

function fill(daysLeft: number[]): AccountLedger {
	let ledger = emptyLedger();
	daysLeft.forEach((days, i) => {
		ledger = placeCertificate(ledger, {
			slot: (i + 1) as SlotNumber,
			roles: ['auth', 'sign'],
			record: record(`c${i}`, {daysLeft: days}),
			at: AT,
		}).ledger;
	});
	return ledger;
}

describe('placeCertificate', () => {
	it('registers one qualified certificate in both roles as one event', () => {
		const cert = record('a');
		const {ledger, events, replaced} = placeCertificate(emptyLedger(), {slot: 1, roles: ['sign', 'auth'], record: cert, at: AT});
		expect(replaced).toBe(false);
		expect(events).toEqual([{at: AT, action: 'register', slot: 1, roles: ['auth', 'sign'], certificate: cert, replaced: null}]);
		expect(ledger.slots['1']).toEqual({slot: 1, auth: cert, sign: cert, registeredAt: AT});
		const view = slotViews(ledger, NOW)[0]!;
		expect(view.sameCertificate).toBe(true);
		expect(view.empty).toBe(false);
	});

	it('fills the roles of a pair separately and keeps the other role', () => {
		const auth = record('auth', {name: 'Jana'});
		const sign = record('sign', {name: 'Jana'});
		const one = placeCertificate(emptyLedger(), {slot: 2, roles: ['auth'], record: auth, at: AT}).ledger;
		const two = placeCertificate(one, {slot: 2, roles: ['sign'], record: sign, at: AT});
		expect(two.ledger.slots['2']?.auth).toEqual(auth);
		expect(two.ledger.slots['2']?.sign).toEqual(sign);
		expect(two.events.map((e) => e.action)).toEqual(['register']);
		expect(two.ledger.history).toHaveLength(2);
		expect(one.slots['2']?.sign).toBeNull(); // input untouched
	});

	it('records a replacement with the old certificate, one event per replaced certificate', () => {
		const auth = record('old-auth');
		const sign = record('old-sign');
		let ledger = placeCertificate(emptyLedger(), {slot: 1, roles: ['auth'], record: auth, at: AT}).ledger;
		ledger = placeCertificate(ledger, {slot: 1, roles: ['sign'], record: sign, at: AT}).ledger;
		const fresh = record('new');
		const result = placeCertificate(ledger, {slot: 1, roles: ['auth', 'sign'], record: fresh, at: AT});
		expect(result.replaced).toBe(true);
		expect(result.events).toEqual([
			{at: AT, action: 'replace', slot: 1, roles: ['auth'], certificate: fresh, replaced: auth},
			{at: AT, action: 'replace', slot: 1, roles: ['sign'], certificate: fresh, replaced: sign},
		]);
		expect(result.ledger.history.filter((e) => e.action === 'replace')).toHaveLength(2);
	});

	it('is a no-op when the same certificate is placed again in the same roles', () => {
		const cert = record('a');
		const {ledger} = placeCertificate(emptyLedger(), {slot: 1, roles: ['auth'], record: cert, at: AT});
		const again = placeCertificate(ledger, {slot: 1, roles: ['auth'], record: cert, at: AT});
		expect(again.events).toEqual([]);
		expect(again.ledger).toBe(ledger);
	});

	it('refuses a certificate that already sits in another slot', () => {
		const cert = record('a');
		const {ledger} = placeCertificate(emptyLedger(), {slot: 1, roles: ['auth', 'sign'], record: cert, at: AT});
		expect(findDuplicates(ledger, cert.sha256.toUpperCase())).toEqual([
			{slot: 1, role: 'auth'},
			{slot: 1, role: 'sign'},
		]);
		expect(findDuplicates(ledger, cert.sha256, 1)).toEqual([]);
		expect(() => placeCertificate(ledger, {slot: 3, roles: ['auth'], record: cert, at: AT})).toThrow(
			expect.objectContaining({code: 'DUPLICATE', params: {slot: 1, sha256: cert.sha256}}),
		);
	});

	it('rejects empty roles and bad slot numbers', () => {
		expect(() => placeCertificate(emptyLedger(), {slot: 1, roles: [], record: record('a'), at: AT})).toThrow(SlotError);
		expect(() => placeCertificate(emptyLedger(), {slot: 5 as SlotNumber, roles: ['auth'], record: record('a'), at: AT})).toThrow(
			expect.objectContaining({code: 'BAD_SLOT'}),
		);
	});
});

describe('slot views', () => {
	it('shows days left and flags expired / expiring within 30 days', () => {
		const views = slotViews(fill([-2, 10, 30, 31]), NOW);
		// Ended exactly two days ago: −1 − 2 whole days, shown as "expired 2 days ago" everywhere.
		expect(views.map((v) => [v.daysLeft, v.expired, v.expiringSoon])).toEqual([
			[-3, true, false],
			[10, false, true],
			[30, false, true],
			[31, false, false],
		]);
		expect(views[0]!.auth!.expired).toBe(true);
	});

	it('lists four slots, empty ones included', () => {
		const views = slotViews(emptyLedger(), NOW);
		expect(views.map((v) => [v.slot, v.empty, v.daysLeft])).toEqual([
			[1, true, null],
			[2, true, null],
			[3, true, null],
			[4, true, null],
		]);
	});

	it('uses the earlier expiry of a pair for the slot', () => {
		let ledger = placeCertificate(emptyLedger(), {slot: 1, roles: ['auth'], record: record('a', {daysLeft: 200}), at: AT}).ledger;
		ledger = placeCertificate(ledger, {slot: 1, roles: ['sign'], record: record('b', {daysLeft: 20}), at: AT}).ledger;
		const view = slotViews(ledger, NOW)[0]!;
		expect(view.daysLeft).toBe(20);
		expect(view.expiringSoon).toBe(true);
		expect(view.auth!.expiringSoon).toBe(false);
	});
});

describe('choosing a slot', () => {
	it('takes the first empty slot', () => {
		const ledger = fill([100, 200]);
		expect(defaultSlot(ledger, NOW)).toBe(3);
	});

	it('suggests the expired slot when all four are full', () => {
		const ledger = fill([100, -5, 3, 50]);
		expect(defaultSlot(ledger, NOW)).toBe(2);
	});

	it('suggests the soonest-expiring slot when none has expired', () => {
		expect(defaultSlot(fill([100, 60, 300, 7]), NOW)).toBe(4);
	});
});

describe('forgetSlot', () => {
	it('removes the entry and keeps the removed certificate in history', () => {
		const ledger = fill([100, 200]);
		const removed = ledger.slots['2']!.auth!;
		const result = forgetSlot(ledger, 2, AT);
		expect(result.ledger.slots['2']).toBeUndefined();
		expect(result.ledger.slots['1']).toEqual(ledger.slots['1']);
		expect(result.events).toEqual([{at: AT, action: 'forget', slot: 2, roles: ['auth', 'sign'], certificate: null, replaced: removed}]);
		expect(result.ledger.history.at(-1)).toEqual(result.events[0]);
		expect(defaultSlot(result.ledger, NOW)).toBe(2);
	});

	it('refuses to forget an empty slot', () => {
		expect(() => forgetSlot(emptyLedger(), 1, AT)).toThrow(expect.objectContaining({code: 'EMPTY_SLOT'}));
	});
});

describe('hasValidRegisteredCertificate', () => {
	it('answers from the ledger, or null when it recorded nothing', () => {
		expect(hasValidRegisteredCertificate(emptyLedger(), NOW)).toBeNull();
		expect(hasValidRegisteredCertificate(fill([-1, -30]), NOW)).toBe(false);
		expect(hasValidRegisteredCertificate(fill([-1, 5]), NOW)).toBe(true);
	});
});
