// Which certificate goes where, read from real certificates (test PKI, judged by the trust engine): the
// role proposed and why, roles that contradict the certificate, which two make a pair, and the order in
// which a source's certificates are listed.
import {describe, expect, it} from 'vitest';
import {certRecordFrom} from '../../source/account/records.js';
import {candidateGroup, entryFacts, orderCandidates, proposePair, proposeRoles, roleContradictions} from '../../source/account/roles.js';
import {parseCertificate} from '../../source/certificate/parse.js';
import {AnchorSet} from '../../source/trust/anchors.js';
import {assessed} from '../helpers/assess.js';
import type {Assessment} from '../../source/trust/types.js';
import {EKU, makeCzechHierarchy, makeLeaf, POLICY, type MakeLeafOptions} from '../helpers/pki.js';

const h = await makeCzechHierarchy('Roles');
const anchors = AnchorSet.empty().withLocal([h.root.der]);
const HOLDER = {cn: 'Jana Nováková', org: 'Plynárna a.s.', ico: '12345678'};

async function judged(options: Partial<MakeLeafOptions> & {issuer: MakeLeafOptions['issuer']}): Promise<Assessment> {
	const leaf = await makeLeaf({...HOLDER, ...options});
	return assessed(parseCertificate(leaf.der), {anchors, companions: [h.qualifiedCa.der, h.commercialCa.der]});
}
const qualified = (extra: Partial<MakeLeafOptions> = {}) =>
	judged({issuer: h.qualifiedCa, qualified: true, qcType: 'esign', sscd: true, policies: [POLICY.qcpNaturalQscd], ...extra});
const commercial = (extra: Partial<MakeLeafOptions> = {}) =>
	judged({issuer: h.commercialCa, keyUsage: ['digitalSignature', 'keyEncipherment'], eku: [EKU.clientAuth, EKU.emailProtection], ...extra});
const member = (a: Assessment) => ({assessment: a, record: certRecordFrom(a.certificate, '/tmp/x.cer', a.approval.kind)});

const signing = await qualified({keyUsage: ['nonRepudiation']});
const both = await qualified();
const access = await commercial();

describe('the role proposed from the certificate', () => {
	it('a qualified certificate with nonRepudiation only signs', () => {
		expect(signing.registrable).toBe(true);
		expect(proposeRoles(signing)).toEqual({fitting: ['sign'], proposed: ['sign'], reason: 'QUALIFIED_SIGNING'});
	});

	it('a commercial certificate with clientAuth authenticates', () => {
		expect(access.registrable).toBe(true);
		expect(proposeRoles(access)).toEqual({fitting: ['auth'], proposed: ['auth'], reason: 'COMMERCIAL_CLIENT_AUTH'});
	});

	it('a qualified certificate with digitalSignature and nonRepudiation may fill both roles', () => {
		expect(proposeRoles(both)).toEqual({fitting: ['auth', 'sign'], proposed: ['auth', 'sign'], reason: 'QUALIFIED_BOTH'});
	});

	it('a certificate that fits no role leaves the choice to the person', async () => {
		const seal = await commercial({eku: [EKU.serverAuth], keyUsage: ['keyEncipherment']});
		expect(proposeRoles(seal)).toEqual({fitting: ['auth', 'sign'], proposed: ['auth', 'sign'], reason: 'NOTHING_FITS'});
	});
});

describe('a role that contradicts the certificate', () => {
	it('a nonRepudiation-only certificate for authentication', () => {
		expect(roleContradictions(signing, ['auth'])).toEqual(['AUTH_WITHOUT_DIGITAL_SIGNATURE']);
		expect(roleContradictions(signing, ['sign'])).toEqual([]);
	});

	it('a commercial certificate for signing', () => {
		expect(roleContradictions(access, ['sign'])).toEqual(['SIGN_NOT_QUALIFIED']);
		expect(roleContradictions(access, ['auth'])).toEqual([]);
	});

	it('nothing for a role the certificate fits', () => {
		expect(roleContradictions(both, ['auth', 'sign'])).toEqual([]);
	});
});

describe('two certificates as one pair', () => {
	it('the qualified one signs and the commercial one authenticates, whichever comes first', () => {
		expect(proposePair(member(signing), member(access))).toEqual({kind: 'pair', auth: 1, sign: 0, reasons: ['QUALIFIED_SIGNING', 'COMMERCIAL_CLIENT_AUTH']});
		expect(proposePair(member(access), member(signing))).toMatchObject({kind: 'pair', auth: 0, sign: 1});
	});

	it('is refused for two holders, an unregistrable half, the same certificate twice, or no split of roles', async () => {
		const stranger = await commercial({cn: 'Petr Cizí', ico: '87654321'});
		expect(proposePair(member(signing), member(stranger))).toMatchObject({kind: 'refused', code: 'PAIR_DIFFERENT_HOLDERS'});
		const expired = await commercial({notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000)});
		expect(proposePair(member(signing), member(expired))).toMatchObject({kind: 'refused', code: 'PAIR_NOT_REGISTRABLE', params: {n: 2}});
		expect(proposePair(member(signing), member(signing))).toMatchObject({kind: 'refused', code: 'PAIR_SAME_CERTIFICATE'});
		const otherSigning = await qualified({keyUsage: ['nonRepudiation']});
		expect(proposePair(member(signing), member(otherSigning))).toMatchObject({kind: 'refused', code: 'PAIR_NO_ROLE_SPLIT'});
	});
});

describe('the order of a source’s certificates', () => {
	it('keyed first, then other end-entity certificates, CA certificates last; stable within a group', () => {
		const items = [
			{name: 'ca-1', isCA: true, keyMatches: null, hasKey: false},
			{name: 'loose', isCA: false, keyMatches: null, hasKey: false},
			{name: 'auth', isCA: false, keyMatches: null, hasKey: true},
			{name: 'ca-2', isCA: true, keyMatches: null},
			{name: 'p12', isCA: false, keyMatches: true},
			{name: 'unknown', isCA: false, keyMatches: null},
		];
		const ordered = orderCandidates(items, (i) => entryFacts(i, i.isCA));
		expect(ordered.map((o) => `${o.item.name}:${o.group}`)).toEqual(['auth:keyed', 'p12:keyed', 'loose:other', 'unknown:other', 'ca-1:ca', 'ca-2:ca']);
	});

	it('a .p12 key that does not match is no key', () => {
		expect(entryFacts({keyMatches: false}, false)).toEqual({isCA: false, hasKey: false});
		expect(candidateGroup(entryFacts({keyMatches: false}, false))).toBe('other');
	});
});
