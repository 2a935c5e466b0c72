import {X509Certificate} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {copyFile, mkdir, readFile, truncate, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import forge from 'node-forge';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {setLang} from '../../source/i18n/index.js';
import {readCertificateFile} from '../../source/sources/files/read.js';
import {SourceError, type SecretProvider, type SecretRequest} from '../../source/sources/types.js';
import {removeDir} from '../helpers/openssl.js';
import {ASCII_PASSWORD, PASSWORD, buildFixtures, type Fixtures} from './fixtures.js';

let f: Fixtures;

beforeAll(async () => {
	setLang('en');
	f = await buildFixtures();
});

afterAll(async () => {
	await removeDir(f.dir);
});

/** A scripted person: answers in order, records every request. */
function person(...answers: Array<string | null>): SecretProvider & {requests: SecretRequest[]} {
	const requests: SecretRequest[] = [];
	const provider = async (request: SecretRequest) => {
		requests.push(request);
		if (answers.length === 0) throw new Error('asked more often than scripted');
		return answers.shift()!;
	};
	return Object.assign(provider, {requests});
}

const noSecret: SecretProvider = async () => {
	throw new Error('no password should be needed');
};

async function failure(promise: Promise<unknown>): Promise<SourceError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(SourceError);
		return error as SourceError;
	}
	throw new Error('expected a SourceError');
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('DER and PEM', () => {
	it('reads a DER .cer exactly as openssl wrote it', async () => {
		const entries = await readCertificateFile(f.files['leaf.cer']!, {secret: noSecret});
		expect(entries).toHaveLength(1);
		expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
		expect(entries[0]!.origin).toEqual({kind: 'file', path: f.files['leaf.cer'], format: 'der', index: 0});
		expect(entries[0]!.keyMatches).toBeNull();
		expect(entries[0]!.companions).toEqual([]);
		// The Czech subject survived the fixture round trip (openssl -utf8).
		expect(new X509Certificate(entries[0]!.der).subject).toContain('CN=Jiří Novák');
	});

	it('reads a single PEM certificate to the same DER', async () => {
		const entries = await readCertificateFile(f.files['leaf.pem']!, {secret: noSecret});
		expect(entries).toHaveLength(1);
		expect(entries[0]!.origin).toMatchObject({format: 'pem', index: 0});
		expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
	});

	it('reads a PEM bundle with junk, CRLF and a key block; certificates are companions of each other', async () => {
		const entries = await readCertificateFile(f.files['bundle.pem']!, {secret: noSecret});
		expect(entries).toHaveLength(2);
		expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
		expect(same(entries[1]!.der, f.ca.certDer)).toBe(true);
		expect(entries[1]!.origin).toMatchObject({format: 'pem', index: 1});
		expect(same(entries[0]!.companions[0]!, f.ca.certDer)).toBe(true);
		expect(same(entries[1]!.companions[0]!, f.leaf.certDer)).toBe(true);
	});

	it('detects by content: a .p12 that is really PEM, a .pem that is DER, a .cer that is bare base64', async () => {
		const fakeP12 = join(f.dir, 'really-pem.p12');
		await copyFile(f.leaf.certPath, fakeP12);
		expect((await readCertificateFile(fakeP12, {secret: noSecret}))[0]!.origin).toMatchObject({format: 'pem'});

		const derAsPem = join(f.dir, 'really-der.pem');
		await writeFile(derAsPem, f.leaf.certDer);
		expect((await readCertificateFile(derAsPem, {secret: noSecret}))[0]!.origin).toMatchObject({format: 'der'});

		const bare = join(f.dir, 'bare.cer');
		await writeFile(
			bare,
			Buffer.from(f.leaf.certDer)
				.toString('base64')
				.replace(/(.{64})/g, '$1\r\n'),
		);
		const entries = await readCertificateFile(bare, {secret: noSecret});
		expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
	});

	it('reads a PEM saved by Notepad as UTF-16LE with BOM', async () => {
		const path = join(f.dir, 'notepad.crt');
		await writeFile(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(f.leaf.certPem, 'utf16le')]));
		const entries = await readCertificateFile(path, {secret: noSecret});
		expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
	});

	it('refuses a hostile PEM with an enormous number of blocks, naming the limit; 500 certificates still read', async () => {
		const path = join(f.dir, 'many.pem');
		await writeFile(path, f.ca.certPem.repeat(10_050));
		const error = await failure(readCertificateFile(path, {secret: noSecret, maxBytes: 64 * 1024 * 1024}));
		expect(error.code).toBe('TOO_LARGE');
		expect(error.message).toContain('more than 500 certificates');
		await writeFile(path, f.ca.certPem.repeat(500));
		const entries = await readCertificateFile(path, {secret: noSecret, maxBytes: 64 * 1024 * 1024});
		expect(entries).toHaveLength(500);
		expect(entries[0]!.companions).toHaveLength(200);
	});

	it('stays fast on thousands of BEGIN lines without END (no quadratic scan)', async () => {
		const path = join(f.dir, 'begins.pem');
		await writeFile(path, '-----BEGIN CERTIFICATE-----\nAAAA\n'.repeat(150_000));
		const error = await failure(readCertificateFile(path, {secret: noSecret}));
		expect(error.code).toBe('UNSUPPORTED_FORMAT');
	});
});

