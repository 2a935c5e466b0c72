import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../source/ui/App.js';
import {makeTheme} from '../../source/ui/theme.js';
import {setLang} from '../../source/i18n/index.js';
import type {CandidateCertificate} from '../../source/flow/wizard.js';
import {SourceError, type SecretProvider, type SourceRef} from '../../source/sources/types.js';
import {KEY, press, screen, type, waitFor, waitForGone, waitForHighlight, type LastFrame} from '../helpers/ink.js';
import {FakeServices, days, makeWorld, type FakeOptions, type World} from './fixtures.js';

const fileRef = (name: string): SourceRef => ({ref: `/home/jan/${name}`, kind: 'file', label: name});

let world: World;
let jan: CandidateCertificate;
let petra: CandidateCertificate;
let stranger: CandidateCertificate;
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678', notAfter: days(365)}), '/home/jan/jan.cer');
	petra = world.candidate(await world.leaf({cn: 'Petra Svobodová', org: 'Teplárna s.r.o.', notAfter: days(200)}), '/home/jan/jan.cer');
	stranger = world.candidate(await world.leaf({cn: 'Karel Dvořák', issuer: world.stranger}), '/home/jan/karel.pem');
});
afterEach(() => {
	cleanup();
	setLang('en');
});

interface Harness {
	lastFrame: LastFrame;
	stdin: {write: (data: string) => void};
	onExit: ReturnType<typeof vi.fn<(code: number) => void>>;
	services: FakeServices;
}

function start(options: FakeOptions = {}): Harness {
	const services = new FakeServices({
		found: [fileRef('a.cer'), fileRef('jan.cer')],
		load: async () => [jan],
		...options,
	});
	const onExit = vi.fn<(code: number) => void>();
	const view = render(<App services={services} theme={makeTheme({ascii: false, demo: false})} escapeWaitMs={0} onExit={onExit} />);
	return {lastFrame: view.lastFrame, stdin: view.stdin, onExit, services};
}

// Each stage of the journey: the keys that reach it from the previous one, and what then shows.
async function toCertificate(h: Harness): Promise<void> {
	await waitFor(h.lastFrame, 'jan.cer');
	await press(h.stdin, 'j', 'j', KEY.enter);
	await waitFor(h.lastFrame, 'Step 2/5 · CERT');
}
async function toEnvironment(h: Harness): Promise<void> {
	await toCertificate(h);
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Step 3/5 · ENV');
}
async function toAccount(h: Harness): Promise<void> {
	await toEnvironment(h);
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'User id:');
}
async function toSlot(h: Harness): Promise<void> {
	await toAccount(h);
	await press(h.stdin, 'UZ42', KEY.enter);
	await waitFor(h.lastFrame, 'Step 4/5 · SLOT');
}
async function toSlotList(h: Harness): Promise<void> {
	await toSlot(h);
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Which of the 4 slots');
}
async function toRoles(h: Harness): Promise<void> {
	await toSlotList(h);
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'In which role');
}
async function toConfirm(h: Harness): Promise<void> {
	await toRoles(h);
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Step 5/5 · OK');
}
async function toDone(h: Harness): Promise<void> {
	await toConfirm(h);
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Done · DONE');
}
async function toPathField(h: Harness): Promise<void> {
	await waitFor(h.lastFrame, 'jan.cer');
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Path:');
}

