import {describe, expect, it} from 'vitest';
import {messages} from '../../source/i18n/messages/account.js';
import {wholeDaysAgo, wholeDaysLeft} from '../../source/certificate/days.js';
import {certStatusText, nextStepText, renewalTexts, rolesText, technicalContactsText} from '../../source/i18n/account-texts.js';
import {findRenewal} from '../../source/account/renewal.js';
import {emptyLedger, placeCertificate} from '../../source/account/slots.js';
import {NOW, record} from './helpers.js';

describe('account texts', () => {
	it('every key exists in Czech and English', () => {
		expect(Object.keys(messages.cs).sort()).toEqual(Object.keys(messages.en).sort());
	});

	it('routes in both languages', () => {
		expect(nextStepText({kind: 'portal', portalUrl: 'https://portal.ote-cr.cz/'}, 'cs')).toContain('https://portal.ote-cr.cz/');
		const poze = nextStepText({kind: 'email', address: 'POZE@ote-cr.cz', reason: 'poze-producer'}, 'en');
		expect(poze).toContain('POZE@ote-cr.cz');
		expect(poze).toContain('https://www.ote-cr.cz/cs/poze/registrace/registrace-vyrobce');
		expect(technicalContactsText('cs')).toContain('Plyn@ote-cr.cz');
		expect(rolesText(['sign', 'auth'], 'cs')).toBe('přihlašovací i podpisový');
	});

	it('Czech plural forms for days', () => {
		expect(certStatusText({daysLeft: 1, expired: false, expiringSoon: true}, 'cs')).toBe('platnost končí za 1 den');
		expect(certStatusText({daysLeft: 3, expired: false, expiringSoon: true}, 'cs')).toBe('platnost končí za 3 dny');
		expect(certStatusText({daysLeft: 120, expired: false, expiringSoon: false}, 'cs')).toBe('platný ještě 120 dní');
		expect(certStatusText({daysLeft: -3, expired: true, expiringSoon: false}, 'en')).toBe('expired 2 days ago');
		expect(certStatusText({daysLeft: -1, expired: true, expiringSoon: false}, 'cs')).toBe('platnost skončila dnes');
	});

	it('counts whole days the same way everywhere: 2.0 days after the end is "2 days ago", never 3', () => {
		const end = new Date(NOW.getTime() - 2 * 86_400_000);
		for (const ms of [0, 1, 60_000, 86_400_000 - 1]) {
			const days = wholeDaysLeft(end, new Date(NOW.getTime() + ms));
			expect(wholeDaysAgo(days)).toBe(2);
			expect(certStatusText({daysLeft: days, expired: true, expiringSoon: false}, 'en')).toBe('expired 2 days ago');
		}
		expect(wholeDaysLeft(new Date(NOW.getTime() + 2.9 * 86_400_000), NOW)).toBe(2);
		expect(wholeDaysAgo(wholeDaysLeft(new Date(NOW.getTime() - 3_600_000), NOW))).toBe(0);
	});

	it('renewal warnings', () => {
		const old = record('old', {daysLeft: -10});
		const ledger = placeCertificate(emptyLedger(), {slot: 2, roles: ['auth', 'sign'], record: old, at: NOW.toISOString()}).ledger;
		const fresh = record('new');
		const match = findRenewal(ledger, fresh, {now: NOW})!;
		const [found, warning] = renewalTexts(match, NOW, 'cs');
		expect(found).toContain('pozici 2');
		expect(warning).toContain('administrátor');
	});
});
