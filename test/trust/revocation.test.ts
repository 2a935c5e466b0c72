// The revocation decision without a network: a fetcher that serves bytes made here (CRLs from the test
// PKI, an OCSP request read back by openssl), so each rule is checked on its own.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {serialForm} from '../../source/certificate/serial.js';
import {buildOcspRequest, checkRevocation, RevocationFetchError, type RevocationFetcher, type RevocationRequest} from '../../source/trust/revocation.js';
import {makeCa, makeCrl, makeLeaf} from '../helpers/pki.js';

const DAY = 86_400_000;
const CRL_URL = 'http://crl.test/ca.crl';

function serving(body: Uint8Array | (() => never)): RevocationFetcher & {asked: RevocationRequest[]} {
	const asked: RevocationRequest[] = [];
	return {
		asked,
		async fetch(request) {
			asked.push(request);
			return typeof body === 'function' ? body() : body;
		},
	};
}

describe('revocation decision (no network)', async () => {
	const ca = await makeCa({cn: 'Decision CA', freshKey: true});
	const other = await makeCa({cn: 'Decision CA', freshKey: true}); // same name, other key
	const leaf = await makeLeaf({issuer: ca, cn: 'Jana', crlUrls: [CRL_URL]});
	const now = new Date();

	it('asks nobody when the certificate names no OCSP responder or CRL', async () => {
		const bare = await makeLeaf({issuer: ca, cn: 'Bez adres'});
		const fetcher = serving(await makeCrl(ca));
		expect(await checkRevocation(bare.der, ca.der, fetcher, {now})).toMatchObject({status: 'unknown', reason: 'noSource'});
		expect(fetcher.asked).toEqual([]);
	});

	it('a current CRL signed by the CA: good, or revoked with date and reason', async () => {
		const good = serving(await makeCrl(ca));
		expect(await checkRevocation(leaf.der, ca.der, good, {now})).toMatchObject({status: 'good', source: 'crl', url: CRL_URL});
		expect(good.asked).toMatchObject([{method: 'GET', url: CRL_URL}]);
		const at = new Date('2026-01-15T12:00:00Z');
		const revoked = serving(await makeCrl(ca, {entries: [{serialNumber: leaf.cert.serialNumber, revocationDate: at, reason: 4}]}));
		expect(await checkRevocation(leaf.der, ca.der, revoked, {now})).toEqual({
			status: 'revoked',
			source: 'crl',
			url: CRL_URL,
			revokedAt: at,
			reason: 'superseded',
		});
	});

	it('removeFromCRL lifts a hold', async () => {
		const lifted = serving(await makeCrl(ca, {entries: [{serialNumber: leaf.cert.serialNumber, revocationDate: new Date(), reason: 8}]}));
		expect(await checkRevocation(leaf.der, ca.der, lifted, {now})).toMatchObject({status: 'good'});
	});

	it('a CRL signed by a namesake of the CA is not believed', async () => {
		const forged = serving(await makeCrl(ca, {signer: other, entries: []}));
		expect(await checkRevocation(leaf.der, ca.der, forged, {now})).toMatchObject({status: 'unknown', reason: 'badSignature'});
	});

	it('a CRL past its nextUpdate is stale; one from the future is not yet valid', async () => {
		const stale = serving(await makeCrl(ca, {thisUpdate: new Date(Date.now() - 10 * DAY), nextUpdate: new Date(Date.now() - 3 * DAY)}));
		expect(await checkRevocation(leaf.der, ca.der, stale, {now})).toMatchObject({status: 'unknown', reason: 'stale'});
		const future = serving(await makeCrl(ca, {thisUpdate: new Date(Date.now() + 2 * DAY), nextUpdate: new Date(Date.now() + 9 * DAY)}));
		expect(await checkRevocation(leaf.der, ca.der, future, {now})).toMatchObject({status: 'unknown', reason: 'notYetValid'});
	});

	it('garbage and network failures leave the status unknown with their reason', async () => {
		expect(await checkRevocation(leaf.der, ca.der, serving(new TextEncoder().encode('<html>')), {now})).toMatchObject({status: 'unknown', reason: 'malformed'});
		const timeout = serving(() => {
			throw new RevocationFetchError('timeout', 'slow');
		});
		expect(await checkRevocation(leaf.der, ca.der, timeout, {now})).toMatchObject({status: 'unknown', reason: 'timeout'});
	});

	it('the OCSP request names the certificate as openssl reads it (issuer hashes and serial)', () => {
		requireOpenssl();
		const dir = mkdtempSync(path.join(tmpdir(), 'ote-ocsp-req-'));
		try {
			const file = path.join(dir, 'req.der');
			writeFileSync(file, buildOcspRequest(leaf.der, ca.der));
			const text = execFileSync('openssl', ['ocsp', '-reqin', file, '-req_text'], {encoding: 'utf8'});
			expect(text).toContain('Hash Algorithm: sha1');
			// openssl writes whole bytes: a serial whose first nibble is 0 (one in sixteen random ones) keeps it.
			expect(text.replace(/\s/g, '')).toContain(`SerialNumber:${serialForm(leaf.cert.serialNumber)}`);
			// The same request made by openssl itself carries the same CertID.
			writeFileSync(path.join(dir, 'ca.pem'), ca.pem);
			writeFileSync(path.join(dir, 'leaf.pem'), leaf.pem);
			const theirs = execFileSync('openssl', ['ocsp', '-issuer', path.join(dir, 'ca.pem'), '-cert', path.join(dir, 'leaf.pem'), '-no_nonce', '-req_text'], {
				encoding: 'utf8',
			});
			const certId = (t: string) => t.slice(t.indexOf('Certificate ID:'), t.indexOf('Serial Number'));
			expect(certId(text)).toContain('Issuer Key Hash');
			expect(certId(text)).toBe(certId(theirs));
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
