// Every key the screens ask for exists in both languages. The type check refuses an unknown key
// (t takes a MessageKey); this reads the source text as a second guard. Literal keys are read from
// the source; keys built from a value (`ui.help.${step}`) are checked for every value they can take.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import {catalogKeys} from '../../source/i18n/index.js';
import {STEPS} from '../../source/flow/wizard.js';
import {BUILT_IN_ENVIRONMENTS} from '../../source/account/types.js';

const root = fileURLToPath(new URL('../../source/', import.meta.url));

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) ? [full] : [];
	});
}

/** Keys passed literally to t(): t('ui.cert.title'), t("x.y", {...}). */
function literalKeys(files: string[]): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
		for (const match of text.matchAll(/\bt\(\s*(['"])([a-z][\w-]*(?:\.[\w-]+)+)\1/g)) {
			const key = match[2]!;
			found.set(key, [...(found.get(key) ?? []), path.relative(root, file)]);
		}
		// Keys chosen by a condition: t(cond ? 'a.b' : 'c.d').
		for (const match of text.matchAll(/\bt\(\s*[^()'"`]*\?\s*'([\w.-]+)'\s*:\s*'([\w.-]+)'/g)) {
			for (const key of [match[1]!, match[2]!]) found.set(key, [...(found.get(key) ?? []), path.relative(root, file)]);
		}
	}
	return found;
}

let cs: Set<string>;
let en: Set<string>;
beforeAll(() => {
	const keys = catalogKeys();
	cs = new Set(keys.cs);
	en = new Set(keys.en);
});

function missing(keys: Iterable<string>): {missingInCs: string[]; missingInEn: string[]} {
	const list = [...keys];
	return {missingInCs: list.filter((key) => !cs.has(key)).sort(), missingInEn: list.filter((key) => !en.has(key)).sort()};
}

describe('keys used by the wizard screens', () => {
	it('cs and en have the same key set', () => {
		expect(missing(en)).toEqual({missingInCs: [], missingInEn: []});
		expect(missing(cs)).toEqual({missingInCs: [], missingInEn: []});
	});

	// Scoped to the screens and their text helpers; the services and commands belong to other rooms.
	it('every literal key in source/ui and source/output exists in both languages', () => {
		const used = literalKeys([...sourceFiles(path.join(root, 'ui')), ...sourceFiles(path.join(root, 'output'))]);
		expect(used.size).toBeGreaterThan(80);
		expect(missing(used.keys())).toEqual({missingInCs: [], missingInEn: []});
	});

	it('keys built from a value exist for every value', () => {
		const built = [
			...[...STEPS, 'done'].map((step) => `ui.help.${step}`),
			'ui.refusal.NOT_REGISTRABLE',
			...BUILT_IN_ENVIRONMENTS.flatMap((env) => [`ui.env.${env.id}`, `ui.env.short.${env.id}`]),
			...['portal-login', 'portal-signing', 'automatic-mark', 'ote-com-login', 'encrypted-email'].map((use) => `ui.use.${use}`),
			...['auth', 'sign'].flatMap((role) => [`ui.slot.role.${role}`, `output.role.${role}`]),
		];
		expect(missing(built)).toEqual({missingInCs: [], missingInEn: []});
	});
});
