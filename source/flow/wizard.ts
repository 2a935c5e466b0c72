// The wizard's state machine. Pure: screens dispatch intents, `advance` returns the next state and the work
// to do (effects, as data); one runner in the UI shell performs that work and feeds the results back as
// intents. Every rule about what may follow what is in this file, so it is tested without rendering.
//
// Each stage holds exactly what its screen needs. Answers about an account live inside that account's part
// (`OpenAccount`), so choosing another account or environment starts from an empty part by construction.
import {AccountIdError, normaliseAccountId} from '../account/ledger-data.js';
import {nextStepFor} from '../account/registration.js';
import type {AccountProfile, Environment, NextStep, SlotNumber, SlotRole} from '../account/types.js';
import type {KeyProof, RegisterOutcome, RegisterRequest, SlotCert, SlotOverview, SourceSummary} from '../services/wizard-services.js';
import type {CertificateEntry, SecretRequest, SourceRef} from '../sources/types.js';
import {certRecordFrom} from '../account/records.js';
import {entryFacts, orderCandidates, proposePair, proposeRoles, type CandidateGroup, type RoleReason} from '../account/roles.js';
import type {Assessment} from '../trust/types.js';

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

export function stepNumber(step: StepId): number {
	return step === 'done' ? STEPS.length : STEPS.indexOf(step) + 1;
}

export interface CandidateCertificate {
	assessment: Assessment;
	/** Where it came from, for display and for the ledger (path or pkcs11: URI). */
	sourceRef: string;
	keyMatches: boolean | null;
	entry: CertificateEntry;
}

// ---- the parts of the state ----------------------------------------------------------------------------

/** What the search for files and tokens found so far; it runs once, from the start. */
export interface Discovery {
	found: SourceRef[];
	/** What each found file holds (holder, expiry, verdict), read after it was listed; absent until then or when unreadable without a password. */
	summaries: Record<string, SourceSummary>;
	searching: boolean;
	/** Set when the person works over SSH and no token is visible. */
	sshAdvice: string | null;
	/** What the search could not do, in the person's words (e.g. token support not installed). */
	problems: string[];
}

/** The Source step's sub-steps. A secret is asked while a load runs; the loader owns its retry count. */
type SourceMode =
	| {kind: 'list'}
	| {kind: 'ssh'}
	| {kind: 'path'}
	| {kind: 'loading'; ref: string}
	/** A .p12 password or a token PIN; `request.retry` after a wrong one, `request.pinState` the token's counter. */
	| {kind: 'secret'; ref: string; request: SecretRequest};

export type SourceProblem = {kind: 'no-certificate'} | {kind: 'unreadable'; message: string};

/** At least one: a source without certificates stays on the Source step. */
type Candidates = [CandidateCertificate, ...CandidateCertificate[]];

interface LoadedSource {
	ref: string;
	/** In the list's order: certificates with their key first, CA certificates last. */
	candidates: Candidates;
	/** The group of each candidate (same index): CA certificates are chain companions, shown apart. */
	groups: CandidateGroup[];
}

const isNonEmpty = (list: CandidateCertificate[]): list is Candidates => list.length > 0;

/** The certificate taken further: always an acceptable one. */
export interface Picked {
	source: LoadedSource;
	index: number;
	candidate: CandidateCertificate;
	/** The roles of a slot pair this certificate can fill (never empty). */
	fitting: SlotRole[];
	/** The roles read from the certificate itself, preselected, and why. */
	proposed: SlotRole[];
	reason: RoleReason;
	/** The other half of a pair on the same source (same holder, the other role), offered on the roles stage. */
	partner: Partner | null;
}

/** A second certificate of the same person on the same source: together they fill one slot. */
interface Partner {
	candidate: CandidateCertificate;
	/** Which of the two authenticates; the other signs. */
	auth: 'picked' | 'partner';
}

/**
 * The revocation check (OCSP/CRL) of the loaded certificates. It runs while the step is on screen; a
 * certificate chosen meanwhile (`chosen`) goes further only when the answer allows it, so a revoked
 * certificate is never taken further by a quick Enter.
 */
type RevocationCheck = {kind: 'checking'; chosen: number | null} | {kind: 'checked'};

/** What the Certificate step shows: everything, scrolled by `offset` lines when it does not fit the terminal. */
type CertificateView = {kind: 'summary'; offset: number};

export interface AccountKey {
	environment: Environment;
	account: string;
}

export type ProfileChoice = 'admin' | 'owner' | 'new-company' | 'poze';

