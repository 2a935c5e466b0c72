import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {dnAttribute} from '../../source/certificate/dn.js';
import {parseCertificate} from '../../source/certificate/parse.js';
import {pemBlocks} from '../../source/certificate/pem.js';

const ANCHORS = new URL('../../source/trust/anchors/', import.meta.url).pathname;

describe('dnAttribute', () => {
	it('keeps an escaped comma inside the value (the shipped I.CA CA of 2009)', () => {
		const dn =
			'OU=I.CA - Accredited Provider of Certification Services,O=První certifikační autorita\\, a.s.,CN=I.CA - Qualified Certification Authority\\, 09/2009,C=CZ';
		expect(dnAttribute(dn, 'CN')).toBe('I.CA - Qualified Certification Authority, 09/2009');
		expect(dnAttribute(dn, 'O')).toBe('První certifikační autorita, a.s.');
		expect(dnAttribute(dn, 'C')).toBe('CZ');
	});

	it('reads multi-valued RDNs, escaped specials and hex pairs, and no text that only looks like a type', () => {
		expect(dnAttribute('OU=a CN=b,CN=Jan\\+Eva+serialNumber=ICA - 1', 'CN')).toBe('Jan+Eva');
		expect(dnAttribute('CN=a\\\\b\\"c\\;d', 'cn')).toBe('a\\b"c;d');
		expect(dnAttribute('CN=\\C4\\8Cesk\\C3\\A1', 'CN')).toBe('Česká');
		expect(dnAttribute('O=x', 'CN')).toBeNull();
	});

	it('reads back every CN parse.ts writes for the shipped CAs', () => {
		for (const file of ['ica-qualified-ca-2009.pem', 'postsignum-qualified-ca-4.pem', 'ica-qualified-root-pseudonym-2002.pem']) {
			const info = parseCertificate(pemBlocks(readFileSync(`${ANCHORS}${file}`, 'utf8')).blocks[0]!.der);
			expect(dnAttribute(info.subject, 'CN'), file).toBe(info.subjectCN);
		}
	});
});
