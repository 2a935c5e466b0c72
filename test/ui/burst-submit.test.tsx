// Keys that arrive together in one read (type-ahead over a slow SSH link, a paste, tmux send-keys
// with several keys): applied in order up to a submit, and never a second submit of the same
// screen. Runs the whole <App> with a fake WizardServices whose certificates the real trust engine judged.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../source/ui/App.js';
import {makeTheme} from '../../source/ui/theme.js';
import type {CandidateCertificate} from '../../source/flow/wizard.js';
import type {SourceRef} from '../../source/sources/types.js';
import {KEY, press, type, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, makeWorld, type FakeOptions, type World} from './fixtures.js';

const fileRef = (name: string): SourceRef => ({ref: `/home/jan/${name}`, kind: 'file', label: name, detail: '/home/jan'});

let world: World;
let jan: CandidateCertificate;
let eva: CandidateCertificate;
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678'}), '/home/jan/oba.p12', true);
	eva = world.candidate(await world.leaf({cn: 'Eva Svobodová', org: 'Plynárna a.s.', ico: '12345678'}), '/home/jan/oba.p12', true);
});
afterEach(() => cleanup());

function start(options: FakeOptions = {}, escapeWaitMs = 0) {
	const services = new FakeServices({
		found: [fileRef('oba.p12'), fileRef('b.cer'), fileRef('c.cer')],
		load: async () => [jan, eva],
		...options,
	});
	const exits: number[] = [];
	const view = render(
		<App services={services} theme={makeTheme({ascii: false, demo: false})} escapeWaitMs={escapeWaitMs} onExit={(code) => exits.push(code)} />,
	);
	return {...view, services, exits};
}

type Running = ReturnType<typeof start>;

const header = (n: number, code: string) => `ote-cert · Step ${n}/5 · ${code}`;

/** Source → Certificate: opens oba.p12 (holding Jan and Eva). */
async function toCertificate(app: Running): Promise<void> {
	await waitFor(app.lastFrame, 'oba.p12');
	await press(app.stdin, 'j');
	await waitForHighlight(app.lastFrame, 'oba.p12');
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, header(2, 'CERT'));
}

/** Certificate → Environment: picks Eva, the second certificate. */
async function toEnvironment(app: Running): Promise<void> {
	await toCertificate(app);
	await press(app.stdin, 'j');
	await waitForHighlight(app.lastFrame, 'Eva Svobodová');
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, header(3, 'ENV'));
}

/** Environment → Slot: Sandbox, account "ucet-7", then the profile question. */
async function toSlot(app: Running): Promise<void> {
	await toEnvironment(app);
	await press(app.stdin, 'j');
	await waitForHighlight(app.lastFrame, 'Sandbox');
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, 'User id:');
	await type(app.stdin, 'ucet-7');
	await waitFor(app.lastFrame, 'User id: ucet-7');
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, header(4, 'SLOT'));
	await waitFor(app.lastFrame, 'Who registers the certificate (account ucet-7)?');
}

/** Slot → Confirm: administrator, slot 2, authentication only. */
async function toConfirm(app: Running): Promise<void> {
	await toSlot(app);
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, 'Which of the 4 slots of account ucet-7?');
	await press(app.stdin, 'j');
	await waitForHighlight(app.lastFrame, 'Slot 2: empty');
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, 'In which role does the certificate go into slot 2?');
	await press(app.stdin, 'j');
	await waitForHighlight(app.lastFrame, 'Authentication (login) only');
	await press(app.stdin, KEY.enter);
	await waitFor(app.lastFrame, header(5, 'OK'));
}

describe('App under bursts of keys', () => {
	it('keys typed ahead after Enter in the same read do not act on the list that is going away', async () => {
		const app = start();
		await waitFor(app.lastFrame, 'c.cer');
		await press(app.stdin, 'j\rj\r');
		await waitFor(app.lastFrame, header(2, 'CERT'));
		expect(app.services.loads).toEqual(['/home/jan/oba.p12']);
		// Nor on the next screen, which did not exist yet when they were typed.
		await waitForHighlight(app.lastFrame, 'Jan Novák');
	});

	it('Enter Enter in one read on "Yes" registers once', async () => {
		const app = start();
		await toConfirm(app);
		await waitForHighlight(app.lastFrame, 'Yes, prepare the registration');
		await press(app.stdin, '\r\r');
		await waitFor(app.lastFrame, 'ote-cert · Done · DONE');
		expect(app.services.registered).toHaveLength(1);
		expect(app.exits).toEqual([]);
	});

	it('Esc then Enter before the screen changed goes back and does not register', async () => {
		// The ESC is held until the next read (the wait is longer than the test), then both keys are
		// applied in one go, as on a laggy link where Esc and Enter follow each other closely.
		const app = start({}, 600_000);
		await toConfirm(app);
		await waitForHighlight(app.lastFrame, 'Yes, prepare the registration');
		await press(app.stdin, KEY.escape, KEY.enter);
		await waitFor(app.lastFrame, 'Which of the 4 slots of account ucet-7?');
		expect(app.services.registered).toEqual([]);
	});

	it('Esc and Enter in ONE read on "Yes" go back and do not register', async () => {
		// Ink hands "ESC CR" over as Enter with meta set; read as Enter alone, it would register.
		const app = start();
		await toConfirm(app);
		await waitForHighlight(app.lastFrame, 'Yes, prepare the registration');
		await press(app.stdin, `${KEY.escape}${KEY.enter}`);
		await waitFor(app.lastFrame, 'Which of the 4 slots of account ucet-7?');
		expect(app.services.registered).toEqual([]);
	});

	it('a path and Enter Enter in one read loads once', async () => {
		const app = start({found: []});
		await waitFor(app.lastFrame, 'Nothing found');
		await press(app.stdin, KEY.enter);
		await waitFor(app.lastFrame, 'Path:');
		await press(app.stdin, '/home/jan/oba.p12\r\r');
		await waitFor(app.lastFrame, header(2, 'CERT'));
		expect(app.services.loads).toEqual(['/home/jan/oba.p12']);
	});

	it('arrow keys in one read: Down Down Enter picks the third item', async () => {
		const app = start();
		await waitFor(app.lastFrame, 'c.cer');
		await press(app.stdin, `${KEY.down}${KEY.down}${KEY.enter}`);
		await waitFor(app.lastFrame, header(2, 'CERT'));
		expect(app.services.loads).toEqual(['/home/jan/b.cer']);
	});
});
