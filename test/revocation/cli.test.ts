// The built CLI with revocation: `inspect` and `register` ask the local OCSP responder / CRL server
// named in the certificate, refuse a revoked certificate, carry the finding in --json, ask nobody
// with --offline, and go through HTTP_PROXY unless NO_PROXY says otherwise. Only 127.0.0.1 is used.
import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {cleanEnv, parseJson, requireBuild, runCli, type CliResult} from '../cli/helpers.js';
import type {LeafHandle} from '../helpers/pki.js';
import {startRevocationWorld, type RevocationWorld} from './server.js';

interface Item {
	findings: Array<{code: string; severity: string; message: string}>;
	registrable: boolean;
}

let dir: string;
let configDir: string;
let world: RevocationWorld;
let env: NodeJS.ProcessEnv;
let proxy: http.Server;
let proxyBase: string;
const proxied: string[] = [];

const NO_PROXY_ENV = {HTTP_PROXY: '', http_proxy: '', HTTPS_PROXY: '', https_proxy: '', ALL_PROXY: '', all_proxy: '', NO_PROXY: '', no_proxy: ''};

async function file(name: string, leaf: LeafHandle): Promise<string> {
	const f = path.join(dir, `${name}.pem`);
	await writeFile(f, leaf.pem);
	return f;
}

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return runCli([...args, '--trust', world.caFile], {env: {...env, ...extraEnv}, cwd: dir});
}

