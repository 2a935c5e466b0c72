// The registration decision, for the wizard and the `register`/`renew` commands alike: a resolved
// request in, a decision out (the next step, what is replaced, or a refusal as a code with
// parameters). Pure and text-free, so the same function runs once to plan the package and again
// inside the ledger's locked update, where it decides on what is really there.
import {accountLedger, withAccountLedger, withProfile, type LedgerData} from './ledger-data.js';
import {isRenewalOf, sameHolder, findRenewal, type RenewalMatch} from './renewal.js';
import {decideNextStep} from './routing.js';
import {getSlot, hasValidRegisteredCertificate, placeCertificate, SlotError, type PlaceResult} from './slots.js';
import type {AccountProfile, CertRecord, Environment, HistoryEvent, NextStep, SlotNumber, SlotRole} from './types.js';

/** `register` fills or replaces a slot; `renew` must replace an earlier certificate of the same holder. */
export type RegistrationIntent = 'register' | 'renew';

export interface RegistrationRequest {
	intent: RegistrationIntent;
	account: string;
	env: Environment;
	slot: SlotNumber;
	roles: SlotRole[];
	/** The certificate as the ledger will remember it. */
	record: CertRecord;
	/** The trust verdict: only a registrable certificate may be registered. */
	registrable: boolean;
	profile: AccountProfile;
	/** The person says they hold no valid registered certificate any more (owner only). */
	noValidCertificate: boolean;
	now: Date;
}

type RefusalCode = 'NOT_REGISTRABLE' | 'DUPLICATE' | 'NO_ROLES' | 'BAD_SLOT' | 'EMPTY_SLOT' | 'NOT_A_RENEWAL' | 'NOT_LATER' | 'CHANGED_MEANWHILE';

export interface Refusal {
	code: RefusalCode;
	params: Record<string, string | number>;
}

export type RegistrationDecision =
	| {kind: 'refused'; refusal: Refusal}
	| {
			kind: 'accepted';
			nextStep: NextStep;
			/** The certificate this one pushes out of the slot (in one of the roles written), if any. */
			replaced: CertRecord | null;
			/** Set when the slot held an earlier certificate of the same holder. */
			renewal: RenewalMatch | null;
			events: HistoryEvent[];
			/** The whole ledger after the change (slot, history, profile, last environment). */
			data: LedgerData;
	  };

/**
 * The way on after registering: an owner who said no valid certificate is left needs OTE; otherwise what the
 * ledger knows (an owner it knows nothing about is taken at their word that they can still sign in). The
 * Confirm step shows it before the yes, from the same rule.
 */
export function nextStepFor(input: {profile: AccountProfile; noValidCertificate: boolean; knownValid: boolean | null; env: Environment}): NextStep {
	const {profile, knownValid} = input;
	const hasValid = input.noValidCertificate ? false : profile.role === 'owner' ? (knownValid ?? true) : knownValid;
	return decideNextStep({profile, hasValidRegisteredCertificate: hasValid, env: input.env});
}

function refused(code: RefusalCode, params: Refusal['params'] = {}): RegistrationDecision {
	return {kind: 'refused', refusal: {code, params}};
}

export function decideRegistration(data: LedgerData, request: RegistrationRequest): RegistrationDecision {
	const {record, slot, env, now} = request;
	if (!request.registrable) return refused('NOT_REGISTRABLE');
	const ledger = accountLedger(data, request.account, env.id);
	const before = getSlot(ledger, slot);
	const written = request.roles.map((role) => before?.[role] ?? null).filter((old): old is CertRecord => old !== null && old.sha256 !== record.sha256);
	// Never backwards: an older certificate does not push out a later one of the same holder.
	const newer = written.find((old) => sameHolder(old.holder, record.holder) && !isRenewalOf(old, record));
	if (newer) return refused('NOT_LATER', {slot, oldNotAfter: newer.notAfter, newNotAfter: record.notAfter});
	if (request.intent === 'renew' && !written.some((old) => isRenewalOf(old, record)))
		return refused('NOT_A_RENEWAL', {slot, account: request.account, env: env.id});

	let placed: PlaceResult;
	try {
		placed = placeCertificate(ledger, {slot, roles: request.roles, record, at: now.toISOString()});
	} catch (error) {
		if (error instanceof SlotError) return refused(error.code, error.params);
		throw error;
	}
	const nextStep = nextStepFor({
		profile: request.profile,
		noValidCertificate: request.noValidCertificate,
		knownValid: hasValidRegisteredCertificate(ledger, now),
		env,
	});
	const renewal = findRenewal(ledger, record, {now});
	const withSlot = withAccountLedger(data, request.account, env.id, placed.ledger);
	return {
		kind: 'accepted',
		nextStep,
		replaced: placed.events.find((event) => event.replaced !== null)?.replaced ?? null,
		renewal: renewal?.slot === slot ? renewal : null,
		events: placed.events,
		data: {...withProfile(withSlot, request.account, request.profile), preferences: {...withSlot.preferences, lastEnv: env.id}},
	};
}

/**
 * Whether a decision made under the lock still matches the one the package was written from:
 * another ote-cert may have changed the slot in between.
 */
export function sameOutcome(a: RegistrationDecision, b: RegistrationDecision): boolean {
	if (a.kind !== 'accepted' || b.kind !== 'accepted') return false;
	return JSON.stringify(a.nextStep) === JSON.stringify(b.nextStep) && (a.replaced?.sha256 ?? null) === (b.replaced?.sha256 ?? null);
}
