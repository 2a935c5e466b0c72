// p11-kit .module files and the built-in list of vendor modules. Pure: file reading lives in
// discovery.ts.

export interface ModuleConfig {
	/** Value of "module:"; "" means the file disables a module of the same name from a lower dir. */
	module: string | null;
	trustPolicy: boolean;
	remote: string | null;
	disableIn: string[];
	enableIn: string[];
}

/** Parses pkcs11.conf(5) text: "name: value" lines, "#" comments. */
export function parseModuleFile(text: string): ModuleConfig {
	const values = new Map<string, string>();
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) continue;
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		values.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const list = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean);
	const yes = (v: string | undefined) => /^(yes|true|1)$/i.test(v ?? '');
	return {
		module: values.has('module') ? values.get('module')! : null,
		trustPolicy: yes(values.get('trust-policy')),
		remote: values.get('remote') || null,
		disableIn: list(values.get('disable-in')),
		enableIn: list(values.get('enable-in')),
	};
}

/** Whether a parsed .module entry names a module ote-cert should probe for certificates. */
export function isCertificateModule(config: ModuleConfig): boolean {
	// Trust-policy modules hold CA anchors, not the person's certificate; remote entries are p11-kit
	// RPC specs, not libraries.
	return config.module !== null && config.module !== '' && !config.trustPolicy && config.remote === null;
}

/** Relative module names resolve against the distribution's p11-kit module directory. */
export function resolveModuleName(name: string, platform: NodeJS.Platform): string[] {
	if (name.startsWith('/')) return [name];
	const dirs =
		platform === 'darwin'
			? ['/usr/local/lib/pkcs11', '/opt/homebrew/lib/pkcs11']
			: ['/usr/lib/x86_64-linux-gnu/pkcs11', '/usr/lib/aarch64-linux-gnu/pkcs11', '/usr/lib64/pkcs11', '/usr/lib/pkcs11'];
	return dirs.map((d) => `${d}/${name}`);
}

/** p11-kit config dirs, low → high priority. User config is skipped for root or when disabled. */
export function moduleConfigDirs(env: NodeJS.ProcessEnv, uid: number | null, platform: NodeJS.Platform): string[] {
	const dirs =
		platform === 'darwin'
			? ['/usr/local/share/p11-kit/modules', '/opt/homebrew/share/p11-kit/modules', '/usr/local/etc/pkcs11/modules', '/opt/homebrew/etc/pkcs11/modules']
			: ['/usr/share/p11-kit/modules', '/etc/pkcs11/modules'];
	const home = env['HOME'];
	if (home && uid !== 0 && !env['P11_KIT_NO_USER_CONFIG']) {
		dirs.push(`${env['XDG_CONFIG_HOME'] || `${home}/.config`}/pkcs11/modules`);
	}
	return dirs;
}

export interface KnownModule {
	product: string;
	paths: string[];
}

/** Vendor modules used by customers of Czech CAs (tokens.md §1); first existing path per product wins. */
export function knownModules(platform: NodeJS.Platform): KnownModule[] {
	if (platform === 'darwin') {
		return [
			{product: 'I.CA SecureStore', paths: ['/usr/local/lib/pkcs11/libICASecureStorePkcs11.dylib']},
			{product: 'SafeNet eToken', paths: ['/usr/local/lib/libeTPkcs11.dylib']},
			{product: 'Thales IDPrime', paths: ['/usr/local/lib/libIDPrimePKCS11.dylib']},
			{product: 'Bit4id', paths: ['/Library/bit4id/pkcs11/libbit4xpki.dylib', '/Library/bit4id/pkcs11/libbit4ipki.dylib']},
			{product: 'eObčanka', paths: ['/usr/local/lib/eOPCZE/libeopproxyp11.dylib']},
			{product: 'MONET+ ProID+Q', paths: ['/usr/local/lib/ProIDPlus/libproidqcm11.dylib']},
			{product: 'OpenSC', paths: ['/Library/OpenSC/lib/opensc-pkcs11.so', '/opt/homebrew/lib/opensc-pkcs11.so', '/usr/local/lib/opensc-pkcs11.so']},
			{product: 'SoftHSM', paths: ['/opt/homebrew/lib/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so']},
		];
	}
	return [
		{product: 'I.CA SecureStore', paths: ['/usr/lib/pkcs11/libICASecureStorePkcs11.so', '/usr/lib64/pkcs11/libICASecureStorePkcs11.so']},
		{product: 'SafeNet eToken', paths: ['/usr/lib/libeToken.so', '/usr/lib/pkcs11/libeToken.so', '/usr/lib/libeTPkcs11.so', '/usr/lib64/libeTPkcs11.so']},
		{product: 'Thales IDPrime', paths: ['/usr/lib/libIDPrimePKCS11.so', '/usr/lib64/libIDPrimePKCS11.so']},
		{product: 'Bit4id', paths: ['/usr/lib/libbit4xpki.so', '/usr/lib/libbit4ipki.so']},
		{product: 'eObčanka', paths: ['/usr/lib/x86_64-linux-gnu/libeopproxyp11.so', '/usr/lib/libeopproxyp11.so']},
		{product: 'MONET+ ProID+Q', paths: ['/usr/lib/x86_64-linux-gnu/libproidqcm11.so']},
		{
			product: 'OpenSC',
			paths: [
				'/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
				'/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so',
				'/usr/lib64/opensc-pkcs11.so',
				'/usr/lib64/pkcs11/opensc-pkcs11.so',
			],
		},
		{product: 'SoftHSM', paths: ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib64/pkcs11/libsofthsm2.so']},
	];
}

/** p11-kit-client.so, which forwards a token from the person's laptop (tokens.md §3). */
export function p11KitClientPaths(platform: NodeJS.Platform): string[] {
	if (platform === 'darwin') return ['/usr/local/lib/pkcs11/p11-kit-client.so', '/opt/homebrew/lib/pkcs11/p11-kit-client.so'];
	return ['/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so', '/usr/lib/aarch64-linux-gnu/pkcs11/p11-kit-client.so', '/usr/lib64/pkcs11/p11-kit-client.so'];
}
