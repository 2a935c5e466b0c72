// The revocation check against a real OCSP responder (openssl ocsp) and a CRL server on 127.0.0.1,
// through the real network module: every case the issue lists, plus the signature and freshness rules.
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {parseCertificate} from '../../source/certificate/parse.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {assessed} from '../helpers/assess.js';
import {checkRevocation, revocationSources} from '../../source/trust/revocation.js';
import {httpFetcher} from '../../source/sources/net/http.js';
import {assessRevocation} from '../../source/services/revocation.js';
import type {Assessment} from '../../source/trust/types.js';
import type {LeafHandle} from '../helpers/pki.js';
import {startRevocationWorld, type RevocationWorld} from './server.js';

let dir: string;
let world: RevocationWorld;
let anchors: AnchorSet;

beforeAll(async () => {
	requireOpenssl();
	// A proxy set in the developer's shell must not carry these requests away from 127.0.0.1.
	process.env['NO_PROXY'] = '127.0.0.1';
	process.env['no_proxy'] = '127.0.0.1';
	dir = await mkdtemp(path.join(tmpdir(), 'ote-revocation-'));
	world = await startRevocationWorld(dir);
	anchors = AnchorSet.shipped().withLocal([world.ca.der]);
});

afterAll(async () => {
	await world?.close();
	if (dir) await rm(dir, {recursive: true, force: true});
});

function judged(leaf: LeafHandle): Assessment {
	return assessed(parseCertificate(leaf.der), {anchors});
}

async function checked(leaf: LeafHandle, limits: {requestTimeoutMs?: number; totalTimeoutMs?: number; now?: Date} = {}): Promise<Assessment> {
	const before = judged(leaf);
	expect(before.registrable).toBe(true);
	return assessRevocation(before, [], {anchors, offline: false, now: limits.now ?? new Date(), ...limits});
}

const codes = (a: Assessment) => a.findings.filter((f) => f.code.startsWith('REVOC') || f.code === 'REVOKED');

