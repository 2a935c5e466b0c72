// `register`, `renew` and `env` through the built CLI: packages on disk, the ledger file, routing to OTE
// by flags (portal or request.eml), and refusals that must leave everything untouched.
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {simpleParser} from 'mailparser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import pkg from '../../package.json' with {type: 'json'};
import {
	cleanEnv,
	makeWorld,
	P12_PASSWORD,
	parseJson,
	privateKeyMarkers,
	qualified,
	readTree,
	requireBuild,
	runCli,
	writeLeaf,
	type CliResult,
	type World,
} from './helpers.js';
import type {LeafHandle} from '../helpers/pki.js';

interface Registration {
	tool: {name: string; version: string};
	createdAt: string;
	environment: {id: string; name: string; portalUrl: string};
	account: string;
	slot: number;
	roles: string[];
	certificate: {
		subject: string;
		serialNumber: string;
		notAfter: string;
		fingerprints: {sha256: string; sha1: string};
		source: string;
		files: {der: string; pem: string};
	};
	approval: {approved: boolean; kind: string | null};
	replaced: {sha256: string} | null;
	nextStep: {nextStep: 'portal' | 'email'; portalUrl?: string; address?: string; reason?: string; environment: string; requestFile?: string};
	requestEml?: string;
	package: string;
}

interface LedgerFile {
	accounts: Record<
		string,
		{
			ledgers: Record<
				string,
				{
					slots: Record<string, {auth: {sha256: string; source: string} | null; sign: {sha256: string} | null}>;
					history: Array<{action: string; slot: number; certificate: {sha256: string} | null; replaced: {sha256: string} | null}>;
				}
			>;
		}
	>;
}

let dir: string;
let configDir: string;
let w: World;
let env: NodeJS.ProcessEnv;
let renewed: {leaf: LeafHandle; pem: string};
let otherHolder: {leaf: LeafHandle; pem: string};
let namesake: {leaf: LeafHandle; pem: string};
let keyMarkers: Buffer[];

const ledgerPath = () => path.join(configDir, 'config.json');
const ledger = async () => JSON.parse(await readFile(ledgerPath(), 'utf8')) as LedgerFile;
const sha256Of = (leaf: LeafHandle) => leaf.cert.getThumbprint('SHA-256').then((b) => Buffer.from(b).toString('hex'));

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCli(args, {env: {...env, ...extraEnv}, cwd: dir});
}

function register(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return cli(['register', ...args, ...w.trust], extraEnv);
}

