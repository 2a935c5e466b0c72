// `ote-cert inspect` as scripts call it: the built CLI, no terminal, generated certificates and PKCS#12 files.
import {execFileSync} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {cleanEnv, makeWorld, P12_PASSWORD, parseJson, requireBuild, runCli, type CliResult, type World} from './helpers.js';

interface InspectItem {
	source: string;
	subject: string;
	issuer: string;
	serialNumber: string;
	notBefore: string;
	notAfter: string;
	fingerprints: {sha256: string; sha1: string};
	approval: {approved: boolean; authority: string | null; issuingCa: string | null; kind: string | null};
	findings: Array<{code: string; severity: string; message: string}>;
	chain: Array<{subject: string; sha256: string; origin: string}>;
	uses: Array<{use: string; fits: boolean; reason: string}>;
	registrable: boolean;
}

let dir: string;
let w: World;
let env: NodeJS.ProcessEnv;

function inspect(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCli(['inspect', ...args], {env: {...env, ...extraEnv}, cwd: dir});
}

/** What openssl itself says about the file: the independent reference for fingerprints and serial. */
function opensslField(file: string, flag: string[]): string {
	const out = execFileSync('openssl', ['x509', '-in', file, '-noout', ...flag], {encoding: 'utf8'});
	return out
		.slice(out.indexOf('=') + 1)
		.trim()
		.replace(/:/g, '')
		.toLowerCase();
}

