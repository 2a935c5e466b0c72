// The wizard's machine without rendering: a walk, the answers' scope, every intent in every stage (a table),
// and random intent sequences (fast-check) that must never reach an inconsistent state.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {BUILT_IN_ENVIRONMENTS, type AccountProfile, type Environment, type SlotNumber, type SlotRole} from '../../source/account/types.js';
import {
	advance,
	bestSource,
	consequences,
	initialState,
	registrantOf,
	reportContext,
	start,
	stepNumber,
	stepOf,
	type AccountKey,
	type CandidateCertificate,
	type IntentType,
	type ProfileAnswer,
	type Stage,
	type Transition,
	type WizardIntent,
	type WizardState,
} from '../../source/flow/wizard.js';
import type {KeyProof, RegisterOutcome, SlotOverview, SourceSummary} from '../../source/services/wizard-services.js';
import type {SourceRef} from '../../source/sources/types.js';
import type {Assessment} from '../../source/trust/types.js';

const [PRODUCTION, SANDBOX] = BUILT_IN_ENVIRONMENTS as unknown as [Environment, Environment];

interface CandidateOptions {
	registrable?: boolean;
	token?: boolean;
	roles?: SlotRole[];
	ref?: string;
	/** The holder's name; the same name (and IČO) makes two certificates one person's. */
	holder?: string;
	/** A private key sits next to it in the source. */
	keyed?: boolean;
	ca?: boolean;
	kind?: 'qualified' | 'commercial';
	keyUsage?: string[];
}

function candidate(options: CandidateOptions = {}): CandidateCertificate {
	const ref = options.ref ?? '/c/a.cer';
	const roles = options.roles ?? ['auth', 'sign'];
	const uses = [
		{use: 'portal-login', fits: roles.includes('auth')},
		{use: 'portal-signing', fits: roles.includes('sign')},
	];
	const holder = options.holder ?? 'Jana Nováková';
	// Enough of a parsed certificate for the rules that read it (roles, pairs, order).
	const sha = Buffer.from(`${ref}|${roles.join('+')}|${holder}|${options.registrable ?? true}`)
		.toString('hex')
		.padEnd(64, '0')
		.slice(0, 64);
	const certificate = {
		subject: `CN=${holder}`,
		issuer: 'CN=Test CA',
		subjectCN: holder,
		serialNumber: sha.slice(0, 8),
		notBefore: new Date('2026-01-01T00:00:00Z'),
		notAfter: new Date('2028-01-01T00:00:00Z'),
		fingerprints: {sha256: sha, sha1: sha.slice(0, 40)},
		isCA: options.ca ?? false,
		keyUsage: options.keyUsage ?? [],
		extendedKeyUsage: [],
		identity: {name: holder, organization: null, ico: '12345678', icoSource: null, caUserId: null, ikMpsv: null, email: null},
	};
	return {
		assessment: {registrable: options.registrable ?? true, uses, certificate, approval: {kind: options.kind ?? 'qualified'}} as unknown as Assessment,
		sourceRef: ref,
		keyMatches: options.keyed && !options.token ? true : null,
		entry: options.token
			? {
					der: new Uint8Array(),
					origin: {
						kind: 'pkcs11',
						uri: ref,
						modulePath: '/m.so',
						tokenLabel: 'T',
						tokenSerial: '1',
						slotDescription: 's',
						objectLabel: 'o',
						objectId: '01',
					},
					companions: [],
					keyMatches: null,
					hasKey: options.keyed ?? false,
				}
			: {der: new Uint8Array(), origin: {kind: 'file', path: ref, format: 'der', index: 0}, companions: [], keyMatches: options.keyed ? true : null},
	};
}

const overview = (hasValidRegistered: boolean | null): SlotOverview => ({slots: [], suggested: 1, hasValidRegistered, renewalWarning: null});
const ADMIN: AccountProfile = {role: 'admin', newCompany: false, pozeProducer: false};
const OWNER: AccountProfile = {role: 'owner', newCompany: false, pozeProducer: false};
const OUTCOME: RegisterOutcome = {dir: '/out', files: [], nextStepLines: ['next'], nextStepKind: 'portal', replaced: null};
const PROOF_OK: KeyProof = {level: 'public-key-match', ok: true, detail: 'ok'};
const key = (environment: Environment, account: string): AccountKey => ({environment, account});

const run = (state: WizardState, ...intents: WizardIntent[]): Transition => {
	let t: Transition = {state, effects: []};
	for (const intent of intents) t = advance(t.state, intent);
	return t;
};
const at = (state: WizardState, ...intents: WizardIntent[]): WizardState => run(state, ...intents).state;

/** Loaded and its revocation answered (nothing revoked). */
const loaded = (...candidates: CandidateCertificate[]): WizardIntent[] => [
	{type: 'loadSource', ref: '/c/a.cer'},
	{type: 'sourceLoaded', ref: '/c/a.cer', candidates},
	{type: 'revocationChecked', ref: '/c/a.cer', candidates},
];
const revoked = (c: CandidateCertificate): CandidateCertificate => ({...c, assessment: {...c.assessment, registrable: false}});
const toOpening = (c: CandidateCertificate, account = 'U1', environment = PRODUCTION): WizardIntent[] => [
	...loaded(c),
	{type: 'chooseCertificate', index: 0},
	{type: 'chooseEnvironment', environment},
	{type: 'submitAccount', text: account},
];

