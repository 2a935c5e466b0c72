// Journeys 2 and 4: a helpdesk operator guiding a caller (keys in bursts, Esc back through every step,
// digits read aloud, help, step codes), and certificates that may be looked at but not taken further.
import path from 'node:path';
import {writeFile} from 'node:fs/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeCa, makeLeaf, POLICY} from '../helpers/pki.js';
import type {Terminal} from '../helpers/tmux.js';
import {dates, makeWorld, packages, qualifiedLeaf, readLedger, removeWorld, runDirs, startWizard, writeCert, type World} from './world.js';

let world: World;
let term: Terminal | undefined;

beforeAll(async () => {
	world = await makeWorld('helpdesk');
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

/** The label of list item `index` (0-based) on a screen whose list starts after the title. */
function listItems(screen: string): string[] {
	return screen
		.split('\n')
		.filter((line) => /^(❯| ) /.test(line) && line.trim() !== '')
		.map((line) => line.slice(2).trim());
}

describe('journey 2: helpdesk-guided (English)', () => {
	it('burst keys, Esc back at every step with answers kept, digits never submit, help and step codes', async () => {
		const dirs = await runDirs(world, 'j2');
		// Three certificates in the working folder, each with its own holder, so the list has items to walk.
		const holders = ['Adam Alfa', 'Bára Beta', 'Cyril Gama'];
		const byFile = new Map<string, string>();
		for (const [i, cn] of holders.entries()) {
			const leaf = await qualifiedLeaf(world, {cn, freshKey: true});
			const name = `cert-${i + 1}.pem`;
			await writeFile(path.join(dirs.cwd, name), leaf.pem);
			byFile.set(name, cn);
		}
		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		// Each file is named with its holder once read; the highlight settles on the best one.
		let screen = await term.waitUntil(
			(s) => s.includes('Step 1/5 · SRC') && !s.includes('Looking for') && listItems(s).length >= 4 && holders.every((h) => s.includes(h)),
			'the source list with the three files and their holders',
		);
		const third = listItems(screen)[2]!;
		const file = [...byFile.keys()].find((name) => third.includes(name));
		expect(file, `third item: ${third}`).toBeDefined();

		// "Home Down Down Enter" in one write selects the third item, as if typed 200 ms apart.
		await term.burst('Home', 'Down', 'Down', 'Enter');
		screen = await term.waitFor('Step 2/5 · CERT');
		expect(screen).toContain(byFile.get(file!)!);

		// ? shows the help for the step and hides it again.
		await term.press('?');
		await term.waitFor('qualified');
		await term.waitUntil((s) => /[┌+]─*|\+-+/.test(s) && s.includes('Step 2/5 · CERT'), 'the help box');
		const withHelp = await term.screen();
		await term.press('?');
		await term.waitUntil((s) => s !== withHelp, 'the help to close');

		await term.press('Enter');
		screen = await term.waitFor('Step 3/5 · ENV');
		await term.press('?');
		await term.waitFor('Production is the live system');
		await term.press('?');
		await term.waitUntil((s) => !s.includes('Production is the live system'), 'the help to close');

		// Sandbox and an account id, in bursts.
		await term.burst('Down', 'Enter');
		await term.waitFor('User id:');
		await term.type('acme');
		await term.press('Enter');
		await term.waitFor('Step 4/5 · SLOT');
		await term.waitFor('Who registers the certificate (account acme)?');

		// Esc: back to the environment list, Sandbox still chosen; the account is still typed.
		await term.press('Escape');
		screen = await term.waitFor('Which CS OTE environment?');
		expect(screen).toContain('Step 3/5 · ENV');
		expect(screen).toMatch(/❯ Sandbox/);
		await term.press('Enter');
		await term.waitFor('User id: acme');
		await term.press('Escape');
		await term.waitFor('Which CS OTE environment?');
		// Esc again: the certificate step, the same certificate still highlighted.
		await term.press('Escape');
		screen = await term.waitFor('Step 2/5 · CERT');
		expect(screen).toContain(byFile.get(file!)!);
		await term.press('Enter');
		await term.waitFor(/❯ Sandbox/);
		await term.burst('Enter');
		await term.waitFor('User id: acme');
		await term.press('Enter');

		await term.waitFor('Who registers the certificate (account acme)?');
		await term.burst('Enter');
		screen = await term.waitFor('Which of the 4 slots of account acme?');
		expect(screen).toMatch(/❯ *Slot 1: empty/);
		await term.burst('Down', 'Down', 'Enter');
		await term.waitFor('In which role does the certificate go into slot 3?');
		await term.waitFor(/❯ Both roles/);
		await term.press('Enter');
		screen = await term.waitFor('Step 5/5 · OK');
		expect(screen).toMatch(/Slot\s+3 \(authentication \+ signing\)/);
		expect(screen).toMatch(/Account\s+acme/);

		// A caller reading out digits: they move the highlight and never submit.
		await term.press('2');
		await term.waitFor(/❯ No, go back/);
		await term.press('1');
		screen = await term.waitFor(/❯ Yes, prepare the registration/);
		expect(screen).toContain('Step 5/5 · OK');
		await term.type('3124');
		await term.press('?');
		await term.waitFor('Nothing is sent anywhere');
		screen = await term.screen();
		expect(screen).toContain('Step 5/5 · OK');
		expect(await packages(dirs)).toEqual([]);
		await term.press('?');

		// Esc from the confirm step goes back to the slot list, with slot 3 still the one in hand.
		await term.press('Escape');
		screen = await term.waitFor('Which of the 4 slots of account acme?');
		expect(screen).toContain('Step 4/5 · SLOT');
		expect(screen).toMatch(/❯ *Slot 3: empty/);
		await term.press('Escape');
		// The profile was asked in this visit; Esc shows it again before leaving the step.
		await term.waitFor('Who registers the certificate (account acme)?');
		await term.press('Escape');
		screen = await term.waitFor('Step 3/5 · ENV');
		expect(screen).toMatch(/❯ Sandbox/);
		await term.press('Escape');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Escape');
		// The step starts over (the source may have changed); the files are found again.
		await term.waitUntil(
			(s) => s.includes('Step 1/5 · SRC') && listItems(s).length >= 4 && !s.includes('Looking for') && holders.every((h) => s.includes(h)),
			'the source list again',
		);

		// Forward again through the kept answers, and the package says what was chosen.
		await term.burst('Home', 'Down', 'Down', 'Enter');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Enter');
		await term.waitFor(/❯ Sandbox/);
		await term.press('Enter');
		await term.waitFor('User id: acme');
		await term.press('Enter');
		// The profile answer was kept too: straight to the slots.
		screen = await term.waitFor('Which of the 4 slots of account acme?');
		expect(screen).not.toContain('Who registers');
		await term.burst('Down', 'Down', 'Enter');
		await term.waitFor(/❯ Both roles/);
		await term.press('Enter');
		await term.waitFor('Step 5/5 · OK');
		await term.press('Enter');
		await term.waitFor('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);
		const [pkg] = await packages(dirs);
		expect(path.basename(pkg!)).toMatch(/sandbox.*acme.*slot3/);
		const ledger = (await readLedger(dirs)).raw ?? '';
		expect(ledger).toContain('"acme"');
	});
});

describe('journey 4: certificates that cannot be registered', () => {
	it.each([
		['expired', 'expired'],
		['unapproved', 'is not one of the certification'],
	] as const)('an %s certificate shows the reason; Enter does nothing, Esc goes back', async (kind, reason) => {
		const dirs = await runDirs(world, `j4-${kind}`);
		const leaf =
			kind === 'expired'
				? await qualifiedLeaf(world, {notBefore: dates.ago(400), notAfter: dates.ago(30)})
				: await makeLeaf({
						issuer: await makeCa({cn: 'Neznámá CA s.r.o. Issuing', org: 'Neznámá CA s.r.o.'}),
						cn: 'Karel Neschválený',
						qualified: true,
						policies: [POLICY.qcpNaturalQscd],
					});
		const file = await writeCert(world, `${kind}.pem`, leaf);
		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		await term.waitFor('Step 1/5 · SRC');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(file);
		await term.press('Enter');
		let screen = await term.waitFor('Step 2/5 · CERT');
		expect(screen).toMatch(/✗ /);
		expect(screen.toLowerCase()).toContain(reason);
		expect(screen).not.toContain('Enter continue');

		// Enter is refused with the reason and the step stays.
		await term.press('Enter');
		screen = await term.waitFor('This certificate cannot be registered in CS OTE');
		expect(screen).toContain('Step 2/5 · CERT');
		expect(screen).not.toContain('Step 3/5');
		await term.press('Enter');
		await term.press('?');
		await term.waitFor('I check that an authority approved by OTE issued it');
		await term.press('?');
		screen = await term.waitUntil((s) => !s.includes('I check that an authority') && s.includes('Step 2/5 · CERT'), 'the help to close');
		expect(screen).toContain('This certificate cannot be registered in CS OTE');

		await term.press('Escape');
		await term.waitFor('Step 1/5 · SRC');
		await term.press('q');
		expect(await term.waitForExit()).toBe(130);
		expect(await packages(dirs)).toEqual([]);
	});
});

describe('journey 2b: one list never hands its highlight to the next', () => {
	it('after "A new company" (third answer) the slot list still starts on the suggested slot, and the roles on both', async () => {
		const dirs = await runDirs(world, 'j2b');
		const file = await writeCert(world, 'j2b.pem', await qualifiedLeaf(world, {cn: 'Dana Delta', freshKey: true}));
		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		await term.waitFor('Step 1/5 · SRC');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(file);
		await term.press('Enter');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Enter');
		await term.waitFor('Step 3/5 · ENV');
		await term.press('Enter');
		await term.waitFor('User id:');
		await term.press('Enter');
		await term.waitFor('Who registers the certificate (account default)?');
		await term.burst('Down', 'Down');
		await term.waitFor(/❯ A new company/);
		await term.press('Enter');
		let screen = await term.waitFor('Which of the 4 slots of account default?');
		expect(screen).toMatch(/❯ *Slot 1: empty/);
		await term.burst('Down', 'Down', 'Down', 'Enter');
		screen = await term.waitFor('In which role does the certificate go into slot 4?');
		expect(screen).toMatch(/❯ Both roles/);
		// Esc from the roles, and later from Confirm, keeps slot 4 in hand rather than the suggestion.
		await term.press('Escape');
		await term.waitFor(/❯ *Slot 4: empty/);
		await term.press('Enter');
		await term.waitFor(/❯ Both roles/);
		await term.press('Enter');
		await term.waitFor('Step 5/5 · OK');
		await term.press('Escape');
		screen = await term.waitFor('Which of the 4 slots of account default?');
		expect(screen).toMatch(/❯ *Slot 4: empty/);
		await term.press('q');
		await term.waitFor('Quit now?');
		await term.press('y');
		expect(await term.waitForExit()).toBe(130);
		expect(await packages(dirs)).toEqual([]);
	});
});
