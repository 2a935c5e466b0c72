import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {EnvironmentStep} from '../../source/ui/steps/EnvironmentStep.js';
import {listEnvironments} from '../../source/account/environments.js';
import type {Environment} from '../../source/account/types.js';
import {KEY, press, screen, type, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, renderWithRuntime} from './fixtures.js';

afterEach(() => cleanup());

const custom: Environment = {id: '15min-sandbox', name: '15min Sandbox', portalUrl: 'https://example.test/15min/', builtIn: false};

function mount(options: {defaultEnv: string | null; account?: string; environments?: Environment[]}) {
	const onChoose = vi.fn<(envId: string, account: string) => void>();
	const onBack = vi.fn<() => void>();
	const typing: boolean[] = [];
	const view = renderWithRuntime(
		<EnvironmentStep
			environments={options.environments ?? listEnvironments([])}
			defaultEnv={options.defaultEnv}
			account={options.account ?? 'default'}
			help={null}
			onChoose={onChoose}
			onBack={onBack}
		/>,
		new FakeServices(),
		typing,
	);
	return {...view, onChoose, onBack, typing};
}

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
		const {lastFrame, stdin, onChoose, typing} = mount({defaultEnv: 'sandbox', environments: listEnvironments([custom])});
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
		await vi.waitFor(() => expect(onChoose).toHaveBeenCalledWith('sandbox', 'UZ-Novák'));
	});

	it('an empty account is "default"; a known account is filled in', async () => {
		const first = mount({defaultEnv: null});
		await waitFor(first.lastFrame, 'Production');
		await press(first.stdin, KEY.enter);
		await waitFor(first.lastFrame, 'User id:');
		await press(first.stdin, KEY.enter);
		await vi.waitFor(() => expect(first.onChoose).toHaveBeenCalledWith('production', 'default'));
		cleanup();

		const second = mount({defaultEnv: 'production', account: 'UZ42'});
		await waitFor(second.lastFrame, 'Production');
		await press(second.stdin, KEY.enter);
		await waitFor(second.lastFrame, 'User id: UZ42');
		await press(second.stdin, KEY.enter);
		await vi.waitFor(() => expect(second.onChoose).toHaveBeenCalledWith('production', 'UZ42'));
	});

	it('Esc in the account field returns to the environment list; Esc there goes back a step', async () => {
		const {lastFrame, stdin, onBack, onChoose, typing} = mount({defaultEnv: null});
		await waitFor(lastFrame, 'Production');
		await press(stdin, 'j', KEY.enter);
		await waitFor(lastFrame, 'User id:');
		await type(stdin, 'UZ1');
		await press(stdin, KEY.escape);
		await waitFor(lastFrame, 'Which CS OTE environment?');
		expect(onBack).not.toHaveBeenCalled();
		await vi.waitFor(() => expect(typing.at(-1)).toBe(false));
		await press(stdin, KEY.escape);
		await vi.waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
		expect(onChoose).not.toHaveBeenCalled();
	});
});
