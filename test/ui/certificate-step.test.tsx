import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {CertificateStep} from '../../source/ui/steps/CertificateStep.js';
import {setLang} from '../../source/i18n/index.js';
import type {CandidateCertificate, RefusalCode} from '../../source/flow/wizard.js';
import {formatDate} from '../../source/ui/format.js';
import {makeTheme} from '../../source/ui/theme.js';
import {KEY, press, screen, waitFor, waitForHighlight} from '../helpers/ink.js';
import {FakeServices, days, makeWorld, renderWithRuntime, type World} from './fixtures.js';

let world: World;
beforeAll(async () => {
	world = await makeWorld();
});
afterEach(() => {
	cleanup();
	setLang('en');
});

function mount(candidates: CandidateCertificate[], refusal: RefusalCode | null = null) {
	const onChoose = vi.fn<(index: number) => void>();
	const onBack = vi.fn<() => void>();
	const view = renderWithRuntime(
		<CertificateStep candidates={candidates} initial={null} refusal={refusal} help={null} onChoose={onChoose} onBack={onBack} />,
		new FakeServices(),
	);
	return {...view, onChoose, onBack};
}

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
		const {lastFrame, stdin, onChoose} = mount([candidate]);
		await waitFor(lastFrame, 'added locally (--trust), qualified certificate');
		await press(stdin, KEY.enter);
		await vi.waitFor(() => expect(onChoose).toHaveBeenCalledWith(0));
	});

	it('an unapproved certificate shows why and offers no Enter; Esc goes back', async () => {
		const candidate = world.candidate(await world.leaf({cn: 'Karel Dvořák', org: 'Nikdo s.r.o.', issuer: world.stranger}));
		expect(candidate.assessment.registrable).toBe(false);
		const {lastFrame, stdin, onBack} = mount([candidate], 'NOT_REGISTRABLE');
		const text = await waitFor(lastFrame, /Verdict\s+✗ cannot be registered/);
		expect(text).toContain('This certificate cannot be registered in CS OTE. Esc to go back and choose another.');
		expect(text).not.toContain('Enter continue');
		expect(text).toContain('Esc back');
		for (const f of candidate.assessment.findings.filter((x) => x.severity === 'error')) expect(text).toContain(f.message.slice(0, 40));
		await press(stdin, KEY.escape);
		await vi.waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
	});

	it('several certificates: a list with marks, the first approved one highlighted, details follow the cursor', async () => {
		const stranger = world.candidate(await world.leaf({cn: 'Karel Dvořák', issuer: world.stranger}));
		const jan = world.candidate(await world.leaf({cn: 'Jan Novák', org: 'Plynárna a.s.', notAfter: days(100)}));
		const petra = world.candidate(await world.leaf({cn: 'Petra Svobodová', org: 'Teplárna s.r.o.', notAfter: days(20)}));
		const {lastFrame, stdin, onChoose} = mount([stranger, jan, petra]);
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
		await vi.waitFor(() => expect(onChoose).toHaveBeenCalledWith(2));
		expect(screen(lastFrame)).toMatch(/Holder\s+Petra Svobodová/);
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
		const {lastFrame} = renderWithRuntime(
			<CertificateStep candidates={[stranger, jan]} initial={null} refusal={null} help={null} onChoose={() => undefined} onBack={() => undefined} />,
			new FakeServices(),
			[],
			makeTheme({ascii: true, demo: true}),
		);
		const text = await waitFor(lastFrame, 'ote-cert - Step 2/5 - CERT');
		expect(text).toContain('CERT DEMO');
		expect(text).toMatch(/x Karel Dvořák/);
		expect(text).toMatch(/\+ Jan Novák/);
		expect(text).toMatch(/Verdict\s+\+ added locally/);
		for (const symbol of ['✓', '✗', '·', '•', '→']) expect(text).not.toContain(symbol);
	});
});
