import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {ConfirmStep} from '../../source/ui/steps/ConfirmStep.js';
import {BUILT_IN_ENVIRONMENTS} from '../../source/account/types.js';
import type {CandidateCertificate} from '../../source/flow/wizard.js';
import type {KeyProof} from '../../source/services/wizard-services.js';
import {formatDate, formatFingerprint} from '../../source/ui/format.js';
import {KEY, press, screen, type, waitFor, waitForHighlight} from '../helpers/ink.js';
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

describe('Confirm step for a certificate on a token', () => {
	const onToken = (): CandidateCertificate => ({
		...jan,
		sourceRef: 'pkcs11:token=Karta%20Jana;object=Jan',
		keyMatches: null,
		entry: {
			...jan.entry,
			origin: {
				kind: 'pkcs11',
				uri: 'pkcs11:token=Karta%20Jana;object=Jan',
				modulePath: '/usr/lib/softhsm/libsofthsm2.so',
				tokenLabel: 'Karta Jana',
				tokenSerial: '1234',
				slotDescription: 'slot 0',
				objectLabel: 'Jan',
				objectId: '01',
			},
		},
	});

	function mountToken(services: FakeServices) {
		const onConfirm = vi.fn<(proof: KeyProof | null) => void>();
		const onBack = vi.fn<() => void>();
		const typing: boolean[] = [];
		const view = renderWithRuntime(
			<ConfirmStep
				candidate={onToken()}
				environment={sandbox}
				account="UZ42"
				slot={1}
				roles={['auth']}
				help={null}
				busy={false}
				error={null}
				onConfirm={onConfirm}
				onBack={onBack}
			/>,
			services,
			typing,
		);
		return {...view, onConfirm, onBack, typing};
	}

	it('checks the key without a PIN first, then Yes is highlighted and passes the proof on', async () => {
		let finish: (proof: KeyProof) => void = () => undefined;
		const services = new FakeServices({prove: (_c, sign) => (sign ? Promise.reject(new Error('no')) : new Promise<KeyProof>((resolve) => (finish = resolve)))});
		const {lastFrame, stdin, onConfirm} = mountToken(services);
		await waitFor(lastFrame, 'Checking the key on the token…');
		expect(services.proofs).toEqual([false]);
		const proof: KeyProof = {level: 'public-key-match', ok: true, detail: 'The token holds the key of this certificate.'};
		finish(proof);
		await waitFor(lastFrame, '✓ The token holds the key of this certificate.');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(onConfirm).toHaveBeenCalledWith(proof));
	});

	it('a key missing from the token blocks Yes', async () => {
		const services = new FakeServices({
			prove: async () => ({level: 'public-key-match', ok: false, detail: 'The token does not hold the key of this certificate.'}),
		});
		const {lastFrame, stdin, onConfirm} = mountToken(services);
		await waitFor(lastFrame, '✗ The token does not hold the key of this certificate.');
		await press(stdin, '1', KEY.enter, 'k', 'k', KEY.enter);
		expect(onConfirm).not.toHaveBeenCalled();
	});

	it('proof by signature asks for the PIN in a masked field that never shows it', async () => {
		const pins: Array<string | null> = [];
		const services = new FakeServices({
			prove: async (_c, sign, secret) => {
				if (!sign) return {level: 'public-key-match', ok: true, detail: 'The token holds the key of this certificate.'};
				let retry = false;
				for (;;) {
					const pin = await secret({kind: 'pin', target: 'Karta Jana', retry, pinState: retry ? 'final-try' : 'ok'});
					pins.push(pin);
					if (pin === '4711') return {level: 'signature', ok: true, detail: 'The token signed with the key of this certificate.'};
					retry = true;
				}
			},
		});
		const {lastFrame, stdin, onConfirm, frames, typing} = mountToken(services);
		await waitFor(lastFrame, '✓ The token holds the key');
		await press(stdin, 'j');
		await waitForHighlight(lastFrame, 'First prove the key on the token with a signature');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'PIN of token Karta Jana:');
		await vi.waitFor(() => expect(typing.at(-1)).toBe(true));
		await type(stdin, '1234');
		await waitFor(lastFrame, 'PIN of token Karta Jana: ****');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Wrong PIN. The token counts failed tries');
		expect(screen(lastFrame)).toContain('Final try! One more wrong PIN locks the token');
		await press(stdin, '4711', KEY.enter);
		await waitFor(lastFrame, '✓ The token signed with the key of this certificate.');
		expect(pins).toEqual(['1234', '4711']);
		const everything = frames.join('\n');
		expect(everything).not.toContain('1234');
		expect(everything).not.toContain('4711');
		// After a signature the offer to sign is gone; Yes confirms with the stronger proof.
		expect(screen(lastFrame)).not.toContain('First prove the key');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		await press(stdin, KEY.enter);
		await vi.waitFor(() =>
			expect(onConfirm).toHaveBeenCalledWith({level: 'signature', ok: true, detail: 'The token signed with the key of this certificate.'}),
		);
	});
});
