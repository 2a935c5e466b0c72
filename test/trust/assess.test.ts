import {readFileSync} from 'node:fs';
import {pemBlocks} from '../../source/certificate/pem.js';
import {afterEach, describe, expect, it} from 'vitest';
import * as x509 from '@peculiar/x509';
import {parseCertificate} from '../../source/certificate/parse.js';
import {setLang} from '../../source/i18n/index.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {EXPIRING_SOON_DAYS} from '../../source/trust/assess.js';
import {assessed} from '../helpers/assess.js';
import {findingKey} from '../../source/services/describe.js';
import {t} from '../../source/i18n/index.js';
import type {Assessment, FindingCode} from '../../source/trust/types.js';
import {EKU, makeCa, makeCzechHierarchy, makeLeaf, makeSelfSignedLeaf, subjectNameOf} from '../helpers/pki.js';

const DAY = 86_400_000;
const pemDer = (file: string): Uint8Array => pemBlocks(readFileSync(`source/trust/anchors/${file}`, 'utf8')).blocks[0]!.der;
const codes = (a: Assessment): FindingCode[] => a.findings.map((f) => f.code);
const fitting = (a: Assessment): string[] => a.uses.filter((u) => u.fits).map((u) => u.use);
const produced = new Set<FindingCode>();
const run = (...args: Parameters<typeof assessed>): Assessment => {
	const a = assessed(...args);
	for (const f of a.findings) {
		produced.add(f.code);
		// The engine decides in codes; each code and variant it produces must have a sentence (t() would return the key).
		expect(f.message, `${f.code}${f.variant ? `.${f.variant}` : ''}`).not.toBe(findingKey(f));
	}
	return a;
};

afterEach(() => setLang('en'));

