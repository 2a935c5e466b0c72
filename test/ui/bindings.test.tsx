// One binding table per screen drives the footer, the `?` help and the shell's key router: the three
// are compared here on every stage of the machine, and the router is shown acting only on keys the
// table lists (r on a list writes a report; r in a text field is a letter).
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../source/ui/App.js';
import {makeTheme} from '../../source/ui/theme.js';
import {bindingsFor, commandFor, footerOf, helpOf} from '../../source/ui/bindings.js';
import {stepOf, type CandidateCertificate, type WizardState} from '../../source/flow/wizard.js';
import {BUILT_IN_ENVIRONMENTS, type Environment} from '../../source/account/types.js';
import type {SourceRef} from '../../source/sources/types.js';
import {KEY, press, screen, waitFor} from '../helpers/ink.js';
import {FakeServices, drive, makeWorld, mountAt, toCertificateStage, type World} from './fixtures.js';

afterEach(() => cleanup());

const fileRef = (name: string): SourceRef => ({ref: `/home/jan/${name}`, kind: 'file', label: name, detail: '/home/jan'});
const [PRODUCTION] = BUILT_IN_ENVIRONMENTS as unknown as [Environment];

let world: World;
let jan: CandidateCertificate;
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák'}), '/home/jan/jan.cer');
});

/** Stages a person can look at, reached by the real machine. */
function stages(): Record<string, WizardState> {
	const certificate = drive(toCertificateStage([jan])).state;
	const environment = drive([{type: 'chooseCertificate', index: 0}], certificate).state;
	const account = drive([{type: 'chooseEnvironment', environment: PRODUCTION}], environment).state;
	return {source: drive([]).state, certificate, environment, account};
}

describe('the binding table', () => {
	it('the footer is the table (without help-only keys) and `?` lists every key of the table', async () => {
		for (const [name, state] of Object.entries(stages())) {
			const bindings = bindingsFor(state);
			const footer = footerOf(bindings);
			const help = helpOf(stepOf(state.stage), bindings);
			for (const label of footer) expect(help, name).toContain(label);
			const m = mountAt(new FakeServices(), {state, effects: []});
			const text = await waitFor(m.lastFrame, footer.join('  '));
			expect(text.trimEnd().split('\n').at(-1)?.trim(), name).toBe(footer.join('  '));
			cleanup();
		}
	});

	it('lists r (report) on the lists and keeps ?, r and q out of text fields', () => {
		const {source, certificate, environment, account} = stages();
		for (const state of [source, certificate, environment] as WizardState[]) {
			expect(commandFor(bindingsFor(state), 'r')).toBe('report');
			expect(footerOf(bindingsFor(state))).toContain('r report');
		}
		for (const ch of ['?', 'r', 'q']) expect(commandFor(bindingsFor(account as WizardState), ch)).toBeNull();
		expect(helpOf('environment', bindingsFor(account as WizardState))).toContain('Ctrl+U clear');
	});
});

describe('the router follows the table', () => {
	function start() {
		const services = new FakeServices({found: [fileRef('a.cer'), fileRef('jan.cer')], load: async () => [jan]});
		const onExit = vi.fn<(code: number) => void>();
		const view = render(<App services={services} theme={makeTheme({ascii: false, demo: false})} escapeWaitMs={0} onExit={onExit} />);
		return {...view, services, onExit};
	}

	it('? shows what the step is for and its keys; r writes a report; in the user id field both are letters', async () => {
		const h = start();
		await waitFor(h.lastFrame, 'jan.cer');
		await press(h.stdin, '?');
		const help = await waitFor(h.lastFrame, 'Keys:');
		expect(help).toContain('Choose a certificate file');
		expect(help).toContain('r report');
		expect(help).toContain('q quit');
		await press(h.stdin, '?', 'r');
		await waitFor(h.lastFrame, 'Diagnostic file written');
		expect(h.services.reports.map((r) => r.step)).toEqual(['SRC']);
		await press(h.stdin, 'j', 'j', KEY.enter);
		// The notice goes with the step it was written on.
		const cert = await waitFor(h.lastFrame, 'Step 2/5 · CERT');
		expect(cert).not.toContain('Diagnostic file written');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'Step 3/5 · ENV');
		await press(h.stdin, KEY.enter);
		await waitFor(h.lastFrame, 'User id:');
		await press(h.stdin, 'r', '?');
		await waitFor(h.lastFrame, 'User id: r?');
		expect(h.services.reports).toHaveLength(1);
		expect(screen(h.lastFrame)).not.toContain('Keys:');
	});
});
