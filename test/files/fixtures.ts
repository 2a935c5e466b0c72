// One set of real fixtures per test file: a CA, a leaf signed by it, a stranger key, and PKCS#12 files in
// both the OpenSSL 3 (AES/PBES2) and the Windows-legacy (RC2/3DES) flavour.
import {copyFile, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {makeCertificate, makeKeyOnlyPem, makeMismatchedPkcs12, makePkcs12, makeTempDir, type KeyPair} from '../helpers/openssl.js';

export const PASSWORD = 'tajné-heslo';
export const ASCII_PASSWORD = 'Secret123';

export interface Fixtures {
	dir: string;
	root: KeyPair;
	ca: KeyPair;
	leaf: KeyPair;
	ecLeaf: KeyPair;
	stranger: KeyPair;
	files: Record<string, string>;
}

export async function buildFixtures(): Promise<Fixtures> {
	const dir = await makeTempDir();
	const root = await makeCertificate(dir, {name: 'root', subject: '/CN=Kořenová CA/O=Testovací autorita/C=CZ', ca: true});
	const ca = await makeCertificate(dir, {name: 'ca', subject: '/CN=Vydávající CA/C=CZ', ca: true, issuer: root});
	const leaf = await makeCertificate(dir, {name: 'leaf', subject: '/CN=Jiří Novák/O=Účetní s.r.o./C=CZ', issuer: ca});
	const ecLeaf = await makeCertificate(dir, {name: 'ecleaf', keyType: 'ec', subject: '/CN=Žofie Dvořáková/C=CZ', issuer: ca});
	const stranger = await makeCertificate(dir, {name: 'stranger', subject: '/CN=Cizí klíč/C=CZ'});
	const files: Record<string, string> = {};
	const p12 = async (name: string, opts: {keyPath: string; certPath?: string; password: string; legacy?: boolean; chain?: string[]}) => {
		files[name] = await makePkcs12({out: join(dir, name), ...opts});
	};
	await p12('modern.p12', {keyPath: leaf.keyPath, certPath: leaf.certPath, password: ASCII_PASSWORD, chain: [ca.certPath, root.certPath]});
	await p12('legacy.pfx', {keyPath: leaf.keyPath, certPath: leaf.certPath, password: ASCII_PASSWORD, legacy: true, chain: [ca.certPath]});
	await p12('modern-cz.p12', {keyPath: leaf.keyPath, certPath: leaf.certPath, password: PASSWORD});
	await p12('legacy-cz.pfx', {keyPath: leaf.keyPath, certPath: leaf.certPath, password: PASSWORD, legacy: true});
	await p12('empty.p12', {keyPath: leaf.keyPath, certPath: leaf.certPath, password: ''});
	await p12('empty-legacy.pfx', {keyPath: leaf.keyPath, certPath: leaf.certPath, password: '', legacy: true});
	await p12('ec.p12', {keyPath: ecLeaf.keyPath, certPath: ecLeaf.certPath, password: ASCII_PASSWORD, chain: [ca.certPath]});
	files['mismatch.p12'] = await makeMismatchedPkcs12(join(dir, 'mismatch.p12'), stranger.keyPath, leaf.certPath, ASCII_PASSWORD);
	files['key-only.p12'] = await makePkcs12({out: join(dir, 'key-only.p12'), keyPath: stranger.keyPath, password: ASCII_PASSWORD});

	files['leaf.cer'] = join(dir, 'leaf.cer');
	await copyFile(join(dir, 'leaf.der'), files['leaf.cer']);
	files['leaf.pem'] = leaf.certPath;
	files['key-only.pem'] = await makeKeyOnlyPem(dir, 'key-only', 'ec');

	// A bundle the way people paste it: openssl "Bag Attributes" noise, CRLF, a key block in between.
	const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
	const keyPem = await readFile(stranger.keyPath, 'utf8');
	files['bundle.pem'] = join(dir, 'bundle.pem');
	await writeFile(
		files['bundle.pem'],
		`Bag Attributes\n    friendlyName: Jiří\nsubject=/CN=Jiří Novák\n${crlf(leaf.certPem)}some junk text ---- here\n${keyPem}\n${crlf(ca.certPem)}\n\ntrailing junk`,
	);
	return {dir, root, ca, leaf, ecLeaf, stranger, files};
}
