// A real SoftHSM2 token through the built CLI: `sources` finds it and names the certificate's URI,
// `inspect` reads that URI, `register` records it in the package and the ledger — and no PIN ever
// reaches a file or the output.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyFile, mkdtemp, readFile, rm} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import {cleanEnv, makeWorld, parseJson, qualified, readTree, requireBuild, runCli, type World} from './helpers.js';

const PIN = '735194';
const TOKEN = 'OTE Token';

interface Sources {
	modules: Array<{path: string; status: string}>;
	tokens: Array<{module: string; label: string; state: string; uri: string; certificates: number}>;
	certificates: Array<{use: string; kind: string; sha256: string; subject: string; seenAt: string[]}>;
}

let dir: string;
let world: World;
let hsm: SoftHsm;
let env: NodeJS.ProcessEnv;
let der: Uint8Array;
let sha256: string;
let certUri: string;

/**
 * True when a digits-only secret shows up in a file or output. Long hex runs (fingerprints, serials)
 * are masked first: a 6-digit PIN inside a random SHA-256 would be chance, not a leak. Binary files
 * (.cer) are compared with the certificate's DER instead.
 */
function leaks(bytes: Buffer | string, secret: string): boolean {
	return bytes
		.toString()
		.replace(/[0-9a-f]{12,}/gi, '<hex>')
		.includes(secret);
}

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-pkcs11-'));
	world = await makeWorld(dir);
	const leaf = await qualified(world.ca, 'Tomáš Tokenový', {ico: '11223344', freshKey: true});
	der = leaf.der;
	sha256 = createHash('sha256').update(der).digest('hex');
	hsm = makeSoftHsm();
	hsm.initToken(TOKEN, PIN);
	hsm.importCert(TOKEN, PIN, leaf.der, '01', 'Tomas cert');
	hsm.importKey(TOKEN, PIN, Buffer.from(leaf.privateKeyPkcs8Pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), '01', 'Tomas key');
	hsm.importPublicKey(TOKEN, PIN, new Uint8Array(leaf.cert.publicKey.rawData), '01', 'Tomas pub');
	env = cleanEnv({...hsm.env, OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')});
});

afterAll(async () => {
	hsm?.cleanup();
	await rm(dir, {recursive: true, force: true});
});

