// Drives the BUILT command line (dist/cli.js) the way a script or cron job does: a child process with
// no terminal, its own config folder, and secrets only in the environment.
import {execFile} from 'node:child_process';
import {webcrypto} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {makeCa, makeCzechHierarchy, makeLeaf, POLICY, type CaHandle, type LeafHandle, type MakeLeafOptions} from '../helpers/pki.js';
import {makePkcs12} from '../helpers/openssl.js';

export const CLI = path.resolve(import.meta.dirname, '../../dist/cli.js');

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** The parent's environment without anything ote-cert reads, so the developer's shell cannot leak in. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key.startsWith('OTE_CERT_') || key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('LC_') || key === 'LANG' || key === 'LANGUAGE')
			continue;
		if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'SOFTHSM2_CONF') continue;
		env[key] = value;
	}
	return {...env, LANG: 'C.UTF-8', NO_COLOR: '1', ...extra};
}

export function requireBuild(): void {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before these tests.`);
}

export function runCli(args: string[], opts: {env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = execFile(
			process.execPath,
			[CLI, ...args],
			{env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 << 20, encoding: 'utf8'},
			(error, stdout, stderr) => {
				if (error && typeof error.code !== 'number') {
					reject(new Error(`ote-cert ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
					return;
				}
				resolve({code: error ? (error.code as number) : 0, stdout, stderr});
			},
		);
		// No terminal on stdin either: an empty, closed pipe as in cron.
		child.stdin?.end();
	});
}

/** A test world: a CA the CLI is told about with --trust, and certificates it issued. */
export interface World {
	dir: string;
	caPem: string;
	ca: CaHandle;
	root: CaHandle;
	/** Anchors passed with --trust (root + issuing CA). */
	trust: string[];
	files: Record<string, string>;
	leaves: Record<string, LeafHandle>;
}

export const P12_PASSWORD = 'heslo-Žluťoučký-42';

/** Writes a leaf as PEM and DER, and its key as PKCS#8 PEM (for openssl pkcs12). */
export async function writeLeaf(dir: string, name: string, leaf: LeafHandle): Promise<{pem: string; der: string; key: string}> {
	const pem = path.join(dir, `${name}.pem`);
	const der = path.join(dir, `${name}.cer`);
	const key = path.join(dir, `${name}.key`);
	await writeFile(pem, leaf.pem);
	await writeFile(der, leaf.der);
	await writeFile(key, leaf.privateKeyPkcs8Pem, {mode: 0o600});
	return {pem, der, key};
}

export function qualified(issuer: CaHandle, cn: string, extra: Partial<MakeLeafOptions> = {}): Promise<LeafHandle> {
	return makeLeaf({issuer, cn, qualified: true, qcType: 'esign', sscd: true, policies: [POLICY.qcpNaturalQscd], ...extra});
}

export async function makeWorld(dir: string): Promise<World> {
	const {root, qualifiedCa} = await makeCzechHierarchy('CliTest');
	const trustDir = path.join(dir, 'trust');
	await mkdir(trustDir, {recursive: true});
	await writeFile(path.join(trustDir, 'root.pem'), root.pem);
	await writeFile(path.join(trustDir, 'qualified-ca.pem'), qualifiedCa.pem);
	const stranger = await makeCa({cn: 'Neznámá CA 2026', org: 'Nikdo s.r.o.'});
	const day = 86_400_000;
	const leaves: Record<string, LeafHandle> = {
		good: await qualified(qualifiedCa, 'Jiří Novák', {org: 'Účetní s.r.o.', ico: '12345678', freshKey: true}),
		expired: await qualified(qualifiedCa, 'Eva Prošlá', {
			notBefore: new Date(Date.now() - 300 * day),
			notAfter: new Date(Date.now() - 10 * day),
			freshKey: true,
		}),
		unknown: await qualified(stranger, 'Karel Cizí', {freshKey: true}),
	};
	const files: Record<string, string> = {};
	for (const [name, leaf] of Object.entries(leaves)) {
		const w = await writeLeaf(dir, name, leaf);
		files[`${name}Pem`] = w.pem;
		files[`${name}Der`] = w.der;
		files[`${name}Key`] = w.key;
	}
	files['goodP12'] = await makePkcs12({
		out: path.join(dir, 'good.p12'),
		keyPath: files['goodKey']!,
		certPath: files['goodPem']!,
		chain: [path.join(trustDir, 'qualified-ca.pem')],
		password: P12_PASSWORD,
	});
	files['goodLegacyP12'] = await makePkcs12({
		out: path.join(dir, 'good-legacy.pfx'),
		keyPath: files['goodKey']!,
		certPath: files['goodPem']!,
		password: P12_PASSWORD,
		legacy: true,
	});
	files['corrupt'] = path.join(dir, 'corrupt.cer');
	await writeFile(files['corrupt'], Buffer.concat([Buffer.from(leaves['good']!.der.subarray(0, 200)), Buffer.from('garbage')]));
	return {dir, caPem: path.join(trustDir, 'qualified-ca.pem'), ca: qualifiedCa, root, trust: ['--trust', trustDir], files, leaves};
}

export function parseJson<T = unknown>(result: CliResult): T {
	try {
		return JSON.parse(result.stdout) as T;
	} catch {
		throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
	}
}

/** Every file under dir, recursively, with its bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
	const out = new Map<string, Buffer>();
	for (const entry of await readdir(dir, {withFileTypes: true, recursive: true})) {
		if (!entry.isFile()) continue;
		const full = path.join(entry.parentPath, entry.name);
		out.set(path.relative(dir, full), await readFile(full));
	}
	return out;
}

/** Byte patterns that would betray the private key: PEM armour, and the secret scalar raw, hex and base64. */
export async function privateKeyMarkers(leaf: LeafHandle): Promise<Buffer[]> {
	const jwk = await webcrypto.subtle.exportKey('jwk', leaf.privateKey);
	const d = Buffer.from(jwk.d!, 'base64url');
	return [Buffer.from('PRIVATE KEY'), d, Buffer.from(d.toString('hex')), Buffer.from(d.toString('base64').slice(0, 40))];
}
