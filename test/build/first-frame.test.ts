// What the built wizard loads before its first frame is on screen: every Node module loaded there is
// time before the person sees anything. The ledger (read with fs), the certificate search, the
// package writer, revocation's network, and what Ink's dependencies carry for paths not taken come
// after the frame or when used.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {requireBuild} from '../cli/helpers.js';
import {Terminal} from '../helpers/tmux.js';

let tmp: string;
beforeAll(() => {
	requireBuild();
	tmp = mkdtempSync(path.join(os.tmpdir(), 'ote-first-frame-'));
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

it('the first frame loads no Node module it does not use: no assert, child_process, fs/promises, http, https or tls', async () => {
	const out = path.join(tmp, 'modules.txt');
	const term = await Terminal.start({
		command: [
			process.execPath,
			'--require',
			path.join(import.meta.dirname, 'fixtures', 'modules-at-frame.cjs'),
			path.resolve(import.meta.dirname, '../../dist/cli.js'),
		],
		args: ['--lang', 'en'],
		env: {HOME: tmp, OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg'), MODULES_AT_FRAME: out},
	});
	try {
		await term.waitFor('Step 1/5');
	} finally {
		await term.press('C-c');
		await term.waitForExit().catch(() => undefined);
		await term.close();
	}
	const loaded = readFileSync(out, 'utf8').trim().split('\n');
	// The frame does load something: the terminal's streams.
	expect(loaded).toContain('tty');
	for (const unused of ['assert', 'child_process', 'fs/promises', 'http', 'https', 'tls', 'readline', 'zlib']) expect(loaded, unused).not.toContain(unused);
});
