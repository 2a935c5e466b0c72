// The wizard's state machine. Pure: screens dispatch intents, effects live in the UI controller.
// Every rule about what may follow what is here, so it is tested without rendering anything.
import type {AccountProfile, SlotNumber, SlotRole} from '../account/types.js';
import type {Assessment} from '../trust/types.js';
import type {CertificateEntry} from '../sources/types.js';

export const STEPS = ['source', 'certificate', 'environment', 'slot', 'confirm'] as const;
export type StepId = (typeof STEPS)[number] | 'done';

/** Short stable codes a helpdesk operator and a caller can read to each other. */
export const STEP_CODES: Record<StepId, string> = {
	source: 'SRC',
	certificate: 'CERT',
	environment: 'ENV',
	slot: 'SLOT',
	confirm: 'OK',
	done: 'DONE',
};

export interface CandidateCertificate {
	assessment: Assessment;
	/** Where it came from, for display and for the ledger (path or pkcs11: URI). */
	sourceRef: string;
	keyMatches: boolean | null;
	entry: CertificateEntry;
}

/** Why the wizard stayed where it is; each has a sentence `ui.refusal.CODE`. */
export type RefusalCode = 'NO_CERTIFICATE' | 'NO_SUCH_CERTIFICATE' | 'NOT_REGISTRABLE' | 'NO_ROLE';

export interface WizardState {
	step: StepId;
	sourceRef: string | null;
	candidates: CandidateCertificate[];
	chosen: number | null;
	envId: string | null;
	account: string;
	profile: AccountProfile | null;
	slot: SlotNumber | null;
	roles: SlotRole[];
	/** Why the last intent was refused; cleared by the next accepted intent. */
	refusal: RefusalCode | null;
}

export type WizardIntent =
	| {type: 'sourceLoaded'; sourceRef: string; candidates: CandidateCertificate[]}
	| {type: 'chooseCertificate'; index: number}
	| {type: 'chooseEnvironment'; envId: string; account: string}
	| {type: 'setProfile'; profile: AccountProfile}
	| {type: 'chooseSlot'; slot: SlotNumber; roles: SlotRole[]}
	| {type: 'registered'}
	| {type: 'back'};

export function initialState(defaults: {account?: string} = {}): WizardState {
	return {
		step: 'source',
		sourceRef: null,
		candidates: [],
		chosen: null,
		envId: null,
		account: defaults.account ?? 'default',
		profile: null,
		slot: null,
		roles: [],
		refusal: null,
	};
}

export function stepNumber(step: StepId): number {
	return step === 'done' ? STEPS.length : STEPS.indexOf(step) + 1;
}

export function chosenCandidate(state: WizardState): CandidateCertificate | null {
	return state.chosen === null ? null : (state.candidates[state.chosen] ?? null);
}

const refuse = (state: WizardState, refusal: RefusalCode): WizardState => ({...state, refusal});

export function wizardReducer(state: WizardState, intent: WizardIntent): WizardState {
	switch (intent.type) {
		case 'sourceLoaded': {
			if (state.step !== 'source') return state;
			if (intent.candidates.length === 0) return refuse(state, 'NO_CERTIFICATE');
			return {...state, step: 'certificate', sourceRef: intent.sourceRef, candidates: intent.candidates, chosen: null, refusal: null};
		}
		case 'chooseCertificate': {
			if (state.step !== 'certificate') return state;
			const candidate = state.candidates[intent.index];
			if (!candidate) return refuse(state, 'NO_SUCH_CERTIFICATE');
			if (!candidate.assessment.registrable) return refuse({...state, chosen: intent.index}, 'NOT_REGISTRABLE');
			return {...state, step: 'environment', chosen: intent.index, refusal: null};
		}
		case 'chooseEnvironment': {
			if (state.step !== 'environment') return state;
			const account = intent.account.trim() || 'default';
			// A different account has different slots and a different profile: forget earlier answers.
			const sameAccount = account === state.account;
			return {
				...state,
				step: 'slot',
				envId: intent.envId,
				account,
				profile: sameAccount ? state.profile : null,
				slot: null,
				roles: [],
				refusal: null,
			};
		}
		case 'setProfile': {
			if (state.step !== 'slot') return state;
			return {...state, profile: intent.profile, refusal: null};
		}
		case 'chooseSlot': {
			if (state.step !== 'slot') return state;
			if (intent.roles.length === 0) return refuse(state, 'NO_ROLE');
			return {...state, step: 'confirm', slot: intent.slot, roles: intent.roles, refusal: null};
		}
		case 'registered': {
			if (state.step !== 'confirm') return state;
			return {...state, step: 'done', refusal: null};
		}
		case 'back': {
			switch (state.step) {
				case 'certificate':
					return {...state, step: 'source', candidates: [], chosen: null, sourceRef: null, refusal: null};
				case 'environment':
					return {...state, step: 'certificate', refusal: null};
				case 'slot':
					return {...state, step: 'environment', slot: null, roles: [], refusal: null};
				case 'confirm':
					return {...state, step: 'slot', refusal: null};
				default:
					return state;
			}
		}
	}
}
