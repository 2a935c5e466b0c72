// The benchmark runs end to end and both sides see all 50 certificates (no timing assertions).
import {describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import {benchTokenEnumeration} from '../../bench/token.mjs';

describe('bench/token.mjs', () => {
	it('reports figure, baseline and ratio from one run', async () => {
		const r = (await benchTokenEnumeration({runs: 1})) as Record<string, unknown>;
		expect(r).toMatchObject({runs: 1, certificates: 50, unit: 'ms'});
		for (const k of ['figure', 'baseline', 'ratio', 'warmProbeMs']) expect(r[k]).toBeGreaterThan(0);
		expect(r['ratio']).toBeCloseTo((r['figure'] as number) / (r['baseline'] as number), 1);
	}, 120_000);
});
