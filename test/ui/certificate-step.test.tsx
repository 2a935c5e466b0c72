import stringWidth from 'fast-string-width';
import {asciiText} from '../../source/certificate/sanitize.js';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {setLang} from '../../source/i18n/index.js';
import type {CandidateCertificate, WizardIntent} from '../../source/flow/wizard.js';
import {formatDate} from '../../source/ui/format.js';
import {advance} from '../../source/flow/wizard.js';
import {withRevocation} from '../../source/trust/revocation-verdict.js';
import {describeJudgement} from '../../source/services/describe.js';
import {makeTheme, type Theme} from '../../source/ui/theme.js';
import {KEY, press, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, days, drive, makeWorld, mountAt, toCertificateStage, type Mounted, type World} from './fixtures.js';

let world: World;
beforeAll(async () => {
	world = await makeWorld();
});
afterEach(() => {
	cleanup();
	setLang('en');
});

/** The Certificate step over these candidates, with the real machine; `refused` = Enter was already pressed on the first. */
function mount(candidates: CandidateCertificate[], refused = false, theme?: Theme) {
	const intents: WizardIntent[] = [...toCertificateStage(candidates), ...(refused ? [{type: 'chooseCertificate', index: 0} as const] : [])];
	return mountAt(new FakeServices(), drive(intents), [], theme);
}

const chosenIndex = (m: Mounted) => {
	const stage = m.state().stage;
	return stage.step === 'environment' ? stage.pick.index : null;
};

