import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {CandidateCertificate, ProfileChoice} from '../../source/flow/wizard.js';
import type {AccountProfile} from '../../source/account/types.js';
import {formatDate} from '../../source/ui/format.js';
import {LedgerDamagedError, LedgerUnavailableError} from '../../source/ledger/store.js';
import '../../source/i18n/account-texts.js';
import {KEY, press, screen, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, days, drive, makeWorld, mountAt, toAccountStage, type Mounted, type World} from './fixtures.js';

const ADMIN: AccountProfile = {role: 'admin', newCompany: false, pozeProducer: false};
const OWNER: AccountProfile = {role: 'owner', newCompany: false, pozeProducer: false};

let world: World;
let jan: CandidateCertificate;
const JAN = {cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678'};
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({...JAN, notAfter: days(730)}));
});
afterEach(() => cleanup());

/** The Slot step of account UZ42 in production, with the machine and runner; `choice` answered in this run. */
function mount(services: FakeServices, choice: ProfileChoice | null, account = 'UZ42') {
	const opening = drive(toAccountStage(jan, account));
	const stage = opening.state.stage;
	if (choice === null || stage.step !== 'opening') return mountAt(services, opening);
	const overview = services.slotOverview(account, stage.key.environment.id, jan);
	return mountAt(
		services,
		drive(
			[
				{type: 'accountOpened', key: stage.key, overview, remembered: services.profile(account)},
				{type: 'chooseProfile', choice},
			],
			opening.state,
		),
	);
}

const stepOfState = (m: Mounted) => m.state().stage.step;
const answerOf = (m: Mounted) => {
	const stage = m.state().stage;
	return stage.step === 'slot' || stage.step === 'roles' || stage.step === 'confirm' ? stage.account.answer : null;
};
const placementOf = (m: Mounted) => {
	const stage = m.state().stage;
	return stage.step === 'confirm' ? stage.placement : null;
};

