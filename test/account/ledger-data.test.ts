import {describe, expect, it} from 'vitest';
import {
	AccountIdError,
	accountEnvironments,
	accountLedger,
	emptyData,
	LedgerShapeError,
	normaliseAccountId,
	upgradeData,
	withAccountLedger,
	withProfile,
	withRecentAccount,
} from '../../source/account/ledger-data.js';
import {emptyLedger, placeCertificate} from '../../source/account/slots.js';
import {NOW, record} from './helpers.js';

describe('ledger data', () => {
	it('account id is the CS OTE user id, "default" when not given; odd ids are refused', () => {
		expect(normaliseAccountId(undefined)).toBe('default');
		expect(normaliseAccountId('  ')).toBe('default');
		expect(normaliseAccountId(' 12345 ')).toBe('12345');
		for (const bad of ['__proto__', 'a/b', 'x\ny', 'a'.repeat(65)]) expect(() => normaliseAccountId(bad)).toThrow(AccountIdError);
	});

	it('upgrade is idempotent and keeps every account and environment', () => {
		const ledger = placeCertificate(emptyLedger(), {slot: 1, roles: ['auth'], record: record('a'), at: NOW.toISOString()}).ledger;
		let data = withAccountLedger(emptyData(), '12345', 'sandbox', ledger);
		data = withAccountLedger(data, '12345', 'production', emptyLedger());
		data = withProfile(data, '12345', {role: 'admin', newCompany: false, pozeProducer: false});
		const once = upgradeData(JSON.parse(JSON.stringify(data)));
		expect(once).toEqual(data);
		expect(upgradeData(once)).toEqual(once);
		expect(accountEnvironments(once, '12345').sort()).toEqual(['production', 'sandbox']);
		expect(accountLedger(once, '12345', 'sandbox').profile?.role).toBe('admin');
		expect(upgradeData({})).toEqual(emptyData());
	});

	it('the profile stays at account level when a ledger carrying it is written back', () => {
		let data = withProfile(emptyData(), 'a', {role: 'owner', newCompany: true, pozeProducer: false});
		const ledger = accountLedger(data, 'a', 'production');
		data = withAccountLedger(data, 'a', 'production', ledger);
		expect(data.accounts['a']!.ledgers['production']).toEqual({slots: {}, history: []});
		expect(data.accounts['a']!.profile).toEqual({role: 'owner', newCompany: true, pozeProducer: false});
	});

	it('remembers the user ids registered with per environment, most recent first, five at most; files without them upgrade', () => {
		let data = emptyData();
		for (const id of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U2']) data = withRecentAccount(data, 'production', id);
		data = withRecentAccount(data, 'sandbox', ' S1 ');
		expect(data.preferences.recentAccounts).toEqual({production: ['U2', 'U6', 'U5', 'U4', 'U3'], sandbox: ['S1']});
		const once = upgradeData(JSON.parse(JSON.stringify(data)));
		expect(once).toEqual(data);
		expect(upgradeData(once)).toEqual(once);
		// A ledger written before the field existed reads as "nothing remembered yet".
		const older = {schemaVersion: 1, preferences: {lastEnv: 'sandbox', lang: null, environments: []}, accounts: {}};
		expect(upgradeData(older).preferences.recentAccounts).toEqual({});
		expect(() => upgradeData({...older, preferences: {...older.preferences, recentAccounts: {production: ['a b']}}})).toThrow(LedgerShapeError);
		expect(() => upgradeData({...older, preferences: {...older.preferences, recentAccounts: []}})).toThrow(LedgerShapeError);
	});

	it('refuses what it does not understand', () => {
		expect(() => upgradeData(null)).toThrow(LedgerShapeError);
		expect(() => upgradeData({schemaVersion: '1'})).toThrow(LedgerShapeError);
		expect(() => upgradeData({schemaVersion: 1, accounts: {x: {profile: {role: 'king'}}}})).toThrow(LedgerShapeError);
		expect(() => upgradeData({schemaVersion: 2})).toThrow(expect.objectContaining({reason: 'newer-version'}));
	});
});
