// The registration decision, without I/O: what the wizard, `register` and `renew` all get back.
import {describe, expect, it} from 'vitest';
import {decideRegistration, sameOutcome, type RegistrationRequest} from '../../source/account/registration.js';
import {accountLedger, emptyData, withAccountLedger, type LedgerData} from '../../source/account/ledger-data.js';
import {emptyLedger, placeCertificate} from '../../source/account/slots.js';
import {BUILT_IN_ENVIRONMENTS, type CertRecord, type SlotNumber} from '../../source/account/types.js';
import {NOW, record} from './helpers.js';

const production = BUILT_IN_ENVIRONMENTS[0]!;

function dataWith(account: string, ...entries: Array<[SlotNumber, CertRecord]>): LedgerData {
	const ledger = entries.reduce(
		(l, [slot, cert]) => placeCertificate(l, {slot, roles: ['auth', 'sign'], record: cert, at: NOW.toISOString()}).ledger,
		emptyLedger(),
	);
	return withAccountLedger(emptyData(), account, production.id, ledger);
}

function request(overrides: Partial<RegistrationRequest>): RegistrationRequest {
	return {
		intent: 'register',
		account: 'U1',
		env: production,
		slot: 1,
		roles: ['auth', 'sign'],
		record: record('new', {daysLeft: 700}),
		registrable: true,
		profile: {role: 'admin', newCompany: false, pozeProducer: false},
		noValidCertificate: false,
		now: NOW,
		...overrides,
	};
}

describe('registration decision', () => {
	it('accepts a renewal: next step, what is replaced, the renewal, and the whole new ledger', () => {
		const old = record('old', {daysLeft: 20});
		const decision = decideRegistration(dataWith('U1', [1, old]), request({intent: 'renew'}));
		expect(decision.kind).toBe('accepted');
		if (decision.kind !== 'accepted') return;
		expect(decision.nextStep).toEqual({kind: 'portal', portalUrl: production.portalUrl});
		expect(decision.replaced?.sha256).toBe(old.sha256);
		expect(decision.renewal?.slot).toBe(1);
		expect(accountLedger(decision.data, 'U1', 'production').slots['1']?.auth?.sha256).toBe(record('new').sha256);
		expect(decision.data.preferences.lastEnv).toBe('production');
		expect(decision.data.accounts['U1']?.profile).toEqual({role: 'admin', newCompany: false, pozeProducer: false});
	});

	it('refuses to go backwards: an older certificate over a later one of the same holder, with both dates', () => {
		const newer = record('newer', {daysLeft: 700});
		const older = record('older', {daysLeft: 30});
		for (const intent of ['register', 'renew'] as const) {
			const decision = decideRegistration(dataWith('U1', [1, newer]), request({intent, record: older}));
			expect(decision).toEqual({kind: 'refused', refusal: {code: 'NOT_LATER', params: {slot: 1, oldNotAfter: newer.notAfter, newNotAfter: older.notAfter}}});
		}
	});

	it('refuses a "renewal" of a slot that holds another holder or nothing', () => {
		const other = record('other', {name: 'Petr Cizí'});
		expect(decideRegistration(dataWith('U1', [1, other]), request({intent: 'renew'}))).toMatchObject({refusal: {code: 'NOT_A_RENEWAL'}});
		expect(decideRegistration(emptyData(), request({intent: 'renew'}))).toMatchObject({refusal: {code: 'NOT_A_RENEWAL'}});
		// A plain registration may replace another holder's certificate.
		expect(decideRegistration(dataWith('U1', [1, other]), request({})).kind).toBe('accepted');
	});

	it('refuses duplicates and certificates that are not registrable, as codes with parameters', () => {
		const cert = record('new', {daysLeft: 700});
		expect(decideRegistration(dataWith('U1', [2, cert]), request({slot: 1}))).toEqual({
			kind: 'refused',
			refusal: {code: 'DUPLICATE', params: {slot: 2, sha256: cert.sha256}},
		});
		expect(decideRegistration(emptyData(), request({registrable: false}))).toEqual({kind: 'refused', refusal: {code: 'NOT_REGISTRABLE', params: {}}});
		expect(decideRegistration(emptyData(), request({roles: []}))).toMatchObject({refusal: {code: 'NO_ROLES'}});
	});

	it('an owner without a valid registered certificate is routed to OTE', () => {
		const decision = decideRegistration(emptyData(), request({profile: {role: 'owner', newCompany: false, pozeProducer: false}, noValidCertificate: true}));
		expect(decision).toMatchObject({kind: 'accepted', nextStep: {kind: 'email', reason: 'no-valid-certificate'}});
	});

	it('sameOutcome notices a slot that changed between planning and the locked write', () => {
		const planned = decideRegistration(emptyData(), request({}));
		const meanwhile = decideRegistration(dataWith('U1', [1, record('someone', {name: 'Petr Cizí'})]), request({}));
		expect(sameOutcome(planned, planned)).toBe(true);
		expect(sameOutcome(planned, meanwhile)).toBe(false);
	});
});

describe('a pair: two certificates of one person into one slot', () => {
	const auth = record('auth', {daysLeft: 700});
	const sign = record('sign', {daysLeft: 650});
	const pair = (overrides: Partial<RegistrationRequest> = {}) =>
		request({slot: 2, roles: ['auth'], record: auth, partner: {record: sign, roles: ['sign'], registrable: true}, ...overrides});

	it('places both in one ledger state, one history event each', () => {
		const decision = decideRegistration(emptyData(), pair());
		if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision));
		const slot = accountLedger(decision.data, 'U1', 'production').slots['2'];
		expect([slot?.auth?.sha256, slot?.sign?.sha256]).toEqual([auth.sha256, sign.sha256]);
		expect(decision.events.map((e) => [e.action, e.roles, e.certificate?.sha256])).toEqual([
			['register', ['auth'], auth.sha256],
			['register', ['sign'], sign.sha256],
		]);
	});

	it('replaces an earlier single certificate of the same holder in both roles', () => {
		const old = record('old', {daysLeft: 20});
		const decision = decideRegistration(dataWith('U1', [2, old]), pair());
		expect(decision).toMatchObject({kind: 'accepted', replaced: {sha256: old.sha256}});
		if (decision.kind === 'accepted') expect(decision.events.map((e) => e.action)).toEqual(['replace', 'replace']);
	});

	it('refuses two holders, overlapping roles, an unregistrable partner, and a partner already in another slot', () => {
		const stranger = record('stranger', {name: 'Petr Cizí', ico: '87654321'});
		expect(decideRegistration(emptyData(), pair({partner: {record: stranger, roles: ['sign'], registrable: true}}))).toMatchObject({
			kind: 'refused',
			refusal: {code: 'PAIR_DIFFERENT_HOLDERS', params: {first: 'Jana Nováková', second: 'Petr Cizí'}},
		});
		expect(decideRegistration(emptyData(), pair({partner: {record: sign, roles: ['auth'], registrable: true}}))).toMatchObject({
			refusal: {code: 'PAIR_ROLES_OVERLAP'},
		});
		expect(decideRegistration(emptyData(), pair({partner: {record: auth, roles: ['sign'], registrable: true}}))).toMatchObject({
			refusal: {code: 'PAIR_ROLES_OVERLAP'},
		});
		expect(decideRegistration(emptyData(), pair({partner: {record: sign, roles: ['sign'], registrable: false}}))).toMatchObject({
			refusal: {code: 'NOT_REGISTRABLE'},
		});
		expect(decideRegistration(dataWith('U1', [4, sign]), pair())).toMatchObject({refusal: {code: 'DUPLICATE', params: {slot: 4}}});
	});
});
