// The one secret provider: a flag beats the environment, the environment beats the prompt; secret files
// are regular, small and read only when asked; a PIN nobody typed is never spent on a token's final try.
import {execFileSync} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {cleanEnv, makeWorld, P12_PASSWORD, requireBuild, runCli, type CliResult, type World} from './helpers.js';
import {secretProvider, type SecretPrompt} from '../../source/sources/secrets.js';
import {
	authenticate,
	CKF_LOGIN_REQUIRED,
	CKF_TOKEN_INITIALIZED,
	CKF_USER_PIN_COUNT_LOW,
	CKF_USER_PIN_FINAL_TRY,
	CKF_USER_PIN_INITIALIZED,
	CKF_USER_PIN_LOCKED,
	type LoginResult,
	type TokenSession,
} from '../../source/sources/pkcs11/pin-policy.js';
import {SourceError} from '../../source/sources/types.js';

let dir: string;
let w: World;
let env: NodeJS.ProcessEnv;

const inspect = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
	runCli(['inspect', ...args, ...w.trust], {env: {...env, ...extra}, cwd: dir});

async function secretFile(name: string, content: string, mode = 0o600): Promise<string> {
	const file = path.join(dir, name);
	await writeFile(file, content, {mode});
	return file;
}

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-secrets-'));
	w = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')});
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('precedence: flag > environment > prompt', () => {
	it('a right --password-file wins over a wrong OTE_CERT_PASSWORD', async () => {
		const right = await secretFile('right.txt', `${P12_PASSWORD}\n`);
		const result = await inspect([w.files['goodP12']!, '--password-file', right], {OTE_CERT_PASSWORD: 'wrong-from-env'});
		expect(result.code, result.stderr).toBe(0);
	});

	it('a --pin-file wins over OTE_CERT_PIN, and a PIN from either is offered once', async () => {
		const pinFile = await secretFile('pin.txt', '2468\n');
		const provider = secretProvider({env: {OTE_CERT_PIN: '1111'}, cwd: dir, passwordFile: null, pinFile, prompt: null, warn: () => undefined});
		expect(await provider({kind: 'pin', target: 'Karta', retry: false})).toBe('2468');
		await expect(provider({kind: 'pin', target: 'Karta', retry: true})).rejects.toMatchObject({code: 'PIN_INCORRECT', params: {from: '--pin-file'}});
	});

	it('without a flag or the environment it asks the prompt, and refuses when nobody can be asked', async () => {
		const asked: string[] = [];
		const prompt: SecretPrompt = {
			secret: async (q) => {
				asked.push(q);
				return 'typed';
			},
			yesNo: async () => true,
		};
		const withPrompt = secretProvider({env: {}, cwd: dir, passwordFile: null, pinFile: null, prompt, warn: () => undefined});
		expect(await withPrompt({kind: 'password', target: 'a.p12', retry: false})).toBe('typed');
		expect(asked).toHaveLength(1);
		const none = secretProvider({env: {}, cwd: dir, passwordFile: null, pinFile: null, prompt: null, warn: () => undefined});
		await expect(none({kind: 'password', target: 'a.p12', retry: false})).rejects.toMatchObject({code: 'PASSWORD_REQUIRED'});
	});
});

describe('secret files', () => {
	it('a FIFO never hangs: not read at all for a .pem, refused as "not a regular file" for a .p12', async () => {
		const fifo = path.join(dir, 'secret.fifo');
		execFileSync('mkfifo', [fifo]);
		const pem = await inspect([w.files['goodPem']!, '--password-file', fifo]);
		expect(pem.code, pem.stderr).toBe(0);
		const p12 = await inspect([w.files['goodP12']!, '--password-file', fifo]);
		expect(p12.code).toBe(3);
		expect(p12.stderr).toContain('not a regular file');
		const dev = await inspect([w.files['goodP12']!, '--password-file', '/dev/zero']);
		expect(dev.code).toBe(3);
		expect(dev.stderr).toContain('not a regular file');
	});

	it('a file too large for a secret is refused, naming the limit', async () => {
		const big = await secretFile('big.txt', 'x'.repeat(1 << 20));
		const result = await inspect([w.files['goodP12']!, '--password-file', big]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('4096 bytes');
	});

	it('warns on stderr when group or others can read the file, as ssh does; quiet for 0600', async () => {
		const open = await secretFile('open.txt', `${P12_PASSWORD}\n`, 0o644);
		const loud = await inspect([w.files['goodP12']!, '--password-file', open]);
		expect(loud.code, loud.stderr).toBe(0);
		expect(loud.stderr).toMatch(/can be read by other users \(mode 0644\).*chmod 600/);
		const closed = await secretFile('closed.txt', `${P12_PASSWORD}\n`, 0o600);
		const quiet = await inspect([w.files['goodP12']!, '--password-file', closed]);
		expect(quiet.code, quiet.stderr).toBe(0);
		expect(quiet.stderr).not.toContain('other users');
	});
});

const BASE = CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED;

/** A card reporting fixed PIN flags; SoftHSM never sets FINAL_TRY or LOCKED. */
class FlagCard implements TokenSession {
	logins: Array<string | null> = [];
	constructor(private readonly flags: number) {}
	async tokenInfo() {
		return {label: 'Karta', flags: this.flags};
	}
	async login(pin: string | null): Promise<LoginResult> {
		this.logins.push(pin);
		return 'ok';
	}
}

describe('the token flags hold for every source of a PIN', () => {
	const sources = async () => ({
		'--pin-file': {pinFile: await secretFile('card-pin.txt', '1234\n'), env: {}},
		OTE_CERT_PIN: {pinFile: null, env: {OTE_CERT_PIN: '1234'}},
	});

	it('final try: a PIN from a file or the environment is refused before C_Login, saying why', async () => {
		for (const [from, source] of Object.entries(await sources())) {
			const card = new FlagCard(BASE | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);
			const secret = secretProvider({...source, cwd: dir, passwordFile: null, prompt: null, warn: () => undefined});
			const error = await authenticate(card, {secret}).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(SourceError);
			expect(error).toMatchObject({code: 'PIN_FINAL_TRY', params: {from}});
			expect((error as Error).message).toMatch(/FINAL PIN try/);
			expect(card.logins).toEqual([]);
		}
	});

	it('locked: refused before anything is read or sent', async () => {
		for (const source of Object.values(await sources())) {
			const card = new FlagCard(BASE | CKF_USER_PIN_LOCKED);
			const secret = secretProvider({...source, cwd: dir, passwordFile: null, prompt: null, warn: () => undefined});
			await expect(authenticate(card, {secret})).rejects.toMatchObject({code: 'PIN_LOCKED'});
			expect(card.logins).toEqual([]);
		}
	});

	it('final try at the prompt: the person is asked first, and "no" sends nothing', async () => {
		const card = new FlagCard(BASE | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);
		const questions: string[] = [];
		const prompt: SecretPrompt = {
			secret: async () => '1234',
			yesNo: async (q) => {
				questions.push(q);
				return false;
			},
		};
		const secret = secretProvider({env: {}, cwd: dir, passwordFile: null, pinFile: null, prompt, warn: () => undefined});
		expect(await authenticate(card, {secret})).toMatchObject({status: 'cancelled'});
		expect(questions[0]).toMatch(/FINAL try/);
		expect(card.logins).toEqual([]);
	});
});