/** Walks parsed JSON looking for a byte map ({"0": 48, "1": 130, …}), how JSON.stringify prints a Uint8Array. */
function findByteMaps(value: unknown, at = '$'): string[] {
	if (value === null || typeof value !== 'object') return [];
	if (!Array.isArray(value)) {
		const keys = Object.keys(value);
		if (keys.length > 8 && keys.every((k, i) => k === String(i))) return [at];
	}
	return Object.entries(value).flatMap(([k, v]) => findByteMaps(v, `${at}.${k}`));
}

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-inspect-'));
	w = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'config')});
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('inspect --json', () => {
	it('describes an approved certificate with the fields scripts rely on (exit 0)', async () => {
		const result = await inspect([w.files['goodPem']!, '--json', ...w.trust]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const items = parseJson<InspectItem[]>(result);
		expect(items).toHaveLength(1);
		const item = items[0]!;
		expect(item.subject).toContain('CN=Jiří Novák');
		expect(item.subject).toContain('NTRCZ-12345678');
		expect(item.issuer).toContain('CN=CliTest EU Qualified CA2/ECC 2026');
		expect(item.serialNumber).toMatch(/^([0-9A-F]{2})+$/);
		expect(item.serialNumber).toBe(opensslField(w.files['goodPem']!, ['-serial']).toUpperCase());
		expect(new Date(item.notBefore).toISOString()).toBe(item.notBefore);
		expect(new Date(item.notAfter).toISOString()).toBe(item.notAfter);
		expect(Date.parse(item.notAfter)).toBe(w.leaves['good']!.cert.notAfter.getTime());
		expect(item.fingerprints.sha256).toBe(opensslField(w.files['goodPem']!, ['-fingerprint', '-sha256']));
		expect(item.fingerprints.sha1).toBe(opensslField(w.files['goodPem']!, ['-fingerprint', '-sha1']));
		expect(item.fingerprints.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(item.fingerprints.sha1).toMatch(/^[0-9a-f]{40}$/);
		expect(item.approval).toMatchObject({approved: true, issuingCa: 'CliTest EU Qualified CA2/ECC 2026', kind: 'qualified'});
		expect(typeof item.approval.authority).toBe('string');
		expect(item.findings.every((f) => typeof f.code === 'string' && ['error', 'warning', 'info'].includes(f.severity) && f.message.length > 0)).toBe(true);
		expect(item.findings.map((f) => f.code)).toContain('ISSUER_ADDED_LOCALLY');
		expect(item.findings.filter((f) => f.severity === 'error')).toEqual([]);
		expect(item.chain.map((l) => l.origin)).toEqual(['leaf', 'local', 'local']);
		expect(item.chain[0]!.sha256).toBe(item.fingerprints.sha256);
		expect(item.uses.find((u) => u.use === 'portal-login')).toMatchObject({fits: true});
		expect(item.uses.find((u) => u.use === 'encrypted-email')).toMatchObject({fits: false});
		expect(item.registrable).toBe(true);
	});

	it('never prints raw DER byte maps, only the documented fields', async () => {
		const result = await inspect([w.files['goodP12']!, '--json', ...w.trust], {OTE_CERT_PASSWORD: P12_PASSWORD});
		expect(result.code).toBe(0);
		const items = parseJson<Array<Record<string, unknown>>>(result);
		expect(findByteMaps(items)).toEqual([]);
		expect(Object.keys(items[0]!)).not.toContain('der');
		expect(result.stdout).not.toMatch(/"der"\s*:\s*\{/);
	});

	it('gives the same fingerprints for DER, PEM and both kinds of PKCS#12', async () => {
		const sha256 = opensslField(w.files['goodPem']!, ['-fingerprint', '-sha256']);
		for (const file of [w.files['goodDer']!, w.files['goodP12']!, w.files['goodLegacyP12']!]) {
			const result = await inspect([file, '--json', ...w.trust], {OTE_CERT_PASSWORD: P12_PASSWORD});
			expect(result.code, result.stderr).toBe(0);
			const items = parseJson<InspectItem[]>(result);
			// The modern .p12 also carries the issuing CA; the person's certificate is the one that counts.
			expect(items.map((i) => i.fingerprints.sha256)).toContain(sha256);
		}
	});

	it('exits 1 for an expired certificate, with the EXPIRED finding', async () => {
		const result = await inspect([w.files['expiredPem']!, '--json', ...w.trust]);
		expect(result.code).toBe(1);
		const [item] = parseJson<InspectItem[]>(result);
		expect(item!.findings).toContainEqual(expect.objectContaining({code: 'EXPIRED', severity: 'error'}));
		expect(item!.registrable).toBe(false);
	});

	it('exits 1 for an issuer OTE did not approve, with ISSUER_NOT_APPROVED', async () => {
		const result = await inspect([w.files['unknownPem']!, '--json', ...w.trust]);
		expect(result.code).toBe(1);
		const [item] = parseJson<InspectItem[]>(result);
		expect(item!.approval.approved).toBe(false);
		expect(item!.findings).toContainEqual(expect.objectContaining({code: 'ISSUER_NOT_APPROVED', severity: 'error'}));
	});

	it('without --trust the test CA is unknown: not acceptable, exit 1', async () => {
		const result = await inspect([w.files['goodPem']!, '--json']);
		expect(result.code).toBe(1);
		expect(parseJson<InspectItem[]>(result)[0]!.findings.map((f) => f.code)).toContain('ISSUER_NOT_APPROVED');
	});
});

describe('inspect as text', () => {
	it('prints the verdict and the fingerprint openssl shows', async () => {
		const result = await inspect([w.files['goodDer']!, ...w.trust]);
		expect(result.code).toBe(0);
		const fp = execFileSync('openssl', ['x509', '-in', w.files['goodPem']!, '-noout', '-fingerprint', '-sha256'], {encoding: 'utf8'}).split('=')[1]!.trim();
		expect(result.stdout).toContain(fp);
		expect(result.stdout).toContain('Jiří Novák');
		expect(result.stdout).toContain('IČO 12345678');
	});

	it('strips control characters of hostile text before the terminal sees them', async () => {
		const result = await inspect([w.files['goodPem']!, ...w.trust]);
		// eslint-disable-next-line no-control-regex
		expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/);
	});
});

describe('inspect exit 3: the source cannot be read', () => {
	it('a missing file', async () => {
		const result = await inspect([path.join(dir, 'missing.pem')]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('missing.pem');
		expect(result.stdout).toBe('');
	});

	it('a corrupt file', async () => {
		const result = await inspect([w.files['corrupt']!]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('corrupt.cer');
	});

	it('a password-protected file without a terminal and without a password', async () => {
		const result = await inspect([w.files['goodP12']!, ...w.trust]);
		expect(result.code).toBe(3);
		expect(result.stderr).toMatch(/OTE_CERT_PASSWORD/);
	});

	it('a wrong password in OTE_CERT_PASSWORD, for modern and legacy files', async () => {
		for (const file of [w.files['goodP12']!, w.files['goodLegacyP12']!]) {
			const result = await inspect([file, ...w.trust], {OTE_CERT_PASSWORD: 'not-the-password'});
			expect(result.code).toBe(3);
			expect(result.stderr).toContain(path.basename(file));
			expect(result.stderr + result.stdout).not.toContain('not-the-password');
		}
	});

	it('a wrong password in --password-file; the right one opens the file', async () => {
		const wrong = path.join(dir, 'wrong-pass.txt');
		const right = path.join(dir, 'right-pass.txt');
		await writeFile(wrong, 'nope-nope\n', {mode: 0o600});
		await writeFile(right, `${P12_PASSWORD}\n`, {mode: 0o600});
		const bad = await inspect([w.files['goodP12']!, '--password-file', wrong, ...w.trust]);
		expect(bad.code).toBe(3);
		expect(bad.stderr + bad.stdout).not.toContain('nope-nope');
		const good = await inspect([w.files['goodP12']!, '--password-file', right, ...w.trust]);
		expect(good.code, good.stderr).toBe(0);
	});
});

describe('inspect exit 2: usage', () => {
	it.each([[['--password', 'x']], [['--password=hunter22']], [['--pin', '1']], [['--frobnicate']]])('%j', async (flags) => {
		const result = await inspect([w.files['goodPem']!, ...flags]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).not.toContain('hunter22');
	});

	it('without a source: names the documented form inspect FILE', async () => {
		const result = await inspect([]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('ote-cert inspect FILE');
	});
});

describe('inspect in any environment', () => {
	it('works the same with CI set (as in pipelines) and unset', async () => {
		const plain = await inspect([w.files['goodPem']!, '--json', ...w.trust]);
		const ci = await inspect([w.files['goodPem']!, '--json', ...w.trust], {CI: 'true', TERM: 'dumb'});
		expect(ci.code).toBe(0);
		expect(parseJson<InspectItem[]>(ci)[0]!.fingerprints).toEqual(parseJson<InspectItem[]>(plain)[0]!.fingerprints);
		expect(ci.stdout).not.toMatch(/\u001b\[/);
	});

	it('speaks Czech with LANG=cs_CZ.UTF-8', async () => {
		const cs = {LANG: 'cs_CZ.UTF-8'};
		const text = await inspect([w.files['expiredPem']!, ...w.trust], cs);
		expect(text.code).toBe(1);
		expect(text.stdout).toContain('Držitel:');
		expect(text.stdout).toContain('Platnost:');
		expect(text.stdout).toMatch(/\[EXPIRED\] .*platnost/i);
		const json = parseJson<InspectItem[]>(await inspect([w.files['unknownPem']!, '--json', ...w.trust], cs));
		expect(json[0]!.findings.find((f) => f.code === 'ISSUER_NOT_APPROVED')!.message).toContain('schválil');
		const missing = await inspect([path.join(dir, 'missing.pem')], cs);
		expect(missing.stderr).toMatch(/^Chyba: /);
		expect(missing.stderr).toContain('neexistuje');
		const secret = await inspect([w.files['goodP12']!], cs);
		expect(secret.stderr).toContain('chráněn heslem');
		const flag = await inspect([w.files['goodPem']!, '--pin', '1'], cs);
		expect(flag.stderr).toContain('nepřijímám');
	});
});
