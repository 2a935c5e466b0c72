import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {pemBlocks} from '../../source/certificate/pem.js';
import {describe, expect, it} from 'vitest';
import data from '../../source/trust/anchors.gen.json' with {type: 'json'};
import {CertificateParseError, nameKeys, parseCertificate} from '../../source/certificate/parse.js';
import {AnchorSet, LocalAnchorError, LOCAL_AUTHORITY, TRUST_DATA_DATE, describeAnchors} from '../../source/trust/anchors.js';
import {makeCzechHierarchy, makeLeaf} from '../helpers/pki.js';

const pemDer = (file: string): Uint8Array => pemBlocks(readFileSync(`source/trust/anchors/${file}`, 'utf8')).blocks[0]!.der;

describe('shipped anchors', () => {
	it('the generated JSON is in sync with the PEM files and manifest', () => {
		const run = spawnSync(process.execPath, ['scripts/gen-trust.mjs', '--check'], {encoding: 'utf8'});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
	});

	it('holds every PEM byte for byte, with name keys equal to the parser’s', () => {
		expect(data.anchors).toHaveLength(58);
		for (const row of data.anchors) {
			const der = pemDer(row.file);
			expect(Buffer.from(row.der, 'base64').equals(Buffer.from(der)), row.file).toBe(true);
			expect(row.subjectKey, row.file).toBe(nameKeys(der).subjectKey);
		}
	});

	it('finds CAs by key id and by name and parses them on demand', () => {
		const set = AnchorSet.shipped();
		const byFile = set.all().find((a) => a.file === 'ica-root-ca-rsa-2022.pem')!;
		expect(set.bySki(byFile.subjectKeyIdentifier!.toUpperCase())).toEqual([byFile]);
		const info = set.info(byFile);
		expect(info.subjectCN).toBe('I.CA Root CA/RSA 05/2022');
		expect(set.bySki(byFile.subjectKeyIdentifier!)).toContain(byFile);
		expect(set.bySubjectKey(nameKeys(byFile.der).subjectKey)).toEqual([byFile]);
		expect(set.bySha256(byFile.sha256)).toBe(byFile);
		expect(AnchorSet.shipped()).toBe(set);
	});

	it('describes the list with its date, sources and approval per CA', () => {
		const listing = describeAnchors(AnchorSet.shipped());
		expect(listing.date).toBe('2026-11-28');
		expect(TRUST_DATA_DATE).toBe('2026-11-28');
		expect(listing.approvedAuthorities).toEqual(['I.CA', 'PostSignum', 'eIdentity', 'NetLock']);
		expect(listing.sources.length).toBeGreaterThan(5);
		expect(listing.sources).toContainEqual(expect.objectContaining({repo: 'esig/dss'}));
		const row = (file: string) => listing.anchors.find((a) => a.file === file)!;
		expect(row('ica-eu-qualified-ca2-rsa-2022.pem')).toMatchObject({
			authority: 'I.CA',
			kind: 'qualified',
			usage: 'end-entity',
			listed: false,
			approved: true,
			origin: 'anchor',
		});
		expect(row('postsignum-qualified-ca-3.pem')).toMatchObject({listed: true, approved: true, notAfter: '2024-03-26T07:00:36Z'});
		expect(row('ica-public-ca-rsa-2022.pem')).toMatchObject({kind: 'commercial', approved: true});
		expect(row('szr-nca-subca1-rsa-2022.pem')).toMatchObject({authority: 'SZR (NCA)', approved: false});
		expect(row('kb-qualified-ca-rsa.pem')).toMatchObject({approved: false});
		expect(row('ica-tsa-ca-rsa-2022-06.pem')).toMatchObject({usage: 'timestamping', approved: false});
		expect(row('ica-tls-ev-ca-rsa-2022.pem')).toMatchObject({usage: 'tls', approved: false});
		expect(row('ica-root-ca-rsa-2022.pem')).toMatchObject({kind: 'root', approved: false});
		expect(listing.anchors.filter((a) => a.approved)).toHaveLength(
			data.anchors.filter((a) => a.usage === 'end-entity' && ['I.CA', 'PostSignum', 'eIdentity', 'NetLock'].includes(a.authority)).length,
		);
		expect(JSON.parse(JSON.stringify(listing))).toEqual(listing);
	});
});

describe('locally added anchors', async () => {
	const h = await makeCzechHierarchy('Local');
	it('are marked added locally and approved', () => {
		const set = AnchorSet.shipped().withLocal([h.root.der, h.qualifiedCa.der], ['my-root.pem', 'my-ca.pem']);
		expect(set.size).toBe(60);
		const rows = describeAnchors(set).anchors.filter((a) => a.origin === 'local');
		expect(rows).toEqual([
			expect.objectContaining({file: 'my-root.pem', authority: LOCAL_AUTHORITY, kind: 'root', usage: 'ca', approved: true}),
			expect.objectContaining({file: 'my-ca.pem', authority: LOCAL_AUTHORITY, usage: 'end-entity', approved: true}),
		]);
		expect(AnchorSet.shipped().size).toBe(58);
	});
	it('ignore a shipped CA added again and duplicates', () => {
		const set = AnchorSet.shipped().withLocal([pemDer('postsignum-qualified-ca-4.pem'), h.root.der, h.root.der]);
		expect(set.size).toBe(59);
	});
	it('refuse a person’s certificate and garbage', async () => {
		const leaf = await makeLeaf({issuer: h.commercialCa, cn: 'Not a CA'});
		expect(() => AnchorSet.shipped().withLocal([leaf.der], ['leaf.pem'])).toThrow(LocalAnchorError);
		expect(() => AnchorSet.shipped().withLocal([leaf.der], ['leaf.pem'])).toThrow(/leaf\.pem: .*Not a CA.* is not a CA certificate/);
		expect(() => AnchorSet.shipped().withLocal([new Uint8Array([1, 2, 3])])).toThrow(CertificateParseError);
	});
	it('are parsed like any certificate', () => {
		const set = AnchorSet.empty().withLocal([h.root.der]);
		expect(set.info(set.all()[0]!).subjectCN).toBe(parseCertificate(h.root.der).subjectCN);
	});
});
