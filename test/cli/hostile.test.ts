// Certificate text is hostile: a CN with terminal escapes, bells, bidi overrides and path separators
// must reach neither the terminal nor a file name intact, through inspect and register alike.
import {readFile, readdir, rm, mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {simpleParser} from 'mailparser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {cleanEnv, makeWorld, parseJson, qualified, readTree, requireBuild, runCli, writeLeaf, type World} from './helpers.js';

// ESC [ 2 J clears the screen, OSC 8 plants a link, BEL rings, U+202E flips the text, U+009B is the 8-bit CSI.
const EVIL_CN = 'Jan \u001b[2J\u001b]8;;https://evil.example/\u0007Zlý\u001b]8;;\u0007 \u202eexe.\u009b31m/../../etc\\passwd:*?"<>|';
// Terminal controls that must never leave the tool: C0 (except \n), DEL, C1, and the bidi overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let w: World;
let env: NodeJS.ProcessEnv;
let evilPem: string;
let evilDer: Uint8Array;

beforeAll(async () => {
	requireBuild();
	requireOpenssl();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-hostile-'));
	w = await makeWorld(dir);
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'config')});
	const leaf = await qualified(w.ca, EVIL_CN, {org: 'Zlá\u001b[0m s.r.o.', ico: '11223344', freshKey: true});
	evilPem = (await writeLeaf(dir, 'evil', leaf)).pem;
	evilDer = leaf.der;
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

describe('hostile certificate text', () => {
	it('inspect prints no control characters, as text or JSON', async () => {
		const text = await runCli(['inspect', evilPem, ...w.trust], {env, cwd: dir});
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain('Zlý');
		expect(text.stdout).not.toMatch(CONTROL);
		const json = await runCli(['inspect', evilPem, '--json', ...w.trust], {env, cwd: dir});
		expect(json.code).toBe(0);
		const items = parseJson<Array<{subject: string; identity: {name: string}}>>(json);
		// JSON would escape a control as \\u001b, so look at the parsed strings themselves.
		const strings: string[] = [];
		const walk = (v: unknown): void => {
			if (typeof v === 'string') strings.push(v);
			else if (v && typeof v === 'object') Object.values(v).forEach(walk);
		};
		walk(items);
		expect(strings.filter((s) => CONTROL.test(s))).toEqual([]);
		expect(json.stdout).not.toMatch(/\\u00[01]/);
		expect(items[0]!.identity.name).toContain('Zlý');
	});

	it('register writes safe file names and clean text; the certificate bytes stay as issued', async () => {
		const result = await runCli(['register', '--source', evilPem, '--env', 'sandbox', '--slot', '1', '--yes', ...w.trust], {env, cwd: dir});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).not.toMatch(CONTROL);
		const packages = (await readdir(dir)).filter((name) => name.startsWith('ote-cert-sandbox-'));
		expect(packages).toHaveLength(1);
		const pkgDir = path.join(dir, packages[0]!);
		const files = await readTree(pkgDir);
		for (const name of files.keys()) {
			// One level only: nothing climbed out with "../", and the name is portable.
			expect(name).not.toContain(path.sep);
			expect(name).not.toMatch(CONTROL);
			expect(name).not.toMatch(/[\\/:*?"<>|]/);
		}
		const cer = [...files.keys()].find((name) => name.endsWith('.cer'))!;
		expect(Buffer.compare(files.get(cer)!, Buffer.from(evilDer))).toBe(0);
		for (const name of ['registration.json', 'next-steps.txt']) {
			const text = files.get(name)!.toString('utf8');
			expect(text, name).not.toMatch(CONTROL);
			expect(text, name).not.toMatch(/\\u00[01]/);
		}
		// Nothing was written outside the working folder's package either.
		expect(await readdir(path.dirname(dir))).not.toContain('passwd');
	});

	it('request.eml headers and text carry no controls either', async () => {
		const out = path.join(dir, 'evil-mail');
		const result = await runCli(['register', '--source', evilPem, '--env', 'production', '--slot', '1', '--new-company', '--yes', '--out', out, ...w.trust], {
			env,
			cwd: dir,
		});
		expect(result.code, result.stderr).toBe(0);
		const raw = await readFile(path.join(out, 'request.eml'));
		const mail = await simpleParser(raw);
		expect(mail.subject ?? '').not.toMatch(CONTROL);
		expect(mail.text ?? '').not.toMatch(CONTROL);
		expect(mail.attachments[0]!.filename ?? '').not.toMatch(/[\\/:*?"<>|]/);
		expect(Buffer.compare(mail.attachments[0]!.content, Buffer.from(evilDer))).toBe(0);
	});
});
