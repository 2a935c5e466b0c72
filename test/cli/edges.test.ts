// The command line's edges: one language for every line, days counted one way, messages that do not
// contradict the verdict, hostile text from the ledger or the command line cleaned before the
// terminal, clear refusals instead of stack traces, and the structure that keeps it so.
import {spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {EXIT} from '../../source/cli/exit-codes.js';
import {CLI, cleanEnv, makeWorld, qualified, requireBuild, runCli, writeLeaf, type CliResult, type World} from './helpers.js';

const DAY = 86_400_000;
const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let w: World;

function cli(config: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCli(args, {env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, config), ...extra}), cwd: dir});
}

async function ledgerFile(config: string, data: unknown): Promise<void> {
	await mkdir(path.join(dir, config), {recursive: true});
	await writeFile(path.join(dir, config, 'config.json'), JSON.stringify(data));
}

const ESC = '\u001b';

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-edges-'));
	w = await makeWorld(dir);
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('one language for every output', () => {
	it('a remembered Czech applies to --help, to commands and to errors alike; --lang en overrides it', async () => {
		await ledgerFile('cs', {schemaVersion: 1, preferences: {lang: 'cs', lastEnv: null, environments: []}, accounts: {}});
		const help = await cli('cs', ['--help']);
		expect(help.stdout).toContain('Návratové kódy');
		const trust = await cli('cs', ['trust']);
		expect(trust.stdout).toContain('Certifikační autority');
		const error = await cli('cs', ['inspect', 'neni-tu.pem']);
		expect(error.stderr).toContain('Chyba:');
		const english = await cli('cs', ['trust', '--lang', 'en']);
		expect(english.stdout).not.toContain('Certifikační autority');
		expect((await cli('cs', ['--help', '--lang', 'en'])).stdout).toContain('Exit codes');
	});

	it('--lang cs: a PKCS#11 module that cannot be loaded is reported in Czech', async () => {
		const bad = path.join(dir, 'not-a-module.so');
		await writeFile(bad, 'x');
		const inspect = await cli('mod', ['inspect', `pkcs11:token=x?module-path=${bad}`, '--lang', 'cs']);
		expect(inspect.code).toBe(3);
		expect(inspect.stderr).toContain('nelze načíst jako modul PKCS#11');
		expect(inspect.stderr).not.toContain('Cannot load PKCS#11 module');
		const sources = await cli('mod', ['sources', '--module', bad, '--lang', 'cs']);
		expect(sources.stdout).toContain('nelze načíst jako modul PKCS#11');
		expect(sources.stdout).not.toContain('Cannot load PKCS#11 module');
	});
});

