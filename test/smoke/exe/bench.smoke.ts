// The bench measures the single executable's wizard start against bare node of the very Node it is
// made of (package.json config.seaNode), with the running Node's bare start beside it (no timing
// assertions: only that every figure is there).
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {runtime} from '../runtime.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('bench/run.mjs --only exe', () => {
	it('measures both starts of this executable against bare node of the Node inside it', async () => {
		const out = path.join(mkdtempSync(path.join(runtime().dir, 'bench-')), 'result.json');
		await promisify(execFile)(
			process.execPath,
			[path.join(root, 'bench', 'run.mjs'), '--only', 'exe', '--quick', '--exe', runtime().command[0]!, '--out', out],
			{
				cwd: root,
				encoding: 'utf8',
			},
		);
		const figures = JSON.parse(readFileSync(out, 'utf8')).figures;
		expect(figures.map((f: {name: string}) => f.name)).toEqual(['exe-wizard-first-frame', 'exe-wizard-first-frame-first-start']);
		for (const f of figures) {
			expect(f.notMeasured).toBeUndefined();
			expect(f.baselineName).toBe(`bare node ${runtime().nodeVersion}`);
			for (const n of [f.figure, f.baseline, f.ratio, f.cpu.figure, f.cpuToFrame.figure, f.reference.figure]) expect(n).toBeGreaterThan(0);
			expect(f.reference.name).toBe(`bare node ${process.version}`);
		}
	}, 120_000);
});