describe('the wizard machine', () => {
	it('walks the five steps in order, each step asking for its work as an effect', () => {
		const first = start({account: null, envId: 'sandbox'});
		expect(first.effects).toEqual([{kind: 'discover'}]);
		let t = run(first.state, {type: 'loadSource', ref: ' /c/a.cer '});
		expect(t.effects).toEqual([{kind: 'load', ref: '/c/a.cer'}]);
		t = run(t.state, {type: 'sourceLoaded', ref: '/c/a.cer', candidates: [candidate()]});
		expect(t.effects).toEqual([{kind: 'checkRevocation', ref: '/c/a.cer', candidates: [candidate()]}]);
		t = run(t.state, {type: 'revocationChecked', ref: '/c/a.cer', candidates: [candidate()]}, {type: 'chooseCertificate', index: 0});
		expect(stepOf(t.state.stage)).toBe('environment');
		t = run(t.state, {type: 'chooseEnvironment', environment: SANDBOX}, {type: 'submitAccount', text: ' U1 '});
		expect(t.effects).toMatchObject([{kind: 'openAccount', key: {account: 'U1', environment: {id: 'sandbox'}}}]);
		t = run(t.state, {type: 'accountOpened', key: key(SANDBOX, 'U1'), overview: overview(null), remembered: null});
		expect(t.state.stage.step).toBe('profile');
		t = run(t.state, {type: 'chooseProfile', choice: 'admin'}, {type: 'chooseSlot', slot: 2}, {type: 'chooseRoles', roles: ['auth', 'sign']});
		expect(t.state.stage).toMatchObject({step: 'confirm', placement: {slot: 2, roles: ['auth', 'sign']}, proof: {kind: 'not-needed'}});
		expect(stepNumber(stepOf(t.state.stage))).toBe(5);
		t = run(t.state, {type: 'confirm'});
		expect(t.effects).toEqual([
			{
				kind: 'register',
				request: {
					candidate: candidate(),
					envId: 'sandbox',
					account: 'U1',
					slot: 2,
					roles: ['auth', 'sign'],
					profile: ADMIN,
					noValidCertificate: false,
					proof: null,
				},
			},
		]);
		expect(at(t.state, {type: 'registered', outcome: OUTCOME}).stage).toEqual({step: 'done', outcome: OUTCOME});
	});

	it('refuses to go past an unacceptable certificate', () => {
		const s = at(initialState(), ...loaded(candidate({registrable: false}), candidate()), {type: 'chooseCertificate', index: 0});
		expect(s.stage).toMatchObject({step: 'certificate', refusal: 'NOT_REGISTRABLE', initial: 0});
		expect(at(s, {type: 'chooseCertificate', index: 1}).stage.step).toBe('environment');
	});

	it('asks about revocation when the certificates arrive, and a certificate revoked meanwhile is never taken further', () => {
		const good = candidate();
		const t = run(initialState(), {type: 'loadSource', ref: '/c/a.cer'}, {type: 'sourceLoaded', ref: '/c/a.cer', candidates: [good, good]});
		expect(t.effects).toEqual([{kind: 'checkRevocation', ref: '/c/a.cer', candidates: [good, good]}]);
		expect(t.state.stage).toMatchObject({step: 'certificate', revocation: {kind: 'checking', chosen: null}});
		// Enter while the answer is out: remembered, nothing further yet.
		const chosen = at(t.state, {type: 'chooseCertificate', index: 1});
		expect(chosen.stage).toMatchObject({step: 'certificate', initial: 1, revocation: {kind: 'checking', chosen: 1}});
		// Revoked: the step stays, says why, and the certificate carries its REVOKED finding.
		const refused = at(chosen, {type: 'revocationChecked', ref: '/c/a.cer', candidates: [good, revoked(good)]});
		expect(refused.stage).toMatchObject({step: 'certificate', refusal: 'NOT_REGISTRABLE', revocation: {kind: 'checked'}, initial: 1});
		expect(at(refused, {type: 'chooseCertificate', index: 1}).stage.step).toBe('certificate');
		expect(at(refused, {type: 'chooseCertificate', index: 0}).stage.step).toBe('environment');
		// Not revoked: the remembered choice goes on by itself.
		const on = at(chosen, {type: 'revocationChecked', ref: '/c/a.cer', candidates: [good, good]});
		expect(on.stage).toMatchObject({step: 'environment', pick: {index: 1}});
		// An answer for another source (the person went back and loaded another) is ignored, as is a second one.
		expect(at(t.state, {type: 'revocationChecked', ref: '/c/other.cer', candidates: [good, good]})).toBe(t.state);
		const checked = at(t.state, {type: 'revocationChecked', ref: '/c/a.cer', candidates: [good, good]});
		expect(at(checked, {type: 'revocationChecked', ref: '/c/a.cer', candidates: [revoked(good), good]})).toBe(checked);
		// Back from the environment the answer stands: nobody is asked again.
		const back = run(on, {type: 'back'});
		expect(back.state.stage).toMatchObject({step: 'certificate', revocation: {kind: 'checked'}, initial: 1});
		expect(back.effects).toEqual([]);
	});

	it('scrolling the Certificate step keeps a whole, non-negative offset in the state', () => {
		const s = at(initialState(), ...loaded(candidate()));
		expect(at(s, {type: 'scrollCertificate', offset: 4}).stage).toMatchObject({view: {kind: 'summary', offset: 4}});
		expect(at(s, {type: 'scrollCertificate', offset: -3}).stage).toMatchObject({view: {kind: 'summary', offset: 0}});
		expect(at(s, {type: 'scrollCertificate', offset: 2.7}).stage).toMatchObject({view: {kind: 'summary', offset: 2}});
	});

	it('a user id the ledger would refuse stays in the field with a code, and a corrected one goes on', () => {
		for (const typed of ['a b', '?', '__proto__', 'x'.repeat(65)]) {
			const t = run(initialState(), ...toOpening(candidate(), typed));
			expect(t.state.stage).toMatchObject({step: 'account', refusal: {code: 'ACCOUNT_ID_INVALID', typed}});
			expect(t.effects).toEqual([]);
			expect(at(t.state, {type: 'submitAccount', text: 'ab'}).stage).toMatchObject({step: 'opening', key: {account: 'ab'}});
		}
		expect(at(initialState(), ...toOpening(candidate(), '  '))).toMatchObject({stage: {step: 'opening', key: {account: 'default'}}});
	});

	it('an owner\'s "all expired" answer belongs to that account: another account does not inherit it', () => {
		let s = at(initialState(), ...toOpening(candidate(), 'U1'), {
			type: 'accountOpened',
			key: key(PRODUCTION, 'U1'),
			overview: overview(null),
			remembered: null,
		});
		s = at(s, {type: 'chooseProfile', choice: 'owner'}, {type: 'answerStillValid', holdsValid: false});
		expect(s.stage).toMatchObject({step: 'slot', account: {account: 'U1', answer: {noValidCertificate: true}}});
		// Back to the question, back to the environment, on to U2 whose owner the ledger remembers.
		s = at(s, {type: 'back'}, {type: 'back'}, {type: 'chooseEnvironment', environment: PRODUCTION}, {type: 'submitAccount', text: 'U2'});
		s = at(s, {type: 'accountOpened', key: key(PRODUCTION, 'U2'), overview: overview(true), remembered: OWNER});
		expect(s.stage).toMatchObject({step: 'slot', account: {account: 'U2', answer: {choice: null, profile: OWNER, noValidCertificate: false}}});
		const t = run(s, {type: 'chooseSlot', slot: 1}, {type: 'chooseRoles', roles: ['auth', 'sign']}, {type: 'confirm'});
		expect(t.effects).toMatchObject([{kind: 'register', request: {account: 'U2', noValidCertificate: false, profile: OWNER}}]);
	});

	it('the same account in another environment is asked again; the same account and environment keeps its answer', () => {
		let s = at(initialState(), ...toOpening(candidate(), 'U1'), {
			type: 'accountOpened',
			key: key(PRODUCTION, 'U1'),
			overview: overview(false),
			remembered: null,
		});
		s = at(s, {type: 'chooseProfile', choice: 'poze'}, {type: 'back'}, {type: 'back'});
		expect(s.stage.step).toBe('environment');
		const sandbox = at(s, {type: 'chooseEnvironment', environment: SANDBOX}, {type: 'submitAccount', text: 'U1'});
		expect(at(sandbox, {type: 'accountOpened', key: key(SANDBOX, 'U1'), overview: overview(false), remembered: null}).stage.step).toBe('profile');
		// Back in production with U1: the answer given there is kept, straight to the slots.
		s = at(s, {type: 'chooseEnvironment', environment: PRODUCTION}, {type: 'submitAccount', text: 'U1'});
		s = at(s, {type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(false), remembered: null});
		expect(s.stage).toMatchObject({step: 'slot', account: {answer: {choice: 'poze', profile: {pozeProducer: true}}}});
		// Going back to the question and leaving it unchanged keeps it too; a new choice replaces it.
		const question = at(s, {type: 'back'});
		expect(question.stage).toMatchObject({step: 'profile', highlight: 'poze'});
		expect(at(question, {type: 'chooseProfile', choice: 'admin'}).stage).toMatchObject({step: 'slot', account: {answer: {choice: 'admin'}}});
	});

	it('a remembered profile skips the question, and Esc on the slots goes back to the environment', () => {
		const s = at(initialState(), ...toOpening(candidate(), 'U1'), {
			type: 'accountOpened',
			key: key(PRODUCTION, 'U1'),
			overview: overview(null),
			remembered: OWNER,
		});
		expect(s.stage).toMatchObject({step: 'slot', account: {answer: {choice: null, profile: OWNER, noValidCertificate: false}}});
		const back = at(s, {type: 'chooseSlot', slot: 3}, {type: 'back'}, {type: 'back'});
		expect(back.stage.step).toBe('environment');
		// Forward again: the overview is read anew and the list starts on its suggestion.
		const again = at(
			back,
			{type: 'chooseEnvironment', environment: PRODUCTION},
			{type: 'submitAccount', text: 'U1'},
			{
				type: 'accountOpened',
				key: key(PRODUCTION, 'U1'),
				overview: overview(null),
				remembered: OWNER,
			},
		);
		expect(again.stage).toMatchObject({step: 'slot', account: {slot: null}});
	});

	it('a result for another account (a slow ledger read overtaken by Esc) is ignored', () => {
		const s = at(initialState(), ...toOpening(candidate(), 'U2'));
		expect(at(s, {type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN})).toBe(s);
	});

	it('a token certificate is checked without PIN on the way in; Yes waits for it; a signature asks for the PIN', () => {
		const token = candidate({token: true, ref: 'pkcs11:token=T'});
		let t = run(initialState(), {type: 'loadSource', ref: 'pkcs11:token=T'}, {type: 'sourceLoaded', ref: 'pkcs11:token=T', candidates: [token]});
		t = run(
			t.state,
			{type: 'revocationChecked', ref: 'pkcs11:token=T', candidates: [token]},
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', environment: PRODUCTION},
			{type: 'submitAccount', text: 'U1'},
		);
		t = run(t.state, {type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN}, {type: 'chooseSlot', slot: 1});
		t = run(t.state, {type: 'chooseRoles', roles: ['auth']});
		expect(t.effects).toEqual([{kind: 'prove', candidate: token, sign: false}]);
		expect(run(t.state, {type: 'confirm'}).effects).toEqual([]);
		t = run(t.state, {type: 'proofDone', proof: PROOF_OK}, {type: 'proveBySignature'});
		expect(t.effects).toEqual([{kind: 'prove', candidate: token, sign: true}]);
		t = run(t.state, {type: 'secretAsked', request: {kind: 'pin', target: 'T', retry: false}});
		expect(t.state.stage).toMatchObject({proof: {kind: 'pin'}});
		t = run(t.state, {type: 'submitSecret', value: '4711'});
		expect(t.effects).toEqual([{kind: 'answerSecret', value: '4711'}]);
		// The secret passes through as work to do and is never kept in the state.
		expect(JSON.stringify(t.state)).not.toContain('4711');
		const signed: KeyProof = {level: 'signature', ok: true, detail: 'signed'};
		t = run(t.state, {type: 'proofDone', proof: signed}, {type: 'confirm'});
		expect(t.effects).toMatchObject([{kind: 'register', request: {proof: signed, roles: ['auth']}}]);
	});

	it('a failed registration returns to Confirm with the reason, which reaches the diagnostic report', () => {
		let s = at(initialState(), ...toOpening(candidate(), 'U1'), {
			type: 'accountOpened',
			key: key(PRODUCTION, 'U1'),
			overview: overview(true),
			remembered: ADMIN,
		});
		s = at(s, {type: 'chooseSlot', slot: 1}, {type: 'chooseRoles', roles: ['auth', 'sign']}, {type: 'confirm'}, {type: 'registerFailed', message: 'disk full'});
		expect(s.stage).toMatchObject({step: 'confirm', problem: 'disk full'});
		expect(run(s, {type: 'writeReport'}).effects).toMatchObject([{kind: 'writeReport', context: {step: 'OK', lastError: 'disk full'}}]);
	});
});