describe('Certificate step', () => {
	it('shows the details and the verdict in Czech with the diacritics intact', async () => {
		setLang('cs');
		const leaf = await world.leaf({cn: 'Jiří Žluťoučký', org: 'Příliš žluťoučký kůň a.s.', ico: '27654321', notAfter: days(200)});
		// Findings are written in the active language, so the assessment is made after the switch.
		const candidate = world.candidate(leaf);
		const {lastFrame} = mount([candidate]);
		const text = await waitFor(lastFrame, 'Certifikát a jeho vydavatel');
		expect(text).toContain('Krok 2/5 · CERT');
		expect(text).toMatch(/Držitel\s+Jiří Žluťoučký/);
		expect(text).toMatch(/Organizace\s+Příliš žluťoučký kůň a\.s\., IČO 27654321/);
		expect(text).toMatch(/Vydavatel\s+UI Test Qualified CA 2026/);
		expect(text).toContain(`${formatDate(leaf.cert.notBefore)} – ${formatDate(days(200))} (zbývá 200 dní)`);
		expect(text).toMatch(/Verdikt\s+✓ přidaná místně \(--trust\), kvalifikovaný certifikát/);
		expect(text).toMatch(/Vhodný pro\s+přihlášení do portálu, podepisování v portálu/);
		// The fingerprint is the real one, in two lines of 16 bytes.
		const sha = candidate.assessment.certificate.fingerprints.sha256.toUpperCase().match(/../g)!;
		expect(text).toContain(sha.slice(0, 16).join(':'));
		expect(text).toContain(sha.slice(16).join(':'));
		expect(text).toContain('Enter pokračovat');
	});

	it('an approved certificate goes on with Enter', async () => {
		const candidate = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', ico: '12345678'}));
		const m = mount([candidate]);
		await waitFor(m.lastFrame, 'added locally (--trust), qualified certificate');
		await press(m.stdin, KEY.enter);
		await vi.waitFor(() => expect(chosenIndex(m)).toBe(0));
	});

	it('an unapproved certificate shows why and offers no Enter; Esc goes back', async () => {
		const candidate = world.candidate(await world.leaf({cn: 'Karel Dvořák', org: 'Nikdo s.r.o.', issuer: world.stranger}));
		expect(candidate.assessment.registrable).toBe(false);
		const m = mount([candidate], true);
		const {lastFrame, stdin} = m;
		const text = await waitFor(lastFrame, /Verdict\s+✗ cannot be registered/);
		expect(text).toContain('This certificate cannot be registered in CS OTE. Esc to go back and choose another.');
		expect(text).not.toContain('Enter continue');
		expect(text).toContain('Esc back');
		for (const f of candidate.assessment.findings.filter((x) => x.severity === 'error')) expect(text).toContain(f.message.slice(0, 40));
		await press(stdin, KEY.escape);
		await vi.waitFor(() => expect(m.state().stage.step).toBe('source'));
	});

	it('several certificates: a list with marks, the first approved one highlighted, details follow the cursor', async () => {
		const stranger = world.candidate(await world.leaf({cn: 'Karel Dvořák', issuer: world.stranger}));
		const jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', notAfter: days(100)}));
		const petra = world.candidate(await world.leaf({cn: 'Petra Svobodová', org: 'Teplárna s.r.o.', notAfter: days(20)}));
		const m = mount([stranger, jan, petra]);
		const {lastFrame, stdin} = m;
		let text = await waitFor(lastFrame, 'Petra Svobodová');
		expect(text).toMatch(/✗ Karel Dvořák/);
		expect(text).toMatch(/✓ Jan Novák/);
		expect(text).toMatch(/✓ Petra Svobodová/);
		expect(text).toContain('↑↓/j k move');
		await waitForHighlight(lastFrame, 'Jan Novák');
		expect(text).toMatch(/Holder\s+Jan Novák/);
		expect(text).toMatch(/Organisation\s+Plynárna a\.s\./);
		await press(stdin, 'j');
		text = await waitFor(lastFrame, /Holder\s+Petra Svobodová/);
		expect(text).toMatch(/Organisation\s+Teplárna s\.r\.o\./);
		expect(text).toContain('(20 days left)');
		const expiring = petra.assessment.findings.find((f) => f.code === 'EXPIRING_SOON');
		expect(text).toContain(`! ${expiring!.message.slice(0, 40)}`);
		await press(stdin, 'k', 'k');
		text = await waitFor(lastFrame, /Holder\s+Karel Dvořák/);
		expect(text).toMatch(/Verdict\s+✗ cannot be registered/);
		expect(text).not.toContain('Enter continue');
		await press(stdin, 'j', 'j', KEY.enter);
		await vi.waitFor(() => expect(chosenIndex(m)).toBe(2));
	});

	it('hostile certificate text reaches the screen without terminal escapes or bidi tricks', async () => {
		const hostile = world.candidate(await world.leaf({cn: 'Jan\u001b]0;owned\u0007 Nov\u202eák\u001b[2J', org: 'Plyn\u0000árna\u200b a.s.\r\nFAKE: approved'}));
		const {lastFrame, frames} = mount([hostile]);
		const text = await waitFor(lastFrame, 'Holder');
		expect(text).toMatch(/Holder\s+Jan\]0;owned Novák\[2J/);
		expect(text).toMatch(/Organisation\s+Plynárna a\.s\.\s+FAKE: approved/);
		const raw = frames.join('');
		for (const bad of ['\u001b]0;', '\u0007', '\u202e', '\u001b[2J', '\u0000', '\u200b']) expect(raw).not.toContain(bad);
	});

	it('with --ascii every mark has an ASCII twin', async () => {
		const stranger = world.candidate(await world.leaf({cn: 'Karel Dvořák', issuer: world.stranger}));
		const jan = world.candidate(await world.leaf({cn: 'Jan Novák'}));
		const {lastFrame} = mount([stranger, jan], false, makeTheme({ascii: true, demo: true}));
		const frame = await waitFor(lastFrame, 'Verdict');
		// The wizard writes every frame through asciiText (commands/wizard.tsx); the marks are ASCII already.
		const text = asciiText(frame);
		expect(text).toContain('ote-cert - Step 2/5 - CERT DEMO');
		expect(frame).toMatch(/x Karel Dvořák/);
		expect(text).toMatch(/x Karel Dvorak/);
		expect(text).toMatch(/\+ Jan Novak/);
		expect(text).toMatch(/Verdict\s+\+ added locally/);
		expect(text).toMatch(/\(--trust\)\. OTE's/);
		expect(text.replace(/[\x20-\x7e\n]/g, '')).toBe('');
		// Columns stay where Ink laid them out for the real text.
		const widths = (s: string) => s.split('\n').map((line) => stringWidth(line));
		expect(widths(text)).toEqual(widths(frame));
	});

	it('asks about revocation when it opens, keeps working while it waits, and a revoked certificate becomes not registrable', async () => {
		const candidate = world.candidate(await world.leaf({cn: 'Radim Odvolaný'}));
		let answer: (c: CandidateCertificate) => void = () => undefined;
		const services = new FakeServices({checkRevocation: () => new Promise((resolve) => (answer = resolve))});
		const opened = drive([{type: 'loadSource', ref: '/home/jan/jan.cer'}]);
		const m = mountAt(services, advance(opened.state, {type: 'sourceLoaded', ref: '/home/jan/jan.cer', candidates: [candidate]}));
		// The first frame is the step itself, with the check named; keys still work.
		let text = await waitFor(m.lastFrame, 'Checking whether the certificate was revoked');
		expect(text).toMatch(/Verdict\s+✓ added locally/);
		expect(services.revocationChecks).toHaveLength(1);
		// Enter while the answer is out: remembered, not acted on.
		await press(m.stdin, KEY.enter);
		await vi.waitFor(() => expect(m.state().stage).toMatchObject({step: 'certificate', revocation: {kind: 'checking', chosen: 0}}));
		const revoked = {
			...candidate,
			assessment: describeJudgement(
				withRevocation(candidate.assessment, {
					status: 'revoked',
					source: 'ocsp',
					url: 'http://ocsp.example/',
					revokedAt: days(-2),
					reason: 'keyCompromise',
				}),
			),
		};
		answer(revoked);
		text = await waitFor(m.lastFrame, 'cannot be registered in CS OTE');
		expect(text).not.toContain('Checking whether');
		expect(text).toMatch(/Verdict\s+✗ cannot be registered \(reasons below\); issuer: added locally/);
		const message = revoked.assessment.findings.find((f) => f.code === 'REVOKED')!.message;
		expect(text.replace(/\s+/g, ' ')).toContain(`✗ ${message}`);
		expect(text).not.toContain('Enter continue');
		expect(m.state().stage.step).toBe('certificate');
	});

	it('right-to-left and zero-width characters in a name never shift the columns', async () => {
		const tricky = world.candidate(await world.leaf({cn: '\u05e9\u05dc\u05d5\u05dd\u200f Nov\u200d\u00e1k\u2067x\u2069', org: 'Ply\u061cn\ufeff a.s.'}));
		const {lastFrame} = mount([tricky]);
		const text = await waitFor(lastFrame, 'Verdict');
		for (const bad of ['\u200f', '\u200d', '\u2067', '\u2069', '\u061c', '\ufeff']) expect(text).not.toContain(bad);
		// Where the value starts beside each label: the same column whatever the name holds.
		const column = (label: string) => stringWidth(new RegExp(`^${label}\\s+`, 'm').exec(text)?.[0] ?? '');
		expect(column('Holder')).toBe(13);
		expect(column('Organisation')).toBe(13);
		expect(column('Issuer')).toBe(13);
		expect(text).toMatch(/Holder\s+\u05e9\u05dc\u05d5\u05dd Nov\u00e1kx/);
	});
});