describe('Slot step', () => {
	it('asks who registers when the account is new, then shows four empty slots', async () => {
		const m = mount(new FakeServices(), null);
		const {lastFrame, stdin} = m;
		const text = await waitFor(lastFrame, 'Who registers the certificate (account UZ42)?');
		expect(text).toContain('Step 4/5 · SLOT');
		expect(text).toContain('The owner of the user account');
		expect(text).toContain('A POZE producer');
		await waitForHighlight(lastFrame, 'Authorised person');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(answerOf(m)).toEqual({choice: 'admin', profile: ADMIN, noValidCertificate: false}));
		const slots = await waitFor(lastFrame, 'Which of the 4 slots of account UZ42?');
		for (const n of [1, 2, 3, 4]) expect(slots).toContain(`Slot ${n}: empty`);
		await waitForHighlight(lastFrame, 'Slot 1: empty');
	});

	it('asks an owner whether a valid certificate is still registered when the ledger cannot tell', async () => {
		const m = mount(new FakeServices(), null);
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'The owner of the user account');
		await press(stdin, 'j');
		await waitForHighlight(lastFrame, 'The owner of the user account');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Do you still hold at least one valid certificate registered in CS OTE?');
		// Esc returns to the first question without recording an answer, the owner still under the cursor.
		await press(stdin, KEY.escape);
		await waitFor(lastFrame, 'Who registers the certificate');
		await waitForHighlight(lastFrame, 'The owner of the user account');
		expect(stepOfState(m)).toBe('profile');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Do you still hold');
		await press(stdin, 'j');
		await waitForHighlight(lastFrame, 'No, I have none that is valid (expired, or never had one)');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(answerOf(m)).toEqual({choice: 'owner', profile: OWNER, noValidCertificate: true}));
		await waitFor(lastFrame, 'Which of the 4 slots');
	});

	it('Esc from the slots back to the question keeps the chosen answer highlighted', async () => {
		const {lastFrame, stdin} = mount(new FakeServices(), null);
		await waitFor(lastFrame, 'Who registers the certificate');
		await press(stdin, 'j', 'j', 'j');
		await waitForHighlight(lastFrame, 'A POZE producer');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Which of the 4 slots');
		await press(stdin, KEY.escape);
		await waitFor(lastFrame, 'Who registers the certificate');
		await waitForHighlight(lastFrame, 'A POZE producer');
	});

	it('does not ask an owner when the ledger knows a valid certificate', async () => {
		const services = new FakeServices();
		services.seed('UZ42', 'production', 1, ['auth', 'sign'], await world.leaf({cn: 'Eva Malá', notAfter: days(300)}));
		const m = mount(services, null);
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'The owner of the user account');
		await press(stdin, 'j', KEY.enter);
		await vi.waitFor(() => expect(answerOf(m)).toEqual({choice: 'owner', profile: OWNER, noValidCertificate: false}));
		const text = await waitFor(lastFrame, 'Which of the 4 slots');
		expect(text).not.toContain('Do you still hold');
	});

	it('marks occupied, expired, expiring and renewal slots and proposes the renewal', async () => {
		const services = new FakeServices();
		services.seed('UZ42', 'production', 1, ['auth', 'sign'], await world.leaf({cn: 'Eva Malá', notAfter: days(300)}));
		services.seed('UZ42', 'production', 2, ['auth', 'sign'], await world.leaf({cn: 'Pavel Starý', notBefore: days(-400), notAfter: days(-5)}));
		services.seed('UZ42', 'production', 3, ['auth', 'sign'], await world.leaf({cn: 'Tomáš Končící', notBefore: days(-300), notAfter: days(10)}));
		services.seed('UZ42', 'production', 4, ['auth', 'sign'], await world.leaf({...JAN, notBefore: days(-300), notAfter: days(60)}));
		const {lastFrame} = mount(services, 'admin');
		const text = await waitFor(lastFrame, 'Which of the 4 slots of account UZ42?');
		expect(text).toContain(`✓ Slot 1: Eva Malá, until ${formatDate(days(300))} (300 days left)`);
		expect(text).toContain(`✗ Slot 2: Pavel Starý, until ${formatDate(days(-5))} (expired 5 days ago)`);
		expect(text).toContain(`! Slot 3: Tomáš Končící, until ${formatDate(days(10))} (10 days left)`);
		expect(text).toMatch(/✓ Slot 4: Jan Novák, until \S+ \(60 days left\)\s+renewal/);
		expect(text).toContain('All 4 slots are taken');
		expect(text).toContain('This looks like a renewal: slot 4 holds an older certificate of the same holder.');
		expect(text).toContain('Choosing a taken slot replaces it');
		await waitForHighlight(lastFrame, 'Slot 4: Jan Novák');
	});

	it('a full account without a renewal preselects the expired slot', async () => {
		const services = new FakeServices();
		services.seed('UZ42', 'production', 1, ['auth', 'sign'], await world.leaf({cn: 'Eva Malá', notAfter: days(300)}));
		services.seed('UZ42', 'production', 2, ['auth'], await world.leaf({cn: 'Adam Dlouhý', notAfter: days(200)}));
		services.seed('UZ42', 'production', 3, ['auth', 'sign'], await world.leaf({cn: 'Pavel Starý', notBefore: days(-400), notAfter: days(-5)}));
		services.seed('UZ42', 'production', 4, ['sign'], await world.leaf({cn: 'Tomáš Končící', notBefore: days(-300), notAfter: days(10)}));
		const m = mount(services, 'admin');
		const {lastFrame, stdin} = m;
		const text = await waitFor(lastFrame, 'All 4 slots are taken');
		expect(text).not.toContain('looks like a renewal');
		await waitForHighlight(lastFrame, /Slot 3: Pavel Starý.*expired 5 days ago/);
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'In which role does the certificate go into slot 3?');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(placementOf(m)).toEqual({slot: 3, roles: ['auth', 'sign']}));
	});

	it('offers both roles, or one of them, when the certificate fits both', async () => {
		const m = mount(new FakeServices(), 'admin');
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'Slot 1: empty');
		await press(stdin, 'j');
		await waitForHighlight(lastFrame, 'Slot 2: empty');
		await press(stdin, KEY.enter);
		let text = await waitFor(lastFrame, 'In which role does the certificate go into slot 2?');
		expect(text).toContain('Both roles — authentication and signing');
		expect(text).toContain('Authentication (login) only');
		expect(text).toContain('Signing only');
		await waitForHighlight(lastFrame, 'Both roles');
		// Esc steps back to the slots with the chosen slot still highlighted.
		await press(stdin, KEY.escape);
		text = await waitFor(lastFrame, 'Which of the 4 slots');
		await waitForHighlight(lastFrame, 'Slot 2: empty');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'In which role');
		await press(stdin, 'j', 'j');
		await waitForHighlight(lastFrame, 'Signing only');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(placementOf(m)).toEqual({slot: 2, roles: ['sign']}));
	});

	it('Esc on the slots: back to the profile question when it was just asked, back a step when remembered', async () => {
		const fresh = mount(new FakeServices(), 'admin');
		await waitFor(fresh.lastFrame, 'Which of the 4 slots');
		await press(fresh.stdin, KEY.escape);
		await waitFor(fresh.lastFrame, 'Who registers the certificate');
		expect(stepOfState(fresh)).toBe('profile');
		await press(fresh.stdin, KEY.escape);
		await vi.waitFor(() => expect(stepOfState(fresh)).toBe('environment'));
		cleanup();

		const remembered = mount(new FakeServices({profiles: {UZ42: ADMIN}}), null);
		const text = await waitFor(remembered.lastFrame, 'Which of the 4 slots');
		expect(text).not.toContain('Who registers');
		await press(remembered.stdin, KEY.escape);
		await vi.waitFor(() => expect(stepOfState(remembered)).toBe('environment'));
		expect(screen(remembered.lastFrame)).not.toContain('Who registers');
	});

	it('renewal marks are what the slot overview decides: the screen has no rule of its own', async () => {
		const services = new FakeServices();
		// An older certificate of the same holder in slot 1: whether that is a renewal is the overview's call.
		services.seed('UZ42', 'production', 1, ['auth', 'sign'], await world.leaf({...JAN, notBefore: days(-300), notAfter: days(60)}));
		for (const renewal of [false, true]) {
			class Decided extends FakeServices {
				override slotOverview(account: string, envId: string, candidate: CandidateCertificate) {
					const overview = services.slotOverview(account, envId, candidate);
					return {...overview, suggested: 1 as const, slots: overview.slots.map((s) => ({...s, renewal: renewal && s.slot === 1}))};
				}
			}
			const {lastFrame} = mount(new Decided(), 'admin');
			const text = await waitFor(lastFrame, 'Which of the 4 slots');
			expect(text.includes('renewal'), text).toBe(renewal);
			cleanup();
		}
	});

	it('a damaged ledger is explained and only Back is offered', async () => {
		class Damaged extends FakeServices {
			override slotOverview(): never {
				throw new Error('The ledger file is damaged; it was kept as ledger.json.broken.');
			}
		}
		const m = mount(new Damaged(), null);
		const {lastFrame, stdin} = m;
		const text = await waitFor(lastFrame, '✗ The ledger file is damaged; it was kept as ledger.json.broken.');
		expect(text).toContain('Step 4/5 · SLOT');
		await waitForHighlight(lastFrame, 'Back');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(stepOfState(m)).toBe('environment'));
		expect(m.intents.map((i) => i.type)).toEqual(['back']);
	});

	it("the ledger store's own errors are told with what to do: unreachable folder, damaged file", async () => {
		for (const [error, expected] of [
			[new LedgerUnavailableError('/proc/nope/cfg', 'ENOENT'), 'Cannot open the slot ledger in /proc/nope/cfg (ENOENT). Set OTE_CERT_CONFIG_DIR'],
			[new LedgerDamagedError('/home/jana/.config/ote-cert/config.json', 'unreadable-json', 'Unexpected end of JSON'), 'ote-cert slots --move-aside'],
		] as const) {
			class Broken extends FakeServices {
				override slotOverview(): never {
					throw error;
				}
			}
			const {lastFrame} = mount(new Broken(), null);
			await vi.waitFor(() => expect(screen(lastFrame).replace(/\s+/g, ' ')).toContain(expected));
			cleanup();
		}
	});
});
