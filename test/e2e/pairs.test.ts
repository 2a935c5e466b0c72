// Journey: a TWINS-like card. A real SoftHSM2 token holds one person's qualified signing certificate and
// commercial authentication certificate (each with its private key and public half under one CKA_ID) among
// 20 CA certificates. The wizard lists the two keyed certificates first, proposes the right role for each
// and explains it, offers them as a pair, and registers both into one slot: one ledger entry with both
// roles, both certificates in the package.
import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import type {Terminal} from '../helpers/tmux.js';
import {importKeyed, makeCaCertificates, makeTwins, trustBoth, type Twins} from './pairs-fixtures.js';
import {filesIn, makeWorld, packages, readLedger, removeWorld, runDirs, startWizard, type World} from './world.js';

const PIN = '135790';
const LABEL = 'OTE-TWINS';
const CA_COUNT = 20;

let world: World;
let hsm: SoftHsm;
let twins: Twins;
let term: Terminal | undefined;
const sha = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

beforeAll(async () => {
	world = await makeWorld('pairs');
	await trustBoth(world);
	hsm = makeSoftHsm();
	hsm.initToken(LABEL, PIN);
	twins = await makeTwins(world);
	const cas = await makeCaCertificates(CA_COUNT);
	// CA certificates written before and after the person's own: the list order must not come from the token's.
	for (const [i, ca] of cas.slice(0, 10).entries()) hsm.importCert(LABEL, PIN, ca.der, (0xa0 + i).toString(16), `CA ${i}`);
	await importKeyed(hsm, LABEL, PIN, twins.signing, '01', 'Podpis');
	await importKeyed(hsm, LABEL, PIN, twins.authentication, '02', 'Prihlaseni');
	for (const [i, ca] of cas.slice(10).entries()) hsm.importCert(LABEL, PIN, ca.der, (0xc0 + i).toString(16), `CA ${i + 10}`);
}, 120_000);
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(async () => {
	hsm?.cleanup();
	await removeWorld(world);
});

const QUALIFIED_CA = 'E2E EU Qualified CA2/ECC 2026';
const COMMERCIAL_CA = 'E2E Public CA/ECC 2026';
const SIGNING_REASON = 'A qualified certificate with nonRepudiation only is a signing certificate.';
const AUTH_REASON = 'A commercial certificate with clientAuth is an authentication certificate (OTE-COM).';

/** The list rows of the Certificate step (the lines with a date or the CA mark), top to bottom. */
const rows = (screen: string) => screen.split('\n').filter((line) => /\d{4}-\d\d-\d\d · with key|\d{4}-\d\d-\d\d\s*$|CA, for the chain only/.test(line));

