// The smoke set: what every supported runtime must do as a user gets it (npm package on Node 20,
// 22, 24; the single executable with no Node at all). The full suite runs on the build machine's
// Node; this proves the same program works elsewhere: a file, a SoftHSM token, a terminal journey
// and a registration.
import {createHash} from 'node:crypto';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanEnv, makeWorld, P12_PASSWORD, qualified, type World} from '../cli/helpers.js';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import {Terminal} from '../helpers/tmux.js';
import {ote, runtime} from './runtime.js';

const postsignum = path.resolve(import.meta.dirname, '../../source/trust/anchors/postsignum-qualified-ca-5.pem');
const TOKEN = 'Smoke Token';
const PIN = '1234';

let dir: string;
let world: World;
let hsm: SoftHsm;
let env: NodeJS.ProcessEnv;
let tokenSha256: string;
let term: Terminal | undefined;

beforeAll(async () => {
	dir = mkdtempSync(path.join(runtime().dir, 'cli-'));
	world = await makeWorld(dir);
	const leaf = await qualified(world.ca, 'Tereza Tokenová', {freshKey: true});
	tokenSha256 = createHash('sha256').update(leaf.der).digest('hex');
	hsm = makeSoftHsm();
	hsm.initToken(TOKEN, PIN);
	hsm.importCert(TOKEN, PIN, leaf.der, '01', 'Tereza cert');
	// SoftHSM's config is all a token needs; no PATH from here reaches the program (runtime().path does).
	env = cleanEnv({...hsm.env, HOME: dir, OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), OTE_CERT_CACHE_DIR: path.join(dir, 'cache')});
});
afterEach(async () => {
	await term?.close();
	term = undefined;
});
afterAll(() => hsm?.cleanup());

describe(`ote-cert (${process.env['OTE_CERT_SMOKE_EXE'] ? 'single executable' : 'npm package'})`, () => {
	it('runs on the Node it was installed with (or carries)', async () => {
		const out = path.join(dir, 'report.json');
		const r = await ote(['report', '--out', out, '--lang', 'en'], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const report = JSON.parse(readFileSync(out, 'utf8'));
		expect(report.system.node).toBe(runtime().nodeVersion);
		expect(report.pkcs11.support).toBe('available');
	});

	it('inspects a PostSignum certificate file', async () => {
		const r = await ote(['inspect', postsignum, '--json', '--lang', 'en'], {env, cwd: dir});
		// A CA certificate: read and judged, not a person's, so exit 1.
		expect(r.code, r.stderr).toBe(1);
		const [item] = JSON.parse(r.stdout);
		expect(item.subject).toContain('PostSignum Qualified CA 5');
		expect(item.issuer).toContain('PostSignum Root QCA 4');
	});

	it('inspects a password-protected .p12 (password from the environment)', async () => {
		const r = await ote(['inspect', world.files['goodP12']!, '--json', ...world.trust], {env: {...env, OTE_CERT_PASSWORD: P12_PASSWORD}, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout)[0].subject).toContain('Jiří Novák');
	});

	it("lists a SoftHSM token's certificates and inspects one", async () => {
		const sources = await ote(['sources', '--json', '--module', hsm.modulePath], {env, cwd: dir});
		expect(sources.code, sources.stderr).toBe(0);
		const listed = JSON.parse(sources.stdout);
		expect(listed.tokens.find((t: {label: string}) => t.label === TOKEN)).toMatchObject({state: 'ready', certificates: 1});
		const cert = listed.certificates.find((c: {sha256: string}) => c.sha256 === tokenSha256);
		expect(cert.subject).toContain('Tereza Tokenová');
		const r = await ote(['inspect', cert.use, '--json', ...world.trust], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout)[0].fingerprints.sha256).toBe(tokenSha256);
	});

	it('registers with --yes and writes the package', async () => {
		const out = path.join(dir, 'package');
		const r = await ote(
			[
				'register',
				'--source',
				world.files['goodPem']!,
				'--env',
				'sandbox',
				'--slot',
				'2',
				'--account',
				'U123',
				'--yes',
				'--json',
				'--out',
				out,
				...world.trust,
			],
			{env, cwd: dir},
		);
		expect(r.code, r.stderr).toBe(0);
		expect(readdirSync(out)).toContain('registration.json');
		const registration = JSON.parse(readFileSync(path.join(out, 'registration.json'), 'utf8'));
		expect(registration.slot).toBe(2);
	});

	it("draws the wizard's first step in a terminal, with the token among the sources", async () => {
		const rt = runtime();
		const home = mkdtempSync(path.join(dir, 'wizard-'));
		term = await Terminal.start({
			command: rt.command,
			args: ['--lang', 'en', '--module', hsm.modulePath],
			env: {PATH: rt.path, HOME: home, SOFTHSM2_CONF: hsm.env['SOFTHSM2_CONF']!, OTE_CERT_CONFIG_DIR: path.join(home, 'cfg'), P11_KIT_NO_USER_CONFIG: '1'},
			cwd: home,
			cols: 100,
			rows: 30,
		});
		await term.waitFor('Step 1/5 · SRC');
		await term.waitFor(TOKEN);
		await term.press('C-c');
		expect(await term.waitForExit()).toBe(130);
	});
});