export interface ProfileAnswer {
	/** What the person chose; null when the ledger remembered the profile and nothing was asked. */
	choice: ProfileChoice | null;
	profile: AccountProfile;
	/** An owner said every registered certificate has expired: OTE has to act (request.eml). */
	noValidCertificate: boolean;
}

/** One account in one environment, opened: its slots and the answers given about it in this run. */
interface OpenAccount extends AccountKey {
	overview: SlotOverview;
	/** "Who registers" as the ledger remembers it for this account. */
	remembered: AccountProfile | null;
	/** The slot chosen on an earlier visit of the slot list (back from roles or Confirm), highlighted instead of the suggestion. */
	slot: SlotNumber | null;
}

interface AnsweredAccount extends OpenAccount {
	answer: ProfileAnswer;
}

/** Where the certificate goes: `roles` are the picked certificate's; a pair adds its partner in the other role. */
interface Placement {
	slot: SlotNumber;
	roles: SlotRole[];
	pair?: {partner: CandidateCertificate; roles: SlotRole[]};
}

/** Proof that a token holds the certificate's key. Files say it themselves (`candidate.keyMatches`). */
export type ProofState =
	| {kind: 'not-needed'}
	| {kind: 'checking'; sign: boolean}
	| {kind: 'pin'; request: SecretRequest}
	| {kind: 'proved'; proof: KeyProof}
	| {kind: 'failed'; message: string};

export type Stage =
	| {step: 'source'; mode: SourceMode; problem: SourceProblem | null}
	| {step: 'certificate'; source: LoadedSource; initial: number; refusal: 'NOT_REGISTRABLE' | null; revocation: RevocationCheck; view: CertificateView}
	| {step: 'environment'; pick: Picked}
	| {
			step: 'account';
			pick: Picked;
			environment: Environment;
			refusal: {code: 'ACCOUNT_ID_INVALID'; typed: string} | null;
			/** What the field starts with: typed earlier in this run, else the id used last in this environment. */
			prefill: string;
			/** User ids registered with in this environment before, most recent first (↑ in the field). */
			earlier: string[];
	  }
	| {step: 'opening'; pick: Picked; key: AccountKey}
	| {step: 'ledger-problem'; pick: Picked; key: AccountKey; message: string}
	/** `earlier`: the answer given before the person came back to the question; kept if they leave it unchanged. */
	| {step: 'profile'; pick: Picked; account: OpenAccount; earlier: ProfileAnswer | null; highlight: ProfileChoice | null}
	| {step: 'still-valid'; pick: Picked; account: OpenAccount; profile: AccountProfile}
	| {step: 'slot'; pick: Picked; account: AnsweredAccount}
	| {step: 'roles'; pick: Picked; account: AnsweredAccount; slot: SlotNumber}
	| {step: 'confirm'; pick: Picked; account: AnsweredAccount; placement: Placement; proof: ProofState; problem: string | null}
	| {step: 'registering'; pick: Picked; account: AnsweredAccount; placement: Placement; proof: ProofState}
	| {step: 'done'; outcome: RegisterOutcome};

/**
 * What was typed or chosen further on, kept when the person goes back so that going forward again shows it.
 * `answers` are the last account's answers, reused only when the same account in the same environment is
 * opened again.
 */
interface Drafts {
	envId: string | null;
	/** Typed in this run (or given with --account); null: not yet, so the environment's last one is offered. */
	account: string | null;
	/** From the ledger: user ids per environment, most recent first. */
	recent: Record<string, string[]>;
	answers: {envId: string; account: string; answer: ProfileAnswer | null} | null;
}

export type Status = {kind: 'report-written'; file: string} | {kind: 'report-failed'; message: string};

type CertificateStage = Extract<Stage, {step: 'certificate'}>;

export interface WizardState {
	stage: Stage;
	discovery: Discovery;
	drafts: Drafts;
	/** The last error the person saw, for the diagnostic report. */
	lastError: string | null;
	status: Status | null;
}

// ---- intents and effects -------------------------------------------------------------------------------