describe('journey: a pair on one token (SoftHSM, 2 keyed + 20 CA certificates)', () => {
	it('offers the two keyed certificates first, proposes each one’s role, and registers both into one slot', async () => {
		const dirs = await runDirs(world, 'pair');
		term = await startWizard(world, dirs, {
			args: ['--lang', 'en', '--offline', '--module', hsm.modulePath],
			env: {SOFTHSM2_CONF: hsm.env['SOFTHSM2_CONF']!, P11_KIT_NO_USER_CONFIG: '1'},
			cols: 120,
			rows: 34,
		});
		await term.waitFor(`Token ${LABEL} — ${CA_COUNT + 2} certificates`);
		await term.waitUntil((s) => !s.includes('Looking for'), 'discovery to finish');
		for (let i = 0; i < 10 && !/❯ # Token/.test(await term.screen()); i++) {
			const before = await term.screen();
			await term.press('Down');
			await term.waitUntil((s) => s !== before, 'the highlight to move');
		}
		await term.waitFor(new RegExp(`❯ # Token ${LABEL}`));
		await term.press('Enter');

		// Step 2: the two certificates with a key on top, the CA certificates after them, said to be companions.
		let screen = await term.waitFor('Step 2/5 · CERT');
		expect(screen).toContain(`Other certificates on the token (${CA_COUNT}): CA certificates that build the chain`);
		const top = rows(screen).slice(0, 2);
		expect(top).toHaveLength(2);
		for (const row of top) expect(row).toMatch(/Jiří Dvořák .*with key/);
		expect(screen).toMatch(/❯ ✓ Jiří Dvořák/);
		const firstIsQualified = screen.includes(QUALIFIED_CA);
		const firstReason = firstIsQualified ? SIGNING_REASON : AUTH_REASON;
		const secondReason = firstIsQualified ? AUTH_REASON : SIGNING_REASON;

		// The first keyed certificate: its own role is proposed and explained; the other half is offered as a pair.
		const toRoles = async () => {
			await term!.waitFor('Step 3/5 · ENV');
			await term!.waitFor(/❯ (Production|Sandbox)/);
			if (!/❯ Sandbox/.test(await term!.screen())) {
				await term!.press('Down');
				await term!.waitFor(/❯ Sandbox/);
			}
			await term!.press('Enter');
			await term!.waitFor('User id:');
			await term!.press('Enter');
		};
		await term.press('Enter');
		await toRoles();
		await term.waitFor('Who registers the certificate (account default)?');
		await term.press('Enter');
		await term.waitFor('Which of the 4 slots of account default?');
		await term.press('Enter');
		screen = await term.waitFor(firstReason);
		expect(screen).toMatch(/❯ Both certificates as a pair into this slot/);
		expect(screen).toContain(`authentication: Jiří Dvořák (${COMMERCIAL_CA})`);
		expect(screen).toContain(`signing:        Jiří Dvořák (${QUALIFIED_CA})`);
		expect(screen).toMatch(firstIsQualified ? /Signing only\s+proposed/ : /Authentication \(login\) only\s+proposed/);

		// Back to the list and the second keyed certificate: its role is the other one.
		await term.press('Escape');
		await term.waitFor('Which of the 4 slots of account default?');
		await term.press('Escape');
		await term.waitFor('Who registers the certificate (account default)?');
		await term.press('Escape');
		await term.waitFor('Step 3/5 · ENV');
		await term.press('Escape');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Down');
		await term.waitFor(firstIsQualified ? COMMERCIAL_CA : QUALIFIED_CA);
		await term.press('Enter');
		await toRoles();
		await term.waitFor('Which of the 4 slots of account default?');
		await term.press('Enter');
		screen = await term.waitFor(secondReason);
		expect(screen).toMatch(/❯ Both certificates as a pair into this slot/);
		await term.press('Enter');

		// Confirm: both certificates, the picked one's key checked on the token without a PIN.
		screen = await term.waitFor('Step 5/5 · OK');
		expect(screen).toMatch(/Second cert\.\s+Jiří Dvořák/);
		await term.waitFor('The token holds a public key matching the certificate');
		await term.waitFor(/❯ Yes, prepare the registration/);
		await term.press('Enter');
		await term.waitFor('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);

		// One slot with both roles, one certificate in each.
		const ledger = (await readLedger(dirs)).data as {
			accounts: Record<string, {ledgers: Record<string, {slots: Record<string, {auth: {sha256: string}; sign: {sha256: string}}>}>}>;
		};
		const slots = ledger.accounts['default']!.ledgers['sandbox']!.slots;
		expect(Object.keys(slots)).toEqual(['1']);
		expect(slots['1']!.auth.sha256).toBe(sha(twins.authentication.der));
		expect(slots['1']!.sign.sha256).toBe(sha(twins.signing.der));

		// The package holds both certificates and says which role each takes; never a key or the PIN.
		const [pkg, ...more] = await packages(dirs);
		expect(more).toEqual([]);
		const files = await filesIn(pkg!);
		expect([...files.keys()].filter((f) => f.endsWith('.cer'))).toHaveLength(2);
		for (const [name, text] of files) {
			expect(text, name).not.toContain('PRIVATE KEY');
			expect(text, name).not.toContain(PIN);
		}
		const json = JSON.parse(await readFile(path.join(pkg!, 'registration.json'), 'utf8')) as {
			roles: string[];
			certificates: Array<{roles: string[]; kind: string; fingerprints: {sha256: string}; source: string}>;
		};
		expect(json.roles).toEqual(['auth', 'sign']);
		expect(json.certificates.map((c) => `${c.roles.join('+')}:${c.kind}:${c.fingerprints.sha256}`).sort()).toEqual(
			[`auth:commercial:${sha(twins.authentication.der)}`, `sign:qualified:${sha(twins.signing.der)}`].sort(),
		);
		for (const c of json.certificates) expect(c.source).toMatch(/^pkcs11:/);
	}, 120_000);
});
