// The bench never skips the single executable's rows in silence: without an executable they are
// reported as not measured, with the reason (test/smoke/exe/bench.smoke.ts measures a real one).
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('bench/run.mjs --only exe', () => {
	it('with no executable, prints and records both rows as NOT MEASURED and says how to get one', async () => {
		const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ote-bench-exe-')), 'result.json');
		const missing = path.join(path.dirname(out), 'no-such-executable');
		const r = await promisify(execFile)(process.execPath, [path.join(root, 'bench', 'run.mjs'), '--only', 'exe', '--quick', '--exe', missing, '--out', out], {
			cwd: root,
			encoding: 'utf8',
		});
		const figures = JSON.parse(readFileSync(out, 'utf8')).figures as Array<{name: string; notMeasured?: string; figure?: number}>;
		expect(figures.map((f) => f.name)).toEqual(['exe-wizard-first-frame', 'exe-wizard-first-frame-first-start']);
		for (const f of figures) {
			expect(f.notMeasured).toContain(`${missing} does not exist`);
			expect(f.notMeasured).toContain('npm run build:exe');
			expect(f.figure).toBeUndefined();
			expect(r.stderr).toContain(`${f.name}: NOT MEASURED`);
			expect(r.stdout).toMatch(new RegExp(`\\| ${f.name} \\| not measured: `));
		}
	}, 60_000);
});
