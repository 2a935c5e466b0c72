// Firefox / Chromium NSS databases made with certutil, read through libsoftokn3 read-only.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {discoverNss, parseProfilesIni, readNssProfile} from '../../source/sources/nss/discovery.js';
import {loadPkcs11Uri, sha256} from '../../source/sources/pkcs11/discovery.js';
import {nssLibraryParameters} from '../../source/sources/pkcs11/nss-params.js';
import {SourceError} from '../../source/sources/types.js';
import {requireTool} from '../helpers/softhsm.js';
import {makeCert, type TestCert} from './fixtures.js';

let home: string;
let firefoxDir: string;
let chromiumDir: string;
let person: TestCert;
let ca: TestCert;
let other: TestCert;
const env = () => ({PATH: process.env['PATH'], HOME: home});

function certutil(dir: string, args: string[]) {
	execFileSync('certutil', ['-d', `sql:${dir}`, ...args], {stdio: 'pipe'});
}
function addCert(dir: string, nick: string, der: Uint8Array, trust: string) {
	const file = path.join(home, `${nick.replace(/\W/g, '_')}.der`);
	writeFileSync(file, der);
	certutil(dir, ['-A', '-n', nick, '-t', trust, '-i', file]);
}
const fingerprint = (dir: string) =>
	readdirSync(dir)
		.sort()
		.map(
			(f) =>
				`${f}:${createHash('sha256')
					.update(readFileSync(path.join(dir, f)))
					.digest('hex')}`,
		);

beforeAll(() => {
	requireTool('certutil', 'libnss3-tools');
	home = mkdtempSync(path.join(tmpdir(), 'ote-nss-'));
	person = makeCert('Jana Dvořáková');
	other = makeCert('Petr Chromium');
	ca = makeCert('Some Root CA', 'rsa', ['-addext', 'basicConstraints=critical,CA:TRUE']);
	const ffRoot = path.join(home, '.mozilla', 'firefox');
	firefoxDir = path.join(ffRoot, 'abcd1234.default-release');
	mkdirSync(firefoxDir, {recursive: true});
	writeFileSync(
		path.join(ffRoot, 'profiles.ini'),
		'[General]\nStartWithLastProfile=1\n\n[Profile0]\nName=default-release\nIsRelative=1\nPath=abcd1234.default-release\nDefault=1\n\n[Profile1]\nName=gone\nIsRelative=1\nPath=missing.profile\n',
	);
	certutil(firefoxDir, ['-N', '--empty-password']);
	addCert(firefoxDir, 'Jana Dvořáková – I.CA', person.certDer, ',,');
	addCert(firefoxDir, 'Root', ca.certDer, 'C,,');
	chromiumDir = path.join(home, '.pki', 'nssdb');
	mkdirSync(chromiumDir, {recursive: true});
	certutil(chromiumDir, ['-N', '--empty-password']);
	addCert(chromiumDir, 'Petr', other.certDer, ',,');
	addCert(chromiumDir, 'Jana again', person.certDer, ',,');
});
afterAll(() => rmSync(home, {recursive: true, force: true}));

describe('NSS profiles', () => {
	it('parses profiles.ini with relative and absolute paths', () => {
		expect(
			parseProfilesIni('[Profile0]\nName=a\nIsRelative=1\nPath=x.a\n[Profile1]\nName=b\nIsRelative=0\nPath=/abs/b\n[Install1]\nDefault=x\n', '/h/ff'),
		).toEqual([
			{name: 'a', dir: '/h/ff/x.a'},
			{name: 'b', dir: '/abs/b'},
		]);
	});

	it('lists the person’s certificates of Firefox and Chromium profiles, hides CAs, dedupes', async () => {
		const before = [fingerprint(firefoxDir), fingerprint(chromiumDir)];
		const found = await discoverNss(env());
		expect(found.softokn).toMatch(/libsoftokn3/);
		expect(found.profiles.map((p) => [p.browser, p.status, p.certificateCount])).toEqual([
			['firefox', 'ok', 1],
			['chromium', 'ok', 2],
		]);
		expect(found.certificates.map((c) => c.sha256).sort()).toEqual([sha256(person.certDer), sha256(other.certDer)].sort());
		const jana = found.certificates.find((c) => c.sha256 === sha256(person.certDer))!;
		expect(jana.origin).toMatchObject({kind: 'nss', profile: firefoxDir, nickname: 'Jana Dvořáková – I.CA'});
		expect(jana.seenAt).toHaveLength(2);
		// Read-only: the databases are byte-for-byte unchanged.
		expect([fingerprint(firefoxDir), fingerprint(chromiumDir)]).toEqual(before);
		// The URI reads the same certificate back.
		if (jana.origin.kind !== 'nss') throw new Error('expected nss');
		const loaded = await loadPkcs11Uri(jana.origin.uri, {env: env()});
		expect(loaded.map((e) => sha256(e.der))).toEqual([sha256(person.certDer)]);
		expect(loaded[0]!.origin.kind).toBe('nss');
	});

	it('never creates a database in a folder without one (trailing-space bug)', async () => {
		expect(nssLibraryParameters('/x').endsWith('flags=readOnly ')).toBe(true);
		const empty = path.join(home, 'empty-profile');
		mkdirSync(empty);
		await expect(readNssProfile({browser: 'firefox', name: 'empty', dir: empty}, env())).rejects.toBeInstanceOf(SourceError);
		// Even forcing softokn at the empty folder (bypassing the cert9.db check) must not write there.
		const {probeModule} = await import('../../source/sources/pkcs11/discovery.js');
		const softokn = (await discoverNss(env())).softokn!;
		await probeModule(softokn, env(), undefined, nssLibraryParameters(`sql:${empty}`)).catch(() => null);
		expect(readdirSync(empty)).toEqual([]);
	});
});
