// Test certificates made with the openssl CLI (tokens.md §5, §9).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {requireTool} from '../helpers/softhsm.js';

export interface TestCert {
	certDer: Uint8Array;
	keyPkcs8Der: Uint8Array;
	spkiDer: Uint8Array;
	cn: string;
}

export function makeCert(cn: string, key: 'rsa' | 'ec' = 'rsa', extra: string[] = []): TestCert {
	requireTool('openssl', 'openssl');
	const dir = mkdtempSync(path.join(tmpdir(), 'ote-cert-'));
	try {
		const k = path.join(dir, 'key.pem');
		if (key === 'rsa') execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', k], {stdio: 'pipe'});
		else execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', k], {stdio: 'pipe'});
		// OpenSSL 3's req -x509 marks certificates CA:TRUE by default; a person's certificate is not a CA.
		const ext = extra.some((e) => e.includes('basicConstraints')) ? [] : ['-addext', 'basicConstraints=CA:FALSE'];
		execFileSync(
			'openssl',
			[
				'req',
				'-new',
				'-x509',
				...ext,
				'-key',
				k,
				'-utf8',
				'-subj',
				`/CN=${cn}`,
				'-days',
				'365',
				'-outform',
				'DER',
				'-out',
				path.join(dir, 'cert.der'),
				...extra,
			],
			{stdio: 'pipe'},
		);
		execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', k, '-outform', 'DER', '-out', path.join(dir, 'key.der')], {stdio: 'pipe'});
		execFileSync('openssl', ['pkey', '-in', k, '-pubout', '-outform', 'DER', '-out', path.join(dir, 'pub.der')], {stdio: 'pipe'});
		return {
			certDer: new Uint8Array(readFileSync(path.join(dir, 'cert.der'))),
			keyPkcs8Der: new Uint8Array(readFileSync(path.join(dir, 'key.der'))),
			spkiDer: new Uint8Array(readFileSync(path.join(dir, 'pub.der'))),
			cn,
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