export type WizardIntent =
	// discovery (from the runner)
	| {type: 'sourcesFound'; refs: SourceRef[]}
	| {type: 'sourceDescribed'; ref: string; summary: SourceSummary}
	| {type: 'discoveryDone'; sshAdvice: string | null; problems?: string[]}
	// Source step
	| {type: 'openPath'}
	| {type: 'showSshAdvice'}
	| {type: 'loadSource'; ref: string}
	| {type: 'secretAsked'; request: SecretRequest}
	| {type: 'submitSecret'; value: string}
	| {type: 'cancelSecret'}
	| {type: 'sourceLoaded'; ref: string; candidates: CandidateCertificate[]}
	| {type: 'sourceFailed'; message: string | null}
	// Certificate step
	| {type: 'chooseCertificate'; index: number}
	| {type: 'revocationChecked'; ref: string; candidates: CandidateCertificate[]}
	| {type: 'scrollCertificate'; offset: number}
	// Environment step
	| {type: 'chooseEnvironment'; environment: Environment}
	| {type: 'submitAccount'; text: string}
	| {type: 'accountOpened'; key: AccountKey; overview: SlotOverview; remembered: AccountProfile | null}
	| {type: 'accountFailed'; key: AccountKey; message: string}
	// Slot step
	| {type: 'chooseProfile'; choice: ProfileChoice}
	| {type: 'answerStillValid'; holdsValid: boolean}
	| {type: 'chooseSlot'; slot: SlotNumber}
	| {type: 'chooseRoles'; roles: SlotRole[]}
	/** Both halves of the pair into the chosen slot (offered when the picked certificate has a partner). */
	| {type: 'choosePair'}
	// Confirm step
	| {type: 'proveBySignature'}
	| {type: 'proofDone'; proof: KeyProof}
	| {type: 'proofFailed'; message: string}
	| {type: 'confirm'}
	| {type: 'registered'; outcome: RegisterOutcome}
	| {type: 'registerFailed'; message: string}
	// anywhere
	| {type: 'writeReport'}
	| {type: 'reportWritten'; file: string}
	| {type: 'reportFailed'; message: string}
	| {type: 'back'};

export type WizardEffect =
	| {kind: 'discover'}
	/** Reads found files for the list (holder, expiry, verdict); runs once the search has ended, never before the first frame. */
	| {kind: 'describe'; refs: string[]}
	| {kind: 'load'; ref: string}
	/** Hands the secret typed at a prompt to the load or proof waiting for it (null: cancelled). Never stored. */
	| {kind: 'answerSecret'; value: string | null}
	/** Asks OCSP/CRL about each candidate (nobody with --offline); the answers come back as `revocationChecked`. */
	| {kind: 'checkRevocation'; ref: string; candidates: CandidateCertificate[]}
	| {kind: 'openAccount'; key: AccountKey; candidate: CandidateCertificate}
	| {kind: 'prove'; candidate: CandidateCertificate; sign: boolean}
	| {kind: 'register'; request: RegisterRequest}
	| {kind: 'writeReport'; context: ReportContext};

/**
 * What the diagnostic report says about this run: the step, the answers so far (public data only — no
 * secret is ever in the state), the certificates on screen and the last error.
 */
export interface ReportContext {
	step: string;
	answers: {
		environment: string | null;
		account: string | null;
		profile: AccountProfile | null;
		noValidCertificate: boolean | null;
		slot: SlotNumber | null;
		roles: SlotRole[] | null;
	};
	certificates: CandidateCertificate[];
	lastError: string | null;
}

export interface Transition {
	state: WizardState;
	effects: WizardEffect[];
}

// ---- reading the state ---------------------------------------------------------------------------------

/** The numbered step of the header for a stage. */
export function stepOf(stage: Stage): StepId {
	switch (stage.step) {
		case 'source':
			return 'source';
		case 'certificate':
			return 'certificate';
		case 'environment':
		case 'account':
			return 'environment';
		case 'opening':
		case 'ledger-problem':
		case 'profile':
		case 'still-valid':
		case 'slot':
		case 'roles':
			return 'slot';
		case 'confirm':
		case 'registering':
			return 'confirm';
		case 'done':
			return 'done';
		default:
			return assertNever(stage);
	}
}

/** Leaving loses choices made after the first step; nothing is written before the yes, and after it all is. */
export function wouldLoseAnswers(state: WizardState): boolean {
	const step = stepOf(state.stage);
	return step !== 'source' && step !== 'done';
}

/** The key proof registration records: only one that was made. */
function provenKey(proof: ProofState): KeyProof | null {
	return proof.kind === 'proved' ? proof.proof : null;
}

/** Yes is offered only when no proof is running and none has failed to find the key. */
export function canConfirm(proof: ProofState): boolean {
	switch (proof.kind) {
		case 'not-needed':
		case 'failed':
			return true;
		case 'checking':
		case 'pin':
			return false;
		case 'proved':
			return proof.proof.ok;
		default:
			return assertNever(proof);
	}
}

/** A signature proof can be asked for on a token until one has been made. */
export function canProveBySignature(pick: Picked, proof: ProofState): boolean {
	if (pick.candidate.entry.origin.kind === 'file') return false;
	if (proof.kind === 'checking' || proof.kind === 'pin') return false;
	return !(proof.kind === 'proved' && proof.proof.level === 'signature');
}

