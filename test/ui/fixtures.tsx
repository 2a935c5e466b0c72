// A small world for the screen tests: a generated Czech-like CA trusted locally, certificates judged
// by the real trust engine, and a fake WizardServices whose ledger is the real account code in memory.
import type React from 'react';
import {render} from 'ink-testing-library';
import {makeCa, makeLeaf, POLICY, type CaHandle, type LeafHandle} from '../helpers/pki.js';
import {parseCertificate} from '../../source/certificate/parse.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {assessed} from '../helpers/assess.js';
import {
	advance,
	initialState,
	type CandidateCertificate,
	type ReportContext,
	type Transition,
	type WizardIntent,
	type WizardState,
} from '../../source/flow/wizard.js';
import {Screen} from '../../source/ui/App.js';
import {useWizard} from '../../source/ui/useWizard.js';
import {
	slotOverviewOf,
	type DiscoveryResult,
	type KeyProof,
	type RegisterOutcome,
	type RegisterRequest,
	type SlotOverview,
	type SourceSummary,
	type WizardServices,
} from '../../source/services/wizard-services.js';
import type {SecretProvider, SourceRef} from '../../source/sources/types.js';
import type {AccountLedger, AccountProfile, Environment, SlotNumber, SlotRole} from '../../source/account/types.js';
import {listEnvironments} from '../../source/account/environments.js';
import {emptyLedger, placeCertificate} from '../../source/account/slots.js';
import {certRecordFrom} from '../../source/account/records.js';
import {UiRuntimeContext} from '../../source/ui/context.js';
import {makeTheme, ThemeContext} from '../../source/ui/theme.js';

const DAY = 86_400_000;
/** The wizard's clock in every screen test: assessments, slots and the App all see this instant. */
const NOW = new Date('2026-03-02T09:00:00Z');
export const days = (n: number): Date => new Date(NOW.getTime() + n * DAY);

export interface World {
	root: CaHandle;
	qualifiedCa: CaHandle;
	stranger: CaHandle;
	anchors: AnchorSet;
	leaf(options: {cn: string; org?: string; ico?: string; icaUserId?: string; notBefore?: Date; notAfter?: Date; issuer?: CaHandle}): Promise<LeafHandle>;
	candidate(leaf: LeafHandle, sourceRef?: string, keyMatches?: boolean | null): CandidateCertificate;
}

/** Generated hierarchy valid around NOW; the root is trusted locally, as `--trust root.pem` would. */
export async function makeWorld(): Promise<World> {
	const org = 'Testovací certifikační autorita, a.s.';
	const root = await makeCa({cn: 'UI Test Root CA 2026', org, notBefore: days(-400), notAfter: days(3000)});
	const qualifiedCa = await makeCa({
		cn: 'UI Test Qualified CA 2026',
		org,
		parent: root,
		policies: ['1.3.6.1.4.1.23624.11.1.30.1.0'],
		notBefore: days(-390),
		notAfter: days(2000),
	});
	const stranger = await makeCa({cn: 'Neznámá CA', org: 'Nikdo s.r.o.', notBefore: days(-400), notAfter: days(3000)});
	const anchors = AnchorSet.shipped().withLocal([root.der]);
	return {
		root,
		qualifiedCa,
		stranger,
		anchors,
		leaf: (o) =>
			makeLeaf({
				issuer: o.issuer ?? qualifiedCa,
				cn: o.cn,
				...(o.org ? {org: o.org} : {}),
				...(o.ico ? {ico: o.ico} : {}),
				...(o.icaUserId ? {icaUserId: o.icaUserId} : {}),
				qualified: true,
				qcType: 'esign',
				sscd: true,
				policies: [POLICY.qcpNaturalQscd],
				notBefore: o.notBefore ?? days(-1),
				notAfter: o.notAfter ?? days(365),
			}),
		candidate(leaf, sourceRef = '/home/jan/certifikat.cer', keyMatches = null) {
			const companions = [qualifiedCa.der];
			return {
				assessment: assessed(parseCertificate(leaf.der), {anchors, companions, now: NOW}),
				sourceRef,
				keyMatches,
				entry: {der: leaf.der, origin: {kind: 'file', path: sourceRef, format: 'der', index: 0}, companions, keyMatches},
			};
		},
	};
}