describe('small lies', () => {
	it('a certificate that ended 2.0 days ago "expired 2 days ago", not 3', async () => {
		const leaf = await qualified(w.ca, 'Eva Dvoudenní', {
			freshKey: true,
			notBefore: new Date(Date.now() - 300 * DAY),
			notAfter: new Date(Date.now() - 2 * DAY),
		});
		const pem = (await writeLeaf(dir, 'two-days', leaf)).pem;
		const result = await cli('days', ['inspect', pem, ...w.trust]);
		expect(result.stdout).toContain('expired 2 days ago');
		expect(result.stdout).not.toContain('3 days');
	});

	it('a certificate that is not valid yet is refused, and its message does not say it can be registered', async () => {
		const leaf = await qualified(w.ca, 'Petr Budoucí', {freshKey: true, notBefore: new Date(Date.now() + 5 * DAY), notAfter: new Date(Date.now() + 400 * DAY)});
		const pem = (await writeLeaf(dir, 'future', leaf)).pem;
		const result = await cli('future', ['inspect', pem, ...w.trust]);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('NOT_YET_VALID');
		expect(result.stdout).not.toMatch(/You can register it/);
		expect(result.stdout).toContain('cannot be registered before then');
	});

	it('slots --account NOPE says the account is not in the ledger and lists the known ones', async () => {
		const reg = await cli('nope', ['register', '--source', w.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--account', 'U1', '--yes', ...w.trust]);
		expect(reg.code, reg.stderr).toBe(0);
		const result = await cli('nope', ['slots', '--account', 'NOPE']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('Account NOPE is not in the ledger');
		expect(result.stderr).toContain('Known accounts: U1');
		expect(result.stdout + result.stderr).not.toContain('still empty');
	});
});

describe('hostile text and clear refusals', () => {
	it('escape sequences stored in the ledger never reach the terminal from slots or env', async () => {
		const evil = `${ESC}]0;pwned\u0007${ESC}[31m`;
		const record = {
			sha256: 'ab'.repeat(32),
			sha1: 'cd'.repeat(20),
			subject: `CN=Eva${evil}`,
			issuer: 'CN=CA',
			serialNumber: '01',
			notBefore: new Date(Date.now() - DAY).toISOString(),
			notAfter: new Date(Date.now() + 100 * DAY).toISOString(),
			holder: {name: `Eva${evil}`, ico: null, caUserId: null},
			source: `/tmp/${evil}.pem`,
			kind: 'qualified',
		};
		await ledgerFile('evil', {
			schemaVersion: 1,
			preferences: {
				lang: null,
				lastEnv: null,
				environments: [{id: `x${evil}`, name: `Zlé${evil}prostředí`, portalUrl: `https://evil.example/${evil}`, builtIn: false}],
			},
			accounts: {
				U1: {profile: null, ledgers: {[`x${evil}`]: {slots: {'1': {slot: 1, auth: record, sign: record, registeredAt: record.notBefore}}, history: []}}},
			},
		});
		// An account id no ote-cert writes is damage (exit 4); the message quoting it is cleaned too.
		await ledgerFile('evil-account', {schemaVersion: 1, preferences: {}, accounts: {[`U${evil}1`]: {profile: null, ledgers: {}}}});
		const runs: Array<[string, string[], number]> = [
			['evil', ['slots'], 0],
			['evil', ['env'], 0],
			['evil', ['slots', '--env', `nowhere${evil}`], 2],
			['evil', ['slots', '--account', `bad id${evil}`], 2],
			['evil', ['inspect', `missing${evil}.pem`], 3],
			['evil-account', ['slots'], 4],
		];
		for (const [config, args, code] of runs) {
			const result = await cli(config, args);
			expect(result.code, args.join(' ')).toBe(code);
			expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
		}
		const slots = await cli('evil', ['slots']);
		expect(slots.stdout).toContain('prostředí');
		expect(slots.stdout).toContain('Eva');
	});

	it('--trust with a certificate that is not a CA is refused naming the file: exit 3, no stack trace', async () => {
		const result = await cli('trust', ['trust', '--trust', w.files['goodPem']!]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain(w.files['goodPem']!);
		expect(result.stderr).toContain('not a CA certificate');
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});
});

describe('a reader that stops early', () => {
	it("`inspect --json | head`: the closed pipe ends nothing in error, no stack trace, the exit code is the command's", async () => {
		const child = spawn(process.execPath, [CLI, 'inspect', '--json', '--offline', ...w.trust, w.files['goodPem']!], {
			env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'pipe')}),
			cwd: dir,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		// The reader is gone before ote-cert writes a byte: its first write meets EPIPE.
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(EXIT.ok);
	});
});

describe('typed edges', () => {
	it('the readme lists exactly the exit codes of the one table', () => {
		const readme = readFileSync(path.join(ROOT, 'readme.md'), 'utf8');
		const section = readme.slice(readme.indexOf('### Exit codes'), readme.indexOf('## Development'));
		const documented = [...section.matchAll(/^\| (\d+)\s/gm)].map((m) => Number(m[1]));
		expect(documented).toEqual(Object.values(EXIT).sort((a, b) => a - b));
	});

	it('commands do not import cli/main.ts (no cycle)', () => {
		const folder = path.join(ROOT, 'source/commands');
		for (const file of readdirSync(folder)) {
			expect(readFileSync(path.join(folder, file), 'utf8'), file).not.toMatch(/from '\.\.\/cli\/main\.js'/);
		}
	});
});