export function assertNever(value: never): never {
	throw new Error(`Unexpected ${JSON.stringify(value)}`);
}

// ---- the machine ---------------------------------------------------------------------------------------

export interface StartDefaults {
	/** Given with --account: the user id in every environment. */
	account?: string | null;
	envId?: string | null;
	/** The ledger's user ids per environment, most recent first. */
	recentAccounts?: Record<string, string[]>;
}

export function initialState(defaults: StartDefaults = {}): WizardState {
	return {
		stage: {step: 'source', mode: {kind: 'list'}, problem: null},
		discovery: {found: [], summaries: {}, searching: true, sshAdvice: null, problems: []},
		drafts: {envId: defaults.envId ?? null, account: defaults.account ?? null, recent: defaults.recentAccounts ?? {}, answers: null},
		lastError: null,
		status: null,
	};
}

/** The first state and the work to start with: the search for files and tokens. */
export function start(defaults: StartDefaults = {}): Transition {
	return {state: initialState(defaults), effects: [{kind: 'discover'}]};
}

const PROFILES: Record<ProfileChoice, AccountProfile> = {
	admin: {role: 'admin', newCompany: false, pozeProducer: false},
	owner: {role: 'owner', newCompany: false, pozeProducer: false},
	'new-company': {role: 'owner', newCompany: true, pozeProducer: false},
	poze: {role: 'owner', newCompany: false, pozeProducer: true},
};

const sameKey = (a: AccountKey, b: AccountKey): boolean => a.environment.id === b.environment.id && a.account === b.account;

const stay = (state: WizardState): Transition => ({state, effects: []});
const go = (state: WizardState, stage: Stage, ...effects: WizardEffect[]): Transition => ({state: {...state, stage, status: null}, effects});

/** The account field of an environment: what was typed in this run, else the id used there last. */
function accountField(drafts: Drafts, envId: string): {prefill: string; earlier: string[]} {
	const earlier = drafts.recent[envId] ?? [];
	return {prefill: drafts.account ?? earlier[0] ?? '', earlier};
}

function loadedSource(ref: string, candidates: Candidates): LoadedSource {
	const ordered = orderCandidates(candidates, (c) => entryFacts(c.entry, c.assessment.certificate.isCA));
	return {ref, candidates: ordered.map((o) => o.item) as Candidates, groups: ordered.map((o) => o.group)};
}

const recordOf = (c: CandidateCertificate) => certRecordFrom(c.assessment.certificate, c.sourceRef, c.assessment.approval.kind);

/** The first certificate of the same source that makes a pair with the picked one. */
function partnerOf(source: LoadedSource, index: number): Partner | null {
	const picked = source.candidates[index];
	if (!picked) return null;
	for (const [i, other] of source.candidates.entries()) {
		if (i === index || source.groups[i] === 'ca' || !other.assessment.registrable) continue;
		const pair = proposePair({assessment: picked.assessment, record: recordOf(picked)}, {assessment: other.assessment, record: recordOf(other)});
		if (pair.kind === 'pair') return {candidate: other, auth: pair.auth === 0 ? 'picked' : 'partner'};
	}
	return null;
}

function pickOf(source: LoadedSource, index: number, candidate: CandidateCertificate): Picked {
	const proposal = proposeRoles(candidate.assessment);
	return {source, index, candidate, fitting: proposal.fitting, proposed: proposal.proposed, reason: proposal.reason, partner: partnerOf(source, index)};
}

function firstRegistrable(candidates: CandidateCertificate[]): number {
	return Math.max(
		candidates.findIndex((c) => c.assessment.registrable),
		0,
	);
}

/** Drafts after leaving an account backwards: its answers are kept for the same account only. */
function keepAnswers(state: WizardState, account: OpenAccount, answer: ProfileAnswer | null): Drafts {
	return {...state.drafts, answers: {envId: account.environment.id, account: account.account, answer}};
}

function toConfirm(state: WizardState, pick: Picked, account: AnsweredAccount, placement: Placement): Transition {
	const onToken = pick.candidate.entry.origin.kind !== 'file';
	// The PIN-free check costs nothing and catches a certificate whose key is not on this token.
	const proof: ProofState = onToken ? {kind: 'checking', sign: false} : {kind: 'not-needed'};
	const effects: WizardEffect[] = onToken ? [{kind: 'prove', candidate: pick.candidate, sign: false}] : [];
	return go(state, {step: 'confirm', pick, account: {...account, slot: placement.slot}, placement, proof, problem: null}, ...effects);
}

