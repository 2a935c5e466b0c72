import {describe, expect, it} from 'vitest';
import {formatPkcs11Uri, isPkcs11Uri, parsePkcs11Uri, tokenMatches} from '../../source/sources/pkcs11/uri.js';
import {SourceError} from '../../source/sources/types.js';

const code = (f: () => unknown) => {
	try {
		f();
		return 'ok';
	} catch (e) {
		return e instanceof SourceError ? e.code : String(e);
	}
};

describe('RFC 7512 URIs', () => {
	it('parses the RFC examples', () => {
		expect(parsePkcs11Uri('pkcs11:object=my-pubkey;type=public')).toEqual({object: 'my-pubkey', type: 'public', vendor: {}});
		const u = parsePkcs11Uri(
			'pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=',
		);
		expect(u).toMatchObject({
			token: 'The Software PKCS#11 Softtoken',
			manufacturer: 'Snake Oil, Inc.',
			model: '1.0',
			object: 'my-certificate',
			type: 'cert',
			serial: '',
		});
		expect(Buffer.from(u.id!).toString('hex')).toBe('69953e5cf4bdec91');
		expect(parsePkcs11Uri('pkcs11:token=A?module-path=/usr/lib/p11/x.so').modulePath).toBe('/usr/lib/p11/x.so');
		expect(parsePkcs11Uri('pkcs11:').vendor).toEqual({});
		expect(parsePkcs11Uri('pkcs11:slot-id=3;x-vendor=yes?x-nss-configdir=sql:/h').slotId).toBe(3);
	});

	it('round-trips Czech labels, separators and binary ids', () => {
		const original = {
			token: 'Karta Jiří Novák; č.1',
			serial: '0042',
			object: 'Podpis?/kvalifikovaný=ano&více%',
			id: new Uint8Array([0, 1, 0xfe, 0x41]),
			type: 'cert' as const,
			modulePath: '/opt/I.CA lib/libICASecureStorePkcs11.so',
		};
		const text = formatPkcs11Uri(original);
		expect(text).toMatch(/^pkcs11:[A-Za-z0-9\-._~%;=]*\?module-path=[A-Za-z0-9\-._~%/]+$/);
		expect(text).toContain('id=%00%01%fe%41');
		const back = parsePkcs11Uri(text);
		expect(back).toMatchObject({token: original.token, serial: '0042', object: original.object, type: 'cert', modulePath: original.modulePath});
		expect(Array.from(back.id!)).toEqual([0, 1, 0xfe, 0x41]);
	});

	it('refuses PINs, unknown attributes, duplicates and broken encoding', () => {
		expect(code(() => parsePkcs11Uri('pkcs11:token=A?pin-value=1234'))).toBe('BAD_URI');
		expect(code(() => parsePkcs11Uri('pkcs11:token=A?pin-source=file:/p'))).toBe('BAD_URI');
		expect(code(() => parsePkcs11Uri('pkcs11:tokn=A'))).toBe('BAD_URI');
		expect(code(() => parsePkcs11Uri('pkcs11:token=A;token=B'))).toBe('BAD_URI');
		expect(code(() => parsePkcs11Uri('pkcs11:token=%zz'))).toBe('BAD_URI');
		expect(code(() => parsePkcs11Uri('pkcs11:type=key'))).toBe('BAD_URI');
		expect(code(() => parsePkcs11Uri('/home/a/cert.der'))).toBe('BAD_URI');
		expect(isPkcs11Uri('PKCS11:token=a')).toBe(true);
		expect(isPkcs11Uri('cert.pem')).toBe(false);
	});

	it('matches tokens on the attributes present only', () => {
		const token = {label: 'A', manufacturer: 'M', model: 'X', serial: '1'};
		expect(tokenMatches(parsePkcs11Uri('pkcs11:'), token)).toBe(true);
		expect(tokenMatches(parsePkcs11Uri('pkcs11:token=A;serial=1'), token)).toBe(true);
		expect(tokenMatches(parsePkcs11Uri('pkcs11:token=A;serial=2'), token)).toBe(false);
	});
});
