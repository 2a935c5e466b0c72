// Where V8's compiled code for the bundle is kept between runs, and the rules for trusting it.
// Compiling the 1.7 MB bundle took ~45 ms of every start (Node 20 has no module compile cache);
// with the code V8 produced on an earlier run it is deserialised instead.
//
// V8 accepts cached code when the source *length* and its own version/flags match: it does not
// hash the text. So the file name carries a hash of the bundle computed at build time, plus the
// Node version and architecture. Cached code runs as our program, so it is read only from a
// directory and a file that this user owns and nobody else can write.
//
// V8 does not check its cached data either: half a file of zeros (a crash before the data reached
// the disk) made every start die with SIGSEGV until the file was deleted. So the file carries a
// SHA-256 of the data, checked before V8 sees a byte, and is written with fsync and a rename.
import {createHash} from 'node:crypto';
import {closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, unlinkSync, constants} from 'node:fs';
import path from 'node:path';
import {makeDirsSync} from '../platform/dirs.js';
import {writeFileDurablySync} from '../platform/durable.js';

/** File format: MAGIC, SHA-256 of the data, V8's data. A file of the format before has no MAGIC and is rewritten. */
const MAGIC = Buffer.from('ote-v8c1', 'latin1');
const HEADER = MAGIC.length + 32;

/**
 * A run of the wizard compiles what the first screen needs; any other command compiles less; the
 * build leaves one made by `ote-cert --version` next to the bundle, so even the first start after
 * installing skips compiling the whole bundle.
 */
/** A wizard start's code, one command's (`command-inspect`), any other run's (`--help`), or the build's. */
export type CacheKind = 'wizard' | 'command' | `command-${string}` | 'build';

export interface CodeCacheLocation {
	dir: string;
	/** The installation's own folder: may belong to root (a global install), never writable by others. */
	installed?: boolean;
	/** File for a kind of run; the bundle id, Node version and architecture are in the name. */
	file(kind: CacheKind): string;
	/** Files of other bundles or Node versions, left behind by upgrades. */
	isStale(name: string): boolean;
}

const MAX_BYTES = 64 << 20;
/** A temporary file this old was left by a run that died between writing and renaming. */
const ABANDONED_MS = 10 * 60_000;

const cacheOff = (env: NodeJS.ProcessEnv): boolean => /^(off|0|false|no)$/i.test(env['OTE_CERT_CODE_CACHE'] ?? '');

/**
 * The cache directory: OTE_CERT_CACHE_DIR, else the platform's per-user cache folder. null when
 * OTE_CERT_CODE_CACHE is off/0/false or no home is known.
 */