function answered(state: WizardState, pick: Picked, account: OpenAccount, answer: ProfileAnswer): Transition {
	return go(state, {step: 'slot', pick, account: {...account, answer}});
}

export function advance(state: WizardState, intent: WizardIntent): Transition {
	const stage = state.stage;
	switch (intent.type) {
		case 'sourcesFound':
			return stay({...state, discovery: {...state.discovery, found: [...state.discovery.found, ...intent.refs]}});
		case 'sourceDescribed':
			// A description from a search that has since started over describes nothing on screen.
			if (!state.discovery.found.some((ref) => ref.ref === intent.ref)) return stay(state);
			return stay({...state, discovery: {...state.discovery, summaries: {...state.discovery.summaries, [intent.ref]: intent.summary}}});
		case 'discoveryDone': {
			// Files are read for the list only once the search has ended: reading them while it runs would eat
			// the search's time budget and leave files unfound on a busy machine.
			const files = state.discovery.found.filter((ref) => ref.kind === 'file').map((ref) => ref.ref);
			const next = {...state, discovery: {...state.discovery, searching: false, sshAdvice: intent.sshAdvice, problems: intent.problems ?? []}};
			return files.length > 0 && state.discovery.searching ? {state: next, effects: [{kind: 'describe', refs: files}]} : stay(next);
		}

		case 'openPath':
			if (stage.step !== 'source' || stage.mode.kind !== 'list') return stay(state);
			return go(state, {...stage, mode: {kind: 'path'}});
		case 'showSshAdvice':
			if (stage.step !== 'source' || stage.mode.kind !== 'list' || !state.discovery.sshAdvice) return stay(state);
			return go(state, {...stage, mode: {kind: 'ssh'}});
		case 'loadSource': {
			if (stage.step !== 'source' || (stage.mode.kind !== 'list' && stage.mode.kind !== 'path')) return stay(state);
			const ref = intent.ref.trim();
			if (!ref) return go(state, {...stage, mode: {kind: 'list'}});
			return go(state, {step: 'source', mode: {kind: 'loading', ref}, problem: null}, {kind: 'load', ref});
		}
		case 'secretAsked':
			if (stage.step === 'source' && stage.mode.kind === 'loading')
				return go(state, {...stage, mode: {kind: 'secret', ref: stage.mode.ref, request: intent.request}});
			if (stage.step === 'confirm' && stage.proof.kind === 'checking' && stage.proof.sign)
				return go(state, {...stage, proof: {kind: 'pin', request: intent.request}});
			// Nobody on screen asked: refuse, so the waiting load does not hang.
			return {state, effects: [{kind: 'answerSecret', value: null}]};
		case 'submitSecret':
		case 'cancelSecret': {
			const value = intent.type === 'submitSecret' ? intent.value : null;
			if (stage.step === 'source' && stage.mode.kind === 'secret')
				return go(state, {...stage, mode: {kind: 'loading', ref: stage.mode.ref}}, {kind: 'answerSecret', value});
			if (stage.step === 'confirm' && stage.proof.kind === 'pin')
				return go(state, {...stage, proof: {kind: 'checking', sign: true}}, {kind: 'answerSecret', value});
			return stay(state);
		}
		case 'sourceLoaded': {
			if (stage.step !== 'source' || (stage.mode.kind !== 'loading' && stage.mode.kind !== 'secret') || stage.mode.ref !== intent.ref) return stay(state);
			if (!isNonEmpty(intent.candidates)) return go(state, {step: 'source', mode: {kind: 'list'}, problem: {kind: 'no-certificate'}});
			const source = loadedSource(intent.ref, intent.candidates);
			return go(
				state,
				{
					step: 'certificate',
					source,
					initial: firstRegistrable(source.candidates),
					refusal: null,
					revocation: {kind: 'checking', chosen: null},
					view: {kind: 'summary', offset: 0},
				},
				{kind: 'checkRevocation', ref: intent.ref, candidates: source.candidates},
			);
		}
		case 'sourceFailed': {
			if (stage.step !== 'source' || (stage.mode.kind !== 'loading' && stage.mode.kind !== 'secret')) return stay(state);
			// A cancelled prompt is the person's choice, not a problem to report.
			if (intent.message === null) return go(state, {step: 'source', mode: {kind: 'list'}, problem: null});
			return go({...state, lastError: intent.message}, {step: 'source', mode: {kind: 'list'}, problem: {kind: 'unreadable', message: intent.message}});
		}

		case 'chooseCertificate': {
			if (stage.step !== 'certificate') return stay(state);
			const candidate = stage.source.candidates[intent.index];
			if (!candidate) return stay(state);
			if (!candidate.assessment.registrable) return go(state, {...stage, initial: intent.index, refusal: 'NOT_REGISTRABLE'});
			// The answer may still make it unregistrable: go on when it comes.
			if (stage.revocation.kind === 'checking')
				return go(state, {...stage, initial: intent.index, refusal: null, revocation: {kind: 'checking', chosen: intent.index}});
			return go(state, {step: 'environment', pick: pickOf(stage.source, intent.index, candidate)});
		}
		case 'revocationChecked': {
			if (stage.step !== 'certificate' || stage.revocation.kind !== 'checking' || stage.source.ref !== intent.ref) return stay(state);
			if (intent.candidates.length !== stage.source.candidates.length || !isNonEmpty(intent.candidates)) return stay(state);
			// Ordered again by the one rule: the answer's order then never matters (a revocation finding
			// changes no group, so an answer in the order asked keeps every certificate where it was).
			const checked: CertificateStage = {...stage, source: loadedSource(stage.source.ref, intent.candidates), revocation: {kind: 'checked'}};
			const chosen = stage.revocation.chosen;
			return chosen === null ? go(state, checked) : advance({...state, stage: checked}, {type: 'chooseCertificate', index: chosen});
		}
		case 'scrollCertificate':
			if (stage.step !== 'certificate') return stay(state);
			return stay({...state, stage: {...stage, view: {kind: 'summary', offset: Math.max(0, Math.floor(intent.offset) || 0)}}});

		case 'chooseEnvironment':
			if (stage.step !== 'environment') return stay(state);
			return go(
				{...state, drafts: {...state.drafts, envId: intent.environment.id}},
				{step: 'account', pick: stage.pick, environment: intent.environment, refusal: null, ...accountField(state.drafts, intent.environment.id)},
			);
		case 'submitAccount': {
			if (stage.step !== 'account') return stay(state);
			let account: string;
			try {
				account = normaliseAccountId(intent.text);
			} catch (error) {
				if (error instanceof AccountIdError) return go(state, {...stage, refusal: {code: 'ACCOUNT_ID_INVALID', typed: intent.text}});
				throw error;
			}
			const key = {environment: stage.environment, account};
			return go(
				{...state, drafts: {...state.drafts, account}},
				{step: 'opening', pick: stage.pick, key},
				{kind: 'openAccount', key, candidate: stage.pick.candidate},
			);
		}
		case 'accountOpened': {
			if (stage.step !== 'opening' || !sameKey(stage.key, intent.key)) return stay(state);
			const kept = state.drafts.answers;
			const earlier = kept && kept.envId === stage.key.environment.id && kept.account === stage.key.account ? kept : null;
			// The slot list starts on the suggestion again: the overview was read anew.
			const account: OpenAccount = {...stage.key, overview: intent.overview, remembered: intent.remembered, slot: null};
			// An answer the person gave is theirs to keep; one the ledger supplied is read from the ledger again.
			const given = earlier?.answer?.choice ? earlier.answer : null;
			const answer = given ?? (intent.remembered ? {choice: null, profile: intent.remembered, noValidCertificate: false} : null);
			if (answer) return answered(state, stage.pick, account, answer);
			return go(state, {step: 'profile', pick: stage.pick, account, earlier: null, highlight: null});
		}
		case 'accountFailed':
			if (stage.step !== 'opening' || !sameKey(stage.key, intent.key)) return stay(state);
			return go({...state, lastError: intent.message}, {step: 'ledger-problem', pick: stage.pick, key: stage.key, message: intent.message});

		case 'chooseProfile': {
			if (stage.step !== 'profile') return stay(state);
			const profile = PROFILES[intent.choice];
			const known = stage.account.overview.hasValidRegistered;
			// Only an owner's next step depends on a valid certificate; ask only when the ledger cannot tell.
			if (intent.choice === 'owner' && known === null) return go(state, {step: 'still-valid', pick: stage.pick, account: stage.account, profile});
			return answered(state, stage.pick, stage.account, {choice: intent.choice, profile, noValidCertificate: intent.choice === 'owner' && known === false});
		}
		case 'answerStillValid':
			if (stage.step !== 'still-valid') return stay(state);
			return answered(state, stage.pick, stage.account, {choice: 'owner', profile: stage.profile, noValidCertificate: !intent.holdsValid});
		case 'chooseSlot': {
			if (stage.step !== 'slot') return stay(state);
			const account = {...stage.account, slot: intent.slot};
			// A partner on the same source is offered on the roles stage, even when the certificate fits one role.
			if (stage.pick.fitting.length === 1 && !stage.pick.partner) return toConfirm(state, stage.pick, account, {slot: intent.slot, roles: stage.pick.fitting});
			return go(state, {step: 'roles', pick: stage.pick, account, slot: intent.slot});
		}
		case 'chooseRoles': {
			if (stage.step !== 'roles') return stay(state);
			const roles = stage.pick.fitting.filter((role) => intent.roles.includes(role));
			if (roles.length === 0 || roles.length !== new Set(intent.roles).size) return stay(state);
			return toConfirm(state, stage.pick, stage.account, {slot: stage.slot, roles});
		}
		case 'choosePair': {
			if (stage.step !== 'roles' || !stage.pick.partner) return stay(state);
			const {partner} = stage.pick;
			const roles: SlotRole[] = partner.auth === 'picked' ? ['auth'] : ['sign'];
			const partnerRoles: SlotRole[] = partner.auth === 'picked' ? ['sign'] : ['auth'];
			return toConfirm(state, stage.pick, stage.account, {slot: stage.slot, roles, pair: {partner: partner.candidate, roles: partnerRoles}});
		}

		case 'proveBySignature':
			if (stage.step !== 'confirm' || !canProveBySignature(stage.pick, stage.proof)) return stay(state);
			return go(state, {...stage, proof: {kind: 'checking', sign: true}, problem: null}, {kind: 'prove', candidate: stage.pick.candidate, sign: true});
		case 'proofDone':
			if (stage.step !== 'confirm' || (stage.proof.kind !== 'checking' && stage.proof.kind !== 'pin')) return stay(state);
			return go(state, {...stage, proof: {kind: 'proved', proof: intent.proof}});
		case 'proofFailed':
			if (stage.step !== 'confirm' || (stage.proof.kind !== 'checking' && stage.proof.kind !== 'pin')) return stay(state);
			return go({...state, lastError: intent.message}, {...stage, proof: {kind: 'failed', message: intent.message}});
		case 'confirm': {
			if (stage.step !== 'confirm' || !canConfirm(stage.proof)) return stay(state);
			const {pick, account, placement} = stage;
			const request: RegisterRequest = {
				candidate: pick.candidate,
				envId: account.environment.id,
				account: account.account,
				slot: placement.slot,
				roles: placement.roles,
				...(placement.pair ? {partner: {candidate: placement.pair.partner, roles: placement.pair.roles}} : {}),
				profile: account.answer.profile,
				noValidCertificate: account.answer.noValidCertificate,
				proof: provenKey(stage.proof),
			};
			return go(state, {step: 'registering', pick, account, placement, proof: stage.proof}, {kind: 'register', request});
		}
		case 'registered':
			if (stage.step !== 'registering') return stay(state);
			return go(state, {step: 'done', outcome: intent.outcome});
		case 'registerFailed':
			if (stage.step !== 'registering') return stay(state);
			return go({...state, lastError: intent.message}, {...stage, step: 'confirm', problem: intent.message});

		case 'writeReport':
			if (stage.step === 'done') return stay(state);
			return {state, effects: [{kind: 'writeReport', context: reportContext(state)}]};
		case 'reportWritten':
			return stay({...state, status: {kind: 'report-written', file: intent.file}});
		case 'reportFailed':
			return stay({...state, status: {kind: 'report-failed', message: intent.message}});

		case 'back':
			return back(state);
		default:
			return assertNever(intent);
	}
}

