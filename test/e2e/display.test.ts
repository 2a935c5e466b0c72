// What the person sees, in a real terminal: every finding whole (wrapped, scrolled to when the step is
// taller than the terminal) at 80x24 and 60x20 in Czech and English; ASCII-only screens under --ascii and
// TERM=dumb; a whole registration in screen-reader mode; a revoked certificate stopped on the Certificate step.
import {readFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makeCa, makeLeaf, subjectNameOf, type LeafHandle} from '../helpers/pki.js';
import {pemBlocks} from '../../source/certificate/pem.js';
import type {Terminal} from '../helpers/tmux.js';
import {startRevocationWorld, type RevocationWorld} from '../revocation/server.js';
import {cli, dates, makeWorld, packages, qualifiedLeaf, removeWorld, runDirs, startWizard, writeCert, type World} from './world.js';

let world: World;
let revocation: RevocationWorld;
let term: Terminal | undefined;
/** The three certificates whose findings must be readable, one file each and all three in one file. */
const files: Record<'expired' | 'lookalike' | 'sha1', string> = {expired: '', lookalike: '', sha1: ''};
let all: string;
let revokedFile: string;
let revokedCa: string;

beforeAll(async () => {
	world = await makeWorld('display');
	const expired = await qualifiedLeaf(world, {notBefore: dates.ago(400), notAfter: dates.ago(3)});
	const sha1 = await qualifiedLeaf(world, {cn: 'Kateřina Šťastná', hash: 'SHA-1'});
	// Same subject bytes as a shipped I.CA CA, another key: a look-alike.
	const realIca = pemBlocks(readFileSync(path.resolve(import.meta.dirname, '../../source/trust/anchors/ica-eu-qualified-ca2-ecc-2022.pem'), 'utf8')).blocks[0]!
		.der;
	const lookalikeCa = await makeCa({cn: 'ignored', subjectDer: subjectNameOf(realIca), freshKey: true});
	const lookalike = await makeLeaf({issuer: lookalikeCa, cn: 'Žofie Nováková', qualified: true});
	files.expired = await writeCert(world, 'prosly.pem', expired);
	files.sha1 = await writeCert(world, 'sha1.pem', sha1);
	files.lookalike = await writeCert(world, 'podobna-ca.pem', lookalike);
	all = path.join(world.dir, 'tri.pem');
	await writeFile(all, [expired, lookalike, sha1].map((l: LeafHandle) => l.pem).join(''));

	revocation = await startRevocationWorld(path.join(world.dir, 'revocation'));
	const revoked = await revocation.leaf('Radim Odvolaný', {ocsp: 'good'});
	await revocation.revokeInOcsp(revoked, 'keyCompromise', dates.ago(2));
	revokedFile = path.join(world.dir, 'odvolany.pem');
	await writeFile(revokedFile, revoked.pem);
	revokedCa = revocation.caFile;
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(async () => {
	await revocation?.close();
	await removeWorld(world);
});

type Lang = 'cs' | 'en';

/** The findings as `inspect --json` words them: the same catalog the screen uses. */
async function findingsOf(file: string, lang: Lang, trust = world.caFile): Promise<Array<{code: string; message: string}>> {
	const dirs = await runDirs(world, `inspect-${lang}`);
	const {stdout} = await cli(dirs, ['inspect', file, '--json', '--lang', lang, '--trust', trust]);
	return (JSON.parse(stdout) as Array<{findings: Array<{code: string; message: string}>}>)[0]!.findings;
}

const SCROLLED = /(\d+)[–-](\d+)\s+(?:z|of)\s+(\d+)\)/;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * The whole body of the step on screen, scrolled through with PgDn when the footer says there is more:
 * lines are put back in their place by the footer's "lines a–b of n", so a finding cut by a page edge
 * still reads whole.
 */
async function wholeStep(t: Terminal): Promise<{text: string; screens: string[]}> {
	const screens: string[] = [];
	let screen = await settled(t);
	screens.push(screen);
	let where = SCROLLED.exec(screen);
	if (!where) return {text: screen, screens};
	const body = new Map<number, string>();
	for (;;) {
		const [from, to, total] = [Number(where[1]), Number(where[2]), Number(where[3])];
		// Header, title and a blank line come before the body.
		const shown = screen.split('\n').slice(3, 3 + to - from + 1);
		for (const [i, line] of shown.entries()) body.set(from + i, line);
		if (to >= total) break;
		await t.press('NPage');
		const before = where[0];
		await t.waitUntil((s) => SCROLLED.exec(s)?.[0] !== before, 'the next page');
		screen = await settled(t);
		screens.push(screen);
		where = SCROLLED.exec(screen)!;
	}
	const lines = [...body.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
	return {text: `${screens[0]!.split('\n').slice(0, 3).join('\n')}\n${lines.join('\n')}`, screens};
}

/** The screen once two captures in a row agree: a scroll can take two frames (the footer's length changes the room). */
async function settled(t: Terminal): Promise<string> {
	let last = await t.screen();
	for (;;) {
		await new Promise((r) => setTimeout(r, 60));
		const now = await t.screen();
		if (now === last) return now;
		last = now;
	}
}

async function openFile(t: Terminal, file: string, pathPrompt: string): Promise<void> {
	await t.waitFor(/1\/5/);
	await t.press('Enter');
	await t.waitFor(pathPrompt);
	await t.type(file);
	await t.press('Enter');
}

const PATH_PROMPT: Record<Lang, string> = {cs: 'Cesta:', en: 'Path:'};
const CHECKING: Record<Lang, string> = {cs: 'Ověřuji, zda certifikát nebyl zneplatněn', en: 'Checking whether the certificate was revoked'};

describe('every finding whole, with its advice, at every size', () => {
	for (const [cols, rows] of [
		[80, 24],
		[60, 20],
	] as const) {
		for (const lang of ['cs', 'en'] as const) {
			it(`${cols}x${rows} ${lang}: an expired, a look-alike and a SHA-1 certificate show the full text of each finding`, async () => {
				const expected = {
					expired: await findingsOf(files.expired, lang),
					lookalike: await findingsOf(files.lookalike, lang),
					sha1: await findingsOf(files.sha1, lang),
				};
				expect(expected.expired.map((f) => f.code)).toContain('EXPIRED');
				expect(expected.lookalike.map((f) => f.code)).toContain('ISSUER_NOT_APPROVED');
				expect(expected.sha1.map((f) => f.code)).toContain('WEAK_ALGORITHM');
				const dirs = await runDirs(world, `findings-${cols}-${lang}`);
				term = await startWizard(world, dirs, {args: ['--lang', lang], cols, rows});
				await openFile(term, all, PATH_PROMPT[lang]);
				await term.waitFor(/2\/5 · CERT/);
				// The three certificates in the order of the file; j moves to the next.
				const holders = {expired: 'Jiří Dvořák', lookalike: 'Žofie Nováková', sha1: 'Kateřina Šťastná'};
				for (const [i, name] of (['expired', 'lookalike', 'sha1'] as const).entries()) {
					if (i > 0) await term.press('j');
					// Moving the highlight shows that certificate from its top.
					await term.waitFor(new RegExp(`(?:Holder|Držitel)\\s+${holders[name]}`));
					await term.waitUntil((s) => !s.includes(CHECKING[lang]), 'the revocation check to end');
					const {text, screens} = await wholeStep(term);
					for (const screen of screens) {
						expect(screen.split('\n').length).toBeLessThanOrEqual(rows + 1);
						expect(screen).toMatch(/2\/5 · CERT/);
						expect(screen, 'nothing behind an ellipsis').not.toContain('…');
					}
					for (const finding of expected[name]) expect(squeeze(text), `${name} ${finding.code}`).toContain(squeeze(finding.message));
				}
			});
		}
	}
});

/** "Writing the registration package…": a passing screen, never one to press Enter on (Done's Enter leaves). */
const WRITING = /Zapisuji registra|Writing the registration/;

/** Presses Enter through the Slot step's questions and Confirm until the Done screen, every screen captured. */
async function registerWithDefaults(t: Terminal, screens: string[], done: RegExp): Promise<string> {
	let screen = await t.screen();
	for (let i = 0; i < 12; i++) {
		screens.push(screen);
		if (done.test(screen)) return screen;
		await t.press('Enter');
		const before = screen;
		await t.waitUntil((s) => s !== before && !WRITING.test(s), 'the next screen');
		// The screen a person reads: a step's first frame may still be redrawn once (it measures its height).
		screen = await settled(t);
		while (WRITING.test(screen)) {
			await t.waitUntil((s) => !WRITING.test(s), 'the package written');
			screen = await settled(t);
		}
	}
	throw new Error(`no Done screen; the screen shows:\n${screen}`);
}

describe('ASCII only', () => {
	for (const how of ['--ascii', 'TERM=dumb'] as const) {
		it(`${how}: every screen of a whole Czech registration at 60x20 holds only ASCII`, async () => {
			const dirs = await runDirs(world, `ascii-${how.replace(/\W/g, '')}`);
			term = await startWizard(world, dirs, {
				args: ['--lang', 'cs', ...(how === '--ascii' ? ['--ascii'] : [])],
				env: how === 'TERM=dumb' ? {TERM: 'dumb'} : {},
				cols: 60,
				rows: 20,
			});
			const screens: string[] = [];
			screens.push(await term.waitFor(/Krok 1\/5/));
			const holderFile = await writeCert(world, 'ascii-holder.pem', await qualifiedLeaf(world, {cn: 'Řehoř Žluťoučký'}));
			await openFile(term, holderFile, 'Cesta:');
			screens.push(await term.waitFor('Krok 2/5 - CERT'));
			screens.push(await term.waitFor('Rehor Zlutoucky'));
			await term.press('?');
			screens.push(await term.waitUntil((s) => s.includes('+--') || s.includes('|'), 'the help box'));
			await term.press('?');
			await term.press('Enter');
			screens.push(await term.waitFor('Krok 3/5 - ENV'));
			await term.press('Enter');
			screens.push(await term.waitFor('ID uzivatele:'));
			await term.type('U1');
			await term.press('Enter');
			await registerWithDefaults(term, screens, /Hotovo - DONE/);
			// At 60x20 the answer is in sight (the summary above it scrolls when it has to).
			const confirm = screens.find((s) => s.includes('Krok 5/5 - OK'));
			expect(confirm).toContain('> Ano, pripravit registraci');
			// 60x20 used to scroll the Done screen's first lines away: the header stays on the first line.
			expect(screens.at(-1)!.split('\n')[0]).toMatch(/^ote-cert - Hotovo - DONE/);
			for (const screen of screens) expect(screen.replace(/[\x20-\x7e\n]/g, ''), screen).toBe('');
			await term.press('Enter');
			expect(await term.waitForExit()).toBe(0);
			expect(await packages(dirs)).toHaveLength(1);
		});
	}
});

describe('screen-reader mode', () => {
	for (const how of ['--screen-reader', 'INK_SCREEN_READER=true'] as const) {
		it(`${how}: plain text with roles and states, the current item announced, one whole registration`, async () => {
			const dirs = await runDirs(world, `sr-${how.length}`);
			term = await startWizard(world, dirs, {
				args: ['--lang', 'en', ...(how === '--screen-reader' ? ['--screen-reader'] : [])],
				env: how === '--screen-reader' ? {} : {INK_SCREEN_READER: 'true'},
			});
			let screen = await term.waitFor('Step 1/5');
			expect(screen).toMatch(/\(selected\) 1\. /);
			expect(screen).toContain('listitem:');
			const file = await writeCert(world, 'sr.pem', await qualifiedLeaf(world));
			await openFile(term, file, 'Path:');
			screen = await term.waitFor('Step 2/5');
			await term.waitUntil((s) => !s.includes(CHECKING.en), 'the revocation check to end');
			await term.press('Enter');
			screen = await term.waitFor('Step 3/5');
			expect(screen).toMatch(/\(selected\) 1\. Production/);
			await term.press('Down');
			screen = await term.waitFor(/\(selected\) 2\. Sandbox/);
			expect(screen).not.toMatch(/[─│┌┐└┘❯]/);
			await term.press('Enter');
			await term.waitFor('User id:');
			await term.type('SR1');
			await term.press('Enter');
			const screens: string[] = [];
			await registerWithDefaults(term, screens, /Done · DONE/);
			for (const s of screens) expect(s).not.toMatch(/[─│┌┐└┘❯]/);
			await term.press('Enter');
			expect(await term.waitForExit()).toBe(0);
			const [pkg] = await packages(dirs);
			expect(path.basename(pkg!)).toMatch(/sandbox.*SR1/);
		});
	}
});

describe('revocation on the Certificate step', () => {
	it('a certificate its CA revoked (OCSP) is shown as revoked, and Enter does not take it further', async () => {
		const expected = (await findingsOf(revokedFile, 'en', revokedCa)).find((f) => f.code === 'REVOKED');
		expect(expected).toBeDefined();
		const dirs = await runDirs(world, 'revoked');
		term = await startWizard(world, dirs, {args: ['--lang', 'en', '--trust', revokedCa], cols: 80, rows: 24});
		await openFile(term, revokedFile, 'Path:');
		// Enter at once, while the answer may still be out: it must not go further once the answer is "revoked".
		await term.waitFor('Step 2/5 · CERT');
		await term.press('Enter');
		const screen = await term.waitFor('cannot be registered in CS OTE');
		const {text} = await wholeStep(term);
		expect(squeeze(text)).toContain(squeeze(expected!.message));
		expect(text).toMatch(/✗ cannot be registered \(reasons below\)/);
		expect(screen).not.toContain('Enter continue');
		await term.press('Enter');
		await term.waitFor('cannot be registered in CS OTE');
		expect(await term.screen()).toContain('Step 2/5 · CERT');
	});
});
