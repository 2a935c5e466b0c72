// Journey 11: a certificate on a token. A real SoftHSM2 token (module passed with --module) appears in
// the Source list; choosing it shows its certificate; the Confirm step proves the key is on the token
// without asking for the PIN, and the registration goes through.
import {webcrypto} from 'node:crypto';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import type {Terminal} from '../helpers/tmux.js';
import {filesIn, makeWorld, packages, qualifiedLeaf, readLedger, removeWorld, runDirs, startWizard, type World} from './world.js';

const PIN = '246810';
const LABEL = 'OTE-E2E';

let world: World;
let hsm: SoftHsm;
let term: Terminal | undefined;

beforeAll(async () => {
	world = await makeWorld('token');
	hsm = makeSoftHsm();
	const leaf = await qualifiedLeaf(world, {cn: 'Tereza Tokenová', freshKey: true});
	const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', leaf.privateKey));
	const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', leaf.publicKey));
	hsm.initToken(LABEL, PIN);
	hsm.importCert(LABEL, PIN, leaf.der, '01', 'Tereza cert');
	hsm.importKey(LABEL, PIN, pkcs8, '01', 'Tereza key');
	hsm.importPublicKey(LABEL, PIN, spki, '01', 'Tereza pub');
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(async () => {
	hsm?.cleanup();
	await removeWorld(world);
});

describe('journey 11: token source (SoftHSM)', () => {
	it('lists the token, shows its certificate, checks the key without a PIN and registers', async () => {
		const dirs = await runDirs(world, 'j11');
		term = await startWizard(world, dirs, {
			args: ['--lang', 'en', '--module', hsm.modulePath],
			env: {SOFTHSM2_CONF: hsm.env['SOFTHSM2_CONF']!, P11_KIT_NO_USER_CONFIG: '1'},
		});
		let screen = await term.waitFor(`Token ${LABEL}`);
		expect(screen).toContain('Step 1/5 · SRC');
		expect(screen).toMatch(new RegExp(`# Token ${LABEL} — 1 certificate`));
		// Walk down to the token, wherever discovery put it.
		await term.waitUntil((s) => !s.includes('Looking for'), 'discovery to finish');
		for (let i = 0; i < 10 && !/❯ # Token/.test(await term.screen()); i++) {
			const before = await term.screen();
			await term.press('Down');
			await term.waitUntil((s) => s !== before, 'the highlight to move');
		}
		await term.waitFor(/❯ # Token OTE-E2E/);
		await term.press('Enter');

		screen = await term.waitFor('Step 2/5 · CERT');
		expect(screen).toContain('Tereza Tokenová');
		expect(screen).not.toMatch(/PIN/);
		await term.press('Enter');
		await term.waitFor('Step 3/5 · ENV');
		await term.press('Down');
		await term.waitFor(/❯ Sandbox/);
		await term.press('Enter');
		await term.waitFor('User id:');
		await term.press('Enter');
		await term.waitFor('Who registers the certificate (account default)?');
		await term.press('Enter');
		await term.waitFor('Which of the 4 slots of account default?');
		await term.press('Enter');
		await term.waitFor(/❯ Both roles/);
		await term.press('Enter');

		// The PIN-free check: a public key with the certificate's CKA_ID and key is on the token.
		screen = await term.waitFor('The token holds a public key matching the certificate');
		expect(screen).toContain('Step 5/5 · OK');
		expect(screen).toMatch(/✓ The token holds a public key matching the certificate/);
		expect(screen).not.toContain('PIN of token');
		expect(screen).toMatch(/Source\s+pkcs11:/);
		await term.waitFor(/❯ Yes, prepare the registration/);
		await term.press('Enter');
		await term.waitFor('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);

		const [pkg] = await packages(dirs);
		for (const [name, text] of await filesIn(pkg!)) {
			expect(text, name).not.toContain('PRIVATE KEY');
			expect(text, name).not.toContain(PIN);
		}
		const ledger = (await readLedger(dirs)).raw ?? '';
		expect(ledger).toContain('Tereza Tokenov');
		expect(ledger).toContain('pkcs11:');
		expect(ledger).not.toContain(PIN);
	});
});
