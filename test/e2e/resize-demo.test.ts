// Journeys 9 and 10: the terminal shrinks and grows mid-step and the wizard redraws and carries on;
// --demo runs end to end in its own throwaway world and says DEMO on every screen.
import {existsSync} from 'node:fs';
import {mkdir, readdir} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {filesIn, makeWorld, packages, qualifiedLeaf, removeWorld, runDirs, startWizard, writeCert, type World} from './world.js';
import {en, header, snapshot} from './more.js';

let world: World;
let term: Terminal | undefined;
let certFile: string;

beforeAll(async () => {
	world = await makeWorld('resize');
	certFile = await writeCert(world, 'jiri.pem', await qualifiedLeaf(world));
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

const count = (screen: string, text: string) => screen.split(text).length - 1;
const width = (screen: string) => Math.max(...screen.split('\n').map((line) => Array.from(line).length));

describe('journey 9: resize', () => {
	it('shrinks to 60x20 and back mid-step: one clean frame each time, and the wizard still works', async () => {
		const dirs = await runDirs(world, 'resize');
		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		let screen = await en.loadPath(term, certFile);
		// Every finding whole, wrapped at the 80-column edge.
		screen = await term.waitFor(/approved only because you\s+added it locally/);

		await term.resize(60, 20);
		screen = await term.waitUntil(
			(s) => s.includes('Step 2/5 · CERT') && s.includes('Enter continue') && width(s) <= 60,
			'the certificate step redrawn for 60 columns',
		);
		expect(count(screen, 'Step 2/5 · CERT')).toBe(1);
		expect(count(screen, 'Verdict')).toBe(1);
		expect(screen).not.toContain('…');
		expect(screen.split('\n')[0]).toContain('Step 2/5 · CERT');

		await term.resize(80, 24);
		screen = await term.waitFor(/approved only because you\s+added it locally/);
		expect(count(screen, 'Step 2/5 · CERT')).toBe(1);
		expect(count(screen, 'Verdict')).toBe(1);
		expect(count(screen, 'Enter continue')).toBe(1);

		// Small again on the environment step: choose Sandbox there, grow while typing the account.
		await en.toEnvironment(term);
		await term.resize(60, 20);
		screen = await term.waitUntil((s) => s.includes('Step 3/5 · ENV') && width(s) <= 60 && s.includes('❯ Production'), 'the environment list at 60 columns');
		expect(count(screen, 'Which CS OTE environment?')).toBe(1);
		await term.press('Down');
		await term.waitFor(/❯ Sandbox/);
		await term.press('Enter');
		await term.waitFor('User id:');
		await term.type('r9');
		await term.resize(80, 24);
		screen = await term.waitFor('User id: r9');
		expect(count(screen, 'Step 3/5 · ENV')).toBe(1);
		await en.toSlot(term);
		screen = await en.toConfirm(term);
		expect(screen).toContain('Sandbox');
		expect(header(screen)).toBe('ote-cert · Step 5/5 · OK');
		await en.finish(term);
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);
		const [pkg] = await packages(dirs);
		expect(path.basename(pkg!)).toMatch(/sandbox-r9-slot1/);
	});
});

describe('journey 10: --demo', () => {
	it('runs end to end, shows DEMO on every screen, and leaves the real ledger and folders alone', async () => {
		const dirs = await runDirs(world, 'demo');
		// The demo makes its world under the temp folder; point that into this test's folder.
		const tmp = path.join(dirs.home, 'tmp');
		await mkdir(tmp);
		term = await startWizard(world, dirs, {args: ['--demo', '--lang', 'en'], env: {TMPDIR: tmp}});
		const seen: string[] = [];
		const demoScreen = async (expected: string | RegExp): Promise<string> => {
			const screen = await term!.waitFor(expected);
			expect(header(screen), screen).toMatch(/^ote-cert · (Step \d\/5 · [A-Z]+|Done · DONE) DEMO$/);
			seen.push(header(screen));
			return screen;
		};

		// The files are named with their holders once read; then the highlight stays where it is.
		let screen = await term.waitUntil(
			(s) => s.includes('jan-novak-2026.cer') && !s.includes('Looking for') && s.includes('Jan Novák (DEMO), valid until'),
			'the demo certificates',
		);
		screen = await demoScreen('Where is your certificate?');
		const items = screen.split('\n').filter((line) => /^(❯| ) /.test(line));
		const index = items.findIndex((line) => line.includes('jan-novak-2026.cer'));
		expect(index).toBeGreaterThan(0);
		await term.press('Home');
		for (let i = 0; i < index; i++) await term.press('Down');
		await term.waitFor(/❯ . jan-novak-2026\.cer/);
		await term.press('Enter');
		screen = await demoScreen('Step 2/5 · CERT');
		expect(screen).toContain('Jan Novák (DEMO)');
		await term.press('Enter');
		screen = await demoScreen('Which CS OTE environment?');
		expect(screen).toMatch(/❯ Sandbox/);
		await term.press('Enter');
		await demoScreen('User id:');
		await term.press('Enter');
		screen = await demoScreen(/Who registers|Which of the 4 slots/);
		if (screen.includes('Who registers')) {
			await term.press('Enter');
			screen = await demoScreen('Which of the 4 slots');
		}
		// The demo ledger holds Jan Novák's older certificate: the renewal is proposed.
		expect(screen).toMatch(/❯ .*Slot 1: Jan Novák \(DEMO\).*renewal/);
		await term.press('Enter');
		await demoScreen('In which role does the certificate go into slot 1?');
		await term.press('Enter');
		await demoScreen('Step 5/5 · OK');
		await term.press('Enter');
		screen = await demoScreen('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);
		expect(seen.map((h) => h.replace(/ DEMO$/, '').replace(/^ote-cert · /, ''))).toEqual(
			expect.arrayContaining(['Step 1/5 · SRC', 'Step 2/5 · CERT', 'Step 3/5 · ENV', 'Step 4/5 · SLOT', 'Step 5/5 · OK', 'Done · DONE']),
		);

		// Everything the demo wrote is in its own folder under TMPDIR; the person's ledger and
		// working folder stay empty.
		expect(await snapshot(dirs.cwd)).toEqual({});
		expect(await snapshot(dirs.config)).toEqual({});
		const [demoDir, ...more] = (await readdir(tmp)).filter((name) => name.startsWith('ote-cert-demo-'));
		expect(more).toEqual([]);
		const demoPackages = (await readdir(path.join(tmp, demoDir!))).filter((name) => name.startsWith('ote-cert-sandbox-default-slot1-'));
		expect(demoPackages).toHaveLength(1);
		const files = await filesIn(path.join(tmp, demoDir!, demoPackages[0]!));
		expect([...files.keys()]).toContain('registration.json');
		for (const [name, text] of files) expect(text, name).not.toContain('PRIVATE KEY');
		expect(existsSync(path.join(tmp, demoDir!, 'config'))).toBe(true);
	});
});
