// The plain password prompt switches the terminal to raw mode (no echo). A hang-up while it waits
// must leave the terminal as it found it: echo back on, and the program gone with exit 129.
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {requireTmux, Terminal} from '../helpers/tmux.js';
import {makeWorld, requireBuild, type World} from './helpers.js';

let dir: string;
let w: World;

beforeAll(async () => {
	requireBuild();
	requireTmux();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-hangup-'));
	w = await makeWorld(dir);
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

async function waitForFile(file: string): Promise<string> {
	for (let i = 0; i < 300; i++) {
		if (existsSync(file)) {
			const text = await readFile(file, 'utf8');
			if (text.length > 0) return text;
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${file} was never written`);
}

describe('SIGHUP at the password prompt', () => {
	it('restores terminal echo and exits 129', async () => {
		const sttyFile = path.join(dir, 'stty-after.txt');
		// The shell running the program records the terminal's settings once the program has gone.
		const term = await Terminal.start({
			args: ['inspect', w.files['goodP12']!, ...w.trust],
			env: {OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')},
			cwd: dir,
			prelude: `trap 'stty -a > ${sttyFile}' EXIT`,
		});
		try {
			await term.waitFor(/Password/i);
			const shell = (await term.tmux('display-message', '-p', '-t', 'e2e', '#{pane_pid}')).trim();
			const children = (await readFile(`/proc/${shell}/task/${shell}/children`, 'utf8')).trim().split(/\s+/);
			expect(children).toHaveLength(1);
			const program = Number(children[0]);
			// Echo is off while the prompt waits (raw mode), so the restore is what the test measures.
			process.kill(program, 'SIGHUP');
			expect(await term.waitForExit()).toBe(129);
			const settings = await waitForFile(sttyFile);
			expect(settings).toMatch(/(^|\s)echo(\s|$)/m);
			expect(settings).toMatch(/(^|\s)icanon(\s|$)/m);
			expect(await readdir(dir)).not.toContain('cfg');
		} finally {
			await term.close();
		}
	});
});
