// Journeys 7 and 8: leaving. Ctrl+C at any of the five steps ends with 130 and writes nothing; q asks
// first once there is something to lose; without a terminal the wizard refuses with exit 2 and names
// the command that works without one.
import {cp} from 'node:fs/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {cli, makeWorld, qualifiedLeaf, removeWorld, runDirs, startWizard, writeCert, type RunDirs, type World} from './world.js';
import {en, runWithoutTerminal, snapshot} from './more.js';

let world: World;
let term: Terminal | undefined;
let certFile: string;
/** A ledger that already holds a registration, so "unchanged" means something. */
let baseConfig: string;

beforeAll(async () => {
	world = await makeWorld('interrupt');
	const older = await qualifiedLeaf(world, {cn: 'Oldřich Starý', freshKey: true});
	const olderFile = await writeCert(world, 'oldrich.pem', older);
	certFile = await writeCert(world, 'jiri.pem', await qualifiedLeaf(world));
	const setup = await runDirs(world, 'setup');
	const registered = await cli(setup, [
		'register',
		'--source',
		olderFile,
		'--env',
		'sandbox',
		'--slot',
		'1',
		'--yes',
		'--trust',
		world.caFile,
		'--role',
		'admin',
	]);
	expect(registered.code, registered.stderr + registered.stdout).toBe(0);
	baseConfig = setup.config;
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

async function freshRun(name: string): Promise<{dirs: RunDirs; before: Record<string, string>}> {
	const dirs = await runDirs(world, name);
	await cp(baseConfig, dirs.config, {recursive: true});
	return {dirs, before: await everything(dirs)};
}

/** Working folder, home and config folder together: a package, a ledger change or a stray file all show. */
async function everything(dirs: RunDirs): Promise<Record<string, string>> {
	const [cwd, home, config] = await Promise.all([snapshot(dirs.cwd), snapshot(dirs.home), snapshot(dirs.config)]);
	const out: Record<string, string> = {};
	for (const [prefix, files] of Object.entries({cwd, home, config})) {
		for (const [k, v] of Object.entries(files)) {
			// p11-kit (loaded for token discovery) creates an empty ~/.cache; a file in it would still count.
			if (prefix === 'home' && k.startsWith('.cache') && v === '<dir>') continue;
			// V8's compiled code of the program (source/boot/code-cache.ts) is no data of the person's:
			// only files of exactly that name are let through.
			if (prefix === 'home' && /^\.cache\/ote-cert\/v8-[0-9a-f]{16}-v[\d.]+-\w+-(wizard|command)\.bin$/.test(k)) continue;
			out[`${prefix}/${k}`] = v;
		}
	}
	return out;
}

/** Walks to a step, leaving the wizard waiting there (English, no --lang so nothing is remembered). */
const walkTo: Record<string, (term: Terminal) => Promise<string>> = {
	'1/5 · SRC': (term) => term.waitUntil((s) => s.includes('Step 1/5 · SRC') && !s.includes('Looking for'), 'the source list'),
	'2/5 · CERT': (term) => en.loadPath(term, certFile),
	// In the account field: a text field has the keyboard, and Ctrl+C must still work there.
	'3/5 · ENV': async (term) => {
		await en.loadPath(term, certFile);
		await en.toEnvironment(term);
		await en.toAccount(term);
		await term.type('12');
		return term.waitFor('User id: 12');
	},
	'4/5 · SLOT': async (term) => {
		await en.loadPath(term, certFile);
		await en.toEnvironment(term);
		await en.toAccount(term);
		return en.toSlot(term);
	},
	'5/5 · OK': async (term) => {
		await en.loadPath(term, certFile);
		await en.toEnvironment(term);
		await en.toAccount(term);
		await en.toSlot(term);
		return en.toConfirm(term);
	},
};

describe('journey 7: Ctrl+C and q', () => {
	for (const [step, walk] of Object.entries(walkTo)) {
		it(`Ctrl+C at step ${step} exits 130 and writes nothing`, async () => {
			const {dirs, before} = await freshRun(`ctrlc-${step.slice(0, 1)}`);
			term = await startWizard(world, dirs);
			const screen = await walk(term);
			expect(screen).toContain(`Step ${step}`);
			await term.press('C-c');
			expect(await term.waitForExit()).toBe(130);
			expect(await everything(dirs)).toEqual(before);
		});
	}

	it('q at step 1 leaves at once (nothing to lose)', async () => {
		const {dirs, before} = await freshRun('q1');
		term = await startWizard(world, dirs);
		await walkTo['1/5 · SRC']!(term);
		await term.press('q');
		expect(await term.waitForExit()).toBe(130);
		expect(await everything(dirs)).toEqual(before);
	});

	it('q at step 3 asks first; n carries on where it was; y later leaves without writing', async () => {
		const {dirs, before} = await freshRun('q3');
		term = await startWizard(world, dirs);
		await en.loadPath(term, certFile);
		let screen = await en.toEnvironment(term);
		expect(screen).toContain('Step 3/5 · ENV');
		const chosen = screen.split('\n').find((line) => line.startsWith('❯'));
		await term.press('q');
		screen = await term.waitFor('Quit now? Nothing will be saved. Press y (yes) or n (no).');
		expect(screen).toContain('Step 3/5 · ENV');
		await term.press('n');
		screen = await term.waitUntil((s) => !s.includes('Quit now?'), 'the question to go away');
		expect(await term.exited()).toBe(false);
		expect(screen).toContain('Step 3/5 · ENV');
		expect(screen.split('\n').find((line) => line.startsWith('❯'))).toBe(chosen);

		// The wizard still works: on to the slots, then q and y.
		await en.toAccount(term);
		screen = await en.toSlot(term);
		await term.press('q');
		await term.waitFor('Quit now?');
		await term.press('y');
		expect(await term.waitForExit()).toBe(130);
		expect(await everything(dirs)).toEqual(before);
	});
});

describe('journey 8: no terminal', () => {
	it('stdin from /dev/null: exit 2, the non-interactive command is named, nothing written', async () => {
		const dirs = await runDirs(world, 'notty');
		const result = await runWithoutTerminal(dirs, ['--trust', world.caFile]);
		expect(result.code, result.stderr).toBe(2);
		expect(result.stderr).toContain('The wizard needs a terminal (stdin is not one)');
		expect(result.stderr).toContain('ote-cert register --source FILE --env production --slot 1 --yes');
		expect(result.stderr).toContain('ssh -t');
		// No Ink frame, no escape sequences: this goes to logs and mail.
		expect(result.stdout).toBe('');
		expect(result.stderr).not.toContain('\u001b');
		expect(await everything(dirs)).toEqual({});
	});

	it('in Czech too', async () => {
		const dirs = await runDirs(world, 'notty-cs');
		const result = await runWithoutTerminal(dirs, [], {LANG: 'cs_CZ.UTF-8'});
		expect(result.code, result.stderr).toBe(2);
		expect(result.stderr).toContain('Průvodce potřebuje terminál');
		expect(result.stderr).toContain('ote-cert register --source SOUBOR --env production --slot 1 --yes');
		expect(await everything(dirs)).toEqual({});
	});
});
