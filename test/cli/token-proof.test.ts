// Proof of key possession when registering from a token that has no public-key object (common: only
// the certificate and the private key were imported). The PIN-free default cannot tell, so it goes on
// and says how to check; --prove key refuses; --prove sign checks with the PIN from the environment.
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import {cleanEnv, makeWorld, parseJson, qualified, readTree, requireBuild, runCli, type CliResult, type World} from './helpers.js';

const PIN = '918273';
const TOKEN = 'Bez verejneho klice';

interface Registration {
	certificate: {source: string};
	proofOfPossession: {level: string; ok: boolean} | null;
	package: string;
}

let dir: string;
let w: World;
let hsm: SoftHsm;
let env: NodeJS.ProcessEnv;
let uri: string;

function register(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCli(['register', '--source', uri, '--env', 'sandbox', '--yes', '--json', ...args, ...w.trust], {env: {...env, ...extraEnv}, cwd: dir});
}

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-proof-'));
	w = await makeWorld(dir);
	const leaf = await qualified(w.ca, 'Petra Kartová', {ico: '55667788', freshKey: true});
	hsm = makeSoftHsm();
	hsm.initToken(TOKEN, PIN);
	hsm.importCert(TOKEN, PIN, leaf.der, '07', 'Petra cert');
	hsm.importKey(TOKEN, PIN, Buffer.from(leaf.privateKeyPkcs8Pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), '07', 'Petra key');
	env = cleanEnv({...hsm.env, OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), OTE_CERT_PKCS11_MODULE: hsm.modulePath});
	const sources = await runCli(['sources', '--json', '--module', hsm.modulePath], {env, cwd: dir});
	expect(sources.code, sources.stderr).toBe(0);
	const found = parseJson<{certificates: Array<{use: string; subject: string}>}>(sources).certificates.find((c) => c.subject.includes('Petra Kartová'));
	expect(found, sources.stdout).toBeDefined();
	uri = found!.use;
});

afterAll(async () => {
	hsm?.cleanup();
	await rm(dir, {recursive: true, force: true});
});

describe('register from a token without a public-key object', () => {
	it('--prove key refuses (exit 1), writes nothing and names --prove sign / --prove none', async () => {
		const out = path.join(dir, 'pkg-key');
		const result = await register(['--slot', '1', '--prove', 'key', '--out', out]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('--prove sign');
		expect(result.stderr).toContain('--prove none');
		expect(existsSync(out)).toBe(false);
		expect(existsSync(path.join(dir, 'cfg', 'config.json'))).toBe(false);
	});

	it('by default goes on without the check, says so, and records that nothing was proven', async () => {
		const result = await register(['--slot', '1', '--out', path.join(dir, 'pkg-default')]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain('--prove sign');
		const reg = parseJson<Registration>(result);
		expect(reg.certificate.source).toBe(uri);
		expect(reg.proofOfPossession).toEqual({level: 'none', ok: false});
	});

	it('--prove sign with OTE_CERT_PIN proves it by signing; the PIN is written nowhere', async () => {
		const result = await register(['--slot', '2', '--account', 'SIGN', '--prove', 'sign', '--out', path.join(dir, 'pkg-sign')], {OTE_CERT_PIN: PIN});
		expect(result.code, result.stderr).toBe(0);
		const reg = parseJson<Registration>(result);
		expect(reg.proofOfPossession?.ok).toBe(true);
		expect(reg.proofOfPossession?.level).not.toBe('none');
		expect(result.stdout + result.stderr).not.toContain(PIN);
		for (const [file, bytes] of [...(await readTree(reg.package)), ...(await readTree(path.join(dir, 'cfg')))]) {
			if (file.endsWith('.cer')) continue;
			expect(bytes.toString('utf8').replace(/[0-9a-f]{12,}/gi, '<hex>'), file).not.toContain(PIN);
		}
		expect(await readFile(path.join(dir, 'cfg', 'config.json'), 'utf8')).toContain(uri.split('?')[0]!.slice(0, 40));
	});

	it('--prove sign with a wrong PIN does not retry, and writes nothing', async () => {
		const out = path.join(dir, 'pkg-wrong');
		const result = await register(['--slot', '3', '--account', 'WRONG', '--prove', 'sign', '--out', out], {OTE_CERT_PIN: '000000'});
		expect(result.code).not.toBe(0);
		expect(existsSync(out)).toBe(false);
		expect(await readFile(path.join(dir, 'cfg', 'config.json'), 'utf8')).not.toContain('WRONG');
		// The token is still usable: one wrong attempt, never a second.
		const again = await register(['--slot', '3', '--account', 'RIGHT', '--prove', 'sign', '--out', path.join(dir, 'pkg-right')], {OTE_CERT_PIN: PIN});
		expect(again.code, again.stderr).toBe(0);
	});
});

describe('inspect --prove sign', () => {
	const inspect = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
		runCli(['inspect', uri, '--json', '--prove', 'sign', ...args, ...w.trust], {env: {...env, ...extraEnv}, cwd: dir});

	it('signs with the PIN from --pin-file and reports keyMatches', async () => {
		const pinFile = path.join(dir, 'pin-right.txt');
		await writeFile(pinFile, `${PIN}\n`, {mode: 0o600});
		const result = await inspect(['--pin-file', pinFile]);
		expect(result.code, result.stderr).toBe(0);
		const [report] = parseJson<Array<{keyMatches: boolean | null; proof: {level: string; ok: boolean} | null}>>(result);
		expect(report!.keyMatches).toBe(true);
		expect(report!.proof).toEqual({level: 'signature', ok: true});
		expect(result.stdout + result.stderr).not.toContain(PIN);
	});

	it('a wrong --pin-file is exit 3, and it wins over a right OTE_CERT_PIN', async () => {
		const pinFile = path.join(dir, 'pin-wrong.txt');
		await writeFile(pinFile, '000000\n', {mode: 0o600});
		const result = await inspect(['--pin-file', pinFile], {OTE_CERT_PIN: PIN});
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('--pin-file');
		expect(result.stdout).toBe('');
	});
});
