// `trust` through the built CLI: each CA's name is shown whole, escaped commas included.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cleanEnv, requireBuild, runCli} from './helpers.js';

let dir: string;

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-trust-'));
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('trust', () => {
	it('names the shipped I.CA CA in full, "I.CA - Qualified Certification Authority, 09/2009", with no stray backslash', async () => {
		const r = await runCli(['trust', '--lang', 'en'], {env: cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), HOME: dir}), cwd: dir});
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/ I\.CA - Qualified Certification Authority, 09\/2009$/m);
		expect(r.stdout).toMatch(/ I\.CA - Qualified root certificate \(kvalifikovaný certifikát poskytovatele\) - PSEUDONYM$/m);
		expect(r.stdout).not.toContain('\\');
	});
});
