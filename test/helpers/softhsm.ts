// Real SoftHSM2 tokens in a temporary folder, filled with pkcs11-tool (tokens.md §5). Test-only:
// PINs on the command line here are throwaway values for throwaway tokens.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const MODULE_CANDIDATES = [
	'/usr/lib/softhsm/libsofthsm2.so',
	'/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
	'/usr/lib64/pkcs11/libsofthsm2.so',
	'/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

export function requireTool(tool: string, aptPackage: string): void {
	try {
		execFileSync('sh', ['-c', `command -v ${tool}`], {stdio: 'pipe'});
	} catch {
		throw new Error(`${tool} is missing: install it with "apt-get install ${aptPackage}" (tests never skip).`);
	}
}

export interface SoftHsm {
	dir: string;
	env: NodeJS.ProcessEnv;
	modulePath: string;
	initToken(label: string, pin: string, soPin?: string): void;
	importCert(label: string, pin: string, der: Uint8Array, id: string, objLabel: string): void;
	/** PKCS#8 DER private key. */
	importKey(label: string, pin: string, pkcs8Der: Uint8Array, id: string, objLabel: string): void;
	/** SubjectPublicKeyInfo DER. */
	importPublicKey(label: string, pin: string, spkiDer: Uint8Array, id: string, objLabel: string): void;
	pkcs11Tool(args: string[]): string;
	cleanup(): void;
}

export function makeSoftHsm(): SoftHsm {
	requireTool('softhsm2-util', 'softhsm2');
	requireTool('pkcs11-tool', 'opensc');
	const modulePath = MODULE_CANDIDATES.find((p) => existsSync(p));
	if (!modulePath) throw new Error('libsofthsm2.so not found: install it with "apt-get install softhsm2 libsofthsm2".');
	const dir = mkdtempSync(path.join(tmpdir(), 'ote-softhsm-'));
	mkdirSync(path.join(dir, 'tokens'));
	const conf = path.join(dir, 'softhsm2.conf');
	writeFileSync(conf, `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
	// Only SoftHSM's private config: no OTE_CERT_* or ssh variables leak in from the developer shell.
	const env: NodeJS.ProcessEnv = {PATH: process.env['PATH'], HOME: dir, SOFTHSM2_CONF: conf, P11_KIT_NO_USER_CONFIG: '1'};
	let n = 0;
	const file = (data: Uint8Array) => {
		const p = path.join(dir, `obj-${n++}.der`);
		writeFileSync(p, data);
		return p;
	};
	const run = (cmd: string, args: string[]) => execFileSync(cmd, args, {env, stdio: ['ignore', 'pipe', 'pipe']}).toString('utf8');
	const write = (label: string, pin: string, data: Uint8Array, type: string, id: string, objLabel: string) =>
		run('pkcs11-tool', [
			'--module',
			modulePath,
			'--token-label',
			label,
			'--login',
			'--pin',
			pin,
			'--write-object',
			file(data),
			'--type',
			type,
			'--id',
			id,
			'--label',
			objLabel,
		]);
	return {
		dir,
		env,
		modulePath,
		initToken(label, pin, soPin = '12345678') {
			run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', pin]);
		},
		importCert(label, pin, der, id, objLabel) {
			write(label, pin, der, 'cert', id, objLabel);
		},
		importKey(label, pin, pkcs8Der, id, objLabel) {
			write(label, pin, pkcs8Der, 'privkey', id, objLabel);
		},
		importPublicKey(label, pin, spkiDer, id, objLabel) {
			write(label, pin, spkiDer, 'pubkey', id, objLabel);
		},
		pkcs11Tool(args) {
			return run('pkcs11-tool', ['--module', modulePath, ...args]);
		},
		cleanup() {
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
