// mkdir -p, one level at a time. Node 20's recursive mkdir never returns for some paths: under /proc,
// mkdir says ENOENT although the parent exists, and Node retries for ever (sync and async alike).
// Here every refusal is an error the caller can report.
import {mkdirSync, statSync} from 'node:fs';
import {mkdir, stat} from 'node:fs/promises';
import path from 'node:path';

const notAFolder = (p: string) => Object.assign(new Error(`${p} is not a folder`), {code: 'ENOTDIR'});

/** The missing folders from the top down, or an error when an ancestor is a file. */
function missingLevels(dir: string, statOf: (p: string) => {isDirectory(): boolean} | null): string[] {
	const missing: string[] = [];
	for (let current = path.resolve(dir); ; ) {
		const info = statOf(current);
		if (info) {
			if (!info.isDirectory()) throw notAFolder(current);
			break;
		}
		missing.push(current);
		const up = path.dirname(current);
		if (up === current) break;
		current = up;
	}
	return missing.reverse();
}

const orNullIfMissing = (error: NodeJS.ErrnoException) => {
	if (error.code === 'ENOENT') return null;
	throw error;
};

export function makeDirsSync(dir: string, mode?: number): void {
	const levels = missingLevels(dir, (p) => {
		try {
			return statSync(p);
		} catch (error) {
			return orNullIfMissing(error as NodeJS.ErrnoException);
		}
	});
	for (const level of levels) {
		try {
			mkdirSync(level, mode === undefined ? undefined : {mode});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

export async function makeDirs(dir: string, mode?: number): Promise<void> {
	// Stat is async here, so the walk is written out rather than shared with the sync one.
	const missing: string[] = [];
	for (let current = path.resolve(dir); ; ) {
		const info = await stat(current).catch(orNullIfMissing);
		if (info) {
			if (!info.isDirectory()) throw notAFolder(current);
			break;
		}
		missing.push(current);
		const up = path.dirname(current);
		if (up === current) break;
		current = up;
	}
	for (const level of missing.reverse()) {
		await mkdir(level, mode === undefined ? undefined : {mode}).catch((error: NodeJS.ErrnoException) => {
			if (error.code !== 'EEXIST') throw error;
		});
	}
}