// ---- what the person sees: step 1, remembered answers, the helpdesk, consequences -------------------

const slotCert = (subject: string, sha256: string) => ({
	subject,
	notAfter: '2026-12-31T00:00:00.000Z',
	daysLeft: 30,
	expired: false,
	expiringSoon: false,
	sha256,
});
const withCertificate = (sha256: string): CandidateCertificate => {
	const c = candidate();
	const certificate = {...c.assessment.certificate, fingerprints: {...c.assessment.certificate.fingerprints, sha256}};
	return {...c, assessment: {...c.assessment, certificate}};
};

describe('step 1: found files described, the best one first', () => {
	it('found files are described once the search has ended (tokens are not), and a description is kept by its file', () => {
		const token: SourceRef = {ref: 'pkcs11:token=T', kind: 'pkcs11', label: 'T'};
		expect(run(initialState(), {type: 'sourcesFound', refs: [FOUND_B, token]}).effects).toEqual([]);
		const t = run(initialState(), {type: 'sourcesFound', refs: [FOUND_B, token]}, {type: 'discoveryDone', sshAdvice: null});
		expect(t.effects).toEqual([{kind: 'describe', refs: ['/c/b.cer']}]);
		// Once per search.
		expect(run(t.state, {type: 'discoveryDone', sshAdvice: null}).effects).toEqual([]);
		expect(run(initialState(), {type: 'sourcesFound', refs: [token]}, {type: 'discoveryDone', sshAdvice: null}).effects).toEqual([]);
		const described = at(t.state, {type: 'sourceDescribed', ref: '/c/b.cer', summary: SUMMARY});
		expect(described.discovery.summaries).toEqual({'/c/b.cer': SUMMARY});
		// A description that arrives after the search started over (Esc from step 2) describes nothing on screen.
		const again = at(described, ...loaded(candidate()), {type: 'back'});
		expect(again.discovery.summaries).toEqual({});
		expect(at(again, {type: 'sourceDescribed', ref: '/c/b.cer', summary: SUMMARY})).toBe(again);
	});

	it('the best source is the registrable file valid longest; a single source found is the best by itself', () => {
		const refs: SourceRef[] = ['/a.cer', '/b.cer', '/c.cer'].map((ref) => ({ref, kind: 'file', label: ref}));
		const summaries: Record<string, SourceSummary> = {
			'/a.cer': {...SUMMARY, notAfter: '2027-01-01T00:00:00.000Z'},
			'/b.cer': {...SUMMARY, notAfter: '2028-01-01T00:00:00.000Z'},
			'/c.cer': {...SUMMARY, notAfter: '2029-01-01T00:00:00.000Z', registrable: false},
		};
		expect(bestSource({found: refs, summaries, searching: false, sshAdvice: null, problems: []})).toBe('/b.cer');
		expect(bestSource({found: refs, summaries: {}, searching: false, sshAdvice: null, problems: []})).toBeNull();
		expect(bestSource({found: [refs[2]!], summaries: {}, searching: true, sshAdvice: null, problems: []})).toBe('/c.cer');
		expect(bestSource({found: [], summaries: {}, searching: true, sshAdvice: null, problems: []})).toBeNull();
	});
});

