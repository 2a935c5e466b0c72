// Who may register and which way: the rules of OTE's certificates page (docs/domain.md §5, §7).
import type {AccountProfile, Environment, NextStep} from './types.js';

const SERVICES_ADDRESS = 'Services@ote-cr.cz';
const POZE_ADDRESS = 'POZE@ote-cr.cz';
/** OTE's registration page for POZE producers (the form is sent from the POZE tab). */
export const POZE_FORM_URL = 'https://www.ote-cr.cz/cs/poze/registrace/registrace-vyrobce';

export type MarketSegment = 'electricity' | 'gas' | 'market';

/** Technical questions on reaching CS OTE; OTE says these are not for POZE matters. */
export const TECHNICAL_CONTACTS: Readonly<Record<MarketSegment, string>> = {
	electricity: 'Elektro@ote-cr.cz',
	gas: 'Plyn@ote-cr.cz',
	market: 'Market@ote-cr.cz',
};

export interface RoutingInput {
	profile: AccountProfile;
	/**
	 * Whether the person (as owner) still holds a valid certificate registered in this environment.
	 * Only consulted for owners of existing companies; null = unknown, which the caller must resolve
	 * by asking (see needsValidCertificateAnswer) before routing.
	 */
	hasValidRegisteredCertificate: boolean | null;
	env: Environment;
}

/** True when the answer to "do you still hold a valid registered certificate" changes the route. */
export function needsValidCertificateAnswer(profile: AccountProfile): boolean {
	return !profile.pozeProducer && !profile.newCompany && profile.role === 'owner';
}

export class RoutingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RoutingError';
	}
}

/**
 * POZE producers always go through OTE's POZE form, whatever their role; a new company is registered
 * by OTE itself; otherwise an administrator, or an owner with a valid registered certificate, uploads
 * the public part in the portal, and an owner without one needs OTE (Services@).
 */
export function decideNextStep({profile, hasValidRegisteredCertificate, env}: RoutingInput): NextStep {
	if (profile.pozeProducer) return {kind: 'email', address: POZE_ADDRESS, reason: 'poze-producer'};
	if (profile.newCompany) return {kind: 'email', address: SERVICES_ADDRESS, reason: 'new-company'};
	if (profile.role === 'admin') return {kind: 'portal', portalUrl: env.portalUrl};
	if (hasValidRegisteredCertificate === null) {
		throw new RoutingError('Owner routing needs to know whether a valid registered certificate remains; ask first');
	}
	return hasValidRegisteredCertificate
		? {kind: 'portal', portalUrl: env.portalUrl}
		: {kind: 'email', address: SERVICES_ADDRESS, reason: 'no-valid-certificate'};
}

/** The "nextStep" part of registration.json. */
export type NextStepJson =
	| {nextStep: 'portal'; portalUrl: string; environment: string}
	| {
			nextStep: 'email';
			address: string;
			reason: 'no-valid-certificate' | 'new-company' | 'poze-producer';
			environment: string;
			/** File name of the prepared request inside the package. */
			requestFile: 'request.eml';
			formUrl?: string;
	  };

export function nextStepJson(step: NextStep, env: Environment): NextStepJson {
	if (step.kind === 'portal') return {nextStep: 'portal', portalUrl: step.portalUrl, environment: env.id};
	return {
		nextStep: 'email',
		address: step.address,
		reason: step.reason,
		environment: env.id,
		requestFile: 'request.eml',
		...(step.reason === 'poze-producer' ? {formUrl: POZE_FORM_URL} : {}),
	};
}

/** request.eml belongs in the package exactly when OTE has to act. */
export function needsRequestEmail(step: NextStep): boolean {
	return step.kind === 'email';
}
