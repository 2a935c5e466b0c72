import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {SourceError, type SecretProvider, type SourceRef} from '../../source/sources/types.js';
import {start, type CandidateCertificate} from '../../source/flow/wizard.js';
import {KEY, press, screen, type, waitFor, waitForGone, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, makeWorld, mountAt, type Mounted, type World} from './fixtures.js';

const fileRef = (name: string): SourceRef => ({ref: `/home/jan/${name}`, kind: 'file', label: name, detail: '/home/jan'});

let world: World;
let jan: CandidateCertificate;
beforeAll(async () => {
	world = await makeWorld();
	jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678'}), '/home/jan/jan.p12', true);
});
afterEach(() => cleanup());

/** The first step with the real machine and runner: discovery starts as the wizard does. */
function mount(services: FakeServices) {
	const typing: boolean[] = [];
	const m = mountAt(services, start(), typing);
	return {...m, typing};
}

/** The source and certificates the step handed over, once the wizard went on to the Certificate step. */
const loaded = (m: Mounted) => {
	const stage = m.state().stage;
	return stage.step === 'certificate' ? stage.source : null;
};

describe('Source step', () => {
	it('shows discovered sources while the search is still running', async () => {
		const services = new FakeServices({found: [fileRef('jan.cer')], holdDiscovery: true});
		const {lastFrame} = mount(services);
		await waitFor(lastFrame, 'jan.cer');
		expect(screen(lastFrame)).toContain('Looking for certificate files and tokens…');
		services.find({ref: 'pkcs11:token=Karta', kind: 'pkcs11', label: 'Token Karta — 1 certificate', detail: 'I.CA'});
		await waitFor(lastFrame, 'Token Karta — 1 certificate');
		expect(screen(lastFrame)).toContain('Looking for certificate files and tokens…');
		services.release();
		const done = await waitForGone(lastFrame, 'Looking for');
		expect(done).toContain('jan.cer');
		expect(done).toContain('Type a file path or a pkcs11: URI…');
		expect(done).toMatch(/Step 1\/5 · SRC/);
	});

	it('each found file shows its holder, expiry and verdict, and the best one is highlighted', async () => {
		const summary = (holder: string, notAfter: string, registrable: boolean) => ({holder, notAfter, registrable, more: 0});
		const services = new FakeServices({
			found: [fileRef('a.cer'), fileRef('b.cer'), fileRef('c.cer')],
			describe: {
				'/home/jan/a.cer': summary('Adam Starý', '2027-01-01T00:00:00.000Z', true),
				'/home/jan/b.cer': summary('Bára Nová', '2028-06-30T00:00:00.000Z', true),
				'/home/jan/c.cer': summary('Cyril Prošlý', '2020-01-01T00:00:00.000Z', false),
			},
		});
		const {lastFrame} = mount(services);
		const text = await waitFor(lastFrame, 'Cyril Prošlý');
		expect(text).toMatch(/✓ a\.cer\s+Adam Starý, valid until 2027-01-01/);
		expect(text).toMatch(/✗ c\.cer\s+Cyril Prošlý, valid until 2020-01-01/);
		await waitForHighlight(lastFrame, /b\.cer\s+Bára Nová, valid until 2028-06-30/);
	});

	it('a single file found is highlighted at once', async () => {
		const {lastFrame} = mount(new FakeServices({found: [fileRef('jan.cer')]}));
		await waitForHighlight(lastFrame, 'jan.cer');
	});

	it('says what the search could not do once it ends, e.g. that token support is not installed (files still listed)', async () => {
		const problem = 'Token support (pkcs11js) is not installed: apt-get install make g++ python3, then reinstall ote-cert.';
		const {lastFrame} = mount(new FakeServices({found: [fileRef('jan.cer')], problems: [problem]}));
		await waitForGone(lastFrame, 'Looking for');
		expect(screen(lastFrame)).toContain('jan.cer');
		expect(screen(lastFrame).replace(/\s+/g, ' ')).toContain(problem);
	});

	it('says so when nothing was found', async () => {
		const {lastFrame} = mount(new FakeServices({found: []}));
		await waitFor(lastFrame, 'Nothing found — type the path of a file');
	});

	it('loads a typed path with Enter and hands over the assessed certificates', async () => {
		const services = new FakeServices({found: [fileRef('a.cer'), fileRef('jan.cer')], load: async () => [jan]});
		const m = mount(services);
		const {lastFrame, stdin, typing} = m;
		await waitFor(lastFrame, 'jan.cer');
		await waitForHighlight(lastFrame, 'Type a file path');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Path:');
		// The App turns its letter shortcuts off while a field has the keyboard.
		await vi.waitFor(() => expect(typing.at(-1)).toBe(true));
		await type(stdin, '/tmp/certifikát q?.p12');
		await waitFor(lastFrame, 'Path: /tmp/certifikát q?.p12');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(loaded(m)).toEqual({ref: '/tmp/certifikát q?.p12', candidates: [jan], groups: ['keyed']}));
		expect(services.loads).toEqual(['/tmp/certifikát q?.p12']);
	});

	it('loads a discovered item picked from the list', async () => {
		const services = new FakeServices({found: [fileRef('a.cer'), fileRef('jan.p12')], load: async () => [jan]});
		const m = mount(services);
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'jan.p12');
		await press(stdin, KEY.down, KEY.down);
		await waitForHighlight(lastFrame, 'jan.p12');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(loaded(m)).toEqual({ref: '/home/jan/jan.p12', candidates: [jan], groups: ['keyed']}));
		expect(services.loads).toEqual(['/home/jan/jan.p12']);
	});

	it('Esc in the path field returns to the list without loading', async () => {
		const services = new FakeServices({found: [fileRef('a.cer'), fileRef('jan.cer')], load: async () => [jan]});
		const {lastFrame, stdin} = mount(services);
		await waitFor(lastFrame, 'jan.cer');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Path:');
		await type(stdin, '/tmp/x');
		await press(stdin, KEY.escape);
		await waitFor(lastFrame, 'Type a file path or a pkcs11: URI…');
		expect(services.loads).toEqual([]);
	});

	it('asks for a password in a masked field, says when it was wrong, and never shows it', async () => {
		const secrets: Array<string | null> = [];
		const load = async (_ref: string, secret: SecretProvider) => {
			let retry = false;
			for (;;) {
				const value = await secret({kind: 'password', target: 'jan.p12', retry});
				secrets.push(value);
				if (value === null) throw new SourceError('CANCELLED', 'cancelled');
				if (value === 'Správné-heslo') return [jan];
				retry = true;
			}
		};
		const services = new FakeServices({found: [fileRef('jan.p12')], load});
		const m = mount(services);
		const {lastFrame, stdin, frames} = m;
		await waitFor(lastFrame, 'jan.p12');
		await press(stdin, 'j', KEY.enter);
		await waitFor(lastFrame, 'Password for jan.p12:');
		expect(screen(lastFrame)).not.toContain('Wrong password');
		await type(stdin, 'špatné');
		await waitFor(lastFrame, 'Password for jan.p12: ******');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Wrong password. Try again, or Esc to cancel.');
		// The field starts empty again for the second try.
		expect(screen(lastFrame)).not.toContain('******');
		await press(stdin, 'Správné-heslo');
		await waitFor(lastFrame, `Password for jan.p12: ${'*'.repeat(13)}`);
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(loaded(m)).toEqual({ref: '/home/jan/jan.p12', candidates: [jan], groups: ['keyed']}));
		expect(secrets).toEqual(['špatné', 'Správné-heslo']);
		const everything = frames.join('\n');
		expect(everything).not.toContain('špatné');
		expect(everything).not.toContain('Správné');
		expect(everything).not.toContain('heslo');
	});

	it('Esc at the password cancels the load quietly and returns to the list', async () => {
		const secrets: Array<string | null> = [];
		const load = async (_ref: string, secret: SecretProvider) => {
			const value = await secret({kind: 'password', target: 'jan.p12', retry: false});
			secrets.push(value);
			if (value === null) throw new SourceError('CANCELLED', 'Cancelled by the user.');
			return [jan];
		};
		const services = new FakeServices({found: [fileRef('jan.p12')], load});
		const m = mount(services);
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'jan.p12');
		await press(stdin, 'j', KEY.enter);
		await waitFor(lastFrame, 'Password for jan.p12:');
		await type(stdin, 'abc');
		await press(stdin, KEY.escape);
		const back = await waitFor(lastFrame, 'Type a file path or a pkcs11: URI…');
		expect(secrets).toEqual([null]);
		expect(back).not.toContain('Cancelled by the user.');
		expect(m.state().stage).toEqual({step: 'source', mode: {kind: 'list'}, problem: null});
		expect(m.state().lastError).toBeNull();
	});

	it('shows why a source could not be read and stays on the list', async () => {
		const load = async () => {
			throw new SourceError('NOT_FOUND', 'File /tmp/nic.p12 does not exist.');
		};
		const services = new FakeServices({found: [], load});
		const m = mount(services);
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'Nothing found');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Path:');
		await press(stdin, '/tmp/nic.p12', KEY.enter);
		await waitFor(lastFrame, 'File /tmp/nic.p12 does not exist.');
		// The error reaches the diagnostic report.
		expect(m.state().lastError).toBe('File /tmp/nic.p12 does not exist.');
		expect(screen(lastFrame)).toContain('Type a file path or a pkcs11: URI…');
	});

	it('a source without certificates is reported', async () => {
		const services = new FakeServices({found: [], load: async () => []});
		const m = mount(services);
		const {lastFrame, stdin} = m;
		await waitFor(lastFrame, 'Nothing found');
		await press(stdin, KEY.enter);
		await waitFor(lastFrame, 'Path:');
		await press(stdin, '/tmp/empty.pem', KEY.enter);
		await waitFor(lastFrame, 'This source holds no certificate.');
		expect(m.state().stage.step).toBe('source');
	});
});