describe('approval with a generated Czech-like hierarchy', async () => {
	const h = await makeCzechHierarchy('Assess');
	const person = await makeLeaf({issuer: h.qualifiedCa, cn: 'Jana Nováková', org: 'Plynárna a.s.', ico: '12345678', qualified: true, qcType: 'esign'});
	const local = AnchorSet.shipped().withLocal([h.root.der]);

	it('approves a qualified personal certificate chained through a supplied intermediate to a local root', () => {
		const a = run(parseCertificate(person.der), {anchors: local, companions: [h.qualifiedCa.der]});
		expect(a.approval).toEqual({
			approved: true,
			authority: 'added locally',
			issuingCa: 'Assess EU Qualified CA2/ECC 2026',
			kind: 'qualified',
			addedLocally: true,
			listedByOte: false,
		});
		expect(a.chain.map((l) => [l.origin, l.signatureVerified, l.authority])).toEqual([
			['leaf', true, null],
			['supplied', true, 'added locally'],
			['local', true, 'added locally'],
		]);
		expect(a.chain[1]!.subject).toContain('CN=Assess EU Qualified CA2/ECC 2026');
		expect(codes(a)).toEqual(['ISSUER_ADDED_LOCALLY']);
		expect(a.findings[0]!.severity).toBe('info');
		expect(a.registrable).toBe(true);
		expect(fitting(a)).toEqual(['portal-login', 'portal-signing']);
		expect(a.daysLeft).toBeGreaterThan(360);
		const json = JSON.parse(JSON.stringify(a)) as Assessment;
		expect(json.chain).toHaveLength(3);
		expect(json.uses).toHaveLength(5);
	});

	it('names the missing intermediate when it is not supplied', () => {
		const a = run(parseCertificate(person.der), {anchors: local});
		expect(a.approval.approved).toBe(false);
		expect(codes(a)).toEqual(['CHAIN_INCOMPLETE', 'ISSUER_NOT_APPROVED']);
		expect(a.findings[0]).toMatchObject({severity: 'error', params: {missing: 'Assess EU Qualified CA2/ECC 2026'}});
		expect(a.registrable).toBe(false);
		expect(a.uses.every((u) => !u.fits)).toBe(true);
	});

	it('follows the shipped-data rules: listed, successor, CA not on OTE’s list, time-stamping CA, unlisted intermediate', async () => {
		const custom = (authority: string, extra: Partial<Parameters<typeof AnchorSet.custom>[0][number]> = {}) =>
			AnchorSet.custom([
				{der: h.root.der, authority},
				{der: h.qualifiedCa.der, authority, usage: 'end-entity', ...extra},
			]);
		const info = parseCertificate(person.der);

		const listed = run(info, {anchors: custom('I.CA', {listed: true})});
		expect(listed.approval).toMatchObject({approved: true, authority: 'I.CA', listedByOte: true, addedLocally: false});
		expect(codes(listed)).toEqual([]);
		expect(listed.chain.map((l) => l.origin)).toEqual(['leaf', 'anchor', 'anchor']);

		const successor = run(info, {anchors: custom('PostSignum', {listed: false})});
		expect(successor.approval).toMatchObject({approved: true, listedByOte: false});
		expect(successor.findings).toEqual([expect.objectContaining({code: 'ISSUER_SUCCESSOR_NOT_LISTED', severity: 'info'})]);
		expect(successor.registrable).toBe(true);

		const szr = run(info, {anchors: custom('SZR (NCA)', {listed: false})});
		expect(szr.approval.approved).toBe(false);
		expect(szr.findings).toEqual([
			expect.objectContaining({code: 'ISSUER_NOT_ON_OTE_LIST', severity: 'error', message: expect.stringContaining('Services@ote-cr.cz')}),
		]);

		const tsa = run(info, {anchors: custom('I.CA', {usage: 'timestamping'})});
		expect(tsa.approval.approved).toBe(false);
		expect(tsa.findings).toEqual([expect.objectContaining({code: 'ISSUER_NOT_APPROVED', message: expect.stringContaining('time-stamping')})]);

		const rootOnly = AnchorSet.custom([{der: h.root.der, authority: 'I.CA'}]);
		const unlisted = run(info, {anchors: rootOnly, companions: [h.qualifiedCa.der]});
		expect(unlisted.approval).toMatchObject({approved: false, authority: 'I.CA'});
		expect(codes(unlisted)).toEqual(['ISSUER_NOT_APPROVED']);
		expect(unlisted.chain.map((l) => l.origin)).toEqual(['leaf', 'supplied', 'anchor']);

		// Issuing CA shipped, its root not: approved, the gap is only informational.
		const noRoot = run(info, {anchors: AnchorSet.custom([{der: h.qualifiedCa.der, authority: 'eIdentity', usage: 'end-entity'}])});
		expect(noRoot.approval.approved).toBe(true);
		expect(noRoot.findings).toEqual([expect.objectContaining({code: 'CHAIN_INCOMPLETE', severity: 'info', params: {missing: 'Assess Root CA/ECC 2026'}})]);
	});

	it('rejects an issuer with an approved CA’s name but another key', async () => {
		const impostor = await makeCa({cn: 'Assess EU Qualified CA2/ECC 2026', org: 'Testovací certifikační autorita, a.s.', parent: h.root, freshKey: true});
		const forged = await makeLeaf({issuer: impostor, cn: 'Mallory'});
		const anchors = AnchorSet.custom([
			{der: h.root.der, authority: 'I.CA'},
			{der: h.qualifiedCa.der, authority: 'I.CA', usage: 'end-entity'},
		]);
		const a = run(parseCertificate(forged.der), {anchors});
		expect(a.approval.approved).toBe(false);
		expect(codes(a)).toContain('ISSUER_NOT_APPROVED');
		expect(a.findings.find((f) => f.code === 'ISSUER_NOT_APPROVED')!.message).toMatch(/same name as the approved authority/);
	});

	it('reports a tampered signature', () => {
		const tampered = new Uint8Array(person.der);
		tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 0x01;
		const a = run(parseCertificate(tampered), {anchors: local, companions: [h.qualifiedCa.der]});
		expect(codes(a)).toContain('SIGNATURE_INVALID');
		expect(a.approval.approved).toBe(false);
		expect(a.chain[0]!.signatureVerified).toBe(false);
	});

	it('ignores broken companions and uses the good ones', () => {
		const a = run(parseCertificate(person.der), {anchors: local, companions: [new Uint8Array([0x30, 0x03, 1, 2, 3]), person.der, h.qualifiedCa.der]});
		expect(a.approval.approved).toBe(true);
	});
});

