// Journeys 5 and 6: what reaches the terminal. No colour when the person or the terminal says so
// (marks stay, so meaning never rests on colour), and a certificate name full of escape sequences
// leaves the terminal as it was.
import path from 'node:path';
import {writeFile} from 'node:fs/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {Terminal} from '../helpers/tmux.js';
import {dates, filesIn, makeWorld, packages, qualifiedLeaf, removeWorld, runDirs, startWizard, type World} from './world.js';
import {colourSequences, en, header, showEscapes} from './more.js';

let world: World;
let term: Terminal | undefined;
/** One approved and one expired certificate of the same holder in one PEM file: a ✓ and a ✗ on one screen. */
let pair: string;

beforeAll(async () => {
	world = await makeWorld('terminal');
	const good = await qualifiedLeaf(world);
	const expired = await qualifiedLeaf(world, {freshKey: true, notBefore: dates.ago(400), notAfter: dates.ago(20)});
	pair = path.join(world.dir, 'two-certificates.pem');
	await writeFile(pair, good.pem + expired.pem);
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

/** Source step and Certificate step, captured with escapes: what a person sees, and the bytes that drew it. */
async function captureTwoScreens(options: {args?: string[]; env?: Record<string, string>}): Promise<{plain: string; escaped: string}> {
	const dirs = await runDirs(world, 'colour');
	term = await startWizard(world, dirs, {args: ['--lang', 'en', ...(options.args ?? [])], env: options.env ?? {}});
	await term.waitUntil((s) => s.includes('Step 1/5') && !s.includes('Looking for'), 'the source list');
	const sourceEscaped = await term.screenWithEscapes();
	await term.press('Enter');
	await term.waitFor('Path:');
	await term.type(pair);
	await term.press('Enter');
	const plain = await term.waitUntil((s) => s.includes('Step 2/5') && s.includes('Verdict'), 'the certificate step');
	await term.press('Down');
	// The expired one highlighted: its findings are on screen too.
	await term.waitFor('expired');
	const certEscaped = await term.screenWithEscapes();
	return {plain: plain + (await term.screen()), escaped: sourceEscaped + certEscaped};
}

describe('journey 5: no colour', () => {
	it('in an ordinary terminal the screens are coloured (the detector sees colour when there is some)', async () => {
		const {escaped} = await captureTwoScreens({});
		expect(colourSequences(escaped).length).toBeGreaterThan(0);
	});

	const cases: Array<[string, {args?: string[]; env?: Record<string, string>}]> = [
		['NO_COLOR=1', {env: {NO_COLOR: '1'}}],
		['--no-color', {args: ['--no-color']}],
		['TERM=dumb', {env: {TERM: 'dumb'}}],
	];
	for (const [name, options] of cases) {
		it(`${name}: no colour sequence reaches the terminal, the marks are still there`, async () => {
			const {plain, escaped} = await captureTwoScreens(options);
			expect(colourSequences(escaped), showEscapes(escaped)).toEqual([]);
			if (name === 'TERM=dumb') {
				// A dumb terminal gets ASCII only: + for fits, x for does not, letters without accents.
				expect(plain).toMatch(/> \+ Jiri Dvorak/);
				expect(plain).toMatch(/x Jiri Dvorak/);
				expect(plain.replace(/[\x20-\x7e\n]/g, '')).toBe('');
			} else {
				expect(plain).toMatch(/✓ Jiří Dvořák/);
				expect(plain).toMatch(/✗ Jiří Dvořák/);
			}
		});
	}

	it('NO_COLOR=1 with --ascii: no colour, ASCII marks', async () => {
		const {plain, escaped} = await captureTwoScreens({env: {NO_COLOR: '1'}, args: ['--ascii']});
		expect(colourSequences(escaped), showEscapes(escaped)).toEqual([]);
		expect(plain).toMatch(/\+ Jiri Dvorak/);
		expect(plain).toMatch(/x Jiri Dvorak/);
		expect(plain.replace(/[\x20-\x7e\n]/g, '')).toBe('');
		expect(header(plain)).toContain('ote-cert - Step');
	});
});

describe('journey 6: a hostile certificate name', () => {
	it('(control) in this terminal an OSC title and a screen clear would show: title changed, marker gone', async () => {
		const dirs = await runDirs(world, 'control');
		term = await Terminal.start({
			args: ['--version'],
			env: {HOME: dirs.home, OTE_CERT_CONFIG_DIR: dirs.config},
			cwd: dirs.cwd,
			prelude: 'printf "BEFORE-THE-WIZARD\\n\\033]0;PWNED\\007\\033[2J"',
		});
		expect(await term.waitForExit()).toBe(0);
		expect(await term.title()).toBe('PWNED');
		expect(await term.screen()).not.toContain('BEFORE-THE-WIZARD');
	});

	it('an OSC title, a screen clear and a bidi override in the CN do not reach the terminal', async () => {
		const dirs = await runDirs(world, 'hostile');
		const cn = 'Mallory \u001b]0;PWNED\u0007Evil\u001b[2J\u202eTNEMYAP\u202c Novák';
		const leaf = await qualifiedLeaf(world, {cn, freshKey: true});
		const file = path.join(world.dir, 'mallory.pem');
		await writeFile(file, leaf.pem);

		// A line printed before the program starts: a screen clear from the certificate would erase it.
		term = await Terminal.start({
			args: ['--trust', world.caFile, '--lang', 'en'],
			env: {HOME: dirs.home, OTE_CERT_CONFIG_DIR: dirs.config},
			cwd: dirs.cwd,
			prelude: 'printf "BEFORE-THE-WIZARD\\n"',
		});
		const titleBefore = await term.title();
		expect(titleBefore).not.toContain('PWNED');

		let screen = await en.loadPath(term, file);
		screen = await term.waitFor('Verdict');
		expect(screen).toContain('BEFORE-THE-WIZARD');
		expect(screen).toContain('Mallory');
		expect(screen).toContain('Novák');
		expect(screen).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		expect(await term.title()).toBe(titleBefore);

		// Through to the end, where the name is shown again and becomes part of file names.
		await en.toEnvironment(term);
		await en.toAccount(term);
		await en.toSlot(term);
		screen = await en.toConfirm(term);
		expect(screen).toContain('Mallory');
		screen = await en.finish(term);
		expect(screen).toContain('BEFORE-THE-WIZARD');
		expect(screen).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		expect(await term.title()).toBe(titleBefore);
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);

		const [pkg] = await packages(dirs);
		expect(pkg).toBeDefined();
		for (const name of (await filesIn(pkg!)).keys()) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
		const nextSteps = (await filesIn(pkg!)).get('next-steps.txt')!;
		expect(nextSteps).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e]/);
	});
});