export interface FakeOptions {
	/** Found by discovery; with `holdDiscovery` they arrive only when `release()` is called. */
	found?: SourceRef[];
	holdDiscovery?: boolean;
	/** What the discovery reports it could not do (e.g. token support not installed). */
	problems?: string[];
	load?: (ref: string, secret: SecretProvider) => Promise<CandidateCertificate[]>;
	environments?: Environment[];
	lastEnvironment?: string | null;
	lastAccount?: string | null;
	recentAccounts?: Record<string, string[]>;
	/** What the Source step's list learns of a found file. */
	describe?: Record<string, SourceSummary>;
	profiles?: Record<string, AccountProfile>;
	register?: (request: RegisterRequest) => Promise<RegisterOutcome>;
	prove?: (candidate: CandidateCertificate, sign: boolean, secret: SecretProvider) => Promise<KeyProof>;
	/** The revocation answer; without it every candidate comes back as it went in (nothing revoked). */
	checkRevocation?: (candidate: CandidateCertificate) => Promise<CandidateCertificate>;
}

/** WizardServices without files, tokens or disk: the slots are the real account rules over in-memory ledgers. */
export class FakeServices implements WizardServices {
	readonly loads: string[] = [];
	readonly registered: RegisterRequest[] = [];
	readonly reports: ReportContext[] = [];
	private readonly ledgers = new Map<string, AccountLedger>();
	private readonly discoveryHeld: Array<() => void> = [];
	private onFound: ((ref: SourceRef) => void) | null = null;

	constructor(private readonly options: FakeOptions = {}) {}

	/** Puts a certificate into the in-memory ledger of an account, as an earlier registration would. */
	seed(account: string, envId: string, slot: SlotNumber, roles: SlotRole[], leaf: LeafHandle): void {
		const key = `${account}/${envId}`;
		const record = certRecordFrom(parseCertificate(leaf.der), '/old/cert.cer', 'qualified');
		const ledger = this.ledgers.get(key) ?? emptyLedger();
		this.ledgers.set(key, placeCertificate(ledger, {slot, roles, record, at: days(-300).toISOString()}).ledger);
	}

	/** Streams a found item into a running discovery. */
	find(ref: SourceRef): void {
		this.onFound?.(ref);
	}

	/** Ends a held discovery. */
	release(): void {
		for (const done of this.discoveryHeld.splice(0)) done();
	}

	async discover(onFound: (ref: SourceRef) => void, signal: AbortSignal): Promise<DiscoveryResult> {
		this.onFound = onFound;
		for (const ref of this.options.found ?? []) onFound(ref);
		if (this.options.holdDiscovery) {
			await new Promise<void>((resolve) => {
				this.discoveryHeld.push(resolve);
				signal.addEventListener('abort', () => resolve());
			});
		}
		return {sshAdvice: null, problems: this.options.problems ?? []};
	}

	async load(ref: string, secret: SecretProvider): Promise<CandidateCertificate[]> {
		this.loads.push(ref);
		if (!this.options.load) throw new Error(`nothing to load at ${ref}`);
		return this.options.load(ref, secret);
	}

	environments(): Environment[] {
		return this.options.environments ?? listEnvironments([]);
	}

	lastEnvironment(): string | null {
		return this.options.lastEnvironment ?? null;
	}

	lastAccount(): string | null {
		return this.options.lastAccount ?? null;
	}

	recentAccounts(): Record<string, string[]> {
		return this.options.recentAccounts ?? {};
	}

	async describe(ref: string): Promise<SourceSummary | null> {
		return this.options.describe?.[ref] ?? null;
	}

	profile(account: string): AccountProfile | null {
		return this.options.profiles?.[account] ?? null;
	}

	slotOverview(account: string, envId: string, candidate: CandidateCertificate): SlotOverview {
		return slotOverviewOf(this.ledgers.get(`${account}/${envId}`) ?? emptyLedger(), candidate, NOW);
	}