describe('remembered user ids', () => {
	const recentAccounts = {production: ['U9', 'U8'], sandbox: ['S1']};
	const toAccount = (state: WizardState, environment: Environment) =>
		at(state, ...loaded(candidate()), {type: 'chooseCertificate', index: 0}, {type: 'chooseEnvironment', environment});

	it('the field starts with the id used last in the chosen environment, and offers the earlier ones', () => {
		expect(toAccount(initialState({recentAccounts}), PRODUCTION).stage).toMatchObject({step: 'account', prefill: 'U9', earlier: ['U9', 'U8']});
		expect(toAccount(initialState({recentAccounts}), SANDBOX).stage).toMatchObject({step: 'account', prefill: 'S1', earlier: ['S1']});
		expect(toAccount(initialState(), PRODUCTION).stage).toMatchObject({step: 'account', prefill: '', earlier: []});
	});

	it('an id typed in this run, or given with --account, comes before the remembered one', () => {
		expect(toAccount(initialState({recentAccounts, account: 'CLI'}), PRODUCTION).stage).toMatchObject({prefill: 'CLI'});
		let s = at(
			toAccount(initialState({recentAccounts}), PRODUCTION),
			{type: 'submitAccount', text: 'U5'},
			{type: 'back'},
			{type: 'chooseEnvironment', environment: SANDBOX},
		);
		expect(s.stage).toMatchObject({step: 'account', prefill: 'U5', earlier: ['S1']});
		s = at(s, {type: 'submitAccount', text: ' '});
		expect(s.drafts.account).toBe('default');
	});
});

describe('the helpdesk report', () => {
	it('names the step and the certificates on screen; later the answers so far; never a PIN typed earlier', () => {
		const a = withCertificate('aa'.repeat(32));
		const b = withCertificate('bb'.repeat(32));
		let t = run(initialState(), ...loaded(a, b), {type: 'writeReport'});
		expect(t.effects).toEqual([
			{
				kind: 'writeReport',
				context: {
					step: 'CERT',
					answers: {environment: null, account: null, profile: null, noValidCertificate: null, slot: null, roles: null},
					certificates: [a, b],
					lastError: null,
				},
			},
		]);
		// A token's PIN typed at step 1, then on to Confirm: the report has the answers, not the PIN.
		const token = candidate({token: true, ref: 'pkcs11:token=T'});
		t = run(
			initialState(),
			{type: 'loadSource', ref: 'pkcs11:token=T'},
			{type: 'secretAsked', request: {kind: 'pin', target: 'T', retry: false}},
			{type: 'submitSecret', value: '97531'},
			{type: 'sourceLoaded', ref: 'pkcs11:token=T', candidates: [token]},
			{type: 'revocationChecked', ref: 'pkcs11:token=T', candidates: [token]},
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', environment: SANDBOX},
			{type: 'submitAccount', text: 'U1'},
			{type: 'accountOpened', key: key(SANDBOX, 'U1'), overview: overview(null), remembered: null},
			{type: 'chooseProfile', choice: 'owner'},
			{type: 'answerStillValid', holdsValid: false},
			{type: 'chooseSlot', slot: 2},
			{type: 'chooseRoles', roles: ['auth']},
			{type: 'proofFailed', message: 'key not on token'},
			{type: 'writeReport'},
		);
		const effect = t.effects[0];
		expect(effect).toMatchObject({
			kind: 'writeReport',
			context: {
				step: 'OK',
				answers: {environment: 'sandbox', account: 'U1', profile: OWNER, noValidCertificate: true, slot: 2, roles: ['auth']},
				certificates: [token],
				lastError: 'key not on token',
			},
		});
		expect(JSON.stringify(effect)).not.toContain('97531');
		expect(JSON.stringify(t.state)).not.toContain('97531');
	});

	it('each stage reports its own step code', () => {
		const codes = Object.fromEntries(Object.entries(samples()).map(([name, state]) => [name, reportContext(state).step]));
		expect(codes).toMatchObject({
			'source/list': 'SRC',
			certificate: 'CERT',
			environment: 'ENV',
			account: 'ENV',
			profile: 'SLOT',
			slot: 'SLOT',
			'confirm/file': 'OK',
		});
	});

	it('the "report saved" notice goes with the next step', () => {
		const s = at(initialState(), ...loaded(candidate()), {type: 'reportWritten', file: '/r.json'});
		expect(s.status).toEqual({kind: 'report-written', file: '/r.json'});
		expect(at(s, {type: 'chooseCertificate', index: 0}).status).toBeNull();
		expect(at(s, {type: 'back'}).status).toBeNull();
	});
});