describe('App: the whole journey', () => {
	it('walks all five steps, shows "Step N/5 · CODE", and registers what was chosen', async () => {
		const h = start();
		let text = await waitFor(h.lastFrame, 'jan.cer');
		expect(text).toContain('ote-cert · Step 1/5 · SRC');
		await press(h.stdin, 'j', 'j', KEY.enter);
		text = await waitFor(h.lastFrame, 'ote-cert · Step 2/5 · CERT');
		expect(text).toMatch(/Holder\s+Jan Novák/);
		expect(h.services.loads).toEqual(['/home/jan/jan.cer']);
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'ote-cert · Step 3/5 · ENV');
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'User id:');
		await type(h.stdin, 'UZ42');
		await press(h.stdin, KEY.enter);
		text = await waitFor(h.lastFrame, 'ote-cert · Step 4/5 · SLOT');
		expect(text).toContain('Who registers the certificate (account UZ42)?');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Which of the 4 slots of account UZ42?');
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'In which role does the certificate go into slot 2?');
		await press(h.stdin, KEY.enter);
		text = await waitFor(h.lastFrame, 'ote-cert · Step 5/5 · OK');
		expect(text).toMatch(/Slot\s+2 \(authentication \+ signing\)/);
		expect(text).toMatch(/Environment\s+Sandbox/);
		expect(h.services.registered).toEqual([]);
		await press(h.stdin, KEY.enter);
		text = await waitFor(h.lastFrame, 'ote-cert · Done · DONE');
		expect(text).toContain('The files are in /tmp/ote-cert-out');
		expect(text).toContain('Next: upload the certificate in the portal.');
		expect(h.services.registered).toEqual([
			{
				candidate: jan,
				envId: 'sandbox',
				account: 'UZ42',
				slot: 2,
				roles: ['auth', 'sign'],
				profile: {role: 'admin', newCompany: false, pozeProducer: false},
				noValidCertificate: false,
				proof: null,
			},
		]);
		expect(h.onExit).not.toHaveBeenCalled();
		await press(h.stdin, KEY.enter);
		await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(0));
	});

	it('tells the register service when an owner has no valid certificate left', async () => {
		const h = start();
		await toSlot(h);
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'Do you still hold');
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'Which of the 4 slots');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'In which role');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Step 5/5 · OK');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Done · DONE');
		expect(h.services.registered[0]).toMatchObject({
			envId: 'production',
			slot: 1,
			profile: {role: 'owner', newCompany: false, pozeProducer: false},
			noValidCertificate: true,
		});
	});

	it('a register error is shown on the confirm screen and nothing advances', async () => {
		const h = start({
			register: async () => {
				throw new Error('Cannot write /out/registration.json: permission denied');
			},
		});
		await toConfirm(h);
		await press(h.stdin, KEY.enter);
		const text = await waitFor(h.lastFrame, '✗ Cannot write /out/registration.json: permission denied');
		expect(text).toContain('Step 5/5 · OK');
		expect(text).toContain('Yes, prepare the registration');
		expect(h.services.registered).toHaveLength(1);
		expect(h.onExit).not.toHaveBeenCalled();
		// The error reaches the diagnostic report.
		await press(h.stdin, 'r');
		await waitFor(h.lastFrame, 'Diagnostic file written: /tmp/ote-cert-report.txt');
		expect(h.services.reports.map((r) => r.lastError)).toEqual(['Cannot write /out/registration.json: permission denied']);
		// Going back clears the error.
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Step 4/5 · SLOT');
		expect(screen(h.lastFrame)).not.toContain('permission denied');
	});

	it('an unapproved certificate is refused at the certificate step', async () => {
		const h = start({load: async () => [stranger]});
		await toCertificate(h);
		await waitFor(h.lastFrame, /Verdict\s+✗ cannot be registered/);
		await press(h.stdin, KEY.enter);
		const text = await waitFor(h.lastFrame, 'This certificate cannot be registered in CS OTE. Esc to go back and choose another.');
		expect(text).toContain('Step 2/5 · CERT');
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Step 1/5 · SRC');
	});
});

describe('App: going back keeps the answers', () => {
	it('Esc from the confirm screen back to the first step, each screen showing what was chosen', async () => {
		const h = start({load: async () => [petra, jan]});
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, 'j', 'j', KEY.enter);
		await waitFor(h.lastFrame, 'Step 2/5 · CERT');
		await press(h.stdin, 'j');
		await waitFor(h.lastFrame, /Holder\s+Jan Novák/);
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Step 3/5 · ENV');
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'User id:');
		await press(h.stdin, 'UZ42', KEY.enter);
		await waitFor(h.lastFrame, 'Who registers');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Which of the 4 slots');
		await press(h.stdin, 'j', 'j', KEY.enter);
		await waitFor(h.lastFrame, 'In which role does the certificate go into slot 3?');
		await press(h.stdin, 'j', KEY.enter);
		let text = await waitFor(h.lastFrame, 'Step 5/5 · OK');
		expect(text).toMatch(/Slot\s+3 \(authentication\)/);

		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Step 4/5 · SLOT');
		await waitForHighlight(h.lastFrame, 'Slot 3: empty');
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Who registers');
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Step 3/5 · ENV');
		await waitForHighlight(h.lastFrame, 'Sandbox');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'User id: UZ42');
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Which CS OTE environment?');
		await press(h.stdin, KEY.escape);
		text = await waitFor(h.lastFrame, 'Step 2/5 · CERT');
		await waitForHighlight(h.lastFrame, 'Jan Novák');
		expect(text).toMatch(/Holder\s+Jan Novák/);
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Step 1/5 · SRC');

		// Forward again: the account typed earlier is still there.
		await press(h.stdin, 'j', 'j', KEY.enter);
		await waitFor(h.lastFrame, 'Step 2/5 · CERT');
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'Step 3/5 · ENV');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'User id: UZ42');
	});
});

