// Replacing a file so that a full disk, a crash or a power cut leaves either the old file or the new
// one, never a mixture: every byte written (write() may write fewer bytes than asked), fsync, rename,
// fsync of the folder so the rename itself survives. On any error the temporary file is removed and
// the target is exactly as it was. Synchronous: callers hold a lock and write a few kilobytes.
import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import path from 'node:path';

/** Temporary files are `<file>.tmp-<random>`: the same prefix atomically (conf) used, so one sweep removes both. */
export function tempPrefix(file: string): string {
	return `${path.basename(file)}.tmp-`;
}

function writeAll(fd: number, data: Uint8Array): void {
	for (let offset = 0; offset < data.length; ) {
		const written = writeSync(fd, data, offset, data.length - offset);
		// A zero-byte write would loop for ever; the disk gives no more room.
		if (written <= 0) throw Object.assign(new Error('no bytes written'), {code: 'ENOSPC'});
		offset += written;
	}
}

/** fsync of a folder makes a rename inside it durable; some systems (Windows) cannot open a folder for it. */
function syncFolder(dir: string): void {
	let fd: number;
	try {
		fd = openSync(dir, 'r');
	} catch {
		return;
	}
	try {
		fsyncSync(fd);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
	} finally {
		closeSync(fd);
	}
}

export function writeFileDurablySync(file: string, content: string | Uint8Array, mode = 0o600): void {
	const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	const dir = path.dirname(file);
	const temp = path.join(dir, `${tempPrefix(file)}${randomBytes(6).toString('hex')}`);
	const fd = openSync(temp, 'wx', mode);
	try {
		try {
			writeAll(fd, data);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		renameSync(temp, file);
	} catch (error) {
		try {
			unlinkSync(temp);
		} catch {
			// Already gone, or the folder refuses even that: nothing more can be done.
		}
		throw error;
	}
	syncFolder(dir);
}

/** Leftovers of killed runs: entries in `dir` starting with `prefix` and untouched for `maxAgeMs`. */
export function staleEntries(dir: string, prefix: string, maxAgeMs: number, now = Date.now()): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	const stale: string[] = [];
	for (const name of names) {
		if (!name.startsWith(prefix)) continue;
		const full = path.join(dir, name);
		const info = statSync(full, {throwIfNoEntry: false});
		if (info && now - info.mtimeMs > maxAgeMs) stale.push(full);
	}
	return stale;
}

/** Leftovers older than this belong to a run that was killed: no run takes ten minutes to write. */
export const LEFTOVER_AGE_MS = 10 * 60_000;