describe('consequences shown on Confirm', () => {
	const confirmWith = (
		answer: {profile: AccountProfile; choice: 'admin' | 'owner'; valid: boolean | null; stillValid?: boolean},
		overviewOf: SlotOverview,
		c = candidate(),
	) => {
		let s = at(initialState(), ...toOpening(c, 'U1'), {type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overviewOf, remembered: null});
		s = at(s, {type: 'chooseProfile', choice: answer.choice});
		if (answer.stillValid !== undefined) s = at(s, {type: 'answerStillValid', holdsValid: answer.stillValid});
		s = at(s, {type: 'chooseSlot', slot: 1}, {type: 'chooseRoles', roles: ['auth', 'sign']});
		if (s.stage.step !== 'confirm') throw new Error(`not at Confirm: ${s.stage.step}`);
		return consequences(s.stage);
	};
	const slotWith = (auth: ReturnType<typeof slotCert> | null, sign: ReturnType<typeof slotCert> | null, valid: boolean | null): SlotOverview => ({
		slots: [{slot: 1, auth, sign, sameCertificate: false, renewal: false}],
		suggested: 1,
		hasValidRegistered: valid,
		renewalWarning: null,
	});

	it('an administrator registers in the portal; the certificate replaced is named once even in both roles', () => {
		const old = slotCert('Jan Novák', 'cc'.repeat(32));
		const c = confirmWith({profile: ADMIN, choice: 'admin', valid: true}, slotWith(old, old, true));
		expect(c).toEqual({registrant: 'admin', nextStep: {kind: 'portal', portalUrl: PRODUCTION.portalUrl}, replaced: [old]});
	});

	it('an owner without a valid certificate needs OTE; the same certificate already in the slot is not "replaced"', () => {
		const own = withCertificate('dd'.repeat(32));
		const c = confirmWith({profile: OWNER, choice: 'owner', valid: null, stillValid: false}, slotWith(slotCert('Jan', 'dd'.repeat(32)), null, null), own);
		expect(c.registrant).toBe('ote');
		expect(c.nextStep).toMatchObject({kind: 'email', reason: 'no-valid-certificate'});
		expect(c.replaced).toEqual([]);
		expect(confirmWith({profile: OWNER, choice: 'owner', valid: true}, slotWith(null, null, true)).registrant).toBe('owner');
	});

	it('who registers follows the way on', () => {
		expect(registrantOf({kind: 'portal', portalUrl: 'x'}, ADMIN)).toBe('admin');
		expect(registrantOf({kind: 'portal', portalUrl: 'x'}, OWNER)).toBe('owner');
		expect(registrantOf({kind: 'email', address: 'a', reason: 'new-company'}, OWNER)).toBe('ote');
	});
});

// ---- every intent in every stage ----------------------------------------------------------------------

const SECRET = {kind: 'password', target: 'a.p12', retry: false} as const;
const FOUND_B: SourceRef = {ref: '/c/b.cer', kind: 'file', label: 'b.cer'};
const SUMMARY: SourceSummary = {holder: 'Jan Novák', notAfter: '2027-01-01T00:00:00.000Z', registrable: true, more: 0};

/** A TWINS-like token: a qualified signing certificate and a commercial authentication one, both with keys, of one person. */
const SIGNING = candidate({roles: ['sign'], ref: 'pkcs11:token=T;object=sign', token: true, keyed: true, keyUsage: ['nonRepudiation']});
const AUTHENTICATION = candidate({roles: ['auth'], ref: 'pkcs11:token=T;object=auth', token: true, keyed: true, kind: 'commercial'});

describe('pairs: which certificate goes where', () => {
	const CA = candidate({ref: 'pkcs11:token=T;object=ca', ca: true, registrable: false});
	const LOOSE = candidate({ref: 'pkcs11:token=T;object=loose', holder: 'Petr Cizí', token: true});
	const toRoles = (...list: CandidateCertificate[]): WizardState =>
		at(
			initialState(),
			...loaded(...list),
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', environment: PRODUCTION},
			{type: 'submitAccount', text: 'U1'},
			{type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN},
			{type: 'chooseSlot', slot: 3},
		);

	it('lists the certificates with a key first and the CA certificates last, starting on the first keyed one', () => {
		const s = at(initialState(), ...loaded(CA, LOOSE, AUTHENTICATION, CA, SIGNING));
		if (s.stage.step !== 'certificate') throw new Error(s.stage.step);
		expect(s.stage.source.candidates).toEqual([AUTHENTICATION, SIGNING, LOOSE, CA, CA]);
		expect(s.stage.source.groups).toEqual(['keyed', 'keyed', 'other', 'ca', 'ca']);
		expect(s.stage.initial).toBe(0);
	});

	it('proposes the role from the certificate and offers its partner on the same token', () => {
		const s = toRoles(SIGNING, AUTHENTICATION, CA);
		if (s.stage.step !== 'roles') throw new Error(s.stage.step);
		expect(s.stage.pick).toMatchObject({proposed: ['sign'], reason: 'QUALIFIED_SIGNING', partner: {candidate: AUTHENTICATION, auth: 'partner'}});
	});

	it('registers both halves into one slot: the qualified one signs, the commercial one authenticates', () => {
		const t = run(toRoles(AUTHENTICATION, SIGNING), {type: 'choosePair'});
		expect(t.state.stage).toMatchObject({step: 'confirm', placement: {slot: 3, roles: ['auth'], pair: {partner: SIGNING, roles: ['sign']}}});
		const done = run(t.state, {type: 'proofDone', proof: PROOF_OK}, {type: 'confirm'});
		expect(done.effects).toMatchObject([
			{kind: 'register', request: {slot: 3, roles: ['auth'], candidate: AUTHENTICATION, partner: {candidate: SIGNING, roles: ['sign']}}},
		]);
	});

	it('offers no pair for another holder, and a single certificate still goes alone', () => {
		const other = candidate({roles: ['auth'], ref: 'pkcs11:token=T;object=other', holder: 'Petr Cizí', token: true, keyed: true, kind: 'commercial'});
		const single = at(
			initialState(),
			...loaded(SIGNING, other),
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', environment: PRODUCTION},
			{type: 'submitAccount', text: 'U1'},
			{type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN},
		);
		if (single.stage.step !== 'slot') throw new Error(single.stage.step);
		expect(single.stage.pick.partner).toBeNull();
		// One fitting role and no partner: straight to Confirm, as before.
		const t = run(single, {type: 'chooseSlot', slot: 1});
		expect(t.state.stage).toMatchObject({step: 'confirm', placement: {slot: 1, roles: ['sign']}});
		expect(advance(t.state, {type: 'choosePair'}).state).toBe(t.state);
	});

	it('back from a pair at Confirm returns to the slot list, and the pair can be chosen again', () => {
		const confirm = at(toRoles(SIGNING, AUTHENTICATION), {type: 'choosePair'});
		const slot = at(confirm, {type: 'proofDone', proof: PROOF_OK}, {type: 'back'});
		expect(slot.stage.step).toBe('slot');
		expect(at(slot, {type: 'chooseSlot', slot: 3}, {type: 'choosePair'}).stage).toMatchObject({
			step: 'confirm',
			placement: {roles: ['sign'], pair: {roles: ['auth']}},
		});
	});
});

