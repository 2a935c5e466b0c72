import React from 'react';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {ConfirmStep} from '../../source/ui/steps/ConfirmStep.js';
import {BUILT_IN_ENVIRONMENTS} from '../../source/account/types.js';
import type {CandidateCertificate} from '../../source/flow/wizard.js';
import type {KeyProof} from '../../source/services/wizard-services.js';
import {formatDate, formatFingerprint} from '../../source/ui/format.js';
import {KEY, press, screen, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, days, makeWorld, renderWithRuntime, type World} from './fixtures.js';

let world: World;
let jan: CandidateCertificate;
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678', notAfter: days(365)}), '/home/jan/jan.p12', true);
});
afterEach(() => cleanup());

const sandbox = BUILT_IN_ENVIRONMENTS[1]!;

function mount(props: {busy?: boolean; error?: string | null; candidate?: CandidateCertificate} = {}) {
	const onConfirm = vi.fn<(proof: KeyProof | null) => void>();
	const onBack = vi.fn<() => void>();
	const view = renderWithRuntime(
		<ConfirmStep
			candidate={props.candidate ?? jan}
			environment={sandbox}
			account="UZ42"
			slot={2}
			roles={['auth', 'sign']}
			help={null}
			busy={props.busy ?? false}
			error={props.error ?? null}
			onConfirm={onConfirm}
			onBack={onBack}
		/>,
		new FakeServices(),
	);
	return {...view, onConfirm, onBack};
}

describe('Confirm step', () => {
	it('sums up everything on one screen', async () => {
		const {lastFrame} = mount();
		const text = await waitFor(lastFrame, 'Check and confirm');
		const c = jan.assessment.certificate;
		expect(text).toContain('Step 5/5 · OK');
		expect(text).toMatch(/Holder\s+Jan Novák/);
		expect(text).toMatch(/Issuer\s+UI Test Qualified CA 2026/);
		expect(text).toMatch(new RegExp(`Valid\\s+${formatDate(c.notBefore)} – ${formatDate(days(365))}`));
		expect(text).toContain(formatFingerprint(c.fingerprints.sha256).slice(0, 59));
		expect(text).toMatch(/Environment\s+Sandbox \(test environment\) \(https:\/\/portal\.sand\.ote-cr\.cz\/\)/);
		expect(text).toMatch(/Account\s+UZ42/);
		expect(text).toMatch(/Slot\s+2 \(authentication \+ signing\)/);
		expect(text).toMatch(/Source\s+\/home\/jan\/jan\.p12/);
		expect(text).toContain('✓ The private key in the file belongs to the certificate');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
	});

	it('digits move the highlight and never submit; Enter on Yes confirms', async () => {
		const {lastFrame, stdin, onConfirm, onBack} = mount();
		await waitFor(lastFrame, 'Yes, prepare the registration');
		await press(stdin, '2');
		await waitForHighlight(lastFrame, 'No, go back');
		await press(stdin, '1');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		// A caller reading out digits over the phone, all in one burst: still nothing submitted.
		await press(stdin, '12121');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		await press(stdin, '9');
		expect(onConfirm).not.toHaveBeenCalled();
		expect(onBack).not.toHaveBeenCalled();
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(onConfirm).toHaveBeenCalledWith(null));
		expect(onBack).not.toHaveBeenCalled();
	});

	it('"No" and Esc go back without confirming', async () => {
		const {lastFrame, stdin, onConfirm, onBack} = mount();
		await waitFor(lastFrame, 'No, go back');
		await press(stdin, 'j', KEY.enter);
		await vi.waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
		await press(stdin, KEY.escape);
		await vi.waitFor(() => expect(onBack).toHaveBeenCalledTimes(2));
		expect(onConfirm).not.toHaveBeenCalled();
	});

	it('warns when the key in the file does not match', async () => {
		const mismatched = {...jan, keyMatches: false};
		const {lastFrame} = mount({candidate: mismatched});
		await waitFor(lastFrame, '✗ The private key in the file does NOT belong to this certificate.');
	});

	it('shows progress while writing and the error when writing failed', async () => {
		const busy = mount({busy: true});
		const text = await waitFor(busy.lastFrame, 'Writing the registration package…');
		expect(text).not.toContain('Yes, prepare the registration');
		cleanup();
		const failed = mount({error: 'Cannot write /out: permission denied'});
		const shown = await waitFor(failed.lastFrame, '✗ Cannot write /out: permission denied');
		expect(shown).toContain('Yes, prepare the registration');
		expect(screen(failed.lastFrame)).toContain('Step 5/5 · OK');
	});
});
