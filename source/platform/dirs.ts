// mkdir -p, one level at a time. Node 20's recursive mkdir never returns for some paths: under /proc,
// mkdir says ENOENT although the parent exists, and Node retries for ever (sync and async alike).
// Here every refusal is an error the caller can report. Synchronous: a handful of stat calls, once.
import {mkdirSync, statSync} from 'node:fs';
import path from 'node:path';

export function makeDirsSync(dir: string, mode?: number): void {
	const missing: string[] = [];
	for (let current = path.resolve(dir); ; ) {
		const info = statSync(current, {throwIfNoEntry: false});
		if (info) {
			if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), {code: 'ENOTDIR'});
			break;
		}
		missing.push(current);
		const up = path.dirname(current);
		if (up === current) break;
		current = up;
	}
	for (const level of missing.reverse()) {
		try {
			mkdirSync(level, mode === undefined ? undefined : {mode});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}