describe('PKCS#12', () => {
	for (const name of ['modern.p12', 'legacy.pfx']) {
		it(`${name}: right password opens it, key matched in memory, CA certificates become companions`, async () => {
			const secret = person(ASCII_PASSWORD);
			const entries = await readCertificateFile(f.files[name]!, {secret});
			expect(secret.requests).toEqual([{kind: 'password', target: name, retry: false}]);
			expect(entries).toHaveLength(1);
			expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
			expect(entries[0]!.keyMatches).toBe(true);
			expect(entries[0]!.origin).toMatchObject({kind: 'file', format: 'pkcs12'});
			expect(entries[0]!.companions.some((c) => same(c, f.ca.certDer))).toBe(true);
			if (name === 'modern.p12') expect(entries[0]!.companions.some((c) => same(c, f.root.certDer))).toBe(true);
		});

		it(`${name}: a wrong password is asked again with retry=true`, async () => {
			const secret = person('wrong', 'also wrong', ASCII_PASSWORD);
			const entries = await readCertificateFile(f.files[name]!, {secret});
			expect(secret.requests.map((r) => r.retry)).toEqual([false, true, true]);
			expect(entries[0]!.keyMatches).toBe(true);
		});

		it(`${name}: cancelling the prompt gives CANCELLED`, async () => {
			const secret = person('wrong', null);
			const error = await failure(readCertificateFile(f.files[name]!, {secret}));
			expect(error.code).toBe('CANCELLED');
			expect(error.message).toContain(name);
		});
	}

	it('opens modern and legacy files protected by a Czech (non-ASCII) password', async () => {
		for (const name of ['modern-cz.p12', 'legacy-cz.pfx']) {
			const entries = await readCertificateFile(f.files[name]!, {secret: person(PASSWORD)});
			expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
			expect(entries[0]!.keyMatches).toBe(true);
		}
	});

	it('opens files with an empty password silently, without asking', async () => {
		for (const name of ['empty.p12', 'empty-legacy.pfx']) {
			const entries = await readCertificateFile(f.files[name]!, {secret: noSecret});
			expect(entries[0]!.keyMatches).toBe(true);
		}
	});

	it('matches an EC key too', async () => {
		const entries = await readCertificateFile(f.files['ec.p12']!, {secret: person(ASCII_PASSWORD)});
		expect(entries).toHaveLength(1);
		expect(same(entries[0]!.der, f.ecLeaf.certDer)).toBe(true);
		expect(entries[0]!.keyMatches).toBe(true);
		expect(same(entries[0]!.companions[0]!, f.ca.certDer)).toBe(true);
	});

	it('reports keyMatches=false when the key in the file belongs to another certificate', async () => {
		const entries = await readCertificateFile(f.files['mismatch.p12']!, {secret: person(ASCII_PASSWORD)});
		expect(entries).toHaveLength(1);
		expect(same(entries[0]!.der, f.leaf.certDer)).toBe(true);
		expect(entries[0]!.keyMatches).toBe(false);
	});

	it('reports keyMatches=null for a certificate-only PKCS#12', async () => {
		const out = join(f.dir, 'cert-only.p12');
		execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', f.leaf.certPath, '-out', out, '-passout', `pass:${ASCII_PASSWORD}`]);
		const entries = await readCertificateFile(out, {secret: person(ASCII_PASSWORD)});
		expect(entries[0]!.keyMatches).toBeNull();
	});

	it('a PKCS#12 with only a key says so', async () => {
		const error = await failure(readCertificateFile(f.files['key-only.p12']!, {secret: person(ASCII_PASSWORD)}));
		expect(error.code).toBe('NO_CERTIFICATE');
		expect(error.message).toContain('holds only a private key; export the certificate (public part)');
	});

	it('propagates a non-interactive provider error (WRONG_PASSWORD) instead of looping', async () => {
		let calls = 0;
		const secret: SecretProvider = async (request) => {
			calls++;
			if (request.retry) throw new SourceError('WRONG_PASSWORD', 'wrong');
			return 'wrong';
		};
		const error = await failure(readCertificateFile(f.files['modern.p12']!, {secret}));
		expect(error.code).toBe('WRONG_PASSWORD');
		expect(calls).toBe(2);
	});

	it('refuses a PKCS#12 demanding an absurd key-derivation cost before trying any password', async () => {
		// A real file with 65535 iterations opens; the same file patched to 8 million (00ffff → 7fffff, same
		// length) must be refused up front instead of freezing the wizard.
		const out = join(f.dir, 'iter.p12');
		execFileSync('openssl', [
			'pkcs12',
			'-export',
			'-inkey',
			f.leaf.keyPath,
			'-in',
			f.leaf.certPath,
			'-iter',
			'65535',
			'-out',
			out,
			'-passout',
			`pass:${ASCII_PASSWORD}`,
		]);
		const normal = await readCertificateFile(out, {secret: person(ASCII_PASSWORD)});
		expect(normal[0]!.keyMatches).toBe(true);
		const bytes = await readFile(out);
		const from = Buffer.from([0x02, 0x03, 0x00, 0xff, 0xff]);
		let patched = 0;
		for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + 1)) {
			bytes[at + 2] = 0x7f;
			patched++;
		}
		expect(patched).toBeGreaterThan(0);
		const hostile = join(f.dir, 'hostile-iter.p12');
		await writeFile(hostile, bytes);
		const error = await failure(readCertificateFile(hostile, {secret: noSecret}));
		expect(error.code).toBe('UNSUPPORTED_FORMAT');
		expect(error.params['messageKey']).toBe('files.pkcs12TooCostly');
	});

	it('leaves node-forge as it found it (the decryption guard is only in place during a read)', async () => {
		const pbe = (forge.pki as unknown as {pbe: {getCipher: unknown}}).pbe;
		const before = pbe.getCipher;
		await readCertificateFile(f.files['modern.p12']!, {secret: person('wrong', ASCII_PASSWORD)});
		expect(pbe.getCipher).toBe(before);
	});
});