	async register(request: RegisterRequest): Promise<RegisterOutcome> {
		this.registered.push(request);
		if (this.options.register) return this.options.register(request);
		return {
			dir: '/tmp/ote-cert-out',
			files: [],
			nextStepLines: ['Next: upload the certificate in the portal.'],
			nextStepKind: 'portal',
			replaced: null,
		};
	}

	readonly proofs: boolean[] = [];

	async prove(candidate: CandidateCertificate, sign: boolean, secret: SecretProvider): Promise<KeyProof> {
		this.proofs.push(sign);
		if (this.options.prove) return this.options.prove(candidate, sign, secret);
		return {level: 'none', ok: true, detail: 'no token'};
	}

	readonly revocationChecks: CandidateCertificate[] = [];

	async checkRevocation(candidate: CandidateCertificate): Promise<CandidateCertificate> {
		this.revocationChecks.push(candidate);
		return this.options.checkRevocation ? this.options.checkRevocation(candidate) : candidate;
	}

	async writeReport(context: ReportContext): Promise<string> {
		this.reports.push(context);
		return '/tmp/ote-cert-report.txt';
	}
}

/** Renders a screen inside the contexts the App would give it. */
function renderWithRuntime(element: React.ReactElement, services: WizardServices, typing: boolean[] = [], theme = makeTheme({ascii: false, demo: false})) {
	return render(
		<ThemeContext.Provider value={theme}>
			<UiRuntimeContext.Provider value={{services, escapeWaitMs: 0, setTyping: (on) => typing.push(on)}}>{element}</UiRuntimeContext.Provider>
		</ThemeContext.Provider>,
	);
}

/** Applies intents to the real machine without rendering; returns the last transition (its effects not yet run). */
export function drive(intents: WizardIntent[], from: WizardState = initialState()): Transition {
	let transition: Transition = {state: from, effects: []};
	for (const intent of intents) transition = advance(transition.state, intent);
	return transition;
}

const environment = (id: string): Environment => {
	const env = listEnvironments([]).find((e) => e.id === id);
	if (!env) throw new Error(`no environment ${id}`);
	return env;
};

/** The intents that take the wizard from the start to a certificate loaded from `ref`. */
export const toCertificateStage = (candidates: CandidateCertificate[], ref = '/home/jan/jan.cer'): WizardIntent[] => [
	{type: 'loadSource', ref},
	{type: 'sourceLoaded', ref, candidates},
	{type: 'revocationChecked', ref, candidates},
];

/** The intents up to the account being opened (its ledger is read by the runner when mounted). */
export const toAccountStage = (candidate: CandidateCertificate, account = 'UZ42', envId = 'production'): WizardIntent[] => [
	...toCertificateStage([candidate], candidate.sourceRef),
	{type: 'chooseCertificate', index: 0},
	{type: 'chooseEnvironment', environment: environment(envId)},
	{type: 'submitAccount', text: account},
];

export interface Mounted {
	lastFrame: () => string | undefined;
	frames: string[];
	stdin: {write: (data: string) => void};
	/** Intents the screen dispatched, in order (not the runner's results). */
	intents: WizardIntent[];
	state: () => WizardState;
}

function Harness(props: {services: WizardServices; initial: Transition; intents: WizardIntent[]; seen: (state: WizardState) => void}): React.ReactElement {
	const {state, dispatch} = useWizard(props.services, props.initial);
	props.seen(state);
	const logged = (intent: WizardIntent) => {
		props.intents.push(intent);
		dispatch(intent);
	};
	return <Screen state={state} dispatch={logged} help={null} onExit={() => undefined} />;
}

/** Renders the wizard's screens from a transition, with the real machine and effect runner over `services`. */
export function mountAt(services: WizardServices, initial: Transition, typing: boolean[] = [], theme = makeTheme({ascii: false, demo: false})): Mounted {
	const intents: WizardIntent[] = [];
	let latest = initial.state;
	const view = renderWithRuntime(
		<Harness
			services={services}
			initial={initial}
			intents={intents}
			seen={(state) => {
				latest = state;
			}}
		/>,
		services,
		typing,
		theme,
	);
	return {lastFrame: view.lastFrame, frames: view.frames, stdin: view.stdin, intents, state: () => latest};
}