describe('real shipped CAs', () => {
	const shipped = AnchorSet.shipped();
	it('recognises shipped issuing CAs: chain to their shipped root verifies, and they are CA certificates', () => {
		const cases: Array<[string, string, string]> = [
			['ica-eu-qualified-ca2-rsa-2022.pem', 'ica-root-ca-rsa-2022.pem', 'I.CA'],
			['ica-eu-qualified-ca2-ecc-2022.pem', 'ica-root-ca-ecc-2022.pem', 'I.CA'],
			['postsignum-qualified-ca-4.pem', 'postsignum-root-qca-4.pem', 'PostSignum'],
			['postsignum-public-ca-5.pem', 'postsignum-root-qca-4.pem', 'PostSignum'],
			['netlock-trust-qualified-ca.pem', 'netlock-arany-class-gold-root.pem', 'NetLock'],
		];
		for (const [file, rootFile, authority] of cases) {
			const a = run(parseCertificate(pemDer(file)), {anchors: shipped, now: new Date('2026-11-28T12:00:00Z')});
			expect(a.chain, file).toHaveLength(2);
			expect(a.chain[0]!.signatureVerified, file).toBe(true);
			expect(a.chain[1], file).toMatchObject({
				origin: 'anchor',
				authority,
				signatureVerified: true,
				sha256: shipped.all().find((x) => x.file === rootFile)!.sha256,
			});
			expect(codes(a), file).toEqual(['CA_CERTIFICATE']);
			expect(a.approval.kind, file).toBeNull();
			expect(
				a.uses.every((u) => !u.fits),
				file,
			).toBe(true);
		}
	});

	it('sees a shipped root as self-signed CA certificate with a valid self-signature', () => {
		const a = run(parseCertificate(pemDer('postsignum-root-qca-4.pem')), {anchors: shipped});
		expect(a.chain).toEqual([expect.objectContaining({origin: 'leaf', signatureVerified: true})]);
		expect(codes(a).sort()).toEqual(['CA_CERTIFICATE', 'SELF_SIGNED']);
	});

	it('rejects a look-alike of a real CA (same subject bytes, other key), supplied or not', async () => {
		const real = pemDer('ica-eu-qualified-ca2-ecc-2022.pem');
		const lookalike = await makeCa({cn: 'ignored', subjectDer: subjectNameOf(real), freshKey: true});
		expect(parseCertificate(lookalike.der).subject).toBe(parseCertificate(real).subject);
		const victim = await makeLeaf({issuer: lookalike, cn: 'Jan Novák', qualified: true});
		const alone = run(parseCertificate(victim.der), {anchors: shipped});
		expect(alone.approval).toMatchObject({approved: false, authority: null});
		expect(alone.findings.find((f) => f.code === 'ISSUER_NOT_APPROVED')).toMatchObject({severity: 'error', params: {authority: 'I.CA'}});
		const supplied = run(parseCertificate(victim.der), {anchors: shipped, companions: [lookalike.der]});
		expect(supplied.approval.approved).toBe(false);
		expect(supplied.chain.map((l) => l.origin)).toEqual(['leaf', 'supplied']);
		expect(codes(supplied)).toContain('ISSUER_NOT_APPROVED');
		expect(codes(supplied)).not.toContain('ISSUER_SUCCESSOR_NOT_LISTED');
	});

	it('reports a forged key id: the real CA is found but its key does not verify', async () => {
		const real = pemDer('postsignum-qualified-ca-5.pem');
		const ski = parseCertificate(real).subjectKeyIdentifier!;
		const forger = await makeCa({cn: 'ignored', subjectDer: subjectNameOf(real), skiHex: ski, freshKey: true});
		const forged = await makeLeaf({issuer: forger, cn: 'Eva Dvořáková', qualified: true});
		expect(parseCertificate(forged.der).authorityKeyIdentifier).toBe(ski);
		const a = run(parseCertificate(forged.der), {anchors: shipped});
		expect(codes(a)).toEqual(expect.arrayContaining(['SIGNATURE_INVALID', 'ISSUER_NOT_APPROVED', 'CHAIN_INCOMPLETE']));
		expect(a.approval.approved).toBe(false);
	});
});

