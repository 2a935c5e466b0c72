import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {initialState, type CandidateCertificate} from '../../source/flow/wizard.js';
import {listEnvironments} from '../../source/account/environments.js';
import type {Environment} from '../../source/account/types.js';
import {KEY, press, screen, type, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, drive, makeWorld, mountAt, toCertificateStage, type Mounted} from './fixtures.js';

afterEach(() => cleanup());

const custom: Environment = {id: '15min-sandbox', name: '15min Sandbox', portalUrl: 'https://example.test/15min/', builtIn: false};

let jan: CandidateCertificate;
beforeAll(async () => {
	const world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák'}));
});

/** The Environment step with a certificate chosen; `defaultEnv` and `account` as remembered or typed earlier. */
function mount(options: {defaultEnv: string | null; account?: string; environments?: Environment[]}) {
	const typing: boolean[] = [];
	const services = new FakeServices(options.environments ? {environments: options.environments} : {});
	const from = initialState({envId: options.defaultEnv, account: options.account ?? 'default'});
	const m = mountAt(services, drive([...toCertificateStage([jan]), {type: 'chooseCertificate', index: 0}], from), typing);
	return {...m, typing};
}

/** The environment and account the person handed over, once the wizard has gone on to the account. */
const handedOver = (m: Mounted) => (m.state().stage.step === 'environment' || m.state().stage.step === 'account' ? null : m.state().drafts);

describe('Environment step', () => {
	it('preselects Production when nothing is remembered', async () => {
		const {lastFrame} = mount({defaultEnv: null});
		const text = await waitFor(lastFrame, 'Which CS OTE environment?');
		expect(text).toContain('Step 3/5 · ENV');
		await waitForHighlight(lastFrame, /^❯?\s*Production\s+https:\/\/portal\.ote-cr\.cz\//);
		expect(text).toContain('Sandbox (test environment)');
		expect(text).not.toContain('used last time');
	});

	it('preselects the remembered environment, then asks for the account and hands both over', async () => {
		const m = mount({defaultEnv: 'sandbox', environments: listEnvironments([custom])});
		const {lastFrame, stdin, typing} = m;
		await waitFor(lastFrame, 'The environment you used last time is preselected.');
		await waitForHighlight(lastFrame, 'Sandbox (test environment)');
		expect(screen(lastFrame)).toContain('15min Sandbox');
		await press(stdin, KEY.enter);
		const text = await waitFor(lastFrame, 'Your CS OTE user account');
		expect(text).toContain('User id:');
		expect(text).toContain('default');
		await vi.waitFor(() => expect(typing.at(-1)).toBe(true));
		await type(stdin, 'UZ-Novák');
		await waitFor(lastFrame, 'User id: UZ-Novák');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(handedOver(m)).toMatchObject({envId: 'sandbox', account: 'UZ-Novák'}));
	});

	it('the field starts with the user id used last in the chosen environment; ↑ offers the earlier one', async () => {
		const from = initialState({envId: 'sandbox', recentAccounts: {sandbox: ['UZ9', 'UZ8'], production: ['P1']}});
		const m = mountAt(new FakeServices(), drive([...toCertificateStage([jan]), {type: 'chooseCertificate', index: 0}], from));
		await waitForHighlight(m.lastFrame, 'Sandbox (test environment)');
		await press(m.stdin, KEY.enter);
		await waitFor(m.lastFrame, 'User id: UZ9');
		expect(screen(m.lastFrame)).toContain('↑↓ earlier ids');
		await press(m.stdin, KEY.up);
		await waitFor(m.lastFrame, 'User id: UZ8');
		await press(m.stdin, KEY.enter);
		await vi.waitFor(() => expect(handedOver(m)).toMatchObject({envId: 'sandbox', account: 'UZ8'}));
	});

	it('an empty account is "default"; a known account is filled in', async () => {
		const first = mount({defaultEnv: null});
		await waitFor(first.lastFrame, 'Production');
		await press(first.stdin, KEY.enter);
		await waitFor(first.lastFrame, 'User id:');
		await press(first.stdin, KEY.enter);
		await vi.waitFor(() => expect(handedOver(first)).toMatchObject({envId: 'production', account: 'default'}));
		cleanup();

		const second = mount({defaultEnv: 'production', account: 'UZ42'});
		await waitFor(second.lastFrame, 'Production');
		await press(second.stdin, KEY.enter);
		await waitFor(second.lastFrame, 'User id: UZ42');
		await press(second.stdin, KEY.enter);
		await vi.waitFor(() => expect(handedOver(second)).toMatchObject({envId: 'production', account: 'UZ42'}));
	});

	it('Esc in the account field returns to the environment list; Esc there goes back a step', async () => {
		const m = mount({defaultEnv: null});
		const {lastFrame, stdin, typing} = m;
		await waitFor(lastFrame, 'Production');
		await press(stdin, 'j', KEY.enter);
		await waitFor(lastFrame, 'User id:');
		await type(stdin, 'UZ1');
		await press(stdin, KEY.escape);
		await waitFor(lastFrame, 'Which CS OTE environment?');
		expect(m.state().stage.step).toBe('environment');
		await vi.waitFor(() => expect(typing.at(-1)).toBe(false));
		await press(stdin, KEY.escape);
		await vi.waitFor(() => expect(m.state().stage.step).toBe('certificate'));
		expect(m.intents.map((i) => i.type)).toEqual(['chooseEnvironment', 'back', 'back']);
	});
});
