// PKCS#12 key derivation by Node's native crypto: a real `openssl pkcs12 -export -iter 2000000` file
// opens (forge's JavaScript took 38 s for it), the event loop keeps turning while it derives (so
// Ctrl+C in the wizard is heard), a file built to need more than the budget is refused naming the
// limits, and Ctrl+C in a real terminal ends the wizard while it derives.
import {execFileSync} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import forge from 'node-forge';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {setLang} from '../../source/i18n/index.js';
import {MAX_KDF_WORK} from '../../source/sources/files/pkcs12.js';
import {readCertificateFile} from '../../source/sources/files/read.js';
import {SourceError} from '../../source/sources/types.js';
import {removeDir, requireOpenssl} from '../helpers/openssl.js';
import {ASCII_PASSWORD, PASSWORD, buildFixtures, type Fixtures} from './fixtures.js';
import {startWizard, makeWorld, removeWorld, runDirs, type World} from '../e2e/world.js';
import type {Terminal} from '../helpers/tmux.js';

let f: Fixtures;

beforeAll(async () => {
	setLang('en');
	requireOpenssl();
	f = await buildFixtures();
}, 60_000);

afterAll(async () => {
	await removeDir(f.dir);
});

function exportP12(out: string, password: string, extra: string[] = []): string {
	execFileSync(
		'openssl',
		['pkcs12', '-export', '-inkey', f.leaf.keyPath, '-in', f.leaf.certPath, '-iter', '2000000', '-passout', 'env:P12_PASS', '-out', out, ...extra],
		{env: {...process.env, P12_PASS: password}},
	);
	return out;
}

/** Counts event-loop turns until stopped: a derivation on the main thread without yielding would leave it at zero. */
function turns(): {stop(): number} {
	let count = 0;
	let running = true;
	const tick = () => {
		if (!running) return;
		count++;
		setImmediate(tick);
	};
	setImmediate(tick);
	return {
		stop() {
			running = false;
			return count;
		},
	};
}

describe('openssl pkcs12 -export -iter 2000000', () => {
	for (const [label, password] of [
		['an ASCII password', ASCII_PASSWORD],
		['a Czech password (UTF-8 for the encryption, BMP for the MAC)', PASSWORD],
	] as const) {
		it(`opens with ${label}; the event loop keeps turning while it derives`, async () => {
			const file = exportP12(join(f.dir, `iter2m-${password.length}.p12`), password);
			const asked: string[] = [];
			const counter = turns();
			const entries = await readCertificateFile(file, {
				secret: async () => {
					asked.push('password');
					return password;
				},
			});
			const seen = counter.stop();
			expect(asked).toEqual(['password']);
			expect(entries).toHaveLength(1);
			expect(entries[0]!.keyMatches).toBe(true);
			expect(Buffer.from(entries[0]!.der).equals(Buffer.from(f.leaf.certDer))).toBe(true);
			// The PKCS#12 KDF of the MAC alone yields 40 times (2,000,000 hashes in slices of 50,000).
			expect(seen).toBeGreaterThanOrEqual(40);
		}, 120_000);
	}
});

describe('a derivation budget per password', () => {
	it(`seven key bags of 2,000,000 iterations each are refused before the budget (${MAX_KDF_WORK.toLocaleString('en-US')}) is spent, naming the limits`, async () => {
		const dir = join(f.dir, 'bags');
		await mkdir(dir);
		// Seven real key bags, each with its own salt, in one SafeContents; no MAC, certificate unencrypted.
		const kids = (node: forge.asn1.Asn1 | string | undefined) => (node as forge.asn1.Asn1).value as forge.asn1.Asn1[];
		const bytesIn = (node: forge.asn1.Asn1 | string | undefined) => (node as forge.asn1.Asn1).value as string;
		const isKeyBag = (bag: forge.asn1.Asn1) => forge.asn1.derToOid(bytesIn(kids(bag)[0])) === forge.pki.oids['pkcs8ShroudedKeyBag'];
		// PFX → authSafe ContentInfo → [0] → OCTET STRING holding the AuthenticatedSafe (ContentInfos of SafeContents).
		const authSafeHolder = (pfx: forge.asn1.Asn1) => kids(kids(kids(pfx)[1])[1])[0]!;
		const safeHolder = (info: forge.asn1.Asn1) => kids(kids(info)[1])[0]!;
		const bags: forge.asn1.Asn1[] = [];
		let pfx: forge.asn1.Asn1 | null = null;
		for (let i = 0; i < 7; i++) {
			const one = exportP12(join(dir, `one-${i}.p12`), ASCII_PASSWORD, ['-nomac', '-certpbe', 'NONE']);
			const parsed = forge.asn1.fromDer((await readFile(one)).toString('binary'));
			pfx ??= parsed;
			for (const info of kids(forge.asn1.fromDer(bytesIn(authSafeHolder(parsed))))) {
				bags.push(...kids(forge.asn1.fromDer(bytesIn(safeHolder(info)))).filter(isKeyBag));
			}
		}
		expect(bags).toHaveLength(7);
		// The first file again, with all seven bags in its key SafeContents.
		const authSafe = forge.asn1.fromDer(bytesIn(authSafeHolder(pfx!)));
		for (const info of kids(authSafe)) {
			const holder = safeHolder(info);
			const contents = forge.asn1.fromDer(bytesIn(holder));
			if (!kids(contents).some(isKeyBag)) continue;
			contents.value = bags;
			holder.value = forge.asn1.toDer(contents).getBytes();
		}
		authSafeHolder(pfx!).value = forge.asn1.toDer(authSafe).getBytes();
		const bomb = join(dir, 'seven-bags.p12');
		await writeFile(bomb, Buffer.from(forge.asn1.toDer(pfx!).getBytes(), 'binary'));

		let caught: unknown;
		try {
			await readCertificateFile(bomb, {secret: async () => ASCII_PASSWORD});
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(SourceError);
		const error = caught as SourceError;
		expect(error.code).toBe('UNSUPPORTED_FORMAT');
		expect(error.message).toContain('at most 2,000,000 iterations per derivation and 12,000,000 in all for one password');
	}, 120_000);
});

describe('Ctrl+C while a 2,000,000-iteration file is derived', () => {
	let world: World;
	let term: Terminal | undefined;
	beforeAll(async () => {
		world = await makeWorld('kdf-interrupt');
	});
	afterAll(async () => {
		await term?.close();
		await removeWorld(world);
	});

	it('ends the wizard with 130 at once, not after the derivation', async () => {
		const file = exportP12(join(f.dir, 'iter2m-wizard.p12'), ASCII_PASSWORD);
		const dirs = await runDirs(world, 'kdf');
		term = await startWizard(world, dirs, {env: {OTE_CERT_PASSWORD: ASCII_PASSWORD}, args: ['--lang', 'en']});
		await term.waitFor('Where is your certificate?');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(file);
		await term.waitFor('iter2m-wizard.p12');
		await term.press('Enter');
		// The read has begun (the path field is gone); the derivations take seconds from here.
		await term.waitUntil((screen) => !screen.includes('Path:'), 'the read to start');
		await term.press('C-c');
		// Forge's JavaScript held the event loop for 38 s here; five seconds is far more than the native derivation needs to hear the key.
		expect(await term.waitForExit(5_000)).toBe(130);
	}, 60_000);
});