export function codeCacheLocation(opts: {
	env: NodeJS.ProcessEnv;
	platform: NodeJS.Platform;
	home: string;
	bundleId: string;
	nodeVersion: string;
	arch: string;
}): CodeCacheLocation | null {
	const {env} = opts;
	if (cacheOff(env)) return null;
	let dir: string | undefined;
	if (env['OTE_CERT_CACHE_DIR']) dir = env['OTE_CERT_CACHE_DIR'];
	else if (opts.platform === 'win32') dir = env['LOCALAPPDATA'] ? path.join(env['LOCALAPPDATA'], 'ote-cert', 'Cache') : undefined;
	else if (opts.platform === 'darwin') dir = opts.home ? path.join(opts.home, 'Library', 'Caches', 'ote-cert') : undefined;
	else if (env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME'])) dir = path.join(env['XDG_CACHE_HOME'], 'ote-cert');
	else dir = opts.home ? path.join(opts.home, '.cache', 'ote-cert') : undefined;
	if (!dir) return null;
	return locationIn(dir, opts);
}

/** The cache the build left in dist/code-cache; null when caching is off. */
export function installedCodeCacheLocation(opts: {
	env: NodeJS.ProcessEnv;
	distDir: string;
	bundleId: string;
	nodeVersion: string;
	arch: string;
}): CodeCacheLocation | null {
	if (cacheOff(opts.env)) return null;
	return {...locationIn(path.join(opts.distDir, 'code-cache'), opts), installed: true};
}

function locationIn(dir: string, opts: {bundleId: string; nodeVersion: string; arch: string}): CodeCacheLocation {
	const stem = `v8-${opts.bundleId}-${opts.nodeVersion}-${opts.arch}`.replace(/[^A-Za-z0-9._-]/g, '_');
	const resolved = path.resolve(dir);
	return {
		dir: resolved,
		file: (kind) => path.join(resolved, `${stem}-${kind}.bin`),
		isStale: (name) => name.startsWith('v8-') && name.endsWith('.bin') && !name.startsWith(`${stem}-`),
	};
}

/**
 * POSIX: owned by this user (or, for the installation's folder, by root) and not writable by group
 * or others. Windows: no uid to compare.
 */
function trusted(stat: {uid: number; mode: number}, installed: boolean): boolean {
	if (typeof process.getuid !== 'function') return true;
	const owner = stat.uid === process.getuid() || (installed && stat.uid === 0);
	return owner && (stat.mode & 0o022) === 0;
}

function dirTrusted(location: CodeCacheLocation): boolean {
	try {
		const stat = lstatSync(location.dir);
		return stat.isDirectory() && trusted(stat, location.installed === true);
	} catch {
		return false;
	}
}

/**
 * The cached code for this bundle: the data when it is intact, 'damaged' when the file is there but
 * its checksum does not match (it is removed from the person's own folder, so the run writes a new
 * one), undefined when there is none we may trust.
 */
/** V8's data inside a cache file's bytes when its checksum matches; 'damaged' otherwise (never handed to V8). */
export function verifiedCodeCache(file: Buffer): Buffer | 'damaged' {
	if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return 'damaged';
	const data = file.subarray(HEADER);
	return createHash('sha256').update(data).digest().equals(file.subarray(MAGIC.length, HEADER)) ? data : 'damaged';
}

export function readCodeCache(location: CodeCacheLocation, kind: CacheKind): Buffer | 'damaged' | undefined {
	if (!dirTrusted(location)) return undefined;
	let fd: number | undefined;
	let damaged = false;
	try {
		// O_NOFOLLOW: a symlink planted in place of the file is refused, not followed.
		fd = openSync(location.file(kind), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
		const stat = fstatSync(fd);
		if (!stat.isFile() || !trusted(stat, location.installed === true) || stat.size > MAX_BYTES) return undefined;
		const file = Buffer.allocUnsafe(stat.size);
		let read = 0;
		while (read < file.length) {
			const n = readSync(fd, file, read, file.length - read, read);
			if (n === 0) break;
			read += n;
		}
		const data = read === file.length ? verifiedCodeCache(file) : 'damaged';
		damaged = data === 'damaged';
		return data;
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
		if (damaged && !location.installed) removeQuietly(location.file(kind));
	}
}

/** A temporary file of a cache write (writeFileDurablySync names them `<file>.tmp-<random>`). */
const isTemporary = (name: string) => name.startsWith('v8-') && name.includes('.bin.tmp-');

/**
 * Stores the code (checksummed, fsynced, renamed into place) and removes files of older bundles.
 * Never throws: the cache only makes starts faster, so a read-only home or a full disk costs
 * speed, not the run.
 */
export function writeCodeCache(location: CodeCacheLocation, kind: CacheKind, data: Buffer, replaces: CacheKind[] = []): boolean {
	try {
		makeDirsSync(location.dir, 0o700);
		if (!dirTrusted(location)) return false;
		const digest = createHash('sha256').update(data).digest();
		writeFileDurablySync(location.file(kind), Buffer.concat([MAGIC, digest, data]), 0o600);
		for (const other of replaces) if (other !== kind) removeQuietly(location.file(other));
		for (const name of readdirSync(location.dir)) {
			const file = path.join(location.dir, name);
			if (location.isStale(name)) removeQuietly(file);
			else if (isTemporary(name) && Date.now() - (statSync(file, {throwIfNoEntry: false})?.mtimeMs ?? Date.now()) > ABANDONED_MS) removeQuietly(file);
		}
		return true;
	} catch {
		return false;
	}
}

function removeQuietly(file: string): void {
	try {
		unlinkSync(file);
	} catch {
		// already gone, or another run is replacing it
	}
}
