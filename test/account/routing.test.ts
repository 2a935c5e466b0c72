import {describe, expect, it} from 'vitest';
import {decideNextStep, needsRequestEmail, needsValidCertificateAnswer, nextStepJson, POZE_FORM_URL, RoutingError} from '../../source/account/routing.js';
import {BUILT_IN_ENVIRONMENTS, type AccountProfile} from '../../source/account/types.js';

const sandbox = BUILT_IN_ENVIRONMENTS[1]!;
const production = BUILT_IN_ENVIRONMENTS[0]!;
const profile = (p: Partial<AccountProfile>): AccountProfile => ({role: 'owner', newCompany: false, pozeProducer: false, ...p});

describe('decideNextStep', () => {
	it('administrator → portal self-service, valid certificate or not', () => {
		for (const valid of [true, false, null]) {
			expect(decideNextStep({profile: profile({role: 'admin'}), hasValidRegisteredCertificate: valid, env: sandbox})).toEqual({
				kind: 'portal',
				portalUrl: 'https://portal.sand.ote-cr.cz/',
			});
		}
	});

	it('owner with a valid registered certificate → portal of the chosen environment', () => {
		expect(decideNextStep({profile: profile({}), hasValidRegisteredCertificate: true, env: production})).toEqual({
			kind: 'portal',
			portalUrl: 'https://portal.ote-cr.cz/',
		});
	});

	it('owner without a valid certificate → e-mail to Services@', () => {
		expect(decideNextStep({profile: profile({}), hasValidRegisteredCertificate: false, env: production})).toEqual({
			kind: 'email',
			address: 'Services@ote-cr.cz',
			reason: 'no-valid-certificate',
		});
	});

	it('owner whose certificate status is unknown must be asked first', () => {
		expect(needsValidCertificateAnswer(profile({}))).toBe(true);
		expect(needsValidCertificateAnswer(profile({role: 'admin'}))).toBe(false);
		expect(needsValidCertificateAnswer(profile({newCompany: true}))).toBe(false);
		expect(() => decideNextStep({profile: profile({}), hasValidRegisteredCertificate: null, env: production})).toThrow(RoutingError);
	});

	it('new company → OTE registers it (Services@), even for an administrator', () => {
		for (const role of ['admin', 'owner'] as const) {
			expect(decideNextStep({profile: profile({role, newCompany: true}), hasValidRegisteredCertificate: true, env: production})).toEqual({
				kind: 'email',
				address: 'Services@ote-cr.cz',
				reason: 'new-company',
			});
		}
	});

	it('POZE producer → POZE@ in every case', () => {
		for (const p of [profile({pozeProducer: true}), profile({pozeProducer: true, role: 'admin', newCompany: true})]) {
			expect(decideNextStep({profile: p, hasValidRegisteredCertificate: true, env: production})).toEqual({
				kind: 'email',
				address: 'POZE@ote-cr.cz',
				reason: 'poze-producer',
			});
		}
	});
});

describe('registration.json next step', () => {
	it('portal and e-mail shapes; request.eml only when OTE acts', () => {
		const portal = decideNextStep({profile: profile({role: 'admin'}), hasValidRegisteredCertificate: null, env: sandbox});
		expect(nextStepJson(portal, sandbox)).toEqual({nextStep: 'portal', portalUrl: 'https://portal.sand.ote-cr.cz/', environment: 'sandbox'});
		expect(needsRequestEmail(portal)).toBe(false);
		const poze = decideNextStep({profile: profile({pozeProducer: true}), hasValidRegisteredCertificate: null, env: production});
		expect(nextStepJson(poze, production)).toEqual({
			nextStep: 'email',
			address: 'POZE@ote-cr.cz',
			reason: 'poze-producer',
			environment: 'production',
			requestFile: 'request.eml',
			formUrl: POZE_FORM_URL,
		});
		expect(needsRequestEmail(poze)).toBe(true);
	});
});
