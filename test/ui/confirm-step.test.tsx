import {createHash} from 'node:crypto';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {setLang} from '../../source/i18n/index.js';
import {cleanup} from 'ink-testing-library';
import type {SlotNumber, SlotRole} from '../../source/account/types.js';
import type {CandidateCertificate, Transition} from '../../source/flow/wizard.js';
import type {KeyProof} from '../../source/services/wizard-services.js';
import {fingerprintLines, formatDate, formatFingerprint} from '../../source/ui/format.js';
import {KEY, press, screen, type, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, days, drive, makeWorld, mountAt, toAccountStage, type World} from './fixtures.js';

let world: World;
let jan: CandidateCertificate;
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678', notAfter: days(365)}), '/home/jan/jan.p12', true);
});
afterEach(() => cleanup());

/** Drives the real machine to the Confirm step (Sandbox, UZ42, an administrator) and renders it from there. */
function confirmStage(services: FakeServices, candidate: CandidateCertificate, slot: SlotNumber, roles: SlotRole[], confirmed = false): Transition {
	const opening = drive(toAccountStage(candidate, 'UZ42', 'sandbox'));
	const stage = opening.state.stage;
	if (stage.step !== 'opening') throw new Error(`not opening the account: ${stage.step}`);
	const overview = services.slotOverview('UZ42', 'sandbox', candidate);
	let next = drive(
		[
			{type: 'accountOpened', key: stage.key, overview, remembered: null},
			{type: 'chooseProfile', choice: 'admin'},
			{type: 'chooseSlot', slot},
		],
		opening.state,
	);
	if (next.state.stage.step === 'roles') next = drive([{type: 'chooseRoles', roles}], next.state);
	return confirmed ? drive([{type: 'confirm'}], next.state) : next;
}