describe('findings on the certificate itself', async () => {
	const h = await makeCzechHierarchy('Checks');
	const anchors = AnchorSet.empty().withLocal([h.root.der]);
	const ctx = {anchors, companions: [h.qualifiedCa.der, h.commercialCa.der]};
	const now = Date.now();

	it('expired, not yet valid and expiring within 30 days', async () => {
		expect(EXPIRING_SOON_DAYS).toBe(30);
		const expired = await makeLeaf({
			issuer: h.qualifiedCa,
			cn: 'Old',
			qualified: true,
			notBefore: new Date(now - 400 * DAY),
			notAfter: new Date(now - 2 * DAY),
		});
		const a = run(parseCertificate(expired.der), ctx);
		expect(codes(a)).toContain('EXPIRED');
		expect(a.daysLeft).toBeLessThan(0);
		expect(a.registrable).toBe(false);
		const future = await makeLeaf({
			issuer: h.qualifiedCa,
			cn: 'Future',
			qualified: true,
			notBefore: new Date(now + 5 * DAY),
			notAfter: new Date(now + 400 * DAY),
		});
		expect(codes(run(parseCertificate(future.der), ctx))).toContain('NOT_YET_VALID');
		const soon = await makeLeaf({issuer: h.qualifiedCa, cn: 'Soon', qualified: true, notAfter: new Date(now + 10 * DAY + 3600_000)});
		const s = run(parseCertificate(soon.der), ctx);
		expect(s.findings.find((f) => f.code === 'EXPIRING_SOON')).toMatchObject({severity: 'warning', params: {days: 10}});
		expect(s.registrable).toBe(true);
		const later = run(parseCertificate(soon.der), {...ctx, now: new Date(now - 30 * DAY)});
		expect(codes(later)).not.toContain('EXPIRING_SOON');
	});

	it('weak signature hash and weak RSA key', async () => {
		const sha1 = await makeLeaf({issuer: h.qualifiedCa, cn: 'Sha1', qualified: true, hash: 'SHA-1'});
		const a = run(parseCertificate(sha1.der), ctx);
		expect(a.findings.find((f) => f.code === 'WEAK_ALGORITHM')).toMatchObject({severity: 'error', params: {algorithm: 'ecdsa-with-SHA1'}});
		expect(a.chain[0]!.signatureVerified).toBe(true);
		const small = await makeLeaf({issuer: h.qualifiedCa, cn: 'Small', qualified: true, keyAlgorithm: 'RSA', rsaBits: 1024, freshKey: true});
		expect(run(parseCertificate(small.der), ctx).findings.find((f) => f.code === 'WEAK_KEY')).toMatchObject({params: {algorithm: 'RSA', bits: 1024}});
	});

	it('self-signed person certificate and unknown critical extension', async () => {
		const self = await makeSelfSignedLeaf('Jan Sám');
		const a = run(parseCertificate(self.der), {anchors: AnchorSet.shipped()});
		expect(codes(a)).toEqual(['SELF_SIGNED', 'COMMERCIAL_NOT_FOR_PORTAL', 'KEY_USAGE_MISSING']);
		expect(a.chain).toEqual([expect.objectContaining({signatureVerified: true})]);
		expect(a.findings[0]!.message).toContain('POZE@ote-cr.cz');
		const odd = await makeLeaf({
			issuer: h.qualifiedCa,
			cn: 'Odd',
			qualified: true,
			extraExtensions: [new x509.Extension('1.3.6.1.4.1.99999.1', true, new Uint8Array([5, 0]))],
		});
		expect(run(parseCertificate(odd.der), ctx).findings.find((f) => f.code === 'UNKNOWN_CRITICAL_EXTENSION')).toMatchObject({
			severity: 'error',
			params: {oids: '1.3.6.1.4.1.99999.1'},
		});
	});

	it('issuing CA not valid when the certificate was issued, or expired since', async () => {
		const deadCa = await makeCa({cn: 'Dead CA', parent: h.root, notBefore: new Date(now - 900 * DAY), notAfter: new Date(now - 100 * DAY)});
		const late = await makeLeaf({issuer: deadCa, cn: 'Late', qualified: true});
		const a = run(parseCertificate(late.der), {anchors, companions: [deadCa.der]});
		expect(a.findings.find((f) => f.code === 'ISSUER_CA_EXPIRED')).toMatchObject({severity: 'error'});
		const oldCa = await makeCa({cn: 'Ended CA', parent: h.root, notBefore: new Date(now - 900 * DAY), notAfter: new Date(now - 10 * DAY)});
		const survivor = await makeLeaf({issuer: oldCa, cn: 'Survivor', qualified: true, notBefore: new Date(now - 50 * DAY), notAfter: new Date(now + 300 * DAY)});
		const b = run(parseCertificate(survivor.der), {anchors, companions: [oldCa.der]});
		expect(b.findings.find((f) => f.code === 'ISSUER_CA_EXPIRED')).toMatchObject({severity: 'warning'});
	});

	it('kinds and uses: qualified seal, commercial, website, and key usage that does not agree', async () => {
		const seal = run(parseCertificate((await makeLeaf({issuer: h.qualifiedCa, cn: 'Teplárna – pečeť', qualified: true, qcType: 'eseal'})).der), ctx);
		expect(fitting(seal)).toEqual(['automatic-mark']);
		expect(seal.uses.find((u) => u.use === 'portal-login')!.reason).toMatch(/seal/);

		const commercial = run(parseCertificate((await makeLeaf({issuer: h.commercialCa, cn: 'Jan Novák'})).der), ctx);
		expect(commercial.approval.kind).toBe('commercial');
		expect(fitting(commercial)).toEqual(['ote-com-login', 'encrypted-email']);
		expect(codes(commercial)).toEqual(['ISSUER_ADDED_LOCALLY', 'COMMERCIAL_NOT_FOR_PORTAL']);

		const signOnly = run(
			parseCertificate((await makeLeaf({issuer: h.commercialCa, cn: 'Sign only', keyUsage: ['digitalSignature'], eku: [EKU.clientAuth]})).der),
			ctx,
		);
		expect(fitting(signOnly)).toEqual(['ote-com-login']);
		// The parameter is the use's code; its label is put in at the edge.
		const missing = signOnly.findings.find((f) => f.code === 'KEY_USAGE_MISSING');
		expect(missing).toMatchObject({severity: 'warning', params: {use: 'encrypted-email'}});
		expect(missing?.message).toContain('encrypted e-mail with CS OTE');

		const encOnly = run(
			parseCertificate((await makeLeaf({issuer: h.qualifiedCa, cn: 'Enc only', qualified: true, keyUsage: ['keyEncipherment'], eku: [EKU.serverAuth]})).der),
			ctx,
		);
		expect(fitting(encOnly)).toEqual([]);
		expect(encOnly.findings.filter((f) => f.code === 'KEY_USAGE_MISSING').map((f) => f.severity)).toEqual(['error', 'error']);
		expect(encOnly.registrable).toBe(false);

		const webCa = run(
			parseCertificate(
				(await makeLeaf({issuer: h.qualifiedCa, cn: 'www.example.cz', qualified: true, policies: ['0.4.0.194112.1.4'], eku: [EKU.serverAuth]})).der,
			),
			ctx,
		);
		expect(fitting(webCa)).toEqual([]);
	});

	it('speaks Czech with diacritics and plural forms', async () => {
		setLang('cs');
		const soon = await makeLeaf({issuer: h.qualifiedCa, cn: 'Brzy', qualified: true, notAfter: new Date(now + 3 * DAY + 3600_000)});
		const a = run(parseCertificate(soon.der), ctx);
		expect(a.findings.find((f) => f.code === 'EXPIRING_SOON')!.message).toMatch(/^Certifikát vyprší za 3 dny \(\d+\. \d+\. \d{4}\)/);
		expect(a.uses[0]!.reason).toBe('Hodí se.');
		expect(t('trust.advice.unknownIssuer', {}, 'cs')).toMatch(/Services@ote-cr\.cz.*POZE@ote-cr\.cz/);
		expect(t('trust.advice.unknownIssuer', {}, 'en')).toMatch(/I\.CA.*PostSignum.*eIdentity.*NetLock/);
	});
});

describe('coverage of finding codes', () => {
	it('every code the trust engine owns was produced by a test above', () => {
		const owned: FindingCode[] = [
			'EXPIRED',
			'NOT_YET_VALID',
			'EXPIRING_SOON',
			'ISSUER_NOT_APPROVED',
			'ISSUER_NOT_ON_OTE_LIST',
			'ISSUER_SUCCESSOR_NOT_LISTED',
			'ISSUER_ADDED_LOCALLY',
			'CHAIN_INCOMPLETE',
			'SIGNATURE_INVALID',
			'WEAK_ALGORITHM',
			'WEAK_KEY',
			'KEY_USAGE_MISSING',
			'SELF_SIGNED',
			'CA_CERTIFICATE',
			'COMMERCIAL_NOT_FOR_PORTAL',
			'UNKNOWN_CRITICAL_EXTENSION',
			'ISSUER_CA_EXPIRED',
		];
		expect(owned.filter((c) => !produced.has(c))).toEqual([]);
	});
});
