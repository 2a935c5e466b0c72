// `register --source A --source B`: both halves of one person's pair (a qualified signing and a commercial
// authentication certificate) go into one slot in one ledger update, with both certificates in the
// package; two holders, or a half that cannot be registered, are refused and leave nothing behind.
import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeLeaf} from '../helpers/pki.js';
import {cli, dates, makeWorld, packages, readLedger, removeWorld, runDirs, writeCert, type World} from '../e2e/world.js';
import {makeTwins, trustBoth, type Twins} from '../e2e/pairs-fixtures.js';

let world: World;
let twins: Twins;
let trust: string;
const files: Record<string, string> = {};
const sha = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

beforeAll(async () => {
	world = await makeWorld('pairs-cli');
	trust = await trustBoth(world);
	twins = await makeTwins(world);
	files['sign'] = await writeCert(world, 'sign.pem', twins.signing);
	files['auth'] = await writeCert(world, 'auth.pem', twins.authentication);
	const stranger = await makeTwins(world, {cn: 'Petr Cizí', ico: '11223344', icaUserId: '99001'});
	files['strangerAuth'] = await writeCert(world, 'stranger-auth.pem', stranger.authentication);
	const expired = await makeLeaf({
		issuer: world.hierarchy.commercialCa,
		cn: 'Jiří Dvořák',
		org: 'Energie Úžasná a.s.',
		ico: '27654321',
		icaUserId: '77001',
		notBefore: dates.ago(400),
		notAfter: dates.ago(20),
	});
	files['expiredAuth'] = await writeCert(world, 'expired-auth.pem', expired);
});
afterAll(() => removeWorld(world));

const register = (dirs: Awaited<ReturnType<typeof runDirs>>, sources: string[], extra: string[] = []) =>
	cli(dirs, [
		'register',
		...sources.flatMap((s) => ['--source', s]),
		'--trust',
		trust,
		'--offline',
		'--lang',
		'en',
		'--env',
		'sandbox',
		'--slot',
		'2',
		'--account',
		'U7',
		'--yes',
		...extra,
	]);

interface LedgerData {
	accounts: Record<
		string,
		{ledgers: Record<string, {slots: Record<string, {auth: {sha256: string} | null; sign: {sha256: string} | null}>; history: unknown[]}>}
	>;
}

describe('register --source A --source B (a pair into one slot)', () => {
	it('registers both: the qualified one signs, the commercial one authenticates; one ledger change, both in the package', async () => {
		const dirs = await runDirs(world, 'ok');
		// The authentication half named first: the roles come from the certificates, not from the order.
		const r = await register(dirs, [files['auth']!, files['sign']!], ['--json']);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toContain('Pair into slot 2: authentication Jiří Dvořák (E2E Public CA/ECC 2026), signing Jiří Dvořák (E2E EU Qualified CA2/ECC 2026).');
		expect(r.stderr).toContain('A qualified certificate with nonRepudiation only is a signing certificate.');
		expect(r.stderr).toContain('A commercial certificate with clientAuth is an authentication certificate (OTE-COM).');

		const ledger = (await readLedger(dirs)).data as unknown as LedgerData;
		const slot = ledger.accounts['U7']!.ledgers['sandbox']!.slots['2']!;
		expect(slot.auth?.sha256).toBe(sha(twins.authentication.der));
		expect(slot.sign?.sha256).toBe(sha(twins.signing.der));
		expect(ledger.accounts['U7']!.ledgers['sandbox']!.history).toHaveLength(2);

		const [pkg, ...more] = await packages(dirs);
		expect(more).toEqual([]);
		const json = JSON.parse(await readFile(path.join(pkg!, 'registration.json'), 'utf8')) as {
			roles: string[];
			certificates: Array<{roles: string[]; kind: string; fingerprints: {sha256: string}; files: {der: string; pem: string}}>;
		};
		expect(json.roles).toEqual(['auth', 'sign']);
		expect(json.certificates.map((c) => [c.roles, c.kind, c.fingerprints.sha256])).toEqual([
			[['auth'], 'commercial', sha(twins.authentication.der)],
			[['sign'], 'qualified', sha(twins.signing.der)],
		]);
		for (const c of json.certificates) {
			expect(new Uint8Array(await readFile(path.join(pkg!, c.files.der)))).toEqual(twins[c.kind === 'qualified' ? 'signing' : 'authentication'].der);
			expect(await readFile(path.join(pkg!, c.files.pem), 'utf8')).toContain('BEGIN CERTIFICATE');
		}
		const steps = await readFile(path.join(pkg!, 'next-steps.txt'), 'utf8');
		expect(steps).toContain(`Into the same slot 2, upload the pair's second certificate (signing): ${json.certificates[1]!.files.der}`);
	});

	it('refuses two holders: nothing is written', async () => {
		const dirs = await runDirs(world, 'holders');
		const r = await register(dirs, [files['sign']!, files['strangerAuth']!]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('The pair cannot be registered: The certificates belong to different holders (Jiří Dvořák, Petr Cizí)');
		expect((await readLedger(dirs)).raw).toBeNull();
		expect(await packages(dirs)).toEqual([]);
	});

	it('refuses a half that cannot be registered, naming its source: nothing is written', async () => {
		const dirs = await runDirs(world, 'expired');
		const r = await register(dirs, [files['sign']!, files['expiredAuth']!]);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(`The certificate from ${files['expiredAuth']} cannot be registered in CS OTE, so there is no pair:`);
		expect(r.stderr).toContain('[EXPIRED]');
		expect((await readLedger(dirs)).raw).toBeNull();
		expect(await packages(dirs)).toEqual([]);
	});

	it('refuses --roles next to two sources, a third source, and renew with two', async () => {
		const dirs = await runDirs(world, 'usage');
		const roles = await register(dirs, [files['sign']!, files['auth']!], ['--roles', 'auth']);
		expect(roles.code).toBe(2);
		expect(roles.stderr).toContain('A pair takes no --roles');
		const three = await register(dirs, [files['sign']!, files['auth']!, files['sign']!]);
		expect(three.code).toBe(2);
		expect(three.stderr).toContain('3 sources given; a slot holds at most a pair');
		const renew = await cli(dirs, ['renew', '--source', files['sign']!, '--source', files['auth']!, '--lang', 'en', '--env', 'sandbox', '--yes']);
		expect(renew.code).toBe(2);
		expect(renew.stderr).toContain('Two sources (a pair) are for ote-cert register only');
		expect((await readLedger(dirs)).raw).toBeNull();
	});

	it('one source: the role is proposed from the certificate and explained; a contradicting --roles is warned about', async () => {
		const dirs = await runDirs(world, 'single');
		const r = await register(dirs, [files['sign']!]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stderr).toContain('Roles: signing. A qualified certificate with nonRepudiation only is a signing certificate.');
		const auth = await cli(dirs, [
			'register',
			'--source',
			files['sign']!,
			'--trust',
			trust,
			'--offline',
			'--lang',
			'en',
			'--env',
			'sandbox',
			'--slot',
			'3',
			'--account',
			'U8',
			'--yes',
			'--roles',
			'auth',
		]);
		expect(auth.code, auth.stderr).toBe(0);
		expect(auth.stderr).toContain('Careful: the certificate lacks the digitalSignature key usage');
	});
});