function back(state: WizardState): Transition {
	const stage = state.stage;
	switch (stage.step) {
		case 'source':
			switch (stage.mode.kind) {
				case 'path':
				case 'ssh':
					return go(state, {...stage, mode: {kind: 'list'}});
				case 'secret':
					return advance(state, {type: 'cancelSecret'});
				case 'list':
				case 'loading':
					return stay(state);
				default:
					return assertNever(stage.mode);
			}
		case 'certificate':
			// The source may have changed since: the search starts over.
			return go(
				{...state, discovery: {found: [], summaries: {}, searching: true, sshAdvice: null, problems: []}},
				{step: 'source', mode: {kind: 'list'}, problem: null},
				{kind: 'discover'},
			);
		case 'environment':
			return go(state, {
				step: 'certificate',
				source: stage.pick.source,
				initial: stage.pick.index,
				refusal: null,
				// Only a checked certificate was taken further: its answer stands.
				revocation: {kind: 'checked'},
				view: {kind: 'summary', offset: 0},
			});
		case 'account':
		case 'opening':
		case 'ledger-problem':
			return go(state, {step: 'environment', pick: stage.pick});
		case 'profile':
			return go({...state, drafts: keepAnswers(state, stage.account, stage.earlier)}, {step: 'environment', pick: stage.pick});
		case 'still-valid':
			return go(state, {step: 'profile', pick: stage.pick, account: stage.account, earlier: null, highlight: 'owner'});
		case 'slot': {
			const {answer, ...account} = stage.account;
			// A remembered profile was not asked here, so there is no question to go back to.
			if (answer.choice === null) return go({...state, drafts: keepAnswers(state, account, answer)}, {step: 'environment', pick: stage.pick});
			return go(state, {step: 'profile', pick: stage.pick, account, earlier: answer, highlight: answer.choice});
		}
		case 'roles':
			return go(state, {step: 'slot', pick: stage.pick, account: stage.account});
		case 'confirm':
			// Esc at the PIN prompt cancels the proof; the person stays to see why.
			if (stage.proof.kind === 'pin') return advance(state, {type: 'cancelSecret'});
			return go(state, {step: 'slot', pick: stage.pick, account: stage.account});
		case 'registering':
		case 'done':
			return stay(state);
		default:
			return assertNever(stage);
	}
}

