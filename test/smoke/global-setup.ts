// Prepares the ote-cert the smoke set runs against, the way a user gets it:
// - OTE_CERT_SMOKE_EXE=path: the single executable, copied alone into an empty folder and run with
//   PATH pointing nowhere (no Node, no tools).
// - otherwise the npm package (OTE_CERT_SMOKE_TARBALL, or `npm pack` of this checkout's dist/)
//   installed globally into a temporary prefix by the Node in OTE_CERT_SMOKE_NODE (default: the
//   Node running the tests), with npm and the compiler from the system.
import {execFileSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {TestProject} from 'vitest/node';
import type {SmokeRuntime} from './runtime.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The npm package of this checkout; dist/ must be built (npm test, npm run build). */
function packTarball(dest: string): string {
	if (!existsSync(path.join(root, 'dist', 'cli.js'))) throw new Error('dist/ is not built: run "npm run build" before the smoke set.');
	// --ignore-scripts: dist/ is already built, and rebuilding it here would pull it from under other runs.
	const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dest], {cwd: root, encoding: 'utf8'})
		.trim()
		.split('\n')
		.pop()!;
	return path.join(dest, name);
}

/** npm install -g of the tarball into prefix, run by the given Node; returns npm's output. */
function installGlobally(tarball: string, prefix: string, pathDirs: string): string {
	return execFileSync('npm', ['install', '-g', tarball, '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline'], {
		env: {...process.env, PATH: pathDirs},
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

export default function setup(project: TestProject): () => void {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'ote-smoke-'));
	let smoke: SmokeRuntime;
	const exe = process.env['OTE_CERT_SMOKE_EXE'];
	if (exe) {
		if (!existsSync(exe)) throw new Error(`OTE_CERT_SMOKE_EXE=${exe} does not exist: run "npm run build:exe" first.`);
		const alone = path.join(dir, 'alone');
		mkdirSync(alone);
		const copy = path.join(alone, path.basename(exe));
		copyFileSync(exe, copy);
		chmodSync(copy, 0o755);
		// The Node inside is the one scripts/build-exe.mjs takes from the registry (package.json config.seaNode).
		const nodeVersion = `v${JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).config.seaNode}`;
		smoke = {kind: 'exe', command: [copy], path: path.join(dir, 'no-such-folder'), nodeVersion, dir, tarball: null, node: null};
	} else {
		const node = path.resolve(process.env['OTE_CERT_SMOKE_NODE'] ?? process.execPath);
		if (!existsSync(node)) throw new Error(`OTE_CERT_SMOKE_NODE=${node} does not exist.`);
		const nodeVersion = execFileSync(node, ['--version'], {encoding: 'utf8'}).trim();
		const tarball = process.env['OTE_CERT_SMOKE_TARBALL'] ? path.resolve(process.env['OTE_CERT_SMOKE_TARBALL']) : packTarball(dir);
		const prefix = path.join(dir, 'prefix');
		// The Node under test first: npm (a script for `env node`) and the programs it installs run on it.
		const pathDirs = [path.dirname(node), ...(process.env['PATH'] ?? '/usr/bin:/bin').split(path.delimiter)].join(path.delimiter);
		installGlobally(tarball, prefix, pathDirs);
		const bin = path.join(prefix, 'bin', 'ote-cert');
		if (!existsSync(bin)) throw new Error(`npm install -g did not create ${bin}: ${readdirSync(prefix).join(', ')}`);
		smoke = {kind: 'npm', command: [bin], path: `${path.dirname(node)}:/usr/bin:/bin`, nodeVersion, dir, tarball, node};
	}
	project.provide('smoke', smoke);
	return () => rmSync(dir, {recursive: true, force: true});
}
