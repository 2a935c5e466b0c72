// Serial numbers as `openssl x509 -serial` prints them, for the serials where a careless form differs:
// a leading zero nibble (01669B87), a high bit (DER 00 8F…), and every shipped CA certificate.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {parseCertificate} from '../../source/certificate/parse.js';
import {pemBlocks} from '../../source/certificate/pem.js';
import {sameSerial, serialForm} from '../../source/certificate/serial.js';
import {opensslSelfSigned, requireOpenssl} from '../helpers/openssl.js';

const ANCHORS = new URL('../../source/trust/anchors/', import.meta.url).pathname;
let dir: string;

const opensslSerial = (file: string): string =>
	execFileSync('openssl', ['x509', '-in', file, '-noout', '-serial'], {encoding: 'utf8'})
		.trim()
		.replace(/^serial=/, '');

/** A self-signed certificate with the given serial, made by openssl itself. */
const certWithSerial = (serial: string): string => opensslSelfSigned(dir, serial, {subject: '/CN=Serial Test', serial}).pem;

const derOf = (file: string) => pemBlocks(readFileSync(file, 'utf8')).blocks[0]!.der;

beforeAll(() => {
	requireOpenssl();
	dir = mkdtempSync(path.join(tmpdir(), 'ote-serial-'));
});

afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

describe('serial numbers as openssl shows them', () => {
	// 01669B87: leading zero nibble; 8F1234 and F0…01: high bit, so DER adds a 00 octet openssl does not show.
	for (const serial of ['01669B87', '1669B87', '8F1234', '00A1', '0FF0', '80', '7F', 'F0000000000000000000000000000001', '01']) {
		it(`0x${serial}`, () => {
			const file = certWithSerial(serial);
			const ours = parseCertificate(derOf(file)).serialNumber;
			expect(ours).toBe(opensslSerial(file));
			expect(ours).toMatch(/^([0-9A-F]{2})+$/);
		});
	}

	it('every shipped CA certificate: the same as openssl, and the same serial as its manifest entry', () => {
		const manifest = JSON.parse(readFileSync(`${ANCHORS}manifest.json`, 'utf8')) as Array<{file: string; serialNumber: string}>;
		const files = readdirSync(ANCHORS).filter((f) => f.endsWith('.pem'));
		expect(manifest.map((m) => m.file).sort()).toEqual(files.sort());
		let differentSpelling = 0;
		for (const m of manifest) {
			const ours = parseCertificate(derOf(`${ANCHORS}${m.file}`)).serialNumber;
			expect(ours, m.file).toBe(opensslSerial(`${ANCHORS}${m.file}`));
			expect(sameSerial(m.serialNumber, ours), m.file).toBe(true);
			if (m.serialNumber !== ours) differentSpelling++;
		}
		// The manifest spells serials its own way (lowercase, no leading zero): the comparison must normalise.
		expect(differentSpelling).toBeGreaterThan(0);
	});

	it('serialForm: one spelling for every way a serial is written; other text untouched', () => {
		expect(serialForm('1669b87')).toBe('01669B87');
		expect(serialForm('01669b87')).toBe('01669B87');
		expect(serialForm('008f1234')).toBe('8F1234');
		expect(serialForm('8f:12:34')).toBe('8F1234');
		expect(serialForm('0')).toBe('00');
		expect(serialForm('not hex')).toBe('not hex');
		expect(sameSerial('5f5e534', '05F5E534')).toBe(true);
		expect(sameSerial('5f5e534', '05F5E535')).toBe(false);
	});
});
