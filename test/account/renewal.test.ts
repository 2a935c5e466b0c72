import {describe, expect, it} from 'vitest';
import {findRenewal, findRenewals, isRenewalOf, sameHolder, searchRenewal} from '../../source/account/renewal.js';
import {emptyLedger, placeCertificate} from '../../source/account/slots.js';
import type {AccountLedger, CertRecord, SlotNumber, SlotRole} from '../../source/account/types.js';
import {inDays, NOW, record} from './helpers.js';

function ledgerWith(...entries: Array<[SlotNumber, SlotRole[], CertRecord]>): AccountLedger {
	return entries.reduce((ledger, [slot, roles, cert]) => placeCertificate(ledger, {slot, roles, record: cert, at: NOW.toISOString()}).ledger, emptyLedger());
}

describe('renewal detection', () => {
	const old = record('old', {name: 'Jana Nováková', ico: '12345678', daysLeft: 40});

	it('finds the slot holding the same holder (name + IČO)', () => {
		const ledger = ledgerWith([1, ['auth'], record('other', {name: 'Petr Novák', ico: '12345678'})], [3, ['auth', 'sign'], old]);
		const fresh = record('new', {name: 'jana  NOVÁKOVÁ', ico: '12345678', daysLeft: 700});
		expect(findRenewal(ledger, fresh, {now: NOW})).toEqual({
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
		const match = findRenewal(
			ledger,
			{holder: {name: 'Jana Nováková', ico: null, caUserId: 'ICA-65248'}, sha256: 'ff'.repeat(32), notAfter: inDays(700)},
			{now: NOW},
		);
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
		for (const holder of cases) expect(findRenewal(ledger, {holder, sha256: 'ab'.repeat(32), notAfter: inDays(700)}, {now: NOW})).toBeNull();
	});

	it('the very same certificate is not a renewal', () => {
		const ledger = ledgerWith([1, ['auth', 'sign'], old]);
		expect(findRenewal(ledger, old, {now: NOW})).toBeNull();
	});

	it('warns when the old certificate has expired or expires before registration', () => {
		const expired = record('expired', {daysLeft: -3});
		const tight = record('tight', {daysLeft: 1});
		const ledger = ledgerWith([1, ['auth', 'sign'], old], [2, ['auth', 'sign'], expired], [4, ['auth'], tight]);
		const fresh = record('new', {daysLeft: 700});
		const matches = findRenewals(ledger, fresh, {now: NOW});
		expect(matches.map((m) => [m.slot, m.warnings, m.needsHelp])).toEqual([
			[2, ['old-expired'], true],
			[4, ['old-expires-before-registration'], true],
			[1, [], false],
		]);
		expect(findRenewal(ledger, fresh, {now: NOW})?.slot).toBe(2);
		expect(findRenewals(ledger, fresh, {now: NOW, leadDays: 0})[1]?.warnings).toEqual([]);
	});

	it('sameHolder is symmetric and ignores case and spacing', () => {
		const a = {name: 'Jana  Nováková', ico: '12345678', caUserId: null};
		const b = {name: 'JANA NOVÁKOVÁ', ico: '12345678', caUserId: 'x'};
		expect(sameHolder(a, b)).toBe(true);
		expect(sameHolder(b, a)).toBe(true);
	});

	it('an older certificate of the same holder is not a renewal: the slot overview does not call it one', () => {
		const newer = record('newer', {daysLeft: 700});
		const older = record('older', {daysLeft: 40});
		const ledger = ledgerWith([1, ['auth', 'sign'], newer]);
		expect(isRenewalOf(newer, older)).toBe(false);
		expect(isRenewalOf(older, newer)).toBe(true);
		expect(findRenewal(ledger, older, {now: NOW})).toBeNull();
		expect(searchRenewal([{account: 'U1', ledger}], older, {now: NOW})).toMatchObject({kind: 'backwards', newer: {account: 'U1', slot: 1, old: newer}});
		// Equal end dates are not "later" either.
		expect(isRenewalOf(newer, {...record('same-end', {daysLeft: 700}), notAfter: newer.notAfter})).toBe(false);
	});

	it('renew searches every given account: one match, several, none (saying which were searched)', () => {
		const fresh = record('fresh', {daysLeft: 700});
		const u1 = {account: 'U1', ledger: ledgerWith([2, ['auth'], old])};
		const u2 = {account: 'U2', ledger: ledgerWith([1, ['auth'], record('stranger', {name: 'Petr Cizí'})])};
		const u3 = {account: 'U3', ledger: ledgerWith([3, ['auth', 'sign'], record('old-too', {daysLeft: 60})])};
		expect(searchRenewal([u1, u2], fresh, {now: NOW})).toMatchObject({kind: 'found', match: {account: 'U1', slot: 2}});
		const several = searchRenewal([u1, u2, u3], fresh, {now: NOW});
		expect(several.kind === 'ambiguous' && several.matches.map((m) => [m.account, m.slot])).toEqual([
			['U1', 2],
			['U3', 3],
		]);
		expect(searchRenewal([u2], fresh, {now: NOW})).toEqual({kind: 'none', searched: ['U2']});
	});
});