describe('App: global keys', () => {
	const stages: Array<[string, (h: Harness) => Promise<void>]> = [
		['source list', async (h) => void (await waitFor(h.lastFrame, 'jan.cer'))],
		['path field', toPathField],
		['certificate', toCertificate],
		['environment list', toEnvironment],
		['account field', toAccount],
		['profile question', toSlot],
		['slot list', toSlotList],
		['role list', toRoles],
		['confirm', toConfirm],
		['done', toDone],
	];

	for (const [name, reach] of stages) {
		it(`Ctrl+C leaves with 130 at the ${name}`, async () => {
			const h = start();
			await reach(h);
			expect(h.onExit).not.toHaveBeenCalled();
			await press(h.stdin, KEY.ctrlC);
			await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(130));
			expect(h.services.registered).toHaveLength(name === 'done' ? 1 : 0);
		});
	}

	it('Ctrl+C leaves with 130 at the password prompt, and the prompt never saw it as text', async () => {
		const secrets: Array<string | null> = [];
		const load = async (_ref: string, secret: SecretProvider) => {
			secrets.push(await secret({kind: 'password', target: 'jan.p12', retry: false}));
			throw new SourceError('CANCELLED', 'cancelled');
		};
		const h = start({load});
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, 'j', KEY.enter);
		await waitFor(h.lastFrame, 'Password for jan.p12:');
		await press(h.stdin, 'ab', KEY.ctrlC);
		await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(130));
		expect(screen(h.lastFrame)).toContain('Password for jan.p12: **');
	});

	it('q quits at once when nothing would be lost', async () => {
		const h = start();
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, 'q');
		await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(130));
	});

	it('q asks first once a choice would be lost; n keeps going, y leaves', async () => {
		const h = start();
		await toEnvironment(h);
		await press(h.stdin, 'q');
		await waitFor(h.lastFrame, 'Quit now? Nothing will be saved. Press y (yes) or n (no).');
		expect(h.onExit).not.toHaveBeenCalled();
		await press(h.stdin, 'n');
		await waitForGone(h.lastFrame, 'Quit now?');
		expect(h.onExit).not.toHaveBeenCalled();
		expect(screen(h.lastFrame)).toContain('Step 3/5 · ENV');
		// The answer to the question is not taken as a list key either.
		await waitForHighlight(h.lastFrame, 'Production');
		await press(h.stdin, 'q');
		await waitFor(h.lastFrame, 'Quit now?');
		await press(h.stdin, 'y');
		await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(130));
	});

	it('while the quit question is open, its answer keys do not reach the screen below', async () => {
		const h = start();
		await toEnvironment(h);
		await waitForHighlight(h.lastFrame, 'Production');
		// Esc answers "no" to the question; it must not also take the wizard a step back.
		await press(h.stdin, 'q');
		await waitFor(h.lastFrame, 'Quit now?');
		await press(h.stdin, KEY.escape);
		await waitForGone(h.lastFrame, 'Quit now?');
		expect(screen(h.lastFrame)).toContain('Step 3/5 · ENV');
		// Enter answers "no" too; it must not also choose the highlighted environment.
		await press(h.stdin, 'q');
		await waitFor(h.lastFrame, 'Quit now?');
		await press(h.stdin, KEY.enter);
		await waitForGone(h.lastFrame, 'Quit now?');
		// j is not an answer: the list stays put.
		await press(h.stdin, 'q');
		await waitFor(h.lastFrame, 'Quit now?');
		await press(h.stdin, 'j');
		await waitForGone(h.lastFrame, 'Quit now?');
		await waitForHighlight(h.lastFrame, 'Production');
		const text = screen(h.lastFrame);
		expect(text).toContain('Step 3/5 · ENV');
		expect(text).toContain('Which CS OTE environment?');
		expect(h.onExit).not.toHaveBeenCalled();
	});

	it('q, ? and r are plain letters while a field has the keyboard', async () => {
		const h = start();
		await toPathField(h);
		await type(h.stdin, 'q?r');
		await waitFor(h.lastFrame, 'Path: q?r');
		const text = screen(h.lastFrame);
		expect(text).not.toContain('Quit now?');
		expect(text).not.toContain('Choose a certificate file');
		expect(h.services.reports).toEqual([]);
		expect(h.onExit).not.toHaveBeenCalled();
		await press(h.stdin, KEY.escape);
		await waitFor(h.lastFrame, 'Type a file path');
		await toAccountFrom(h);
		await type(h.stdin, 'quiz?');
		await waitFor(h.lastFrame, 'User id: quiz?');
		expect(screen(h.lastFrame)).not.toContain('Quit now?');
		expect(h.onExit).not.toHaveBeenCalled();
		// The ledger would refuse this id: the field says so and keeps it for correcting.
		await press(h.stdin, KEY.enter);
		const refused = await waitFor(h.lastFrame, 'This user id is not valid');
		expect(refused).toContain('User id: quiz?');
		await press(h.stdin, KEY.backspace);
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Who registers the certificate (account quiz)?');
		expect(h.onExit).not.toHaveBeenCalled();
	});

	it('on the last screen q and Esc leave with 0: the package is written', async () => {
		for (const key of ['q', KEY.escape]) {
			const h = start();
			await toDone(h);
			await press(h.stdin, key);
			await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(0));
			expect(h.onExit).not.toHaveBeenCalledWith(130);
			cleanup();
		}
	});

	it('r writes the diagnostic report and says where', async () => {
		const h = start();
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, 'r');
		await waitFor(h.lastFrame, 'Diagnostic file written: /tmp/ote-cert-report.txt');
		expect(h.services.reports.map((r) => r.lastError)).toEqual([null]);
		expect(h.onExit).not.toHaveBeenCalled();
	});

	it('? toggles the help of the current step', async () => {
		const h = start();
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, '?');
		await waitFor(h.lastFrame, 'Choose a certificate file (.cer/.crt/.pem, or .p12/.pfx with its password) or a token.');
		await press(h.stdin, '?');
		await waitForGone(h.lastFrame, 'Choose a certificate file');
		await toEnvironmentFrom(h);
		await press(h.stdin, '?');
		await waitFor(h.lastFrame, 'Production is the live system; Sandbox is the test environment.');
		await press(h.stdin, '?');
		await waitForGone(h.lastFrame, 'Production is the live system');
	});

	it('a burst "j j Enter" in one write picks the third item', async () => {
		const h = start({found: [fileRef('a.cer'), fileRef('b.cer'), fileRef('jan.cer')]});
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, 'jj\r');
		await waitFor(h.lastFrame, 'Step 2/5 · CERT');
		expect(h.services.loads).toEqual(['/home/jan/b.cer']);
	});
});