describe('PKCS#11 token through the CLI', () => {
	it('sources --json --module lists the token and the certificate URI', async () => {
		const r = await runCli(['sources', '--json', '--module', hsm.modulePath], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const s = parseJson<Sources>(r);
		expect(s.modules.find((m) => m.path === hsm.modulePath)?.status).toBe('ok');
		const token = s.tokens.find((t) => t.label === TOKEN);
		expect(token).toMatchObject({module: hsm.modulePath, state: 'ready', certificates: 1});
		expect(token!.uri).toMatch(/^pkcs11:.*token=OTE%20Token/);
		const cert = s.certificates.find((c) => c.sha256 === sha256);
		expect(cert).toBeDefined();
		expect(cert!.kind).toBe('pkcs11');
		expect(cert!.subject).toContain('Tomáš Tokenový');
		expect(cert!.use).toMatch(/^pkcs11:.*object=Tomas%20cert.*type=cert/);
		expect(cert!.use).toContain(`module-path=${hsm.modulePath}`);
		certUri = cert!.use;
		// The text listing gives the same URI to copy.
		const text = await runCli(['sources', '--module', hsm.modulePath], {env, cwd: dir});
		expect(text.code).toBe(0);
		expect(text.stdout).toContain(token!.uri);
		expect(text.stdout).toContain(TOKEN);
	});

	it('inspect reads the certificate by its URI without a PIN', async () => {
		const r = await runCli(['inspect', certUri, '--json', ...world.trust], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const [item] = parseJson<Array<{source: string; fingerprints: {sha256: string}; subject: string; approval: {approved: boolean}}>>(r);
		expect(item).toMatchObject({source: certUri, fingerprints: {sha256}, approval: {approved: true}});
		expect(item!.subject).toContain('Tomáš Tokenový');
	});

	it('a short URI without module-path is found through --module', async () => {
		// A copy under an unusual name: only --module can point there.
		const odd = path.join(dir, 'libodd-pkcs11.so');
		await copyFile(hsm.modulePath, odd);
		const short = 'pkcs11:token=OTE%20Token;object=Tomas%20cert';
		const r = await runCli(['inspect', short, '--json', '--module', odd, ...world.trust], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const [item] = parseJson<Array<{fingerprints: {sha256: string}}>>(r);
		expect(item!.fingerprints.sha256).toBe(sha256);
	});

	it('inspect of a URI naming no object on the token exits 3', async () => {
		const missing = certUri.replace('object=Tomas%20cert', 'object=Nobody');
		const r = await runCli(['inspect', missing, ...world.trust], {env, cwd: dir});
		expect(r.code).toBe(3);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it('register records the URI in registration.json and the ledger, and never the PIN', async () => {
		const out = path.join(dir, 'pkg-token');
		const r = await runCli(['register', '--source', certUri, '--env', 'sandbox', '--slot', '1', '--yes', '--json', '--out', out, ...world.trust], {
			env: {...env, OTE_CERT_PIN: PIN},
			cwd: dir,
		});
		expect(r.code, r.stderr).toBe(0);
		const reg = JSON.parse(await readFile(path.join(out, 'registration.json'), 'utf8')) as {
			certificate: {source: string; fingerprints: {sha256: string}; files: {der: string}};
			proofOfPossession: {ok: boolean} | null;
		};
		expect(reg.certificate.source).toBe(certUri);
		expect(reg.certificate.fingerprints.sha256).toBe(sha256);
		expect(reg.proofOfPossession?.ok).toBe(true);
		expect(new Uint8Array(await readFile(path.join(out, reg.certificate.files.der)))).toEqual(der);
		const ledgerText = await readFile(path.join(dir, 'cfg', 'config.json'), 'utf8');
		expect(ledgerText).toContain(JSON.stringify(certUri).slice(1, -1));
		const slots = parseJson<Array<{slots: Array<{slot: number; auth: {source: string} | null}>}>>(await runCli(['slots', '--json'], {env, cwd: dir}));
		expect(slots[0]!.slots[0]!.auth?.source).toBe(certUri);

		for (const [name, bytes] of await readTree(out)) if (!name.endsWith('.cer')) expect(leaks(bytes, PIN), name).toBe(false);
		expect(leaks(ledgerText, PIN)).toBe(false);
		expect(leaks(r.stdout + r.stderr, PIN)).toBe(false);
	});

	it('--prove sign logs in with OTE_CERT_PIN and still writes no PIN', async () => {
		const out = path.join(dir, 'pkg-signed');
		const r = await runCli(['register', '--source', certUri, '--env', 'production', '--slot', '2', '--prove', 'sign', '--yes', '--out', out, ...world.trust], {
			env: {...env, OTE_CERT_PIN: PIN},
			cwd: dir,
		});
		expect(r.code, r.stderr).toBe(0);
		const reg = JSON.parse(await readFile(path.join(out, 'registration.json'), 'utf8')) as {proofOfPossession: {level: string; ok: boolean}};
		expect(reg.proofOfPossession.ok).toBe(true);
		expect(reg.proofOfPossession.level).not.toBe('public-key-match');
		for (const [name, bytes] of await readTree(out)) if (!name.endsWith('.cer')) expect(leaks(bytes, PIN), name).toBe(false);
		expect(leaks(await readFile(path.join(dir, 'cfg', 'config.json'), 'utf8'), PIN)).toBe(false);
	});

	it('report lists the token and its certificate without the PIN from OTE_CERT_PIN', async () => {
		const out = path.join(dir, 'token-report.json');
		const r = await runCli(['report', '--out', out, '--module', hsm.modulePath, ...world.trust], {env: {...env, OTE_CERT_PIN: PIN}, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const text = await readFile(out, 'utf8');
		expect(leaks(text, PIN)).toBe(false);
		const report = JSON.parse(text) as {pkcs11: {tokens: Array<{label: string}>; certificates: number}; certificates: Array<{fingerprints: {sha256: string}}>};
		expect(report.pkcs11.tokens.some((t) => t.label === TOKEN)).toBe(true);
		expect(report.certificates.some((c) => c.fingerprints.sha256 === sha256)).toBe(true);
	});

	it('--prove sign with a wrong PIN fails without echoing it and writes nothing', async () => {
		const out = path.join(dir, 'pkg-wrong-pin');
		const r = await runCli(['register', '--source', certUri, '--env', 'production', '--slot', '3', '--prove', 'sign', '--yes', '--out', out, ...world.trust], {
			env: {...env, OTE_CERT_PIN: '999111'},
			cwd: dir,
		});
		expect(r.code).not.toBe(0);
		expect(leaks(r.stdout + r.stderr, '999111')).toBe(false);
		expect(r.stderr).not.toMatch(/\n\s+at /);
		await expect(readFile(path.join(out, 'registration.json'))).rejects.toThrow();
	});
});
