import {describe, expect, it} from 'vitest';
import type {CertificateInfo} from '../../source/certificate/types.js';
import {certRecordFrom} from '../../source/account/records.js';

function info(overrides: Partial<CertificateInfo['identity']> & {cn?: string | null}): CertificateInfo {
	return {
		der: new Uint8Array([1, 2, 3]),
		subject: 'CN=Jana Nováková\u001b[2J, O=Firma',
		issuer: 'CN=I.CA EU Qualified CA2/RSA 06/2022',
		subjectCN: overrides.cn === undefined ? 'Jana Nováková' : overrides.cn,
		issuerCN: 'I.CA EU Qualified CA2/RSA 06/2022',
		serialNumber: '0A1B',
		notBefore: new Date('2025-01-01T00:00:00Z'),
		notAfter: new Date('2027-01-01T00:00:00Z'),
		fingerprints: {sha256: 'AB'.repeat(32), sha1: 'CD'.repeat(20)},
		signatureAlgorithm: 'sha256WithRSAEncryption',
		signatureHash: 'SHA-256',
		publicKey: {algorithm: 'RSA', bits: 2048, curve: null},
		subjectKeyIdentifier: null,
		authorityKeyIdentifier: null,
		isCA: false,
		selfSigned: false,
		keyUsage: ['digitalSignature'],
		extendedKeyUsage: [],
		policies: [],
		qc: {compliance: true, sscd: true, types: ['esign']},
		identity: {
			name: null,
			organization: 'Firma',
			ico: '12345678',
			icoSource: 'organizationIdentifier',
			caUserId: 'ICA - 1',
			ikMpsv: null,
			email: null,
			...overrides,
		},
		unknownCriticalExtensions: [],
	};
}

describe('certRecordFrom', () => {
	it('keeps public data only, lowercase fingerprints, ISO dates, cleaned text', () => {
		const rec = certRecordFrom(info({}), '/home/j/cert.p12', 'qualified');
		expect(rec).toEqual({
			sha256: 'ab'.repeat(32),
			sha1: 'cd'.repeat(20),
			subject: 'CN=Jana Nováková[2J, O=Firma',
			issuer: 'CN=I.CA EU Qualified CA2/RSA 06/2022',
			serialNumber: '0A1B',
			notBefore: '2025-01-01T00:00:00.000Z',
			notAfter: '2027-01-01T00:00:00.000Z',
			holder: {name: 'Jana Nováková', ico: '12345678', caUserId: 'ICA - 1'},
			source: '/home/j/cert.p12',
			kind: 'qualified',
		});
		expect(Object.keys(rec)).not.toContain('der');
	});

	it('prefers the identity name and empties blank values', () => {
		expect(certRecordFrom(info({name: 'Ing. Jana Nováková', ico: ' '}), 'x', null).holder).toEqual({
			name: 'Ing. Jana Nováková',
			ico: null,
			caUserId: 'ICA - 1',
		});
		expect(certRecordFrom(info({cn: null}), 'x', null).holder.name).toBeNull();
	});
});