describe('revocation against a local OCSP responder and CRL server', () => {
	it('reads the OCSP and CRL addresses from the certificate', async () => {
		const leaf = await world.leaf('Both Sources', {ocsp: 'good', crl: true});
		expect(revocationSources(leaf.der)).toEqual({ocsp: [`${world.base}/ocsp/good`], crl: [`${world.base}/crl/ca.crl`]});
	});

	it('good: REVOCATION_GOOD (info) naming the OCSP responder asked; still registrable', async () => {
		const leaf = await world.leaf('Jana Dobrá', {ocsp: 'good', crl: true});
		const before = world.requests.length;
		const a = await checked(leaf);
		expect(codes(a).map((f) => [f.code, f.severity])).toEqual([['REVOCATION_GOOD', 'info']]);
		expect(codes(a)[0]!.message).toContain(`${world.base}/ocsp/good`);
		expect(a.registrable).toBe(true);
		// OCSP answered: the CRL was not fetched.
		expect(world.requests.slice(before)).toEqual(['POST /ocsp/good']);
	});

	it('revoked by OCSP: REVOKED (error) with date and reason; not registrable, no use fits', async () => {
		const leaf = await world.leaf('Petr Zneplatněný', {ocsp: 'good'});
		await world.revokeInOcsp(leaf, 'keyCompromise', new Date('2026-03-01T10:00:00Z'));
		const a = await checked(leaf);
		const f = codes(a);
		expect(f.map((x) => [x.code, x.severity])).toEqual([['REVOKED', 'error']]);
		expect(f[0]!.params).toMatchObject({source: 'OCSP', date: '2026-03-01T10:00:00.000Z', reason: 'keyCompromise'});
		expect(a.registrable).toBe(false);
		expect(a.uses.some((u) => u.fits)).toBe(false);
	});

	it('revoked by CRL only (no AIA): the CRL is fetched, its signature checked, REVOKED', async () => {
		const leaf = await world.leaf('Eva Jen CRL', {crl: true});
		await world.revokeInCrl([{serialNumber: leaf.cert.serialNumber, revocationDate: new Date('2026-02-02T00:00:00Z'), reason: 1}]);
		const before = world.requests.length;
		const a = await checked(leaf);
		expect(world.requests.slice(before)).toEqual(['GET /crl/ca.crl']);
		expect(codes(a)[0]).toMatchObject({code: 'REVOKED', severity: 'error', params: {source: 'CRL', date: '2026-02-02T00:00:00.000Z', reason: 'keyCompromise'}});
		expect(a.registrable).toBe(false);
		// Another certificate not on that CRL is good by the same CRL.
		const other = await world.leaf('Eva Neodvolaná', {crl: true});
		expect(codes(await checked(other)).map((x) => x.code)).toEqual(['REVOCATION_GOOD']);
	});

	it('responder down: REVOCATION_UNKNOWN (warning) that says registration is still allowed', async () => {
		const leaf = await world.leaf('Responder Dole', {ocsp: 'good', ocspBase: world.downBase});
		const a = await checked(leaf);
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', severity: 'warning', params: {reason: 'unreachable'}}]);
		expect(codes(a)[0]!.message).toMatch(/Registration is still allowed|Registrovat lze/);
		expect(a.registrable).toBe(true);
	});

	it('responder down but a CRL is named: the CRL decides', async () => {
		const leaf = await world.leaf('Záložní CRL', {ocsp: 'good', ocspBase: world.downBase, crl: true});
		const a = await checked(leaf);
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_GOOD', params: {source: 'CRL'}}]);
	});

	it('responder answering garbage: REVOCATION_UNKNOWN malformed', async () => {
		const a = await checked(await world.leaf('Nesmysl', {ocsp: 'garbage'}));
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', severity: 'warning', params: {reason: 'malformed'}}]);
		expect(a.registrable).toBe(true);
	});

	it('responder answering HTTP 500: REVOCATION_UNKNOWN httpStatus', async () => {
		const a = await checked(await world.leaf('Chyba Serveru', {ocsp: 'error'}));
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'httpStatus'}}]);
	});

	it('slow responder: the per-request limit ends the wait with REVOCATION_UNKNOWN timeout', async () => {
		const a = await checked(await world.leaf('Pomalý', {ocsp: 'slow'}), {requestTimeoutMs: 300, totalTimeoutMs: 10_000});
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'timeout'}}]);
		expect(a.registrable).toBe(true);
	});

	it('slow responder: the whole-check limit also ends it, and no later source is asked', async () => {
		const leaf = await world.leaf('Pomalý Celkem', {ocsp: 'slow', crl: true});
		const before = world.requests.length;
		const a = await checked(leaf, {requestTimeoutMs: 10_000, totalTimeoutMs: 300});
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'timeout'}}]);
		expect(world.requests.slice(before)).toEqual(['POST /ocsp/slow']);
	});

	it('stale response (nextUpdate in the past): REVOCATION_UNKNOWN stale', async () => {
		const leaf = await world.leaf('Zastaralá Odpověď', {ocsp: 'stale'});
		// openssl cannot sign a nextUpdate in the past; it signs one a minute ahead, and the check runs an hour later.
		const a = await checked(leaf, {now: new Date(Date.now() + 3_600_000)});
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'stale'}}]);
	});

	it('stale CRL (nextUpdate in the past): REVOCATION_UNKNOWN stale', async () => {
		const leaf = await world.leaf('Zastaralý CRL', {crl: true});
		const answer = await checkRevocation(leaf.der, world.ca.der, httpFetcher(), {now: new Date(Date.now() + 3 * 86_400_000)});
		expect(answer).toMatchObject({status: 'unknown', reason: 'stale'});
	});

	it('bad responder signature: REVOCATION_UNKNOWN badSignature, never GOOD', async () => {
		const a = await checked(await world.leaf('Špatný Podpis', {ocsp: 'badsig'}));
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'badSignature'}}]);
	});

	it('a responder the CA did not authorise: REVOCATION_UNKNOWN responderNotAuthorised', async () => {
		const a = await checked(await world.leaf('Cizí Responder', {ocsp: 'other'}));
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'responderNotAuthorised'}}]);
	});

	it('a delegated responder certified by the CA for OCSP signing is believed', async () => {
		const leaf = await world.leaf('Delegovaný', {ocsp: 'delegated'});
		expect(codes(await checked(leaf))).toMatchObject([{code: 'REVOCATION_GOOD', params: {source: 'OCSP'}}]);
		await world.revokeInOcsp(leaf, 'superseded', new Date('2026-05-05T05:05:05Z'));
		expect(codes(await checked(leaf))).toMatchObject([{code: 'REVOKED', params: {reason: 'superseded'}}]);
	});

	it('a CRL signed by another key is not believed', async () => {
		const leaf = await world.leaf('Cizí CRL', {crl: true});
		const stranger = await world.leaf('Stranger', {});
		// The stranger's key is not the CA's: the answer must not be trusted.
		const answer = await checkRevocation(leaf.der, stranger.der, httpFetcher(), {now: new Date()});
		expect(answer).toMatchObject({status: 'unknown'});
		expect(answer.status === 'unknown' && answer.attempts.map((x) => x.reason)).toEqual(['badSignature']);
	});

	it('--offline asks nobody and says so', async () => {
		const leaf = await world.leaf('Offline', {ocsp: 'good', crl: true});
		const before = world.requests.length;
		const a = await assessRevocation(judged(leaf), [], {anchors, offline: true, now: new Date()});
		expect(world.requests.length).toBe(before);
		expect(codes(a)).toMatchObject([{code: 'REVOCATION_UNKNOWN', params: {reason: 'offline'}}]);
		expect(codes(a)[0]!.message).toContain('--offline');
	});
});
