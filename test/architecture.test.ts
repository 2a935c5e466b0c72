// One brain: the rules (certificate, trust, account, flow) decide in codes and touch nothing outside.
// Words come from source/i18n at the edge, files and tokens from source/sources and source/ledger,
// the screen from source/ui. A rule file that imports one of those has put a decision in the wrong place.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const CORE = ['certificate', 'trust', 'account', 'flow'];
const FORBIDDEN = [/\/i18n\//, /^node:fs/, /^fs$/, /^ink$/, /^react$/, /\/ui\//, /\/ledger\//, /\/commands\//, /\/cli\//];
// The wizard's machine names the shapes of the services seam it asks for (types only, erased at build).
const TYPES_ONLY = [/\/services\//];

function importsOf(file: string, {withTypes = true} = {}): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)]
		.filter((m) => withTypes || !m[2])
		.map((m) => m[3] ?? m[4] ?? m[5] ?? '');
}

describe('the core imports no words, files, screens or outside rooms', () => {
	for (const room of CORE) {
		it(`source/${room}`, () => {
			const dir = path.join(root, 'source', room);
			const files = readdirSync(dir).filter((f) => /\.tsx?$/.test(f));
			expect(files.length).toBeGreaterThan(0);
			const offending = files.flatMap((f) => [
				...importsOf(path.join(dir, f))
					.filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
					.map((spec) => `${room}/${f} imports ${spec}`),
				...importsOf(path.join(dir, f), {withTypes: false})
					.filter((spec) => TYPES_ONLY.some((re) => re.test(spec)))
					.map((spec) => `${room}/${f} imports code from ${spec}`),
			]);
			expect(offending).toEqual([]);
		});
	}

	it('the check itself sees an import it forbids (the edge imports i18n)', () => {
		expect(importsOf(path.join(root, 'source', 'services', 'describe.ts'))).toContain('../i18n/index.js');
	});
});
