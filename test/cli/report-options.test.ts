// `ote-cert report` does what its options say: --json prints the report and writes nothing, --out names
// a folder (the file goes inside) or the file itself, and --source adds that certificate's assessment.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mkdir, mkdtemp, readFile, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {cleanEnv, makeWorld, requireBuild, runCli, type World} from './helpers.js';

let dir: string;
let world: World;
let env: NodeJS.ProcessEnv;

interface Report {
	tool: {name: string};
	source?: {ref: string; certificates: Array<{subject: string; fingerprints: {sha256: string}; findings: Array<{code: string}>; registrable: boolean}>};
}

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-report-'));
	world = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), HOME: path.join(dir, 'home')});
	await mkdir(path.join(dir, 'home'));
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

const reportsIn = async (folder: string) => (await readdir(folder)).filter((n) => /^ote-cert-report-.*\.json$/.test(n));

describe('report options', () => {
	it('--json prints the report on stdout and writes no file', async () => {
		const cwd = await mkdtemp(path.join(dir, 'json-'));
		const r = await runCli(['report', '--json'], {env, cwd});
		expect(r.code, r.stderr).toBe(0);
		expect((JSON.parse(r.stdout) as Report).tool.name).toBe('ote-cert');
		expect(await readdir(cwd)).toEqual([]);
	});

	it('--out DIR writes a report file inside the folder', async () => {
		const cwd = await mkdtemp(path.join(dir, 'outdir-'));
		const folder = path.join(cwd, 'for-helpdesk');
		await mkdir(folder);
		const r = await runCli(['report', '--out', folder], {env, cwd});
		expect(r.code, r.stderr).toBe(0);
		const [name] = await reportsIn(folder);
		expect(name).toBeDefined();
		expect(r.stdout).toContain(path.join(folder, name!));
		expect(JSON.parse(await readFile(path.join(folder, name!), 'utf8'))).toMatchObject({tool: {name: 'ote-cert'}});
	});

	it('--out FILE writes exactly that file', async () => {
		const cwd = await mkdtemp(path.join(dir, 'outfile-'));
		const file = path.join(cwd, 'case-4711.json');
		const r = await runCli(['report', '--out', file], {env, cwd});
		expect(r.code, r.stderr).toBe(0);
		expect(await readdir(cwd)).toEqual(['case-4711.json']);
		expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({tool: {name: 'ote-cert'}});
	});

	it('--source X includes that certificate with its fingerprint and findings', async () => {
		const cwd = await mkdtemp(path.join(dir, 'source-'));
		const r = await runCli(['report', '--json', '--source', world.files['expiredPem']!, ...world.trust], {env, cwd});
		expect(r.code, r.stderr).toBe(0);
		const report = JSON.parse(r.stdout) as Report;
		expect(report.source?.ref).toBe(world.files['expiredPem']);
		const [cert] = report.source?.certificates ?? [];
		expect(cert?.subject).toContain('Eva Prošlá');
		expect(cert?.fingerprints.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(cert?.registrable).toBe(false);
		expect(cert?.findings.map((f) => f.code)).toContain('EXPIRED');
	});
});
