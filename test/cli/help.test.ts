// Help per command, through the built CLI: `ote-cert help CMD` and `ote-cert CMD --help` print the same
// page (usage, every option the parser takes with one line each, an example) in the person's language.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {optionSpecs, parseCli} from '../../source/cli/args.js';
import {COMMANDS} from '../../source/cli/commands.js';
import {optionText, strayOptionTexts} from '../../source/cli/help.js';
import {cleanEnv, requireBuild, runCli} from './helpers.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const LANGS = ['cs', 'en'] as const;
const HEADINGS = {cs: {usage: 'Použití:', example: 'Příklad:'}, en: {usage: 'Usage:', example: 'Example:'}};

beforeAll(async () => {
	requireBuild();
	dir = await mkdtemp(path.join(tmpdir(), 'ote-cli-help-'));
	env = cleanEnv({OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg'), HOME: dir});
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, {env: {...env, ...extra}, cwd: dir});

/** The options a help page lists: every `--name` that starts an option line. */
function listedOptions(page: string): string[] {
	return page
		.split('\n')
		.map((line) => /^ {2}(?:-\w, | {4})--([a-z-]+)/.exec(line)?.[1])
		.filter((name): name is string => name !== undefined)
		.sort();
}

describe('help per command', () => {
	for (const command of COMMANDS) {
		for (const lang of LANGS) {
			it(`${command} (${lang}): help ${command} = ${command} --help = ${command} -h, with every option the parser takes`, async () => {
				const viaHelp = await run(['help', command, '--lang', lang]);
				const viaFlag = await run([command, '--help', '--lang', lang]);
				const viaShort = await run([command, '-h', '--lang', lang]);
				expect(viaHelp.code, viaHelp.stderr).toBe(0);
				expect(viaFlag.code, viaFlag.stderr).toBe(0);
				expect(viaFlag.stdout).toBe(viaHelp.stdout);
				expect(viaShort.stdout).toBe(viaHelp.stdout);
				const page = viaHelp.stdout;
				expect(page).toContain(`ote-cert ${command} `);
				expect(page).toContain(HEADINGS[lang].usage);
				expect(page).toContain(HEADINGS[lang].example);
				expect(listedOptions(page)).toEqual(
					optionSpecs(command)
						.map((o) => o.name)
						.sort(),
				);
				// Each option has its explanation on its line (or the next, for a long name).
				for (const line of page.split('\n').filter((l) => /^ {2}(-\w, | {4})--/.test(l))) {
					expect(line.replace(/^ {2}(-\w, | {4})--\S+( \S+)?/, '').trim().length + 1, line).toBeGreaterThan(1);
				}
				expect(page).not.toMatch(/cli\.help\./);
				for (const line of page.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
				// The overview is something else.
				expect(page).not.toBe((await run(['--help', '--lang', lang])).stdout);
			});
		}
	}

	it('every option of every command has a one-line explanation, and none is written for an option nobody takes', () => {
		for (const command of COMMANDS) {
			for (const o of optionSpecs(command)) expect(optionText(command, o.name), `${command} --${o.name}`).not.toBeNull();
		}
		expect(strayOptionTexts()).toEqual([]);
	});

	it('every option the help lists is one the parser accepts for that command', () => {
		for (const command of COMMANDS) {
			const named = command === 'wizard' ? [] : [command];
			for (const o of optionSpecs(command)) {
				const value = o.values?.split(/[|-]/)[0] ?? 'x';
				const args = [...named, `--${o.name}`, ...(o.takesValue ? [value] : [])];
				expect(() => parseCli(args), args.join(' ')).not.toThrow();
			}
		}
	});

	it('the language is the one of every other output: --lang, else the remembered choice, else the locale', async () => {
		const czech = (await run(['help', 'register', '--lang', 'cs'])).stdout;
		expect(czech).toContain('Volby:');
		expect((await run(['register', '--help'], {LANG: 'cs_CZ.UTF-8'})).stdout).toBe(czech);
		expect((await run(['help', 'register'], {LANG: 'cs_CZ.UTF-8'})).stdout).toBe(czech);
		expect((await run(['help', 'register'])).stdout).toContain('Options:');
		const remembered = path.join(dir, 'cfg-cs');
		await mkdir(remembered, {recursive: true});
		await writeFile(
			path.join(remembered, 'config.json'),
			JSON.stringify({schemaVersion: 1, preferences: {lang: 'cs', lastEnv: null, environments: []}, accounts: {}}),
		);
		expect((await run(['help', 'register'], {OTE_CERT_CONFIG_DIR: remembered})).stdout).toBe(czech);
		expect((await run(['register', '-h'], {OTE_CERT_CONFIG_DIR: remembered})).stdout).toBe(czech);
	});

	it('`help` alone and `--help` print the overview, which names each command and points to its help', async () => {
		for (const lang of LANGS) {
			const overview = await run(['--help', '--lang', lang]);
			expect(overview.code).toBe(0);
			expect((await run(['help', '--lang', lang])).stdout).toBe(overview.stdout);
			for (const command of COMMANDS) expect(overview.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
			expect(overview.stdout).toContain('help');
			for (const line of overview.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
			// The per-command option lists live on the command pages only.
			for (const option of ['--roles', '--no-valid-certificate', '--move-aside', '--prove']) expect(overview.stdout).not.toContain(option);
		}
	});

	it('help for something that is not a command is a usage error naming the commands', async () => {
		const r = await run(['help', 'registr', '--lang', 'en']);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain('registr');
		for (const command of COMMANDS) expect(r.stderr).toContain(command);
		const cs = await run(['help', 'registr', '--lang', 'cs']);
		expect(cs.code).toBe(2);
		expect(cs.stderr).toContain('Příkazy:');
	});

	it('`ote-cert wizard` names the wizard explicitly (without a terminal it still refuses)', async () => {
		const r = await run(['wizard', '--lang', 'en']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('needs a terminal');
	});
});

describe('inspect FILE', () => {
	it('without a file says what to give, in the documented form, not "Missing option --source"', async () => {
		const en = await run(['inspect', '--lang', 'en']);
		expect(en.code).toBe(2);
		expect(en.stderr).toContain('ote-cert inspect FILE');
		expect(en.stderr).not.toContain('--source');
		const cs = await run(['inspect', '--lang', 'cs']);
		expect(cs.code).toBe(2);
		expect(cs.stderr).toContain('ote-cert inspect SOUBOR');
	});
});