describe('errors', () => {
	it('NOT_FOUND for a missing file', async () => {
		const error = await failure(readCertificateFile(join(f.dir, 'nope.cer'), {secret: noSecret}));
		expect(error.code).toBe('NOT_FOUND');
		expect(error.message).toContain('nope.cer');
	});

	it('NOT_READABLE for a directory and for a FIFO (without hanging)', async () => {
		const dir = join(f.dir, 'folder.pem');
		await mkdir(dir, {recursive: true});
		expect((await failure(readCertificateFile(dir, {secret: noSecret}))).code).toBe('NOT_READABLE');
		const fifo = join(f.dir, 'pipe.cer');
		execFileSync('mkfifo', [fifo]);
		const error = await failure(readCertificateFile(fifo, {secret: noSecret}));
		expect(error.code).toBe('NOT_READABLE');
		expect(error.params['messageKey']).toBe('files.notRegular');
		expect((await failure(readCertificateFile('/dev/zero', {secret: noSecret}))).code).toBe('NOT_READABLE');
	});

	it('TOO_LARGE above the cap (default 5 MiB and a custom one)', async () => {
		const huge = join(f.dir, 'huge.pem');
		await writeFile(huge, '');
		await truncate(huge, 6 * 1024 * 1024);
		const error = await failure(readCertificateFile(huge, {secret: noSecret}));
		expect(error.code).toBe('TOO_LARGE');
		expect(error.message).toContain('5 MiB');
		expect((await failure(readCertificateFile(f.files['leaf.pem']!, {secret: noSecret, maxBytes: 100}))).code).toBe('TOO_LARGE');
	});

	it('NO_CERTIFICATE for an empty file, a CSR, and (explicitly) a lone private key in PEM or DER', async () => {
		const empty = join(f.dir, 'empty.cer');
		await writeFile(empty, '');
		expect((await failure(readCertificateFile(empty, {secret: noSecret}))).code).toBe('NO_CERTIFICATE');

		const csr = join(f.dir, 'request.pem');
		execFileSync('openssl', ['req', '-new', '-key', f.leaf.keyPath, '-subj', '/CN=x', '-out', csr]);
		const csrError = await failure(readCertificateFile(csr, {secret: noSecret}));
		expect(csrError.code).toBe('NO_CERTIFICATE');
		expect(csrError.params['messageKey']).toBe('files.noCertificate');

		const keyPem = join(f.dir, 'only-key.pem');
		await copyFile(f.files['key-only.pem']!, keyPem);
		const keyDer = join(f.dir, 'only-key.der');
		execFileSync('openssl', ['pkey', '-in', keyPem, '-outform', 'DER', '-out', keyDer]);
		const rsaTraditional = join(f.dir, 'rsa-traditional.pem');
		execFileSync('openssl', ['pkey', '-in', f.leaf.keyPath, '-traditional', '-out', rsaTraditional]);
		for (const path of [keyPem, keyDer, rsaTraditional]) {
			const error = await failure(readCertificateFile(path, {secret: noSecret}));
			expect(error.code).toBe('NO_CERTIFICATE');
			expect(error.message).toContain('holds only a private key; export the certificate (public part)');
		}
	});

	it('UNSUPPORTED_FORMAT for random bytes, a truncated certificate, a damaged p12 and a PKCS#7', async () => {
		const random = join(f.dir, 'random.crt');
		await writeFile(random, Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919 + 13) % 251)));
		expect((await failure(readCertificateFile(random, {secret: noSecret}))).code).toBe('UNSUPPORTED_FORMAT');

		const truncated = join(f.dir, 'truncated.cer');
		await writeFile(truncated, f.leaf.certDer.subarray(0, 300));
		const t = await failure(readCertificateFile(truncated, {secret: noSecret}));
		expect(t.code).toBe('UNSUPPORTED_FORMAT');
		expect(t.params['messageKey']).toBe('files.damagedCertificate');

		const damagedPem = join(f.dir, 'damaged.pem');
		await writeFile(damagedPem, f.leaf.certPem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n!!!!\n'));
		expect((await failure(readCertificateFile(damagedPem, {secret: noSecret}))).code).toBe('UNSUPPORTED_FORMAT');

		const p12 = await readFile(f.files['modern.p12']!);
		const broken = join(f.dir, 'broken.p12');
		await writeFile(broken, p12.subarray(0, Math.floor(p12.length / 2)));
		const b = await failure(readCertificateFile(broken, {secret: noSecret}));
		expect(b.code).toBe('UNSUPPORTED_FORMAT');

		const p7b = join(f.dir, 'chain.p7b');
		execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', f.leaf.certPath, '-outform', 'DER', '-out', p7b]);
		const p = await failure(readCertificateFile(p7b, {secret: noSecret}));
		expect(p.code).toBe('UNSUPPORTED_FORMAT');
		expect(p.params['messageKey']).toBe('files.pkcs7');
	});

	it('a corrupted PKCS#12 body (MAC intact structure, flipped bytes) is a wrong-password or damaged error, never a crash', async () => {
		const p12 = Buffer.from(await readFile(f.files['legacy.pfx']!));
		for (let i = 200; i < p12.length - 100; i += 97) p12[i] = p12[i]! ^ 0x5a;
		const path = join(f.dir, 'flipped.pfx');
		await writeFile(path, p12);
		const error = await failure(readCertificateFile(path, {secret: person(ASCII_PASSWORD, null)}));
		expect(['UNSUPPORTED_FORMAT', 'CANCELLED']).toContain(error.code);
	});

	it('sanitises hostile file names in messages and password prompts', async () => {
		const evil = 'evil\u001b[31mred\u202egnp.p12';
		const dir = join(f.dir, 'hostile');
		await mkdir(dir, {recursive: true});
		const path = join(dir, evil);
		await copyFile(f.files['modern.p12']!, path);
		const secret = person(null);
		const error = await failure(readCertificateFile(path, {secret}));
		const target = secret.requests[0]!.target;
		for (const text of [target, error.message, String(error.params['file'])]) {
			expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
			expect(text).toContain('red');
		}
		const missing = await failure(readCertificateFile(join(dir, 'gone\u0007\u001b]0;title\u0007.cer'), {secret: noSecret}));
		expect(missing.code).toBe('NOT_FOUND');
		expect(missing.message).not.toMatch(/[\u0000-\u001f]/);
	});

	it('messages exist in Czech', async () => {
		setLang('cs');
		try {
			const error = await failure(readCertificateFile(f.files['key-only.pem']!, {secret: noSecret}));
			expect(error.message).toContain('obsahuje jen soukromý klíč; exportujte certifikát (veřejnou část)');
		} finally {
			setLang('en');
		}
	});
});