/** One state per stage (and per source mode / proof kind that changes what is accepted). */
function samples(): Record<string, WizardState> {
	const base = {...initialState(), discovery: {found: [FOUND_B], summaries: {}, searching: false, sshAdvice: 'advice', problems: []}};
	const opening = at(base, ...toOpening(candidate(), 'U1'));
	const opened = (remembered: AccountProfile | null, valid: boolean | null) =>
		at(opening, {type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(valid), remembered});
	const slot = opened(ADMIN, true);
	const confirm = at(slot, {type: 'chooseSlot', slot: 1}, {type: 'chooseRoles', roles: ['auth', 'sign']});
	const token = candidate({token: true, ref: 'pkcs11:token=T'});
	const tokenChecking = at(
		base,
		{type: 'loadSource', ref: 'pkcs11:token=T'},
		{type: 'sourceLoaded', ref: 'pkcs11:token=T', candidates: [token]},
		{type: 'revocationChecked', ref: 'pkcs11:token=T', candidates: [token]},
		{type: 'chooseCertificate', index: 0},
		{type: 'chooseEnvironment', environment: PRODUCTION},
		{type: 'submitAccount', text: 'U1'},
		{type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN},
		{type: 'chooseSlot', slot: 1},
		{type: 'chooseRoles', roles: ['auth', 'sign']},
	);
	const tokenPin = at(tokenChecking, {type: 'proofDone', proof: PROOF_OK}, {type: 'proveBySignature'}, {type: 'secretAsked', request: SECRET});
	const registering = at(confirm, {type: 'confirm'});
	const pairRoles = at(
		base,
		...loaded(SIGNING, AUTHENTICATION),
		{type: 'chooseCertificate', index: 0},
		{type: 'chooseEnvironment', environment: PRODUCTION},
		{type: 'submitAccount', text: 'U1'},
		{type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN},
		{type: 'chooseSlot', slot: 2},
	);
	return {
		'source/list': base,
		'source/path': at(base, {type: 'openPath'}),
		'source/ssh': at(base, {type: 'showSshAdvice'}),
		'source/loading': at(base, {type: 'loadSource', ref: '/c/a.cer'}),
		'source/secret': at(base, {type: 'loadSource', ref: '/c/a.cer'}, {type: 'secretAsked', request: SECRET}),
		certificate: at(base, ...loaded(candidate())),
		'certificate/checking': at(base, {type: 'loadSource', ref: '/c/a.cer'}, {type: 'sourceLoaded', ref: '/c/a.cer', candidates: [candidate()]}),
		environment: at(base, ...loaded(candidate()), {type: 'chooseCertificate', index: 0}),
		account: at(base, ...loaded(candidate()), {type: 'chooseCertificate', index: 0}, {type: 'chooseEnvironment', environment: PRODUCTION}),
		opening,
		'ledger-problem': at(opening, {type: 'accountFailed', key: key(PRODUCTION, 'U1'), message: 'damaged'}),
		profile: opened(null, null),
		'still-valid': at(opened(null, null), {type: 'chooseProfile', choice: 'owner'}),
		slot,
		roles: at(slot, {type: 'chooseSlot', slot: 2}),
		'roles/pair': pairRoles,
		'confirm/pair': at(pairRoles, {type: 'choosePair'}),
		'confirm/file': confirm,
		'confirm/checking': tokenChecking,
		'confirm/pin': tokenPin,
		registering,
		done: at(registering, {type: 'registered', outcome: OUTCOME}),
	};
}

/** One intent of each type, with data that fits the samples above. */
const INTENTS: Record<IntentType, WizardIntent> = {
	sourcesFound: {type: 'sourcesFound', refs: [{ref: '/c/b.cer', kind: 'file', label: 'b.cer'}]},
	sourceDescribed: {type: 'sourceDescribed', ref: '/c/b.cer', summary: SUMMARY},
	discoveryDone: {type: 'discoveryDone', sshAdvice: null},
	openPath: {type: 'openPath'},
	showSshAdvice: {type: 'showSshAdvice'},
	loadSource: {type: 'loadSource', ref: '/c/a.cer'},
	secretAsked: {type: 'secretAsked', request: SECRET},
	submitSecret: {type: 'submitSecret', value: 'heslo'},
	cancelSecret: {type: 'cancelSecret'},
	sourceLoaded: {type: 'sourceLoaded', ref: '/c/a.cer', candidates: [candidate()]},
	sourceFailed: {type: 'sourceFailed', message: 'unreadable'},
	chooseCertificate: {type: 'chooseCertificate', index: 0},
	revocationChecked: {type: 'revocationChecked', ref: '/c/a.cer', candidates: [candidate()]},
	scrollCertificate: {type: 'scrollCertificate', offset: 3},
	chooseEnvironment: {type: 'chooseEnvironment', environment: PRODUCTION},
	submitAccount: {type: 'submitAccount', text: 'U1'},
	accountOpened: {type: 'accountOpened', key: key(PRODUCTION, 'U1'), overview: overview(true), remembered: ADMIN},
	accountFailed: {type: 'accountFailed', key: key(PRODUCTION, 'U1'), message: 'damaged'},
	chooseProfile: {type: 'chooseProfile', choice: 'admin'},
	answerStillValid: {type: 'answerStillValid', holdsValid: true},
	chooseSlot: {type: 'chooseSlot', slot: 1},
	chooseRoles: {type: 'chooseRoles', roles: ['auth']},
	choosePair: {type: 'choosePair'},
	proveBySignature: {type: 'proveBySignature'},
	proofDone: {type: 'proofDone', proof: PROOF_OK},
	proofFailed: {type: 'proofFailed', message: 'no token'},
	confirm: {type: 'confirm'},
	registered: {type: 'registered', outcome: OUTCOME},
	registerFailed: {type: 'registerFailed', message: 'disk full'},
	writeReport: {type: 'writeReport'},
	reportWritten: {type: 'reportWritten', file: '/r.txt'},
	reportFailed: {type: 'reportFailed', message: 'no space'},
	back: {type: 'back'},
};

/** Intents that act in every stage: results of the search and of the report, and a secret nobody asked for (refused). */
const EVERYWHERE: IntentType[] = ['sourcesFound', 'sourceDescribed', 'discoveryDone', 'reportWritten', 'reportFailed', 'secretAsked', 'writeReport'];

/** What each stage accepts besides EVERYWHERE. Anything else leaves the state untouched and asks for nothing. */
const ACCEPTS: Record<string, IntentType[]> = {
	'source/list': ['openPath', 'showSshAdvice', 'loadSource'],
	'source/path': ['loadSource', 'back'],
	'source/ssh': ['back'],
	'source/loading': ['sourceLoaded', 'sourceFailed'],
	'source/secret': ['submitSecret', 'cancelSecret', 'sourceLoaded', 'sourceFailed', 'back'],
	certificate: ['chooseCertificate', 'scrollCertificate', 'back'],
	'certificate/checking': ['chooseCertificate', 'revocationChecked', 'scrollCertificate', 'back'],
	environment: ['chooseEnvironment', 'back'],
	account: ['submitAccount', 'back'],
	opening: ['accountOpened', 'accountFailed', 'back'],
	'ledger-problem': ['back'],
	profile: ['chooseProfile', 'back'],
	'still-valid': ['answerStillValid', 'back'],
	slot: ['chooseSlot', 'back'],
	roles: ['chooseRoles', 'back'],
	'roles/pair': ['choosePair', 'back'],
	'confirm/pair': ['proofDone', 'proofFailed', 'back'],
	'confirm/file': ['confirm', 'back'],
	'confirm/checking': ['proofDone', 'proofFailed', 'back'],
	'confirm/pin': ['submitSecret', 'cancelSecret', 'proofDone', 'proofFailed', 'back'],
	registering: ['registered', 'registerFailed'],
	done: [],
};

