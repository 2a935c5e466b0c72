// pkcs11js's compiled module, carried inside the single executable. The system loader (dlopen) can
// only load a native module from a file, so the bytes are written out once and loaded from there:
// - into the per-user cache folder (the code cache's, ~/.cache/ote-cert), created 0700 and used only
//   when it is a real folder owned by this user that nobody else can write; otherwise into a fresh
//   private temporary folder (mkdtemp, 0700) removed when the run ends;
// - under a name carrying the SHA-256 of the carried bytes, written 0600 to a temporary name and
//   renamed into place (no half-written file is ever seen);
// - before every load the file is opened without following a symlink (O_NOFOLLOW), must be a regular
//   file of this user that nobody else can write, and must hash to the carried bytes; anything else
//   is replaced, never loaded. Only this user (or root) can change it between the check and the load;
// - process.dlopen then loads it: what require() does for a .node file inside.
import {createHash} from 'node:crypto';
import {closeSync, constants, fstatSync, lstatSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, type Stats, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {getRawAsset} from 'node:sea';
import {makeDirsSync} from '../platform/dirs.js';
import {codeCacheLocation} from './code-cache.js';

const ours = (stat: Stats) => typeof process.getuid !== 'function' || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0);

function privateDir(): string {
	let home = '';
	try {
		home = os.homedir();
	} catch {
		// no HOME and no passwd entry: the temporary folder below
	}
	// The code cache's folder rule, whether or not the code cache is switched off.
	const dir = codeCacheLocation({
		env: {...process.env, OTE_CERT_CODE_CACHE: 'on'},
		platform: process.platform,
		home,
		bundleId: '',
		nodeVersion: '',
		arch: '',
	})?.dir;
	if (dir) {
		try {
			makeDirsSync(dir, 0o700);
			const stat = lstatSync(dir);
			if (stat.isDirectory() && ours(stat)) return dir;
		} catch {
			// read-only home, or a folder we may not trust: the temporary folder below
		}
	}
	const temporary = mkdtempSync(path.join(os.tmpdir(), 'ote-cert-'));
	process.once('exit', () => rmSync(temporary, {recursive: true, force: true}));
	return temporary;
}

function holds(file: string, digest: string): boolean {
	let fd: number | undefined;
	try {
		fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
		const stat = fstatSync(fd);
		return stat.isFile() && ours(stat) && createHash('sha256').update(readFileSync(fd)).digest('hex') === digest;
	} catch {
		return false;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Loads the native module carried as `asset` and returns its exports. */
export function embeddedAddon(asset: string): unknown {
	const bytes = new Uint8Array(getRawAsset(asset) as ArrayBuffer);
	const digest = createHash('sha256').update(bytes).digest('hex');
	const file = path.join(privateDir(), `${path.basename(asset, '.node')}-${digest.slice(0, 16)}.node`);
	if (!holds(file, digest)) {
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, bytes, {mode: 0o600, flag: 'wx'});
		renameSync(temporary, file);
		if (!holds(file, digest)) throw new Error(`${file} could not be written as expected`);
	}
	const module = {exports: {}};
	process.dlopen(module, file);
	return module.exports;
}
