// The person runs ote-cert over SSH while the token sits in their laptop. Two ways on: forward the
// token with p11-kit (tokens.md §3), or export the public certificate on the laptop and pass the file.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {t, type Lang} from '../../i18n/index.js';
import {p11KitClientPaths} from './module-config.js';

export interface SshHint {
	/** Host name or address the laptop connects to (from SSH_CONNECTION). */
	host: string;
	user: string;
	/** $XDG_RUNTIME_DIR on this host, where p11-kit-client looks for the forwarded socket. */
	runtimeDir: string;
	socketPath: string;
	socketExists: boolean;
	/** p11-kit-client.so on this host; null = package p11-kit-modules is missing. */
	clientModule: string | null;
}

function isSsh(env: NodeJS.ProcessEnv): boolean {
	return Boolean(env['SSH_CONNECTION'] || env['SSH_TTY'] || env['SSH_CLIENT']);
}

export function sshHint(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): SshHint | null {
	if (!isSsh(env)) return null;
	// SSH_CONNECTION = "client-ip client-port server-ip server-port".
	const host = (env['SSH_CONNECTION'] ?? '').split(' ')[2] || env['HOSTNAME'] || 'server';
	const user = env['USER'] || env['LOGNAME'] || 'user';
	const uid = typeof process.getuid === 'function' ? process.getuid() : 1000;
	const runtimeDir = env['XDG_RUNTIME_DIR'] || `/run/user/${uid}`;
	const socketPath = path.posix.join(runtimeDir, 'p11-kit', 'pkcs11');
	return {
		host: host.replace(/[^A-Za-z0-9.:_-]/g, ''),
		user: user.replace(/[^A-Za-z0-9._-]/g, ''),
		runtimeDir,
		socketPath,
		socketExists: existsSync(socketPath),
		clientModule: p11KitClientPaths(platform).find((p) => existsSync(p)) ?? null,
	};
}

/** Stand-in names when this is not an SSH session, so the advice still reads as commands to adapt. */
const EXAMPLE_HINT: SshHint = {
	host: 'server',
	user: 'user',
	runtimeDir: '/run/user/1000',
	socketPath: '/run/user/1000/p11-kit/pkcs11',
	socketExists: false,
	clientModule: null,
};

/** The exact commands for this host, as text for the Source step and `ote-cert sources`. */
export function sshTokenAdvice(env: NodeJS.ProcessEnv, lang: Lang, hint: SshHint | null = sshHint(env)): string {
	const h = hint ?? EXAMPLE_HINT;
	const laptopModule = '/usr/lib/pkcs11/libICASecureStorePkcs11.so';
	const lines = [
		t('token.ssh.intro', {}, lang),
		'',
		t('token.ssh.way1', {}, lang),
		`  ${t('token.ssh.onServer', {}, lang)}`,
		`    mkdir -p ${h.runtimeDir}/p11-kit`,
		...(h.clientModule ? [] : [`    ${t('token.ssh.installClient', {}, lang)}`]),
		...(h.socketExists ? [`    rm ${h.socketPath}    # ${t('token.ssh.staleSocket', {}, lang)}`] : []),
		`  ${t('token.ssh.onLaptop', {}, lang)}`,
		`    eval "$(p11-kit server --provider ${laptopModule} 'pkcs11:')"`,
		`    ssh -R ${h.socketPath}:\${P11_KIT_SERVER_ADDRESS#*=} ${h.user}@${h.host}`,
		`    # ${t('token.ssh.providerNote', {module: laptopModule}, lang)}`,
		`  ${t('token.ssh.thenRun', {}, lang)}`,
		`    ote-cert sources`,
		`  ${t('token.ssh.afterwards', {}, lang)}`,
		`    p11-kit server --kill`,
		'',
		t('token.ssh.way2', {}, lang),
		`  ${t('token.ssh.onLaptop', {}, lang)}`,
		`    pkcs11-tool --module ${laptopModule} --list-objects --type cert`,
		`    pkcs11-tool --module ${laptopModule} --read-object --type cert --id <ID> -o cert.der`,
		`    scp cert.der ${h.user}@${h.host}:`,
		`  ${t('token.ssh.onServer', {}, lang)}`,
		`    ote-cert inspect cert.der`,
	];
	return lines.join('\n');
}

/** The same two ways in a dozen lines, for the wizard's 80x24 screen; `ote-cert sources` prints the full text. */
export function sshTokenAdviceShort(env: NodeJS.ProcessEnv, lang: Lang, hint: SshHint | null = sshHint(env)): string {
	const h = hint ?? EXAMPLE_HINT;
	const laptopModule = '<modul.so>';
	return [
		t('token.ssh.intro', {}, lang),
		t('token.ssh.way1', {}, lang),
		`  ${t('token.ssh.onServer', {}, lang)} mkdir -p ${h.runtimeDir}/p11-kit`,
		`  ${t('token.ssh.onLaptop', {}, lang)}`,
		`    eval "$(p11-kit server --provider ${laptopModule} 'pkcs11:')"`,
		`    ssh -R ${h.socketPath}:\${P11_KIT_SERVER_ADDRESS#*=} ${h.user}@${h.host}`,
		t('token.ssh.way2', {}, lang),
		`  ${t('token.ssh.onLaptop', {}, lang)}`,
		`    pkcs11-tool --module ${laptopModule} --read-object --type cert --id <ID> -o cert.der`,
		`    scp cert.der ${h.user}@${h.host}:`,
		t('token.ssh.more', {}, lang),
	].join('\n');
}