describe('every intent in every stage', () => {
	const states = samples();
	it('the samples cover every stage of the union', () => {
		const steps = new Set(Object.values(states).map((s) => s.stage.step));
		const all: Stage['step'][] = [
			'source',
			'certificate',
			'environment',
			'account',
			'opening',
			'ledger-problem',
			'profile',
			'still-valid',
			'slot',
			'roles',
			'confirm',
			'registering',
			'done',
		];
		expect([...steps].sort()).toEqual([...all].sort());
		expect(Object.keys(ACCEPTS).sort()).toEqual(Object.keys(states).sort());
	});

	for (const [name, state] of Object.entries(samples())) {
		for (const [type, intent] of Object.entries(INTENTS) as [IntentType, WizardIntent][]) {
			const accepted = [...(ACCEPTS[name] ?? []), ...(name === 'done' ? EVERYWHERE.filter((i) => i !== 'writeReport') : EVERYWHERE)].includes(type);
			it(`${name} ${accepted ? 'acts on' : 'ignores'} ${type}`, () => {
				const next = advance(state, intent);
				if (accepted) expect(next.state !== state || next.effects.length > 0).toBe(true);
				else {
					expect(next.state).toBe(state);
					expect(next.effects).toEqual([]);
				}
				expect(problems(next.state)).toEqual([]);
			});
		}
	}
});

// ---- random sequences ---------------------------------------------------------------------------------

/** What must hold in every state the machine can reach; each entry names a broken rule. */
function problems(state: WizardState): string[] {
	const out: string[] = [];
	const stage = state.stage;
	if ('pick' in stage) {
		if (!stage.pick.candidate.assessment.registrable) out.push('an unacceptable certificate was taken further');
		if (stage.pick.source.candidates[stage.pick.index] !== stage.pick.candidate) out.push('the pick is not the certificate at its index');
		if (stage.pick.fitting.length === 0) out.push('a certificate with no role');
	}
	if (stage.step === 'certificate' && stage.source.candidates.length === 0) out.push('a certificate step without certificates');
	if ('account' in stage && typeof stage.account === 'object') {
		const account = stage.account;
		if (account.account.trim() === '' || /\s/.test(account.account)) out.push(`an account id the ledger refuses: "${account.account}"`);
		if ('answer' in account) {
			const answer = (account as {answer: ProfileAnswer}).answer;
			if (answer.choice === null && JSON.stringify(answer.profile) !== JSON.stringify(account.remembered))
				out.push('an unasked profile that is not the remembered one');
			if (answer.noValidCertificate && answer.profile.role !== 'owner') out.push('"no valid certificate" from someone who is not the owner');
		}
	}
	if (stage.step === 'confirm' || stage.step === 'registering') {
		const {placement, pick} = stage;
		if (placement.roles.length === 0) out.push('confirm without roles');
		if (placement.roles.some((r) => !pick.fitting.includes(r))) out.push('a role the certificate does not fit');
		if (placement.slot < 1 || placement.slot > 4) out.push('a slot outside 1–4');
		if (placement.pair) {
			const {partner, roles} = placement.pair;
			if (partner === pick.candidate) out.push('a pair of one certificate');
			if (!partner.assessment.registrable) out.push('an unacceptable partner was taken further');
			if (!pick.source.candidates.includes(partner)) out.push('a partner from another source');
			if (roles.some((r) => placement.roles.includes(r)) || new Set([...roles, ...placement.roles]).size !== 2)
				out.push('a pair without one auth and one sign');
			if (pick.partner?.candidate !== partner) out.push('a pair with another partner than the one offered');
		}
	}
	if (stage.step === 'certificate') {
		const rank = {keyed: 0, other: 1, ca: 2};
		const ranks = stage.source.groups.map((g) => rank[g]);
		if (ranks.some((r, i) => i > 0 && r < ranks[i - 1]!)) out.push('a certificate with its key listed after one without');
		if (stage.source.groups.length !== stage.source.candidates.length) out.push('a candidate without a group');
	}
	return out;
}

const envs = [PRODUCTION, SANDBOX];
/** A PIN typed somewhere in a random journey: it must never reach the state or the report. */
const PIN = 'PIN-8642-never-kept';
const accounts = ['U1', 'U2', 'a b', '?', ''];
const refs = ['/c/a.cer', 'pkcs11:token=T'];
const candidates = [
	candidate(),
	candidate({registrable: false}),
	candidate({roles: ['auth']}),
	candidate({token: true, ref: 'pkcs11:token=T'}),
	candidate({roles: ['sign'], ref: '/c/b.cer'}),
	candidate({roles: ['sign'], ref: 'pkcs11:token=T;object=sign', token: true, keyed: true, keyUsage: ['nonRepudiation']}),
	candidate({roles: ['auth'], ref: 'pkcs11:token=T;object=auth', token: true, keyed: true, kind: 'commercial'}),
	candidate({roles: ['auth'], ref: 'pkcs11:token=T;object=other', holder: 'Petr Cizí', keyed: true, kind: 'commercial'}),
	candidate({ref: 'pkcs11:token=T;object=ca', ca: true, registrable: false}),
];
const profiles: Array<AccountProfile | null> = [null, ADMIN, OWNER];

