import {execFileSync} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import forge from 'node-forge';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {Pkcs12Error, openWithPassword, parsePfx} from '../../source/sources/files/pkcs12.js';
import {removeDir, requireOpenssl} from '../helpers/openssl.js';
import {buildFixtures, type Fixtures} from './fixtures.js';

let f: Fixtures;
beforeAll(async () => {
	f = await buildFixtures();
});
afterAll(async () => {
	await removeDir(f.dir);
});

it('the decryption-time guard refuses absurd PBE iteration counts even when the outer scan is bypassed', async () => {
	requireOpenssl();
	const out = join(f.dir, 'guard.p12');
	// MAC iteration 1 (-nomaciter) so only the PBE parameters carry the 65535 we patch to 8 million.
	execFileSync('openssl', [
		'pkcs12',
		'-export',
		'-inkey',
		f.leaf.keyPath,
		'-in',
		f.leaf.certPath,
		'-iter',
		'65535',
		'-nomaciter',
		'-out',
		out,
		'-passout',
		'pass:x',
	]);
	const bytes = await readFile(out);
	expect(await openWithPassword(parsePfx(bytes), 'x')).toBeTruthy();
	const from = Buffer.from([0x02, 0x03, 0x00, 0xff, 0xff]);
	for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + 1)) bytes[at + 2] = 0x7f;
	expect(() => parsePfx(bytes)).toThrow(Pkcs12Error);
	// Hand forge the structure directly, as if the outer scan had missed the parameters. The patch broke the
	// MAC, so it is left out; a hostile author who knows the password would simply have computed a valid one.
	const full = forge.asn1.fromDer(bytes.toString('binary'), false);
	const asn1 = {...full, value: (full.value as forge.asn1.Asn1[]).slice(0, 2)};
	let caught: unknown;
	try {
		await openWithPassword({asn1, hasMac: false}, 'x');
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(Pkcs12Error);
	expect((caught as Pkcs12Error).reason).toBe('too-costly');
});
