// What the person sees (issue 12, interaction half), in the built CLI at 80x24 in Czech and English:
// step 1 names the holder of a found file and never offers ote-cert's own output; Ctrl+U clears the
// user id; `r` on the certificate step writes a report naming the step and the certificate's SHA-256
// (and not the password typed a moment before); the second run prefills the user id used last in that
// environment, and Confirm names the certificate the new one replaces.
import {createHash} from 'node:crypto';
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Terminal} from '../helpers/tmux.js';
import {dates, makeWorld, PASSWORD, packages, qualifiedLeaf, removeWorld, runDirs, startWizard, writeP12, type World} from './world.js';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

let world: World;
let term: Terminal | undefined;

beforeAll(async () => {
	world = await makeWorld('person');
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => removeWorld(world));

/** A working folder with one certificate of Jana Nová and, beside it, ote-cert's own earlier package and a staging folder. */
async function folderWithOwnOutput(name: string) {
	const dirs = await runDirs(world, name);
	const leaf = await qualifiedLeaf(world, {cn: 'Jana Nová', freshKey: true});
	await writeFile(path.join(dirs.cwd, 'jana.pem'), leaf.pem);
	const pkg = path.join(dirs.cwd, 'ote-cert-production-default-slot1-0a1b2c3d');
	await mkdir(pkg);
	await writeFile(path.join(pkg, 'Vlastni-Balicek-1669b87.pem'), leaf.pem);
	await writeFile(path.join(pkg, 'Vlastni-Balicek-1669b87.cer'), leaf.der);
	await writeFile(path.join(pkg, 'registration.json'), '{}\n');
	const staging = path.join(dirs.cwd, '.ote-cert-staging-x1');
	await mkdir(staging);
	await writeFile(path.join(staging, 'Rozepsany-Balicek.pem'), leaf.pem);
	return dirs;
}

describe('step 1 names the holder of a found file, never ote-cert’s own output', () => {
	it.each([
		['en', {LANG: 'C.UTF-8'}, ['--lang', 'en'], 'Step 1/5 · SRC', 'Jana Nová, valid until'],
		['cs', {LANG: 'cs_CZ.UTF-8'}, [], 'Krok 1/5 · SRC', 'Jana Nová, platný do'],
	] as const)('%s', async (_lang, env, args, header, holder) => {
		const dirs = await folderWithOwnOutput(`own-${_lang}`);
		term = await startWizard(world, dirs, {env: {...env}, args: [...args]});
		// Under load the 400 ms search may end before every folder is walked; the list is what counts here.
		const screen = await term.waitUntil((s) => s.includes(header) && s.includes(holder), 'the found file with its holder');
		expect(screen).toMatch(/❯ ✓ jana\.pem/);
		expect(screen).not.toContain('Vlastni-Balicek');
		expect(screen).not.toContain('Rozepsany-Balicek');
		// The single file found is highlighted: Enter takes it.
		await term.press('Enter');
		await term.waitFor(/(Step|Krok) 2\/5 · CERT/);
	});
});

describe('the user id field', () => {
	it('Ctrl+U clears what was typed (Czech)', async () => {
		const dirs = await runDirs(world, 'ctrlu');
		const file = await writeP12(world, 'ctrlu.p12', await qualifiedLeaf(world, {cn: 'Ota Úprava', freshKey: true}));
		term = await startWizard(world, dirs, {env: {LANG: 'cs_CZ.UTF-8'}});
		await term.waitFor('Krok 1/5 · SRC');
		await term.press('Enter');
		await term.waitFor('Cesta:');
		await term.type(file);
		await term.press('Enter');
		await term.waitFor('Heslo');
		await term.type(PASSWORD);
		await term.press('Enter');
		await term.waitFor('Krok 2/5 · CERT');
		await term.press('Enter');
		await term.waitFor('Krok 3/5 · ENV');
		await term.press('Enter');
		await term.waitFor('ID uživatele:');
		await term.type('ucet-omylem');
		await term.waitFor('ID uživatele: ucet-omylem');
		await term.press('C-u');
		await term.waitUntil((s) => !s.includes('ucet-omylem') && s.includes('ID uživatele:'), 'the field to be empty');
		await term.type('U7');
		await term.press('Enter');
		await term.waitFor('Kdo certifikát registruje (účet U7)?');
		// ? lists the keys of the step, the report key among them.
		await term.press('?');
		const help = await term.waitFor('Klávesy:');
		expect(help).toContain('r hlášení');
	});
});

describe('r on the certificate step', () => {
	const texts = {
		en: {
			env: {LANG: 'C.UTF-8'},
			args: ['--lang', 'en'],
			step: 'Step',
			key: 'r report',
			path: 'Path:',
			password: 'Password',
			written: 'Diagnostic file written',
		},
		cs: {env: {LANG: 'cs_CZ.UTF-8'}, args: [], step: 'Krok', key: 'r hlášení', path: 'Cesta:', password: 'Heslo', written: 'Diagnostický soubor uložen'},
	} as const;
	it.each(['en', 'cs'] as const)(
		'%s: writes a report naming the step (CERT) and the certificate’s SHA-256, without the password typed before',
		async (lang) => {
			const x = texts[lang];
			const dirs = await runDirs(world, `report-${lang}`);
			const leaf = await qualifiedLeaf(world, {cn: 'Hana Hlášení', freshKey: true});
			const file = await writeP12(world, `report-${lang}.p12`, leaf);
			term = await startWizard(world, dirs, {env: {...x.env}, args: [...x.args]});
			const first = await term.waitFor(`${x.step} 1/5 · SRC`);
			expect(first).toContain(x.key);
			await term.press('Enter');
			await term.waitFor(x.path);
			await term.type(file);
			await term.press('Enter');
			await term.waitFor(x.password);
			await term.type(PASSWORD);
			await term.press('Enter');
			const cert = await term.waitFor(`${x.step} 2/5 · CERT`);
			expect(cert).toContain(x.key);
			await term.press('r');
			await term.waitFor(x.written);
			const [name] = (await readdir(dirs.cwd)).filter((n) => /^ote-cert-report-.*\.json$/.test(n));
			expect(name).toBeDefined();
			const text = await readFile(path.join(dirs.cwd, name!), 'utf8');
			expect(text).not.toContain(PASSWORD);
			const report = JSON.parse(text) as {wizard: {step: string; certificates: Array<{fingerprints: {sha256: string}; findings: unknown[]}>}};
			expect(report.wizard.step).toBe('CERT');
			expect(report.wizard.certificates.map((c) => c.fingerprints.sha256)).toContain(sha256(leaf.der));
			expect(Array.isArray(report.wizard.certificates[0]?.findings)).toBe(true);
			// The notice goes with the step.
			await term.press('Enter');
			const env = await term.waitFor(`${x.step} 3/5 · ENV`);
			expect(env).not.toContain(x.written);
		},
	);
});

describe('the second run', () => {
	it('prefills the user id used last in the environment, and Confirm names the certificate it replaces', async () => {
		const dirs = await runDirs(world, 'second');
		const older = await qualifiedLeaf(world, {cn: 'Jiří Dvořák', notBefore: dates.ago(300), notAfter: dates.ahead(20)});
		const newer = await qualifiedLeaf(world, {cn: 'Jiří Dvořák', notBefore: dates.ago(1), notAfter: dates.ahead(700), freshKey: true});
		const olderFile = path.join(dirs.home, 'older.pem');
		const newerFile = path.join(dirs.home, 'newer.pem');
		await writeFile(olderFile, older.pem);
		await writeFile(newerFile, newer.pem);

		// First run: the older certificate for account "acme" in production, slot 1.
		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		await term.waitFor('Step 1/5 · SRC');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(olderFile);
		await term.press('Enter');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Enter');
		await term.waitFor(/❯ Production/);
		await term.press('Enter');
		await term.waitFor('User id:');
		await term.type('acme');
		await term.press('Enter');
		await term.waitFor('Who registers the certificate (account acme)?');
		await term.press('Enter');
		await term.waitFor('Which of the 4 slots of account acme?');
		await term.press('Enter');
		await term.waitFor('In which role');
		await term.press('Enter');
		const firstConfirm = await term.waitFor('Step 5/5 · OK');
		expect(firstConfirm).toMatch(/Registers\s+you as the account administrator/);
		expect(firstConfirm).toMatch(/Replaces\s+nothing/);
		await term.press('Enter');
		await term.waitFor('The registration package is ready');
		await term.press('Enter');
		expect(await term.waitForExit()).toBe(0);
		await term.close();
		expect(await packages(dirs)).toHaveLength(1);

		// Second run: the newer certificate of the same holder; the field already says "acme".
		term = await startWizard(world, dirs, {args: ['--lang', 'en']});
		await term.waitFor('Step 1/5 · SRC');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(newerFile);
		await term.press('Enter');
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Enter');
		await term.waitFor(/❯ Production/);
		await term.press('Enter');
		await term.waitFor('User id: acme');
		await term.press('Enter');
		await term.waitFor('Which of the 4 slots of account acme?');
		await term.press('Enter');
		await term.waitFor('In which role');
		await term.press('Enter');
		const confirm = await term.waitFor('Step 5/5 · OK');
		const prefix = sha256(older.der).toUpperCase().slice(0, 16).match(/../g)!.join(':');
		expect(confirm).toMatch(/Replaces\s+Jiří Dvořák, valid until/);
		// Joined over the wrapped lines, as a person reads it.
		expect(confirm.replace(/\s+/g, ' ')).toContain(`SHA-256 ${prefix}`);
	});
});