const intentArb: fc.Arbitrary<WizardIntent> = fc.oneof(
	fc.constant<WizardIntent>({type: 'back'}),
	fc.constant<WizardIntent>({type: 'openPath'}),
	fc.constant<WizardIntent>({type: 'showSshAdvice'}),
	fc.constant<WizardIntent>({type: 'confirm'}),
	fc.constant<WizardIntent>({type: 'proveBySignature'}),
	fc.constant<WizardIntent>({type: 'cancelSecret'}),
	fc.constant<WizardIntent>({type: 'writeReport'}),
	fc.constantFrom(...refs).map((ref): WizardIntent => ({type: 'loadSource', ref})),
	fc.record({ref: fc.constantFrom(...refs), list: fc.subarray(candidates)}).map(({ref, list}): WizardIntent => ({type: 'sourceLoaded', ref, candidates: list})),
	fc.option(fc.constant('unreadable')).map((message): WizardIntent => ({type: 'sourceFailed', message})),
	fc.constant<WizardIntent>({type: 'secretAsked', request: SECRET}),
	fc.constant<WizardIntent>({type: 'submitSecret', value: PIN}),
	fc.constantFrom(...refs, '/c/b.cer').map((ref): WizardIntent => ({type: 'sourceDescribed', ref, summary: SUMMARY})),
	fc.constant<WizardIntent>({type: 'sourcesFound', refs: [FOUND_B]}),
	fc.integer({min: -1, max: 5}).map((index): WizardIntent => ({type: 'chooseCertificate', index})),
	fc
		.record({ref: fc.constantFrom(...refs), list: fc.subarray(candidates)})
		.map(({ref, list}): WizardIntent => ({type: 'revocationChecked', ref, candidates: list})),
	fc.integer({min: -2, max: 40}).map((offset): WizardIntent => ({type: 'scrollCertificate', offset})),
	fc.constantFrom(...envs).map((environment): WizardIntent => ({type: 'chooseEnvironment', environment})),
	fc.constantFrom(...accounts).map((text): WizardIntent => ({type: 'submitAccount', text})),
	fc
		.record({
			env: fc.constantFrom(...envs),
			account: fc.constantFrom('U1', 'U2', 'default'),
			valid: fc.constantFrom(null, true, false),
			remembered: fc.constantFrom(...profiles),
		})
		.map(({env, account, valid, remembered}): WizardIntent => ({type: 'accountOpened', key: key(env, account), overview: overview(valid), remembered})),
	fc.constantFrom(...envs).map((env): WizardIntent => ({type: 'accountFailed', key: key(env, 'U1'), message: 'damaged'})),
	fc.constantFrom('admin', 'owner', 'new-company', 'poze').map((choice): WizardIntent => ({type: 'chooseProfile', choice})),
	fc.boolean().map((holdsValid): WizardIntent => ({type: 'answerStillValid', holdsValid})),
	fc.integer({min: 1, max: 4}).map((slot): WizardIntent => ({type: 'chooseSlot', slot: slot as SlotNumber})),
	fc.subarray<SlotRole>(['auth', 'sign', 'auth']).map((roles): WizardIntent => ({type: 'chooseRoles', roles})),
	fc.constant<WizardIntent>({type: 'choosePair'}),
	fc.boolean().map((ok): WizardIntent => ({type: 'proofDone', proof: {...PROOF_OK, ok}})),
	fc.constant<WizardIntent>({type: 'proofFailed', message: 'no'}),
	fc.constant<WizardIntent>({type: 'registered', outcome: OUTCOME}),
	fc.constant<WizardIntent>({type: 'registerFailed', message: 'disk full'}),
);

/** Intents that make sense in a state (what its screen or the runner could send), so that deep stages are reached often. */
function plausible(state: WizardState): WizardIntent[] {
	const stage = state.stage;
	const back: WizardIntent = {type: 'back'};
	switch (stage.step) {
		case 'source': {
			const mode = stage.mode;
			if (mode.kind === 'loading' || mode.kind === 'secret')
				return [
					{type: 'sourceLoaded', ref: mode.ref, candidates},
					{type: 'sourceLoaded', ref: mode.ref, candidates: candidates.slice(2)},
				];
			return [
				{type: 'loadSource', ref: '/c/a.cer'},
				{type: 'loadSource', ref: 'pkcs11:token=T'},
			];
		}
		case 'certificate': {
			const chooses = [0, 1, 2, 3, 4, 5].map((index): WizardIntent => ({type: 'chooseCertificate', index}));
			if (stage.revocation.kind === 'checked') return chooses;
			const list = stage.source.candidates;
			return [
				...chooses,
				{type: 'revocationChecked', ref: stage.source.ref, candidates: list},
				{type: 'revocationChecked', ref: stage.source.ref, candidates: list.map(revoked)},
			];
		}
		case 'environment':
			return envs.map((environment): WizardIntent => ({type: 'chooseEnvironment', environment}));
		case 'account':
			return ['U1', 'U2', 'a b'].map((text): WizardIntent => ({type: 'submitAccount', text}));
		case 'opening':
			return [
				...[null, true, false].flatMap((valid) =>
					profiles.map((remembered): WizardIntent => ({type: 'accountOpened', key: stage.key, overview: overview(valid), remembered})),
				),
			];
		case 'profile':
			return [...(['admin', 'owner', 'new-company', 'poze'] as const).map((choice): WizardIntent => ({type: 'chooseProfile', choice})), back];
		case 'still-valid':
			return [{type: 'answerStillValid', holdsValid: true}, {type: 'answerStillValid', holdsValid: false}, back];
		case 'slot':
			return [{type: 'chooseSlot', slot: 1}, {type: 'chooseSlot', slot: 4}, back, back];
		case 'roles':
			return [{type: 'chooseRoles', roles: stage.pick.fitting}, {type: 'chooseRoles', roles: ['sign']}, {type: 'choosePair'}, {type: 'choosePair'}, back];
		case 'confirm':
			return [{type: 'confirm'}, {type: 'proveBySignature'}, {type: 'proofDone', proof: PROOF_OK}, back, back];
		case 'registering':
			return [
				{type: 'registered', outcome: OUTCOME},
				{type: 'registerFailed', message: 'disk full'},
			];
		case 'ledger-problem':
		case 'done':
			return [back];
	}
}

/** A step of a random journey: mostly something the current screen could send, sometimes anything at all. */
const stepArb = fc.oneof(
	{weight: 4, arbitrary: fc.nat().map((n) => ({plausible: n}) as const)},
	{weight: 1, arbitrary: intentArb.map((intent) => ({intent}) as const)},
);

const accountKeyOf = (stage: Stage): string | null => {
	if (!('account' in stage) || typeof stage.account !== 'object') return null;
	return `${stage.account.environment.id}/${stage.account.account}`;
};

describe('random intent sequences', () => {
	it('never reach an inconsistent state, and an account only ever carries answers given for it', () => {
		fc.assert(
			fc.property(fc.array(stepArb, {maxLength: 80}), (steps) => {
				let state = initialState();
				// Answers given in this run, by the account and environment they were given for.
				const given = new Map<string, ProfileAnswer>();
				for (const step of steps) {
					const options = plausible(state);
					const intent = 'intent' in step ? step.intent : (options[step.plausible % options.length] ?? {type: 'back'});
					const before = state.stage;
					const next = advance(state, intent);
					state = next.state;
					expect(problems(state)).toEqual([]);
					expect(JSON.stringify(reportContext(state))).not.toContain(PIN);
					for (const ref of Object.keys(state.discovery.summaries)) expect(state.discovery.found.map((f) => f.ref)).toContain(ref);
					const stage = state.stage;
					const now = accountKeyOf(stage);
					if ((before.step === 'profile' || before.step === 'still-valid') && (stage.step === 'slot' || stage.step === 'roles' || stage.step === 'confirm')) {
						expect(now).toBe(accountKeyOf(before));
						if (now) given.set(now, stage.account.answer);
					}
					if (
						(stage.step === 'slot' || stage.step === 'roles' || stage.step === 'confirm' || stage.step === 'registering') &&
						stage.account.answer.choice !== null
					) {
						expect(now && given.get(now)).toEqual(stage.account.answer);
					}
					// Effects are work for the current stage only.
					for (const effect of next.effects) {
						if (effect.kind === 'register') {
							expect(stage.step).toBe('registering');
							if (stage.step === 'registering') expect(effect.request.account).toBe(stage.account.account);
						}
					}
				}
			}),
			{numRuns: 1000},
		);
	});
});
