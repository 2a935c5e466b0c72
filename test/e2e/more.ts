// Helpers for journeys 5–11 that world.ts does not have: colour detection in captured escapes,
// whole-folder snapshots ("nothing written"), a run without a terminal, and step navigation.
import {spawn} from 'node:child_process';
import {existsSync, openSync, closeSync} from 'node:fs';
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {CLI, type Terminal} from '../helpers/tmux.js';
import type {RunDirs} from './world.js';

/**
 * SGR sequences that set a foreground or background colour: 30–37, 38;…, 40–47, 48;…, 90–97,
 * 100–107. Bold, dim, inverse and the resets (0, 22, 39, 49) carry no colour and are allowed.
 */
export function colourSequences(captured: string): string[] {
	const found: string[] = [];
	for (const match of captured.matchAll(/\u001b\[([0-9;:]*)m/g)) {
		const params = match[1] === '' ? ['0'] : match[1]!.split(/[;:]/);
		for (let i = 0; i < params.length; i++) {
			const n = Number(params[i]);
			if (n === 38 || n === 48) {
				found.push(match[0]);
				break;
			}
			if ((n >= 30 && n <= 37) || (n >= 40 && n <= 47) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107)) {
				found.push(match[0]);
				break;
			}
		}
	}
	return found;
}

const printable = (s: string) => JSON.stringify(s).slice(1, -1);
export const showEscapes = (s: string): string => s.split('\n').map(printable).join('\n');

/** Every file under a folder (relative path → bytes as latin1), to prove that nothing changed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	if (!existsSync(dir)) return out;
	for (const entry of await readdir(dir, {withFileTypes: true, recursive: true})) {
		const full = path.join(entry.parentPath, entry.name);
		const rel = path.relative(dir, full);
		out[rel] = entry.isFile() ? await readFile(full, 'latin1') : '<dir>';
	}
	return out;
}

/** Runs the CLI with stdin from /dev/null and no terminal anywhere (no tmux, pipes for output). */
export async function runWithoutTerminal(
	dirs: RunDirs,
	args: string[],
	env: Record<string, string> = {},
): Promise<{code: number | null; stdout: string; stderr: string}> {
	const devNull = openSync('/dev/null', 'r');
	try {
		const child = spawn(process.execPath, [CLI, ...args], {
			cwd: dirs.cwd,
			stdio: [devNull, 'pipe', 'pipe'],
			env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dirs.home, LANG: 'C.UTF-8', TERM: 'xterm-256color', OTE_CERT_CONFIG_DIR: dirs.config, ...env},
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (c) => resolve(c));
		});
		return {code, stdout, stderr};
	} finally {
		closeSync(devNull);
	}
}

/** The header line of the frame (first line that names the program), as the person sees it. */
export function header(screen: string): string {
	return screen.split('\n').find((line) => line.startsWith('ote-cert')) ?? '';
}

/**
 * English wizard: from the Source step with a typed path to the Confirm step, taking the defaults
 * (first environment preselected or remembered, account "default", administrator, suggested slot,
 * both roles). Each wait names the screen it needs, so a failure shows where the journey stopped.
 */
export const en = {
	async loadPath(term: Terminal, file: string): Promise<string> {
		await term.waitFor('Where is your certificate?');
		await term.press('Enter');
		await term.waitFor('Path:');
		await term.type(file);
		await term.waitFor(path.basename(file));
		await term.press('Enter');
		return term.waitFor('Step 2/5 · CERT');
	},
	async toEnvironment(term: Terminal): Promise<string> {
		await term.press('Enter');
		return term.waitFor('Which CS OTE environment?');
	},
	async toAccount(term: Terminal): Promise<string> {
		await term.press('Enter');
		return term.waitFor('User id:');
	},
	async toSlot(term: Terminal): Promise<string> {
		await term.press('Enter');
		const screen = await term.waitFor(/Who registers the certificate|Which of the 4 slots/);
		if (!screen.includes('Who registers')) return screen;
		await term.press('Enter');
		return term.waitFor('Which of the 4 slots');
	},
	async toConfirm(term: Terminal): Promise<string> {
		await term.press('Enter');
		await term.waitFor('In which role does the certificate go');
		await term.press('Enter');
		return term.waitFor('Step 5/5 · OK');
	},
	async finish(term: Terminal): Promise<string> {
		await term.waitFor('❯ Yes, prepare the registration');
		await term.press('Enter');
		return term.waitFor('The registration package is ready');
	},
};
