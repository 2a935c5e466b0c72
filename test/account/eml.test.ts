import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {simpleParser, type ParsedMail} from 'mailparser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildRequestEml, formatFingerprint} from '../../source/output/eml.js';
import {fileNames} from '../../source/output/package.js';
import {safeFileStem} from '../../source/certificate/sanitize.js';

let dir: string;
let der: Buffer;
let sha256: string;
let sha1: string;

function openssl(args: string[], cwd: string): string {
	try {
		return execFileSync('openssl', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('openssl is missing: apt-get install openssl');
		throw error;
	}
}

beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'ote-eml-'));
	openssl(
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			'key.pem',
			'-outform',
			'DER',
			'-out',
			'cert.der',
			'-days',
			'365',
			'-utf8',
			'-subj',
			'/CN=Jana Nováková/O=Firma s.r.o./organizationIdentifier=NTRCZ-12345678',
		],
		dir,
	);
	der = readFileSync(path.join(dir, 'cert.der'));
	sha256 = createHash('sha256').update(der).digest('hex');
	sha1 = createHash('sha1').update(der).digest('hex');
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

async function build(overrides: Partial<Parameters<typeof buildRequestEml>[0]> = {}): Promise<{raw: Buffer; mail: ParsedMail}> {
	const raw = await buildRequestEml({
		to: 'Services@ote-cr.cz',
		account: '12345',
		env: {id: 'sandbox', name: 'Sandbox'},
		portalUrl: 'https://portal.sand.ote-cr.cz/',
		slot: 3,
		certificate: {der, fileStem: 'Jana Nováková', sha256, sha1, subject: 'CN=Jana Nováková, O=Firma s.r.o.', notAfter: '2027-05-31T10:00:00.000Z'},
		reason: 'no-valid-certificate',
		date: new Date('2026-06-01T12:00:00Z'),
		...overrides,
	});
	return {raw, mail: await simpleParser(raw)};
}

describe('request.eml', () => {
	it('parses with a real mail parser; the attachment is byte-identical to the certificate', async () => {
		const {raw, mail} = await build();
		expect(mail.to).toMatchObject({value: [{address: 'Services@ote-cr.cz'}]});
		expect(mail.from).toBeUndefined();
		expect(mail.headers.get('x-unsent')).toBe('1');
		expect(mail.attachments).toHaveLength(1);
		const attachment = mail.attachments[0]!;
		expect(attachment.contentType).toBe('application/pkix-cert');
		expect(attachment.filename).toBe('Jana-Novakova.cer');
		expect(Buffer.compare(attachment.content, der)).toBe(0);
		// And what a mail program saves is still the very certificate openssl made.
		const saved = path.join(dir, 'saved.cer');
		writeFileSync(saved, attachment.content);
		expect(openssl(['x509', '-inform', 'DER', '-in', saved, '-noout', '-fingerprint', '-sha256'], dir)).toContain(formatFingerprint(sha256));
		// 7-bit clean on the wire; the Czech subject travels RFC 2047-encoded.
		expect([...raw].every((byte) => byte < 128)).toBe(true);
		expect(raw.toString('ascii')).toMatch(/^Subject: =\?UTF-8\?/m);
	});

	it('carries account, environment, slot and fingerprint in Czech and in English', async () => {
		const {mail} = await build();
		expect(mail.subject).toBe(
			'Žádost o registraci certifikátu do CS OTE (ID 12345, Sandbox) / Request to register a certificate in CS OTE (ID 12345, Sandbox)',
		);
		const text = mail.text ?? '';
		const [czech, english] = text.split('----- English -----');
		expect(czech).toContain('prosím o registraci veřejné části certifikátu');
		expect(czech).toContain('ID uživatele CS OTE: 12345');
		expect(czech).toContain('Prostředí: Sandbox (https://portal.sand.ote-cr.cz/)');
		expect(czech).toContain('Pozice certifikátu (pár): 3 ze 4');
		expect(czech).toContain('Role: přihlašovací i podpisový');
		expect(czech).toContain(`Otisk SHA-256: ${formatFingerprint(sha256)}`);
		expect(czech).toContain('Platnost do: 2027-05-31 10:00 UTC');
		expect(english).toContain('CS OTE user ID: 12345');
		expect(english).toContain('Environment: Sandbox (https://portal.sand.ote-cr.cz/)');
		expect(english).toContain('Certificate slot (pair): 3 of 4');
		expect(english).toContain(`SHA-256 fingerprint: ${formatFingerprint(sha256)}`);
		expect(english).toContain(`SHA-1 fingerprint: ${formatFingerprint(sha1)}`);
		expect(english).toContain('no longer hold a valid registered certificate');
	});

	it('POZE requests go to POZE@ with their own subject and reason; unknown account asks to fill in', async () => {
		const {mail} = await build({to: 'POZE@ote-cr.cz', reason: 'poze-producer', account: 'default', roles: ['sign']});
		expect(mail.to).toMatchObject({value: [{address: 'POZE@ote-cr.cz'}]});
		expect(mail.subject).toContain('Registrace certifikátu výrobce POZE do CS OTE (ID ?, Sandbox)');
		expect(mail.text).toContain('ID uživatele CS OTE: [doplňte]');
		expect(mail.text).toContain('CS OTE user ID: [fill in]');
		expect(mail.text).toContain('Role: podpisový');
		expect(mail.text).toContain('I am a POZE producer');
	});

	it('hostile certificate text cannot inject headers or paths', async () => {
		const {mail} = await build({
			account: '12345\r\nBcc: evil@example.com',
			certificate: {
				der,
				fileStem: '../../etc/pass\u0007wd',
				sha256,
				sha1,
				subject: 'CN=x\r\nBcc: evil@example.com\u001b[2J',
				notAfter: '2027-05-31T10:00:00.000Z',
			},
		});
		expect(mail.bcc).toBeUndefined();
		expect(mail.headers.has('bcc')).toBe(false);
		expect(mail.attachments[0]!.filename).toBe('etc-passwd.cer');
		expect(mail.text).not.toContain('\u001b');
	});

	it('a sender can be given', async () => {
		const {mail} = await build({from: 'jana@firma.cz'});
		expect(mail.from).toMatchObject({value: [{address: 'jana@firma.cz'}]});
	});

	it('names the attachment by the same rule as the package files, so it matches the .cer beside request.eml', async () => {
		for (const stem of ['', 'a:b*c', 'Jiří Novák-1cdcdae8e207']) {
			const {mail} = await build({certificate: {der, fileStem: stem, sha256, sha1, subject: 'CN=x', notAfter: '2027-05-31T10:00:00.000Z'}});
			expect(mail.attachments[0]!.filename).toBe(fileNames(safeFileStem(stem)).cer);
		}
		expect(fileNames(safeFileStem('a:b*c')).cer).toBe('a-b-c.cer');
	});
});