async function toAccountFrom(h: Harness): Promise<void> {
	await press(h.stdin, 'j', 'j', KEY.enter);
	await waitFor(h.lastFrame, 'Step 2/5 · CERT');
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Step 3/5 · ENV');
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'User id:');
}

async function toEnvironmentFrom(h: Harness): Promise<void> {
	await press(h.stdin, 'j', 'j', KEY.enter);
	await waitFor(h.lastFrame, 'Step 2/5 · CERT');
	await press(h.stdin, KEY.enter);
	await waitFor(h.lastFrame, 'Step 3/5 · ENV');
}

describe('App in Czech', () => {
	it('the header reads "Krok N/5 · CODE" and the quit question takes a (ano)', async () => {
		setLang('cs');
		const h = start();
		let text = await waitFor(h.lastFrame, 'ote-cert · Krok 1/5 · SRC');
		expect(text).toContain('Kde je váš certifikát?');
		await press(h.stdin, 'j', 'j', KEY.enter);
		text = await waitFor(h.lastFrame, 'ote-cert · Krok 2/5 · CERT');
		expect(text).toMatch(/Držitel\s+Jan Novák/);
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'ote-cert · Krok 3/5 · ENV');
		await press(h.stdin, '?');
		await waitFor(h.lastFrame, 'Produkce je ostrý provoz; Sandbox je testovací prostředí.');
		await press(h.stdin, 'q');
		await waitFor(h.lastFrame, 'Opravdu skončit? Nic se neuloží. Stiskněte a (ano) nebo n (ne).');
		await press(h.stdin, 'a');
		await vi.waitFor(() => expect(h.onExit).toHaveBeenCalledWith(130));
	});
});