async function registered(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Registration> {
	const result = await register([...args, '--yes', '--json'], extraEnv);
	expect(result.code, result.stderr).toBe(0);
	return parseJson<Registration>(result);
}

async function expectNoKeyMaterial(root: string): Promise<void> {
	for (const [file, bytes] of await readTree(root)) {
		for (const marker of keyMarkers) expect(bytes.includes(marker), `${file} holds private key material`).toBe(false);
	}
}

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-register-'));
	configDir = path.join(dir, 'config');
	w = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: configDir});
	// The renewal: same name and IČO, new key, new serial. A namesake from another company is not one.
	const make = async (name: string, leaf: LeafHandle) => ({leaf, pem: (await writeLeaf(dir, name, leaf)).pem});
	// A renewal is a later certificate: it ends after the one it replaces.
	renewed = await make(
		'renewed',
		await qualified(w.ca, 'Jiří Novák', {org: 'Účetní s.r.o.', ico: '12345678', freshKey: true, notAfter: new Date(Date.now() + 400 * 86_400_000)}),
	);
	namesake = await make('namesake', await qualified(w.ca, 'Jiří Novák', {org: 'Jiná firma a.s.', ico: '87654321', freshKey: true}));
	otherHolder = await make('other', await qualified(w.ca, 'Marie Svobodová', {org: 'Účetní s.r.o.', ico: '12345678', freshKey: true}));
	keyMarkers = [...(await privateKeyMarkers(w.leaves['good']!)), ...(await privateKeyMarkers(renewed.leaf))];
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('register without a terminal', () => {
	it('refuses without --yes (exit 2) and writes nothing at all', async () => {
		const before = await readdir(dir);
		const result = await register(['--source', w.files['goodPem']!, '--env', 'production', '--slot', '1']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--yes');
		expect(await readdir(dir)).toEqual(before);
		expect(existsSync(ledgerPath())).toBe(false);
	});

	it('asks for what it needs: --env, --slot, a known environment', async () => {
		const source = ['--source', w.files['goodPem']!, '--yes'];
		expect((await register([...source, '--slot', '1'])).code).toBe(2);
		expect((await register([...source, '--env', 'sandbox'])).code).toBe(2);
		const unknown = await register([...source, '--env', 'moon', '--slot', '1']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('production');
		expect(existsSync(ledgerPath())).toBe(false);
	});

	it('refuses an account id that is not one, in words and in Czech (exit 2)', async () => {
		const args = ['--source', w.files['goodPem']!, '--env', 'production', '--slot', '1', '--yes', '--account', '../../etc'];
		const en = await register(args);
		expect(en.code).toBe(2);
		expect(en.stderr).toContain('The account id "../../etc" is not valid');
		const cs = await register(args, {LANG: 'cs_CZ.UTF-8'});
		expect(cs.stderr).toContain('ID účtu „../../etc“ není platné');
		expect(existsSync(ledgerPath())).toBe(false);
	});

	it('does not register a certificate that is not acceptable (exit 1), and writes nothing', async () => {
		const before = await readdir(dir);
		const result = await register(['--source', w.files['expiredPem']!, '--env', 'production', '--slot', '1', '--yes']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('EXPIRED');
		expect(await readdir(dir)).toEqual(before);
		expect(existsSync(ledgerPath())).toBe(false);
	});
});

describe('register --yes writes the package', () => {
	let reg: Registration;
	let out: string;

	beforeAll(async () => {
		out = path.join(dir, 'pkg-modern');
		reg = await registered(['--source', w.files['goodP12']!, '--env', 'production', '--slot', '1', '--account', 'U1001', '--out', out], {
			OTE_CERT_PASSWORD: P12_PASSWORD,
		});
	});

	it('holds the certificate byte for byte as DER and PEM', async () => {
		expect(reg.package).toBe(out);
		const cer = await readFile(path.join(out, reg.certificate.files.der));
		expect(Buffer.compare(cer, Buffer.from(w.leaves['good']!.der))).toBe(0);
		expect(Buffer.compare(cer, await readFile(w.files['goodDer']!))).toBe(0);
		const pem = await readFile(path.join(out, reg.certificate.files.pem), 'utf8');
		expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
		expect(Buffer.compare(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), cer)).toBe(0);
		expect((await readdir(out)).sort()).toEqual([reg.certificate.files.der, reg.certificate.files.pem, 'next-steps.txt', 'registration.json'].sort());
	});

	it('registration.json records tool, time, environment, account, slot, certificate, verdict and next step', async () => {
		const file = JSON.parse(await readFile(path.join(out, 'registration.json'), 'utf8')) as Registration;
		// --json prints the same document (plus where the package went).
		expect({...file, package: out}).toEqual(reg);
		expect(file.tool).toEqual({name: 'ote-cert', version: pkg.version});
		expect(Math.abs(Date.parse(file.createdAt) - Date.now())).toBeLessThan(10 * 60_000);
		expect(file.environment).toEqual({id: 'production', name: 'Production', portalUrl: 'https://portal.ote-cr.cz/'});
		expect(file.account).toBe('U1001');
		expect(file.slot).toBe(1);
		expect(file.roles).toEqual(['auth', 'sign']);
		expect(file.certificate.fingerprints.sha256).toBe(await sha256Of(w.leaves['good']!));
		expect(file.certificate.fingerprints.sha1).toMatch(/^[0-9a-f]{40}$/);
		expect(file.certificate.subject).toContain('Jiří Novák');
		expect(file.certificate.source).toBe(w.files['goodP12']);
		expect(file.approval).toMatchObject({approved: true, kind: 'qualified'});
		expect(file.replaced).toBeNull();
		expect(file.nextStep).toEqual({nextStep: 'portal', portalUrl: 'https://portal.ote-cr.cz/', environment: 'production'});
	});

	it('next-steps.txt says where to upload which file', async () => {
		const text = await readFile(path.join(out, 'next-steps.txt'), 'utf8');
		expect(text).toContain('https://portal.ote-cr.cz/');
		expect(text).toContain('U1001');
		expect(text).toContain(reg.certificate.files.der);
		// Printed as two lines of 16 bytes, to be read out over the phone.
		expect(text.replace(/[\s:]/g, '')).toContain(reg.certificate.fingerprints.sha256.toUpperCase());
	});

	it('holds no private key material, nor does the ledger', async () => {
		await expectNoKeyMaterial(out);
		await expectNoKeyMaterial(configDir);
		expect(await readFile(ledgerPath(), 'utf8')).not.toContain(P12_PASSWORD);
	});

	it('records the slot in the ledger', async () => {
		const account = (await ledger()).accounts['U1001']!.ledgers['production']!;
		expect(account.slots['1']!.auth!.sha256).toBe(reg.certificate.fingerprints.sha256);
		expect(account.slots['1']!.sign!.sha256).toBe(reg.certificate.fingerprints.sha256);
		expect(account.history).toHaveLength(1);
		expect(account.history[0]).toMatchObject({action: 'register', slot: 1});
		const slots = parseJson<Array<{account: string; environment: string; slots: Array<{slot: number; auth: {sha256: string} | null}>}>>(
			await cli(['slots', '--json', '--account', 'U1001']),
		);
		expect(slots.find((r) => r.environment === 'production')!.slots[0]!.auth!.sha256).toBe(reg.certificate.fingerprints.sha256);
	});

	it('refuses the same certificate in another slot clearly (exit 2), changing nothing', async () => {
		const before = await readFile(ledgerPath());
		const listing = await readdir(dir);
		const result = await register(['--source', w.files['goodPem']!, '--env', 'production', '--slot', '2', '--account', 'U1001', '--yes']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/already recorded in slot 1/);
		expect(Buffer.compare(await readFile(ledgerPath()), before)).toBe(0);
		expect(await readdir(dir)).toEqual(listing);
	});

	it('replacing the slot with another certificate keeps the history', async () => {
		const next = await registered([
			'--source',
			otherHolder.pem,
			'--env',
			'production',
			'--slot',
			'1',
			'--account',
			'U1001',
			'--out',
			path.join(dir, 'pkg-replace'),
		]);
		expect(next.replaced?.sha256).toBe(reg.certificate.fingerprints.sha256);
		const account = (await ledger()).accounts['U1001']!.ledgers['production']!;
		expect(account.slots['1']!.auth!.sha256).toBe(await sha256Of(otherHolder.leaf));
		expect(account.history.map((h) => h.action)).toEqual(['register', 'replace']);
		expect(account.history[1]!.replaced?.sha256).toBe(reg.certificate.fingerprints.sha256);
	});

	it('an --out that cannot be written is refused in words (exit 2); nothing is recorded or left behind', async () => {
		const blocker = path.join(dir, 'blocker');
		await writeFile(blocker, 'a file, not a folder');
		const before = await readFile(ledgerPath());
		const listing = await readdir(dir);
		const result = await register([
			'--source',
			w.files['goodPem']!,
			'--env',
			'sandbox',
			'--slot',
			'2',
			'--account',
			'U1001',
			'--yes',
			'--out',
			path.join(blocker, 'pkg'),
		]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^Error: Cannot write the registration package to .*blocker/);
		expect(result.stderr).not.toMatch(/unexpected|\n\s+at /);
		expect(Buffer.compare(await readFile(ledgerPath()), before)).toBe(0);
		expect(await readdir(dir)).toEqual(listing);
	});

	it('an --out where folders cannot be made (under /proc) is refused at once, not waited on for ever', async () => {
		const before = await readFile(ledgerPath());
		const result = await register([
			'--source',
			w.files['goodPem']!,
			'--env',
			'sandbox',
			'--slot',
			'2',
			'--account',
			'U1001',
			'--yes',
			'--out',
			'/proc/ote-cert-nope/pkg',
		]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^Error: Cannot write the registration package to \/proc\/ote-cert-nope\/pkg/);
		expect(Buffer.compare(await readFile(ledgerPath()), before)).toBe(0);
	});

	it('an existing non-empty --out folder is refused, never overwritten nor replaced by a sibling', async () => {
		const before = await readFile(ledgerPath());
		const again = await register(['--source', w.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--account', 'U1001', '--out', out, '--yes']);
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('not empty');
		expect(existsSync(`${out}-2`)).toBe(false);
		expect(JSON.parse(await readFile(path.join(out, 'registration.json'), 'utf8')).environment.id).toBe('production');
		expect(Buffer.compare(await readFile(ledgerPath()), before)).toBe(0);
	});
});

describe('register from a legacy PKCS#12 and with wrong passwords', () => {
	it('legacy .pfx with the right password: the package holds the certificate only', async () => {
		const out = path.join(dir, 'pkg-legacy');
		const reg = await registered(['--source', w.files['goodLegacyP12']!, '--env', 'sandbox', '--slot', '3', '--account', 'U2002', '--out', out], {
			OTE_CERT_PASSWORD: P12_PASSWORD,
		});
		expect(Buffer.compare(await readFile(path.join(out, reg.certificate.files.der)), Buffer.from(w.leaves['good']!.der))).toBe(0);
		await expectNoKeyMaterial(out);
		await expectNoKeyMaterial(configDir);
	});

	it('a wrong password (modern or legacy) exits 3 and writes nothing', async () => {
		const before = await readFile(ledgerPath());
		for (const file of [w.files['goodP12']!, w.files['goodLegacyP12']!]) {
			const out = path.join(dir, 'pkg-wrong');
			const result = await register(['--source', file, '--env', 'sandbox', '--slot', '4', '--account', 'U3003', '--out', out, '--yes'], {
				OTE_CERT_PASSWORD: 'wrong-password',
			});
			expect(result.code).toBe(3);
			expect(existsSync(out)).toBe(false);
		}
		expect(Buffer.compare(await readFile(ledgerPath()), before)).toBe(0);
	});
});

describe('routing by flags (who registers)', () => {
	const source = () => ['--source', w.files['goodPem']!, '--env', 'production', '--slot', '1'];

	it('--role admin: the person uploads it in the portal; no request.eml', async () => {
		const reg = await registered([...source(), '--account', 'R-ADMIN', '--role', 'admin', '--out', path.join(dir, 'route-admin')]);
		expect(reg.nextStep.nextStep).toBe('portal');
		expect(existsSync(path.join(reg.package, 'request.eml'))).toBe(false);
	});

	it.each([
		['R-OWNER', ['--role', 'owner', '--no-valid-certificate'], 'Services@ote-cr.cz', 'no-valid-certificate'],
		['R-NEW', ['--new-company'], 'Services@ote-cr.cz', 'new-company'],
		['R-POZE', ['--poze-producer'], 'POZE@ote-cr.cz', 'poze-producer'],
	])('%s: OTE registers it; request.eml to the right address with the certificate attached', async (account, flags, address, reason) => {
		const reg = await registered([...source(), '--account', account, ...flags, '--out', path.join(dir, `route-${account}`)]);
		expect(reg.nextStep).toMatchObject({nextStep: 'email', address, reason, requestFile: 'request.eml'});
		expect(reg.requestEml).toBe('request.eml');
		const mail = await simpleParser(await readFile(path.join(reg.package, 'request.eml')));
		expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([address]);
		expect(mail.from).toBeUndefined();
		expect(mail.text).toContain(account);
		expect(mail.text).toContain(reg.certificate.fingerprints.sha256.toUpperCase().match(/../g)!.join(':'));
		expect(mail.attachments).toHaveLength(1);
		const attachment = mail.attachments[0]!;
		expect(attachment.filename).toBe(reg.certificate.files.der);
		expect(Buffer.compare(attachment.content, Buffer.from(w.leaves['good']!.der))).toBe(0);
		const steps = await readFile(path.join(reg.package, 'next-steps.txt'), 'utf8');
		expect(steps).toContain(address);
		expect(steps).toContain('request.eml');
		await expectNoKeyMaterial(reg.package);
	});

	it('remembers the answers for the account, and new flags replace them', async () => {
		// R-NEW was registered with --new-company above: without flags the answer still holds…
		const again = await registered([
			'--source',
			otherHolder.pem,
			'--env',
			'production',
			'--slot',
			'2',
			'--account',
			'R-NEW',
			'--out',
			path.join(dir, 'route-new-again'),
		]);
		expect(again.nextStep).toMatchObject({nextStep: 'email', reason: 'new-company'});
		// …until OTE has registered the company and its administrator says so.
		const admin = await registered([
			'--source',
			renewed.pem,
			'--env',
			'production',
			'--slot',
			'3',
			'--account',
			'R-NEW',
			'--role',
			'admin',
			'--out',
			path.join(dir, 'route-new-admin'),
		]);
		expect(admin.nextStep.nextStep).toBe('portal');
		const later = await registered([
			'--source',
			namesake.pem,
			'--env',
			'production',
			'--slot',
			'4',
			'--account',
			'R-NEW',
			'--out',
			path.join(dir, 'route-new-later'),
		]);
		expect(later.nextStep.nextStep).toBe('portal');
	});

	it('an owner who still holds a valid registered certificate uses the portal', async () => {
		const reg = await registered([
			'--source',
			w.files['goodPem']!,
			'--env',
			'sandbox',
			'--slot',
			'2',
			'--account',
			'R-OWNER2',
			'--role',
			'owner',
			'--out',
			path.join(dir, 'route-owner2'),
		]);
		expect(reg.nextStep.nextStep).toBe('portal');
	});
});

describe('renew', () => {
	beforeAll(async () => {
		await registered(['--source', w.files['goodPem']!, '--env', 'sandbox', '--slot', '2', '--account', 'REN', '--out', path.join(dir, 'renew-old')]);
	});

	it('replaces the slot holding the same holder (name + IČO)', async () => {
		const result = await cli([
			'renew',
			'--source',
			renewed.pem,
			'--env',
			'sandbox',
			'--account',
			'REN',
			'--yes',
			'--json',
			'--out',
			path.join(dir, 'renew-new'),
			...w.trust,
		]);
		expect(result.code, result.stderr).toBe(0);
		const reg = parseJson<Registration>(result);
		expect(reg.slot).toBe(2);
		expect(reg.replaced?.sha256).toBe(await sha256Of(w.leaves['good']!));
		const account = (await ledger()).accounts['REN']!.ledgers['sandbox']!;
		expect(account.slots['2']!.auth!.sha256).toBe(await sha256Of(renewed.leaf));
		expect(account.history.map((h) => h.action)).toEqual(['register', 'replace']);
		expect(Buffer.compare(await readFile(path.join(reg.package, reg.certificate.files.der)), Buffer.from(renewed.leaf.der))).toBe(0);
	});

	it('warns when the old certificate ends before the renewal can be registered, in words', async () => {
		const soon = await qualified(w.ca, 'Jiří Novák', {org: 'Účetní s.r.o.', ico: '12345678', freshKey: true, notAfter: new Date(Date.now() + 2 * 86_400_000)});
		const soonPem = (await writeLeaf(dir, 'soon', soon)).pem;
		await registered(['--source', soonPem, '--env', 'sandbox', '--slot', '3', '--account', 'REN-SOON', '--out', path.join(dir, 'renew-soon-old')]);
		const result = await cli([
			'renew',
			'--source',
			renewed.pem,
			'--env',
			'sandbox',
			'--account',
			'REN-SOON',
			'--yes',
			'--out',
			path.join(dir, 'renew-soon-new'),
			...w.trust,
		]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain('slot 3');
		expect(result.stderr).toMatch(/Register the new one now|administrator/);
		expect(result.stderr).not.toMatch(/account\.renewal\./);
	});

	it('an owner whose recorded certificate has expired is sent to OTE, and told why', async () => {
		await registered([
			'--source',
			w.files['goodPem']!,
			'--env',
			'production',
			'--slot',
			'1',
			'--account',
			'REN-OLD',
			'--role',
			'owner',
			'--out',
			path.join(dir, 'renew-expired-old'),
		]);
		// Time cannot be moved for a child process, so the ledger is aged instead: the slot's certificate ended yesterday.
		const data = await ledger();
		const slot = data.accounts['REN-OLD']!.ledgers['production']!.slots['1'] as unknown as Record<'auth' | 'sign', {notAfter: string}>;
		slot.auth.notAfter = slot.sign.notAfter = new Date(Date.now() - 86_400_000).toISOString();
		await writeFile(ledgerPath(), JSON.stringify(data, null, '\t'));
		const result = await cli([
			'renew',
			'--source',
			renewed.pem,
			'--env',
			'production',
			'--account',
			'REN-OLD',
			'--yes',
			'--json',
			'--out',
			path.join(dir, 'renew-expired-new'),
			...w.trust,
		]);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toMatch(/expired/i);
		const reg = parseJson<Registration>(result);
		expect(reg.slot).toBe(1);
		expect(reg.nextStep).toMatchObject({nextStep: 'email', address: 'Services@ote-cr.cz', reason: 'no-valid-certificate'});
		expect(existsSync(path.join(reg.package, 'request.eml'))).toBe(true);
	});

	it.each([
		['another person of the same company', () => otherHolder.pem],
		['a namesake of another company', () => namesake.pem],
	])('refuses %s clearly (exit 2), changing nothing', async (_label, source) => {
		const before = await readFile(ledgerPath());
		const result = await cli(['renew', '--source', source(), '--env', 'sandbox', '--account', 'REN', '--yes', ...w.trust]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('same holder');
		expect(result.stderr).toContain('register --slot');
		expect(Buffer.compare(await readFile(ledgerPath()), before)).toBe(0);
	});
});

describe('env: custom environments', () => {
	it('adds "15min Sandbox", lists it, and registers into it', async () => {
		const url = 'https://portal.15min.example.cz/';
		const added = await cli(['env', 'add', '15min Sandbox', '--url', url]);
		expect(added.code, added.stderr).toBe(0);
		expect(added.stdout).toContain('15min-sandbox');
		const list = parseJson<Array<{id: string; name: string; portalUrl: string; builtIn: boolean}>>(await cli(['env', '--json']));
		expect(list.map((e) => e.id)).toEqual(['production', 'sandbox', '15min-sandbox']);
		expect(list[2]).toEqual({id: '15min-sandbox', name: '15min Sandbox', portalUrl: url, builtIn: false});
		const reg = await registered([
			'--source',
			w.files['goodPem']!,
			'--env',
			'15min-sandbox',
			'--slot',
			'1',
			'--account',
			'ENV15',
			'--out',
			path.join(dir, 'env15'),
		]);
		expect(reg.environment).toEqual({id: '15min-sandbox', name: '15min Sandbox', portalUrl: url});
		expect(reg.nextStep).toMatchObject({nextStep: 'portal', portalUrl: url, environment: '15min-sandbox'});
		expect(await readFile(path.join(reg.package, 'next-steps.txt'), 'utf8')).toContain(url);
		expect((await ledger()).accounts['ENV15']!.ledgers['15min-sandbox']!.slots['1']).toBeDefined();
	});

	it('refuses a portal address without TLS, in words', async () => {
		const result = await cli(['env', 'add', 'Plain', '--url', 'http://portal.plain.example.cz/']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('https://');
		expect(result.stderr).not.toContain('URL_NOT_HTTPS');
		const cs = await cli(['env', 'add', 'Plain', '--url', 'http://portal.plain.example.cz/'], {LANG: 'cs_CZ.UTF-8'});
		expect(cs.stderr).toContain('musí začínat https://');
		const list = parseJson<Array<{id: string}>>(await cli(['env', '--json']));
		expect(list.map((e) => e.id)).not.toContain('plain');
	});
});

describe('register in any environment and language', () => {
	it('works with CI=true exactly as without', async () => {
		const reg = await registered(['--source', w.files['goodPem']!, '--env', 'production', '--slot', '4', '--account', 'CI1', '--out', path.join(dir, 'ci')], {
			CI: 'true',
		});
		expect(reg.slot).toBe(4);
		expect(existsSync(path.join(reg.package, 'registration.json'))).toBe(true);
	});

	it('speaks Czech with LANG=cs_CZ.UTF-8: next steps, refusals', async () => {
		const cs = {LANG: 'cs_CZ.UTF-8'};
		const out = path.join(dir, 'cs-pkg');
		const result = await register(['--source', w.files['goodPem']!, '--env', 'sandbox', '--slot', '1', '--account', 'CS1', '--out', out, '--yes'], cs);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('Další krok: registrace v portálu CS OTE');
		expect(await readFile(path.join(out, 'next-steps.txt'), 'utf8')).toContain('Přihlaste se na https://portal.sand.ote-cr.cz/');
		const dup = await register(['--source', w.files['goodPem']!, '--env', 'sandbox', '--slot', '2', '--account', 'CS1', '--yes'], cs);
		expect(dup.code).toBe(2);
		expect(dup.stderr).toContain('Tento certifikát už je evidován na pozici 1');
		const noYes = await register(['--source', w.files['goodPem']!, '--env', 'sandbox', '--slot', '2'], cs);
		expect(noYes.code).toBe(2);
		expect(noYes.stderr).toMatch(/^Chyba: /);
		const renewNone = await cli(['renew', '--source', otherHolder.pem, '--env', 'sandbox', '--account', 'CS1', '--yes', ...w.trust], cs);
		expect(renewNone.code).toBe(2);
		expect(renewNone.stderr).toContain('téhož držitele');
	});
});
