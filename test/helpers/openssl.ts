// Real certificate fixtures made by the openssl CLI in a temp dir, so tests read what users really have
// (Windows-style legacy PFX, OpenSSL 3 AES PFX, PEM bundles) instead of hand-written bytes.
import {execFile, execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import forge from 'node-forge';

const run = promisify(execFile);

let checked = false;

/** Throws (never skips) when the openssl CLI is absent, naming the Debian package. */
export function requireOpenssl(): void {
	if (checked) return;
	try {
		execFileSync('openssl', ['version'], {stdio: 'pipe'});
	} catch {
		throw new Error('openssl CLI not found: these tests need it. Install it with `apt-get install openssl`.');
	}
	checked = true;
}

async function openssl(args: string[], env: Record<string, string> = {}): Promise<void> {
	requireOpenssl();
	try {
		await run('openssl', args, {env: {...process.env, ...env}});
	} catch (error) {
		const e = error as {stderr?: string; message: string};
		throw new Error(`openssl ${args[0]} failed: ${e.stderr ?? e.message}`);
	}
}

/**
 * A self-signed P-256 certificate made by `openssl req -x509` in one call, with -addext extensions and
 * an optional serial; returns the DER (and writes `<name>.pem` and `<name>.key` in dir).
 */
export function opensslSelfSigned(
	dir: string,
	name: string,
	options: {subject?: string; extensions?: string[]; serial?: string} = {},
): {pem: string; der: Uint8Array} {
	requireOpenssl();
	const pem = join(dir, `${name}.pem`);
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:P-256',
			'-nodes',
			'-keyout',
			join(dir, `${name}.key`),
			'-out',
			pem,
			'-days',
			'30',
			'-utf8',
			'-subj',
			options.subject ?? '/CN=OpenSSL test',
			...(options.serial ? ['-set_serial', `0x${options.serial}`] : []),
			...(options.extensions ?? []).flatMap((e) => ['-addext', e]),
		],
		{stdio: 'pipe'},
	);
	return {pem, der: new Uint8Array(execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER']))};
}

export async function makeTempDir(prefix = 'ote-cert-files-'): Promise<string> {
	return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
	await rm(dir, {recursive: true, force: true});
}

export interface KeyPair {
	keyPath: string;
	certPath: string;
	certPem: string;
	certDer: Uint8Array;
}

export interface CertOptions {
	/** File name stem inside dir. */
	name: string;
	keyType?: 'rsa' | 'ec';
	/** Openssl -subj string; UTF-8 is passed with -utf8 so Czech names stay intact. */
	subject?: string;
	/** Sign with this CA instead of self-signing. */
	issuer?: KeyPair;
	ca?: boolean;
	days?: number;
}

async function newKey(dir: string, name: string, keyType: 'rsa' | 'ec'): Promise<string> {
	const keyPath = join(dir, `${name}.key`);
	const args =
		keyType === 'ec'
			? ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath]
			: ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyPath];
	await openssl(args);
	return keyPath;
}

/** A key plus a certificate (self-signed, or signed by `issuer`), written as PEM `<name>.pem` and DER `<name>.der`. */
export async function makeCertificate(dir: string, options: CertOptions): Promise<KeyPair> {
	const {name, keyType = 'rsa', subject = '/CN=Jiří Novák/O=Účetní s.r.o./C=CZ', issuer, ca = false, days = 365} = options;
	const keyPath = await newKey(dir, name, keyType);
	const certPath = join(dir, `${name}.pem`);
	const extPath = join(dir, `${name}.ext`);
	await writeFile(
		extPath,
		ca
			? 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n'
			: 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\n',
	);
	if (issuer) {
		const csrPath = join(dir, `${name}.csr`);
		await openssl(['req', '-new', '-utf8', '-key', keyPath, '-subj', subject, '-out', csrPath]);
		await openssl([
			'x509',
			'-req',
			'-in',
			csrPath,
			'-CA',
			issuer.certPath,
			'-CAkey',
			issuer.keyPath,
			'-CAcreateserial',
			'-days',
			String(days),
			'-sha256',
			'-extfile',
			extPath,
			'-out',
			certPath,
		]);
	} else {
		await openssl([
			'req',
			'-new',
			'-x509',
			'-utf8',
			'-key',
			keyPath,
			'-subj',
			subject,
			'-days',
			String(days),
			'-sha256',
			'-extensions',
			'v3',
			'-config',
			await writeReqConfig(dir, name, extPath),
			'-out',
			certPath,
		]);
	}
	const derPath = join(dir, `${name}.der`);
	await openssl(['x509', '-in', certPath, '-outform', 'DER', '-out', derPath]);
	return {keyPath, certPath, certPem: await readFile(certPath, 'utf8'), certDer: new Uint8Array(await readFile(derPath))};
}

async function writeReqConfig(dir: string, name: string, extPath: string): Promise<string> {
	const configPath = join(dir, `${name}.cnf`);
	const ext = await readFile(extPath, 'utf8');
	await writeFile(configPath, `[req]\ndistinguished_name=dn\nutf8=yes\n[dn]\n[v3]\n${ext}`);
	return configPath;
}

export interface P12Options {
	/** Output file path. */
	out: string;
	/** Key put into the file (may deliberately not match `cert`). */
	keyPath: string;
	/** Omitted for a key-only PKCS#12 (`-nocerts`). */
	certPath?: string;
	/** CA certificates added to the bag. */
	chain?: string[];
	password: string;
	/** Old Windows-style PFX: RC2-40 certificates, 3DES key, SHA-1 MAC. */
	legacy?: boolean;
}

/** PKCS#12 via `openssl pkcs12 -export`; the password travels in the environment, not argv. */
export async function makePkcs12(options: P12Options): Promise<string> {
	const args = ['pkcs12', '-export', '-inkey', options.keyPath, '-out', options.out, '-passout', 'env:OTE_TEST_P12_PASS'];
	if (options.certPath) args.push('-in', options.certPath);
	else args.push('-nocerts');
	if (options.legacy) args.push('-legacy');
	if (options.chain && options.chain.length > 0) {
		const chainPath = `${options.out}.chain.pem`;
		const parts = await Promise.all(options.chain.map((p) => readFile(p, 'utf8')));
		await writeFile(chainPath, parts.join(''));
		args.push('-certfile', chainPath);
	}
	await openssl(args, {OTE_TEST_P12_PASS: options.password});
	return options.out;
}

/**
 * A PKCS#12 whose key belongs to another certificate. openssl refuses to build one ("No cert … matches
 * private key"), so node-forge assembles it from the openssl-made RSA key and certificate (3DES, SHA-1 MAC).
 */
export async function makeMismatchedPkcs12(out: string, rsaKeyPath: string, certPath: string, password: string): Promise<string> {
	const key = forge.pki.privateKeyFromPem(await readFile(rsaKeyPath, 'utf8'));
	const cert = forge.pki.certificateFromPem(await readFile(certPath, 'utf8'));
	const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, {algorithm: '3des'});
	await writeFile(out, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
	return out;
}

/** A PEM file holding only a private key (PKCS#8), the mistake users make when exporting. */
export async function makeKeyOnlyPem(dir: string, name: string, keyType: 'rsa' | 'ec' = 'ec'): Promise<string> {
	return newKey(dir, name, keyType);
}