function mount(props: {services?: FakeServices; candidate?: CandidateCertificate; confirmed?: boolean} = {}) {
	const services = props.services ?? new FakeServices();
	const m = mountAt(services, confirmStage(services, props.candidate ?? jan, 2, ['auth', 'sign'], props.confirmed));
	return {...m, services};
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
		// The whole SHA-256, on two lines beside its label.
		for (const line of fingerprintLines(c.fingerprints.sha256)) expect(text).toContain(line);
		expect(fingerprintLines(c.fingerprints.sha256).join(':')).toBe(formatFingerprint(c.fingerprints.sha256));
		expect(text).toMatch(/Environment\s+Sandbox \(test environment\) \(https:\/\/portal\.sand\.ote-cr\.cz\/\)/);
		expect(text).toMatch(/Account\s+UZ42/);
		expect(text).toMatch(/Slot\s+2 \(authentication \+ signing\)/);
		expect(text).toMatch(/Source\s+\/home\/jan\/jan\.p12/);
		expect(text).toContain('✓ The private key in the file belongs to the certificate');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
	});

	it('says who registers, which certificate it replaces (holder, expiry, SHA-256 prefix) and what comes next', async () => {
		const services = new FakeServices();
		const old = await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678', notAfter: days(20)});
		services.seed('UZ42', 'sandbox', 2, ['auth', 'sign'], old);
		const {lastFrame} = mount({services});
		const text = (await waitFor(lastFrame, 'Check and confirm')).replace(/\s+/g, ' ');
		const sha = createHash('sha256').update(old.der).digest('hex');
		expect(text).toContain('Registers you as the account administrator, in the CS OTE portal');
		expect(text).toContain(`Replaces Jan Novák, valid until ${formatDate(days(20))}, SHA-256 ${formatFingerprint(sha.slice(0, 16))}…`);
		expect(text).toContain('Then you upload the public part (.cer) in the portal https://portal.sand.ote-cr.cz/');
	});

	it('the Done screen names the certificate replaced, above the next steps (which say who registers)', async () => {
		const sha = 'ab'.repeat(32);
		const services = new FakeServices({
			register: async () => ({
				dir: '/tmp/ote-cert-out',
				files: [],
				nextStepLines: ['Next step: register it in the CS OTE portal'],
				nextStepKind: 'portal',
				replaced: {subject: 'Jan Novák', notAfter: '2026-12-20T00:00:00.000Z', sha256: sha},
			}),
		});
		const {lastFrame} = mount({services, confirmed: true});
		const text = (await waitFor(lastFrame, 'Done · DONE')).replace(/\s+/g, ' ');
		expect(text).toContain('It replaces the certificate of Jan Novák (valid until 2026-12-20, SHA-256 AB:AB:AB:AB:AB:AB:AB:AB…).');
		expect(text).toContain('Next step: register it in the CS OTE portal');
	});

	it('in Czech too, and says when nothing is replaced', async () => {
		setLang('cs');
		try {
			const {lastFrame} = mount();
			const text = (await waitFor(lastFrame, 'Zkontrolujte a potvrďte')).replace(/\s+/g, ' ');
			expect(text).toContain('Registruje vy jako administrátor účtu, v portálu CS OTE');
			expect(text).toContain('Nahrazuje nic, pozice je v této roli volná');
		} finally {
			setLang('en');
		}
	});

	it('digits move the highlight and never submit; Enter on Yes confirms', async () => {
		const m = mount();
		const {lastFrame, stdin, services} = m;
		await waitFor(lastFrame, 'Yes, prepare the registration');
		await press(stdin, '2');
		await waitForHighlight(lastFrame, 'No, go back');
		await press(stdin, '1');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		// A caller reading out digits over the phone, all in one burst: still nothing submitted.
		await press(stdin, '12121');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		await press(stdin, '9');
		expect(m.intents).toEqual([]);
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(services.registered).toHaveLength(1));
		expect(services.registered[0]?.proof).toBeNull();
		expect(m.intents).toEqual([{type: 'confirm'}]);
	});

	it('"No" and Esc go back without confirming', async () => {
		for (const keys of [['j', KEY.enter], [KEY.escape]]) {
			const m = mount();
			await waitFor(m.lastFrame, 'No, go back');
			await press(m.stdin, ...keys);
			await vi.waitFor(() => expect(m.state().stage.step).toBe('slot'));
			expect(m.services.registered).toEqual([]);
			cleanup();
		}
	});

	it('warns when the key in the file does not match', async () => {
		const mismatched = {...jan, keyMatches: false};
		const {lastFrame} = mount({candidate: mismatched});
		await waitFor(lastFrame, '✗ The private key in the file does NOT belong to this certificate.');
	});

	it('shows progress while writing and the error when writing failed', async () => {
		const busy = mount({services: new FakeServices({register: () => new Promise(() => undefined)}), confirmed: true});
		const text = await waitFor(busy.lastFrame, 'Writing the registration package…');
		expect(text).not.toContain('Yes, prepare the registration');
		cleanup();
		const failing = new FakeServices({
			register: async () => {
				throw new Error('Cannot write /out: permission denied');
			},
		});
		const failed = mount({services: failing, confirmed: true});
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
		const typing: boolean[] = [];
		const m = mountAt(services, confirmStage(services, onToken(), 1, ['auth']), typing);
		return {...m, typing};
	}

	it('checks the key without a PIN first, then Yes is highlighted and passes the proof on', async () => {
		let finish: (proof: KeyProof) => void = () => undefined;
		const services = new FakeServices({prove: (_c, sign) => (sign ? Promise.reject(new Error('no')) : new Promise<KeyProof>((resolve) => (finish = resolve)))});
		const {lastFrame, stdin} = mountToken(services);
		await waitFor(lastFrame, 'Checking the key on the token…');
		expect(services.proofs).toEqual([false]);
		const proof: KeyProof = {level: 'public-key-match', ok: true, detail: 'The token holds the key of this certificate.'};
		finish(proof);
		await waitFor(lastFrame, '✓ The token holds the key of this certificate.');
		await waitForHighlight(lastFrame, 'Yes, prepare the registration');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(services.registered[0]?.proof).toEqual(proof));
	});

	it('a key missing from the token blocks Yes', async () => {
		const services = new FakeServices({
			prove: async () => ({level: 'public-key-match', ok: false, detail: 'The token does not hold the key of this certificate.'}),
		});
		const {lastFrame, stdin} = mountToken(services);
		await waitFor(lastFrame, '✗ The token does not hold the key of this certificate.');
		await press(stdin, '1', KEY.enter, 'k', 'k', KEY.enter);
		expect(services.registered).toEqual([]);
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
		const {lastFrame, stdin, frames, typing} = mountToken(services);
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
			expect(services.registered[0]?.proof).toEqual({level: 'signature', ok: true, detail: 'The token signed with the key of this certificate.'}),
		);
	});
});