/** Every intent name, for tests that try each one in each stage. */
export type IntentType = WizardIntent['type'];

// ---- what the screens and the report read ---------------------------------------------------------------

/**
 * The found source to highlight first: the registrable file that is valid longest, else a single source
 * found; null while nothing stands out (the cursor stays on "type a path").
 */
export function bestSource(discovery: Discovery): string | null {
	const fit = discovery.found
		.map((ref) => ({ref: ref.ref, summary: discovery.summaries[ref.ref]}))
		.filter((item): item is {ref: string; summary: SourceSummary} => item.summary?.registrable === true)
		// ISO dates order as plain strings; localeCompare would start ICU's collator (~5 ms, ~4 MB) for it.
		.sort((a, b) => (a.summary.notAfter < b.summary.notAfter ? 1 : a.summary.notAfter > b.summary.notAfter ? -1 : 0));
	if (fit[0]) return fit[0].ref;
	return discovery.found.length === 1 && discovery.found[0] ? discovery.found[0].ref : null;
}

/** Who sends the certificate to CS OTE after the yes: the administrator or the owner in the portal, or OTE on request. */
export type Registrant = 'admin' | 'owner' | 'ote';

export function registrantOf(nextStep: NextStep, profile: AccountProfile): Registrant {
	return nextStep.kind === 'email' ? 'ote' : profile.role;
}

