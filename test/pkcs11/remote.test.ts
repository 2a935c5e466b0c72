// A token forwarded with p11-kit (tokens.md §3): a real `p11-kit server` in front of SoftHSM, read
// through p11-kit-client.so exactly as on an SSH host.
import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {discoverPkcs11, loadPkcs11Uri, sha256} from '../../source/sources/pkcs11/discovery.js';
import {proveKeyPossession} from '../../source/sources/pkcs11/proof.js';
import {makeSoftHsm, requireTool, type SoftHsm} from '../helpers/softhsm.js';
import {makeCert, type TestCert} from './fixtures.js';

let hsm: SoftHsm;
let cert: TestCert;
let serverPid = 0;
let remoteEnv: NodeJS.ProcessEnv;

beforeAll(() => {
	requireTool('p11-kit', 'p11-kit');
	hsm = makeSoftHsm();
	cert = makeCert('Laptop Token Owner');
	hsm.initToken('LAPTOP', '1234');
	hsm.importCert('LAPTOP', '1234', cert.certDer, '07', 'laptop cert');
	hsm.importKey('LAPTOP', '1234', cert.keyPkcs8Der, '07', 'laptop key');
	const runtime = path.join(hsm.dir, 'run');
	mkdirSync(runtime);
	// p11-kit server daemonizes; only its stdout (the variables) is captured, or the call hangs.
	const out = execFileSync('p11-kit', ['server', '--provider', hsm.modulePath, 'pkcs11:token=LAPTOP'], {
		env: {...hsm.env, XDG_RUNTIME_DIR: runtime},
		stdio: ['ignore', 'pipe', 'ignore'],
		timeout: 10_000,
	}).toString('utf8');
	const address = /P11_KIT_SERVER_ADDRESS=([^;\n]+);/.exec(out)?.[1];
	serverPid = Number(/P11_KIT_SERVER_PID=(\d+);/.exec(out)?.[1] ?? 0);
	if (!address || !serverPid) throw new Error(`p11-kit server did not start: ${out}`);
	// The SSH host: no SoftHSM config of its own, only the forwarded socket.
	remoteEnv = {
		PATH: process.env['PATH'],
		HOME: hsm.dir,
		XDG_RUNTIME_DIR: runtime,
		P11_KIT_SERVER_ADDRESS: address,
		SSH_CONNECTION: '192.0.2.1 40000 192.0.2.2 22',
		USER: 'jana',
		P11_KIT_NO_USER_CONFIG: '1',
	};
});
afterAll(() => {
	if (serverPid) {
		try {
			process.kill(serverPid);
		} catch {
			/* already gone */
		}
	}
	hsm?.cleanup();
});

describe('p11-kit remote token', () => {
	it('is discovered through p11-kit-client and used like a local token', async () => {
		const found = await discoverPkcs11({env: remoteEnv, onlyExplicit: true});
		const remote = found.modules.find((m) => m.source === 'p11-kit-remote');
		expect(remote, JSON.stringify(remote)).toMatchObject({status: 'ok'});
		expect(remote!.path).toMatch(/p11-kit-client\.so$/);
		expect(found.tokens.filter((t) => t.state === 'ready').map((t) => t.label)).toEqual(['LAPTOP']);
		expect(found.certificates.map((c) => c.sha256)).toEqual([sha256(cert.certDer)]);
		// A token is visible, so no SSH advice.
		expect(found.sshHint).toBeNull();
		const c = found.certificates[0]!;
		if (c.origin.kind !== 'pkcs11') throw new Error('expected pkcs11');
		expect((await loadPkcs11Uri(c.origin.uri, {env: remoteEnv})).map((e) => sha256(e.der))).toEqual([sha256(cert.certDer)]);
		// Login and signing pass through the forwarding.
		const proof = await proveKeyPossession(c, {secret: async () => '1234', sign: true, env: remoteEnv});
		expect(proof).toMatchObject({level: 'signature', ok: true});
	});
});
