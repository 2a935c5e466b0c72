// Journeys 1 and 3: a first-time registrant in Czech with a password-protected PKCS#12, and a quick
// renewal where the ledger already holds the holder's older certificate.
import {createHash} from 'node:crypto';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {LeafHandle} from '../helpers/pki.js';
import type {Terminal} from '../helpers/tmux.js';
import {
	PASSWORD,
	cli,
	dates,
	filesIn,
	makeWorld,
	packages,
	qualifiedLeaf,
	readLedger,
	removeWorld,
	runDirs,
	startWizard,
	writeCert,
	writeP12,
	type World,
} from './world.js';

let world: World;
let leaf: LeafHandle;
let p12: string;
let term: Terminal | undefined;

beforeAll(async () => {
	world = await makeWorld('registrant');
	leaf = await qualifiedLeaf(world);
	p12 = await writeP12(world, 'jiri-dvorak.p12', leaf);
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

const sha256 = async (l: LeafHandle) => createHash('sha256').update(l.der).digest('hex');

type Ledger = {
	accounts: Record<
		string,
		{ledgers: Record<string, {slots: Record<string, {auth: {sha256: string} | null; sign: {sha256: string} | null}>; history: Array<Record<string, unknown>>}>}
	>;
};

describe('journey 1: first-time registrant (Czech)', () => {
	it('loads a modern .p12 with a masked password (a wrong one first), registers into slot 2, writes only public parts', async () => {
		const dirs = await runDirs(world, 'j1');
		term = await startWizard(world, dirs, {env: {LANG: 'cs_CZ.UTF-8'}});
		await term.waitFor('Kde je váš certifikát?');
		await term.waitFor('Krok 1/5 · SRC');
		await term.press('Enter');
		await term.waitFor('Cesta:');
		await term.type(p12);
		await term.press('Enter');

		// Wrong password: a retryable message, and the typed secret is never on screen.
		await term.waitFor('Heslo k');
		await term.type('spatne-heslo');
		let screen = await term.waitFor('************');
		expect(screen).not.toContain('spatne-heslo');
		await term.press('Enter');
		screen = await term.waitFor('Heslo nesouhlasí');
		expect(screen).toContain('Heslo k');
		expect(screen).not.toContain('spatne-heslo');

		await term.type(PASSWORD);
		screen = await term.waitFor('*'.repeat(Array.from(PASSWORD).length));
		expect(screen).not.toContain(PASSWORD);
		expect(screen).not.toContain('Tajné');
		await term.press('Enter');

		// The certificate and the verdict.
		screen = await term.waitFor('Krok 2/5 · CERT');
		expect(screen).toContain('Jiří Dvořák');
		expect(screen).toContain('Energie Úžasná a.s.');
		expect(screen).toMatch(/✓ .*kvalifikovaný/);
		expect(screen).not.toContain(PASSWORD);
		await term.press('Enter');

		// Sandbox, then the account id.
		await term.waitFor('Krok 3/5 · ENV');
		await term.press('Down');
		await term.waitFor(/❯ Sandbox/);
		await term.press('Enter');
		await term.waitFor('ID uživatele:');
		await term.type('4711');
		await term.waitFor('ID uživatele: 4711');
		await term.press('Enter');

		// The profile question, then slot 2 in both roles.
		await term.waitFor('Kdo certifikát registruje (účet 4711)?');
		await term.waitFor(/❯ Pověřená osoba/);
		await term.press('Enter');
		await term.waitFor('Kterou ze 4 pozic účtu 4711 vyplnit?');
		await term.press('Down');
		await term.waitFor(/❯ *Pozice 2: volná/);
		await term.press('Enter');
		// A qualified certificate fits both roles, and both is what is offered first.
		await term.waitFor('V jaké roli bude certifikát v pozici 2?');
		await term.waitFor(/❯ Obě role/);
		await term.press('Enter');

		screen = await term.waitFor('Krok 5/5 · OK');
		expect(screen).toContain('Sandbox');
		expect(screen).toContain('4711');
		expect(screen).toMatch(/Pozice\s+2 \(/);
		expect(screen).toContain('Soukromý klíč v souboru k certifikátu patří');
		await term.press('Enter');

		screen = await term.waitFor('Registrační balíček je připraven');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);

		const [pkg, ...others] = await packages(dirs);
		expect(others).toEqual([]);
		expect(pkg).toBeDefined();
		expect(path.basename(pkg!)).toMatch(/sandbox.*4711.*slot2/);
		const files = await filesIn(pkg!);
		const names = [...files.keys()];
		expect(names.some((n) => n.endsWith('.cer'))).toBe(true);
		expect(names.some((n) => n.endsWith('.pem'))).toBe(true);
		expect(names).toContain('registration.json');
		expect(names).toContain('next-steps.txt');
		for (const [name, text] of files) {
			expect(text, name).not.toContain('PRIVATE KEY');
			expect(text, name).not.toContain(PASSWORD);
		}
		const registration = JSON.parse(files.get('registration.json')!) as Record<string, unknown>;
		expect(JSON.stringify(registration)).toContain(await sha256(leaf));

		const ledger = (await readLedger(dirs)).data as unknown as Ledger;
		const slots = ledger.accounts['4711']!.ledgers['sandbox']!.slots;
		expect(slots['2']?.auth?.sha256).toBe(await sha256(leaf));
		expect(slots['2']?.sign?.sha256).toBe(await sha256(leaf));
		expect(slots['1']).toBeUndefined();
		expect((await readLedger(dirs)).raw).not.toContain(PASSWORD);
	});
});

describe('journey 3: quick renewal', () => {
	it('proposes the slot holding the older certificate of the same holder, replaces it, keeps the old one in the history', async () => {
		const dirs = await runDirs(world, 'j3');
		const old = await qualifiedLeaf(world, {notBefore: dates.ago(360), notAfter: dates.ahead(5)});
		const oldFile = await writeCert(world, 'jiri-dvorak-2025.pem', old);
		const fresh = await qualifiedLeaf(world);
		const freshFile = await writeCert(world, 'jiri-dvorak-2026.pem', fresh);

		const registered = await cli(dirs, [
			'register',
			'--source',
			oldFile,
			'--env',
			'sandbox',
			'--slot',
			'3',
			'--yes',
			'--trust',
			world.caFile,
			'--role',
			'admin',
			'--out',
			path.join(dirs.home, 'old-package'),
		]);
		expect(registered.code, registered.stderr + registered.stdout).toBe(0);
		const before = (await readLedger(dirs)).data as unknown as Ledger;
		expect(before.accounts['default']!.ledgers['sandbox']!.slots['3']?.auth?.sha256).toBe(await sha256(old));

		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		await term.waitFor('Where is your certificate?');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(freshFile);
		await term.press('Enter');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Enter');
		// The environment used last time (Sandbox) is preselected.
		await term.waitFor(/❯ Sandbox/);
		await term.press('Enter');
		await term.waitFor('User id:');
		await term.press('Enter');
		// The profile was remembered by register: straight to the slots, the renewal proposed.
		let screen = await term.waitFor('Which of the 4 slots of account default?');
		expect(screen).toMatch(/❯ .*Slot 3: Jiří Dvořák.*renewal/);
		expect(screen).toContain('This looks like a renewal: slot 3 holds an older certificate of the same holder.');
		await term.press('Enter');
		await term.waitFor('In which role does the certificate go into slot 3?');
		await term.waitFor(/❯ Both roles/);
		await term.press('Enter');
		screen = await term.waitFor('Step 5/5 · OK');
		expect(screen).toMatch(/Slot\s+3 \(/);
		await term.press('Enter');
		await term.waitFor('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);

		const after = (await readLedger(dirs)).data as unknown as Ledger;
		const ledger = after.accounts['default']!.ledgers['sandbox']!;
		expect(ledger.slots['3']?.auth?.sha256).toBe(await sha256(fresh));
		expect(ledger.slots['3']?.sign?.sha256).toBe(await sha256(fresh));
		expect(JSON.stringify(ledger.history)).toContain(await sha256(old));
		expect(ledger.history.length).toBeGreaterThan(before.accounts['default']!.ledgers['sandbox']!.history.length);
	});
});