export interface Consequences {
	registrant: Registrant;
	nextStep: NextStep;
	/** Certificates of the slot that the chosen one pushes out (in the roles it takes). */
	replaced: SlotCert[];
}

/** What the yes on the Confirm step leads to, by the registration's own rules and the slot overview. */
export function consequences(stage: Extract<Stage, {step: 'confirm' | 'registering'}>): Consequences {
	const {account, placement, pick} = stage;
	const nextStep = nextStepFor({
		profile: account.answer.profile,
		noValidCertificate: account.answer.noValidCertificate,
		knownValid: account.overview.hasValidRegistered,
		env: account.environment,
	});
	const slot = account.overview.slots.find((s) => s.slot === placement.slot);
	const own = pick.candidate.assessment.certificate?.fingerprints.sha256;
	const replaced: SlotCert[] = [];
	for (const role of placement.roles) {
		const old = slot?.[role];
		if (old && old.sha256 !== own && !replaced.some((r) => r.sha256 === old.sha256)) replaced.push(old);
	}
	return {registrant: registrantOf(nextStep, account.answer.profile), nextStep, replaced};
}

/** The report's view of the run: where the person is, what they answered, what is on screen. */
export function reportContext(state: WizardState): ReportContext {
	const stage = state.stage;
	const step = STEP_CODES[stepOf(stage)];
	const environment =
		'environment' in stage ? stage.environment.id : 'key' in stage ? stage.key.environment.id : 'account' in stage ? stage.account.environment.id : null;
	const account = 'key' in stage ? stage.key.account : 'account' in stage ? stage.account.account : null;
	const answer = 'account' in stage && 'answer' in stage.account ? stage.account.answer : null;
	const slot = 'placement' in stage ? stage.placement.slot : stage.step === 'roles' ? stage.slot : null;
	const certificates = stage.step === 'certificate' ? [...stage.source.candidates] : 'pick' in stage ? [stage.pick.candidate] : [];
	return {
		step,
		answers: {
			environment,
			account,
			profile: answer?.profile ?? ('profile' in stage ? stage.profile : null),
			noValidCertificate: answer?.noValidCertificate ?? null,
			slot,
			roles: 'placement' in stage ? stage.placement.roles : null,
		},
		certificates,
		lastError: state.lastError,
	};
}
