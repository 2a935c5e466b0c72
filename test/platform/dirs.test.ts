// mkdir -p that answers: Node 20's recursive mkdir spins for ever under /proc.
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeDirsSync} from '../../source/platform/dirs.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ote-dirs-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const name = 'makeDirsSync';
const make = async (d: string, mode?: number) => makeDirsSync(d, mode);

describe('makeDirsSync', () => {
	it('makes every missing level with the mode asked for, and accepts what exists', async () => {
		const deep = path.join(tmp, name, 'a', 'b', 'c');
		await make(deep, 0o700);
		for (const level of [path.join(tmp, name), path.join(tmp, name, 'a'), deep]) {
			expect(statSync(level).isDirectory()).toBe(true);
			expect(statSync(level).mode & 0o777).toBe(0o700);
		}
		await make(deep);
		await make(tmp);
	});

	it('refuses with ENOTDIR below a file and with the errno under /proc, instead of spinning', async () => {
		const file = path.join(tmp, `${name}-file`);
		writeFileSync(file, 'x');
		await expect(make(path.join(file, 'sub', 'dir'))).rejects.toMatchObject({code: 'ENOTDIR'});
		await expect(make('/proc/ote-cert-nope/x')).rejects.toMatchObject({code: 'ENOENT'});
	});
});
