import {describe, expect, it} from 'vitest';
import {dedupeCertificates, moduleRank} from '../../source/sources/pkcs11/dedupe.js';
import {isCertificateModule, knownModules, moduleConfigDirs, parseModuleFile, resolveModuleName} from '../../source/sources/pkcs11/module-config.js';
import type {CertificateEntry} from '../../source/sources/types.js';

describe('.module files', () => {
	it('reads module, trust-policy and remote; skips trust and remote entries', () => {
		const trust = parseModuleFile('# comment\nmodule: p11-kit-trust.so\npriority: 1\ntrust-policy: yes\ndisable-in: p11-kit-proxy\n');
		expect(trust).toMatchObject({module: 'p11-kit-trust.so', trustPolicy: true, disableIn: ['p11-kit-proxy']});
		expect(isCertificateModule(trust)).toBe(false);
		const softhsm = parseModuleFile('module: /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so\r\n');
		expect(isCertificateModule(softhsm)).toBe(true);
		expect(isCertificateModule(parseModuleFile('remote: |ssh host p11-kit remote /x.so\n'))).toBe(false);
		// An empty module: line disables a module of the same file name from a lower directory.
		expect(isCertificateModule(parseModuleFile('module:\n'))).toBe(false);
		expect(parseModuleFile('nothing here').module).toBeNull();
	});

	it('resolves relative names and honours the user-config rules', () => {
		expect(resolveModuleName('opensc-pkcs11.so', 'linux')[0]).toBe('/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so');
		expect(resolveModuleName('/abs/x.so', 'linux')).toEqual(['/abs/x.so']);
		expect(moduleConfigDirs({HOME: '/home/j'}, 1000, 'linux')).toEqual(['/usr/share/p11-kit/modules', '/etc/pkcs11/modules', '/home/j/.config/pkcs11/modules']);
		expect(moduleConfigDirs({HOME: '/root'}, 0, 'linux')).toHaveLength(2);
		expect(moduleConfigDirs({HOME: '/home/j', P11_KIT_NO_USER_CONFIG: '1'}, 1000, 'linux')).toHaveLength(2);
	});

	it('knows the Czech CA vendor modules on Linux and macOS', () => {
		for (const platform of ['linux', 'darwin'] as const) {
			const products = knownModules(platform).map((m) => m.product);
			for (const p of ['I.CA SecureStore', 'SafeNet eToken', 'Thales IDPrime', 'Bit4id', 'eObčanka', 'OpenSC', 'SoftHSM']) expect(products).toContain(p);
		}
	});
});

describe('dedupeCertificates', () => {
	const entry = (der: number, modulePath: string): CertificateEntry => ({
		der: new Uint8Array([der]),
		origin: {
			kind: 'pkcs11',
			uri: `pkcs11:?module-path=${modulePath}`,
			modulePath,
			tokenLabel: 't',
			tokenSerial: '1',
			slotDescription: '',
			objectLabel: null,
			objectId: null,
		},
		companions: [new Uint8Array([der + 100])],
		keyMatches: null,
	});
	it('keeps one entry per fingerprint, prefers the vendor module, lists every place', () => {
		const opensc = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
		const vendor = '/usr/lib/pkcs11/libICASecureStorePkcs11.so';
		const out = dedupeCertificates([
			{entry: entry(1, opensc), sha256: 'AA', rank: moduleRank(opensc, 4)},
			{entry: entry(1, vendor), sha256: 'aa', rank: moduleRank(vendor, 2)},
			{entry: entry(2, opensc), sha256: 'bb', rank: moduleRank(opensc, 4)},
		]);
		expect(out).toHaveLength(2);
		expect(out[0]!.origin).toMatchObject({modulePath: vendor});
		expect(out[0]!.seenAt.map((o) => (o.kind === 'pkcs11' ? o.modulePath : ''))).toEqual([vendor, opensc]);
		expect(out[0]!.companions).toHaveLength(1);
	});
});
