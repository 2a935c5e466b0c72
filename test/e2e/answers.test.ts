// Journeys about answers: an answer belongs to the account it was given for, and a user id the ledger
// would refuse is explained at the field instead of ending the program.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {cli, filesIn, makeWorld, packages, qualifiedLeaf, removeWorld, runDirs, startWizard, writeCert, type World} from './world.js';

let world: World;
let u2Cert: string;
let wizardCert: string;
let term: Terminal | undefined;

beforeAll(async () => {
	world = await makeWorld('answers');
	u2Cert = await writeCert(world, 'petr-u2.pem', await qualifiedLeaf(world, {cn: 'Petr Dvořák', icaUserId: '77002'}));
	wizardCert = await writeCert(world, 'jana.pem', await qualifiedLeaf(world, {cn: 'Jana Nová', icaUserId: '77003'}));
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

/** From the first screen to the environment list, with `file` loaded and its certificate taken. */
async function toEnvironment(t: Terminal, file: string, texts: {path: string; env: string}): Promise<void> {
	await t.press('Enter');
	await t.waitFor(texts.path);
	await t.type(file);
	await t.press('Enter');
	await t.waitFor(/(Step|Krok) 2\/5 · CERT/);
	await t.press('Enter');
	await t.waitFor(texts.env);
}

describe('answers belong to their account', () => {
	it('"all my certificates expired" for U1 does not follow the person to U2, whose owner holds a valid one: U2 goes the portal way', async () => {
		const dirs = await runDirs(world, 'leak');
		// U2's owner registered earlier: the ledger knows a valid certificate and remembers "owner".
		const first = await cli(dirs, [
			'register',
			'--source',
			u2Cert,
			'--env',
			'production',
			'--slot',
			'1',
			'--account',
			'U2',
			'--role',
			'owner',
			'--yes',
			'--trust',
			world.caFile,
			'--out',
			path.join(dirs.home, 'u2-first'),
		]);
		expect(first.code, first.stderr + first.stdout).toBe(0);

		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		await term.waitFor('Where is your certificate?');
		await toEnvironment(term, wizardCert, {path: 'Path:', env: 'Which CS OTE environment?'});
		await term.waitFor(/❯ Production/);
		await term.press('Enter');
		// The field offers U2, the id registered with last in production; Ctrl+U clears it.
		await term.waitFor('User id: U2');
		await term.press('C-u');
		await term.waitUntil((s) => !s.includes('User id: U2'), 'the field to be empty');
		await term.type('U1');
		await term.press('Enter');

		// U1 is new: the owner says every registered certificate has expired.
		await term.waitFor('Who registers the certificate (account U1)?');
		await term.press('Down');
		await term.waitFor(/❯ The owner of the user account/);
		await term.press('Enter');
		await term.waitFor('Do you still hold');
		await term.press('Down');
		await term.waitFor(/❯ No, I have none that is valid \(expired, or never had one\)/);
		await term.press('Enter');
		await term.waitFor('Which of the 4 slots of account U1?');

		// Back to the environment, and on with U2 instead.
		await term.press('Escape');
		await term.waitFor('Who registers the certificate (account U1)?');
		await term.press('Escape');
		await term.waitFor('Which CS OTE environment?');
		await term.press('Enter');
		await term.waitFor('User id: U1');
		await term.press('BSpace', 'BSpace');
		await term.waitUntil((s) => /User id: *\n|User id: default/.test(s) || !s.includes('User id: U'), 'the field to be empty');
		await term.type('U2');
		await term.press('Enter');

		// The ledger remembers U2's profile: no question, straight to the slots.
		const slots = await term.waitFor('Which of the 4 slots of account U2?');
		expect(slots).not.toContain('Do you still hold');
		await term.press('Enter');
		await term.waitFor('In which role');
		await term.press('Enter');
		const confirm = await term.waitFor('Step 5/5 · OK');
		expect(confirm).toMatch(/Account\s+U2/);
		await term.press('Enter');
		await term.waitFor('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);

		const written = await packages(dirs);
		expect(written).toHaveLength(1);
		const pkg = written[0] ?? '';
		expect(path.basename(pkg)).toMatch(/production-U2-slot/);
		expect(existsSync(path.join(pkg, 'request.eml'))).toBe(false);
		const files = await filesIn(pkg);
		expect(files.get('next-steps.txt') ?? '').toContain('Next step: register it in the CS OTE portal');
		expect(files.get('registration.json') ?? '').not.toContain('request.eml');
	});
});

describe('a user id the ledger would refuse', () => {
	it('"a b" and "?" are explained in Czech at the field, which keeps what was typed; a corrected id goes on', async () => {
		const dirs = await runDirs(world, 'userid');
		term = await startWizard(world, dirs, {env: {LANG: 'cs_CZ.UTF-8'}});
		await term.waitFor('Kde je váš certifikát?');
		await toEnvironment(term, wizardCert, {path: 'Cesta:', env: 'Do kterého prostředí CS OTE?'});
		await term.press('Enter');
		await term.waitFor('ID uživatele:');

		await term.type('a b');
		await term.waitFor('ID uživatele: a b');
		await term.press('Enter');
		let screen = await term.waitFor('Takové ID uživatele není platné');
		expect(screen).toContain('ID uživatele: a b');
		expect(screen).toContain('Krok 3/5 · ENV');
		expect(await term.exited()).toBe(false);

		// "?" is the help key elsewhere; in the field it is a character like any other.
		await term.press('BSpace', 'BSpace', 'BSpace');
		await term.waitUntil((s) => !s.includes('ID uživatele: a'), 'the field to be empty');
		await term.type('?');
		await term.waitFor('ID uživatele: ?');
		await term.press('Enter');
		screen = await term.waitFor('Takové ID uživatele není platné');
		expect(screen).toContain('ID uživatele: ?');
		expect(screen).not.toContain('Produkce je ostrý provoz');
		expect(await term.exited()).toBe(false);

		await term.press('BSpace');
		await term.type('U7');
		await term.waitFor('ID uživatele: U7');
		await term.press('Enter');
		await term.waitFor('Kdo certifikát registruje (účet U7)?');
		expect(await term.screen()).not.toContain('není platné');
	});
});
