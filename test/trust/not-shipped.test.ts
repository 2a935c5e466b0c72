// A CA the shipped list does not have yet: an issuer carrying an approved authority's name gets
// ISSUER_NOT_SHIPPED naming the authority and where it publishes its CA certificates, and stays
// refused; only the CA certificate itself (--trust) can make it pass, never the name alone.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseCertificate} from '../../source/certificate/parse.js';
import {setLang} from '../../source/i18n/index.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {assessed} from '../helpers/assess.js';
import type {Assessment} from '../../source/trust/types.js';
import {cleanEnv, parseJson, requireBuild, runCli} from '../cli/helpers.js';
import {type CaHandle, type LeafHandle, makeCa, makeLeaf, rawName} from '../helpers/pki.js';

// eIdentity's CA names, as in its shipped ACAeID3.2: C, O, organizationIdentifier, OU, CN.
const eIdentityName = (cn: string, org = 'eIdentity a.s.', orgId = 'VATCZ-27112489') =>
	rawName([
		{oid: '2.5.4.6', value: 'CZ', kind: 'printable'},
		{oid: '2.5.4.10', value: org},
		{oid: '2.5.4.97', value: orgId},
		{oid: '2.5.4.11', value: 'Qualified Trust Service Provider'},
		{oid: '2.5.4.3', value: cn},
	]);

let standIn: CaHandle;
let leaf: LeafHandle;
let dir: string;

beforeAll(async () => {
	// Same subject as eIdentity's ACAeID3.3, its own key.
	standIn = await makeCa({cn: '', subjectDer: eIdentityName('ACAeID3.3 - Issuing Certificate'), freshKey: true});
	leaf = await makeLeaf({issuer: standIn, cn: 'Jan Novák', org: 'Energie s.r.o.', ico: '12345678', qualified: true, qcType: 'esign'});
	dir = await mkdtemp(path.join(tmpdir(), 'ote-not-shipped-'));
});

afterAll(async () => {
	setLang('en');
	if (dir) await rm(dir, {recursive: true, force: true});
});

const issuerFindings = (a: Assessment) => a.findings.filter((f) => f.code.startsWith('ISSUER_'));

describe('ISSUER_NOT_SHIPPED', () => {
	it('a stand-in "ACAeID3.3" names eIdentity, says where its CA certificates are and how to add one, and is refused', () => {
		const a = assessed(parseCertificate(leaf.der), {anchors: AnchorSet.shipped()});
		expect(issuerFindings(a)).toMatchObject([
			{code: 'ISSUER_NOT_SHIPPED', severity: 'error', params: {issuer: 'ACAeID3.3 - Issuing Certificate', authority: 'eIdentity'}},
		]);
		const message = issuerFindings(a)[0]!.message;
		expect(message).toContain('www.eidentity.cz');
		expect(message).toContain('--trust FILE');
		expect(a.registrable).toBe(false);
		expect(a.approval).toMatchObject({approved: false, authority: null});
		setLang('cs');
		const cs = assessed(parseCertificate(leaf.der), {anchors: AnchorSet.shipped()});
		expect(issuerFindings(cs)[0]!.message).toContain('--trust SOUBOR');
	});

	it('with --trust the stand-in CA certificate, it passes as added locally', () => {
		const a = assessed(parseCertificate(leaf.der), {anchors: AnchorSet.shipped().withLocal([standIn.der])});
		expect(issuerFindings(a).map((f) => f.code)).toEqual(['ISSUER_ADDED_LOCALLY']);
		expect(a.approval).toMatchObject({approved: true, addedLocally: true});
		expect(a.registrable).toBe(true);
	});

	it('the organizationIdentifier alone is enough to name the authority; an unrelated name is simply not approved', async () => {
		const byId = await makeCa({cn: '', subjectDer: eIdentityName('CCAeID3.3 - Issuing Certificate', 'Někdo jiný s.r.o.'), freshKey: true});
		const a = assessed(parseCertificate((await makeLeaf({issuer: byId, cn: 'Eva'})).der), {anchors: AnchorSet.shipped()});
		expect(issuerFindings(a)).toMatchObject([{code: 'ISSUER_NOT_SHIPPED', params: {authority: 'eIdentity'}}]);

		const unrelated = await makeCa({cn: 'Random CA', org: 'Random Trust s.r.o.', freshKey: true});
		const b = assessed(parseCertificate((await makeLeaf({issuer: unrelated, cn: 'Eva'})).der), {anchors: AnchorSet.shipped()});
		expect(issuerFindings(b).map((f) => f.code)).toEqual(['ISSUER_NOT_APPROVED']);
	});

	it('a look-alike of a CA that IS shipped stays a look-alike (its name is not enough)', async () => {
		const fake = await makeCa({cn: '', subjectDer: eIdentityName('ACAeID3.2 - Issuing Certificate'), freshKey: true});
		const a = assessed(parseCertificate((await makeLeaf({issuer: fake, cn: 'Eva', qualified: true})).der), {anchors: AnchorSet.shipped()});
		expect(issuerFindings(a).map((f) => f.code)).toEqual(['ISSUER_NOT_APPROVED']);
		expect(issuerFindings(a)[0]!.message).toMatch(/same name|jmenuje stejně/);
		expect(a.registrable).toBe(false);
	});

	it('the built CLI: inspect refuses it (exit 1) with ISSUER_NOT_SHIPPED, and accepts it with --trust', async () => {
		requireBuild();
		const pem = path.join(dir, 'leaf.pem');
		const caFile = path.join(dir, 'acaeid33-stand-in.pem');
		await writeFile(pem, leaf.pem);
		await writeFile(caFile, standIn.pem);
		const env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'config')});
		const refused = await runCli(['inspect', pem, '--json', '--offline'], {env, cwd: dir});
		expect(refused.code).toBe(1);
		const [item] = parseJson<Array<{findings: Array<{code: string; message: string}>}>>(refused);
		expect(item!.findings.find((f) => f.code === 'ISSUER_NOT_SHIPPED')?.message).toContain('eIdentity');
		const trusted = await runCli(['inspect', pem, '--json', '--offline', '--trust', caFile], {env, cwd: dir});
		expect(trusted.code, trusted.stderr).toBe(0);
		const [ok] = parseJson<Array<{findings: Array<{code: string}>; registrable: boolean}>>(trusted);
		expect(ok!.registrable).toBe(true);
		expect(ok!.findings.map((f) => f.code)).toContain('ISSUER_ADDED_LOCALLY');
	});
});
