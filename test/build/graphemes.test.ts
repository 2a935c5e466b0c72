// The bundle gives Ink's grapheme cutting (slice-ansi, @alcalzone/ansi-tokenize) source/ui/
// graphemes.ts instead of their own Intl.Segmenter (scripts/build.mjs segmenterOnDemand), so the
// wizard's first screen is drawn without loading ICU's break rules (~8 ms). Counted in the built
// program: a preload wraps Intl.Segmenter and notes how many were made when the first frame is written.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {requireBuild} from '../cli/helpers.js';
import {Terminal} from '../helpers/tmux.js';

let term: Terminal | undefined;
afterEach(async () => {
	await term?.close();
	term = undefined;
});

const PRELOAD = `
const fs = require('node:fs');
const Real = Intl.Segmenter;
let made = 0;
let atFirstFrame = null;
Intl.Segmenter = new Proxy(Real, {construct(target, args, newTarget) { made++; return Reflect.construct(target, args, newTarget); }});
const write = process.stdout.write;
process.stdout.write = function (chunk, ...rest) {
	if (atFirstFrame === null && String(chunk).includes(process.env.OTE_TEST_MARK)) atFirstFrame = made;
	return write.call(this, chunk, ...rest);
};
process.on('exit', () => fs.writeFileSync(process.env.OTE_TEST_COUNT, JSON.stringify({atFirstFrame, made})));
`;

describe("the wizard's first frame", () => {
	for (const [lang, mark] of [
		['en', 'Step 1/5'],
		['cs', 'Krok 1/5'],
	] as const)
		it(`is drawn without an ICU grapheme segmenter (--lang ${lang})`, async () => {
			requireBuild();
			const dir = mkdtempSync(path.join(os.tmpdir(), 'ote-graphemes-'));
			const preload = path.join(dir, 'count-segmenters.cjs');
			writeFileSync(preload, PRELOAD);
			const count = path.join(dir, 'count.json');
			term = await Terminal.start({
				args: ['--lang', lang],
				env: {HOME: dir, OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), NODE_OPTIONS: `--require ${preload}`, OTE_TEST_COUNT: count, OTE_TEST_MARK: mark},
				cwd: dir,
				cols: 100,
				rows: 30,
			});
			await term.waitFor(mark);
			await term.press('C-c');
			expect(await term.waitForExit()).toBe(130);
			expect(JSON.parse(readFileSync(count, 'utf8'))).toMatchObject({atFirstFrame: 0});
		});
});