const revocation = (item: Item) => item.findings.filter((f) => f.code === 'REVOKED' || f.code.startsWith('REVOCATION_'));

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-revocation-'));
	configDir = path.join(dir, 'config');
	world = await startRevocationWorld(path.join(dir, 'pki'));
	env = cleanEnv({OTE_CERT_CONFIG_DIR: configDir, ...NO_PROXY_ENV});
	// A forward proxy on 127.0.0.1: it takes the absolute URL and passes the request to the local responder.
	proxy = http.createServer((req, res) => {
		proxied.push(`${req.method} ${req.url}`);
		const target = new URL(req.url ?? '/');
		const upstream = http.request(
			`${world.base}${target.pathname}`,
			{method: req.method, headers: {'content-type': req.headers['content-type'] ?? ''}},
			(up) => {
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await world?.close();
	if (proxy) await new Promise<void>((resolve) => proxy.close(() => resolve()));
	if (dir) await rm(dir, {recursive: true, force: true});
});

describe('revocation in the commands', () => {
	it('inspect: a good certificate gets REVOCATION_GOOD in --json and exits 0', async () => {
		const pem = await file('good', await world.leaf('Jana Dobrá', {ocsp: 'good', crl: true}));
		const before = world.requests.length;
		const r = await cli(['inspect', pem, '--json']);
		expect(r.code, r.stderr).toBe(0);
		const [item] = parseJson<Item[]>(r);
		expect(revocation(item!)).toMatchObject([{code: 'REVOCATION_GOOD', severity: 'info'}]);
		expect(world.requests.slice(before)).toEqual(['POST /ocsp/good']);
	});

	it('inspect: a revoked certificate gets REVOKED (error), is not registrable, exit 1', async () => {
		const leaf = await world.leaf('Petr Zneplatněný', {ocsp: 'good'});
		await world.revokeInOcsp(leaf, 'keyCompromise', new Date('2026-03-01T10:00:00Z'));
		const pem = await file('revoked', leaf);
		const r = await cli(['inspect', pem, '--json']);
		expect(r.code).toBe(1);
		const [item] = parseJson<Item[]>(r);
		expect(item!.registrable).toBe(false);
		expect(revocation(item!)).toMatchObject([{code: 'REVOKED', severity: 'error'}]);
		expect(revocation(item!)[0]!.message).toContain('2026-03-01');
		expect(revocation(item!)[0]!.message).toContain('keyCompromise');
		// Czech text output says the same.
		const cs = await cli(['inspect', pem, '--lang', 'cs']);
		expect(cs.stdout).toContain('zneplatněn');
		expect(cs.stdout).toContain('1. 3. 2026');
	});

	it('inspect: revoked by CRL only (no AIA)', async () => {
		const leaf = await world.leaf('Eva Jen CRL', {crl: true});
		await world.revokeInCrl([{serialNumber: leaf.cert.serialNumber, revocationDate: new Date('2026-02-02T00:00:00Z')}]);
		const r = await cli(['inspect', await file('crl-revoked', leaf), '--json']);
		expect(r.code).toBe(1);
		expect(revocation(parseJson<Item[]>(r)[0]!)).toMatchObject([{code: 'REVOKED'}]);
	});

	it('inspect --offline asks nobody and says so (the server counts no request)', async () => {
		const pem = await file('offline', await world.leaf('Offline Osoba', {ocsp: 'good', crl: true}));
		const before = world.requests.length;
		const json = await cli(['inspect', pem, '--json', '--offline']);
		const text = await cli(['inspect', pem, '--offline']);
		expect(world.requests.length).toBe(before);
		expect(json.code).toBe(0);
		expect(revocation(parseJson<Item[]>(json)[0]!)).toMatchObject([{code: 'REVOCATION_UNKNOWN', severity: 'warning'}]);
		expect(text.stdout).toContain('--offline');
	});

	it('inspect: responder down gives a warning and registration stays allowed', async () => {
		const pem = await file('down', await world.leaf('Responder Dole', {ocsp: 'good', ocspBase: world.downBase}));
		const r = await cli(['inspect', pem, '--json']);
		expect(r.code).toBe(0);
		const [item] = parseJson<Item[]>(r);
		expect(item!.registrable).toBe(true);
		expect(revocation(item!)).toMatchObject([{code: 'REVOCATION_UNKNOWN', severity: 'warning'}]);
	});

	it('register refuses a revoked certificate and writes nothing', async () => {
		const leaf = await world.leaf('Karel Odvolaný', {ocsp: 'good'});
		await world.revokeInOcsp(leaf, 'cessationOfOperation', new Date('2026-04-04T00:00:00Z'));
		const out = path.join(dir, 'out-revoked');
		const r = await cli(['register', '--source', await file('reg-revoked', leaf), '--env', 'production', '--slot', '1', '--yes', '--out', out]);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('revoked');
		expect(existsSync(out)).toBe(false);
		expect(existsSync(path.join(configDir, 'config.json'))).toBe(false);
	});

	it('register --offline registers without asking anyone', async () => {
		const pem = await file('reg-offline', await world.leaf('Lída Offline', {ocsp: 'good', crl: true}));
		const before = world.requests.length;
		const r = await cli(['register', '--source', pem, '--env', 'production', '--slot', '2', '--yes', '--offline', '--out', path.join(dir, 'out-offline')]);
		expect(r.code, r.stderr).toBe(0);
		expect(world.requests.length).toBe(before);
	});

	it('HTTP_PROXY carries the request; NO_PROXY bypasses it', async () => {
		// The certificate names an address where nothing listens; only the proxy (which forwards to the
		// responder) can answer it, so GOOD proves the request went through the proxy.
		const viaProxy = await file('via-proxy', await world.leaf('Přes Proxy', {ocsp: 'good', ocspBase: world.downBase}));
		const r = await cli(['inspect', viaProxy, '--json'], {HTTP_PROXY: proxyBase});
		expect(revocation(parseJson<Item[]>(r)[0]!)).toMatchObject([{code: 'REVOCATION_GOOD'}]);
		expect(proxied).toEqual([`POST ${world.downBase}/ocsp/good`]);

		const direct = await file('direct', await world.leaf('Bez Proxy', {ocsp: 'good'}));
		const before = world.requests.length;
		const d = await cli(['inspect', direct, '--json'], {HTTP_PROXY: proxyBase, NO_PROXY: '127.0.0.1'});
		expect(revocation(parseJson<Item[]>(d)[0]!)).toMatchObject([{code: 'REVOCATION_GOOD'}]);
		expect(proxied).toHaveLength(1);
		expect(world.requests.length).toBe(before + 1);
	});
});
