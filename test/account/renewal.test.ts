import {describe, expect, it} from 'vitest';
import {findRenewal, findRenewals, sameHolder} from '../../source/account/renewal.js';
import {emptyLedger, placeCertificate} from '../../source/account/slots.js';
import type {AccountLedger, CertRecord, SlotNumber, SlotRole} from '../../source/account/types.js';
import {NOW, record} from './helpers.js';

function ledgerWith(...entries: Array<[SlotNumber, SlotRole[], CertRecord]>): AccountLedger {
	return entries.reduce((ledger, [slot, roles, cert]) => placeCertificate(ledger, {slot, roles, record: cert, at: NOW.toISOString()}).ledger, emptyLedger());
}

describe('renewal detection', () => {
	const old = record('old', {name: 'Jana Nováková', ico: '12345678', daysLeft: 40});

	it('finds the slot holding the same holder (name + IČO)', () => {
		const ledger = ledgerWith([1, ['auth'], record('other', {name: 'Petr Novák', ico: '12345678'})], [3, ['auth', 'sign'], old]);
		const fresh = record('new', {name: 'jana  NOVÁKOVÁ', ico: '12345678', daysLeft: 700});
		expect(findRenewal(ledger, fresh.holder, fresh.sha256, {now: NOW})).toEqual({
			slot: 3,
			roles: ['auth', 'sign'],
			old,
			warnings: [],
			needsHelp: false,
		});
	});

	it('matches on the CA user id when there is no IČO', () => {
		const natural = record('old-ica', {name: 'Jana Nováková', ico: null, caUserId: 'ICA - 65248'});
		const ledger = ledgerWith([2, ['sign'], natural]);
		const match = findRenewal(ledger, {name: 'Jana Nováková', ico: null, caUserId: 'ICA-65248'}, 'ff'.repeat(32), {now: NOW});
		expect(match?.slot).toBe(2);
		expect(match?.roles).toEqual(['sign']);
	});

	it('is not fooled by a different holder', () => {
		const ledger = ledgerWith([1, ['auth', 'sign'], old]);
		const cases = [
			{name: 'Petr Novák', ico: '12345678', caUserId: null}, // same company, other person
			{name: 'Jana Nováková', ico: '87654321', caUserId: null}, // same name, other company
			{name: 'Jana Nováková', ico: null, caUserId: null}, // a bare name is not enough
			{name: null, ico: '12345678', caUserId: null},
		];
		for (const holder of cases) expect(findRenewal(ledger, holder, 'ab'.repeat(32), {now: NOW})).toBeNull();
	});

	it('the very same certificate is not a renewal', () => {
		const ledger = ledgerWith([1, ['auth', 'sign'], old]);
		expect(findRenewal(ledger, old.holder, old.sha256, {now: NOW})).toBeNull();
	});

	it('warns when the old certificate has expired or expires before registration', () => {
		const expired = record('expired', {daysLeft: -3});
		const tight = record('tight', {daysLeft: 1});
		const ledger = ledgerWith([1, ['auth', 'sign'], old], [2, ['auth', 'sign'], expired], [4, ['auth'], tight]);
		const fresh = record('new', {daysLeft: 700});
		const matches = findRenewals(ledger, fresh.holder, fresh.sha256, {now: NOW});
		expect(matches.map((m) => [m.slot, m.warnings, m.needsHelp])).toEqual([
			[2, ['old-expired'], true],
			[4, ['old-expires-before-registration'], true],
			[1, [], false],
		]);
		expect(findRenewal(ledger, fresh.holder, fresh.sha256, {now: NOW})?.slot).toBe(2);
		expect(findRenewals(ledger, fresh.holder, fresh.sha256, {now: NOW, leadDays: 0})[1]?.warnings).toEqual([]);
	});

	it('sameHolder is symmetric and ignores case and spacing', () => {
		const a = {name: 'Jana  Nováková', ico: '12345678', caUserId: null};
		const b = {name: 'JANA NOVÁKOVÁ', ico: '12345678', caUserId: 'x'};
		expect(sameHolder(a, b)).toBe(true);
		expect(sameHolder(b, a)).toBe(true);
	});
});
