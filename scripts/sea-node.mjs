// The Node that goes inside the single executable: the registry's `node` package at package.json
// config.seaNode, installed into node_modules/.cache (not the Node running the build). The build
// (scripts/build-exe.mjs) puts it inside; the bench (bench/run.mjs) starts it bare as the
// executable's baseline: the same Node binary, without the program.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const windows = process.platform === 'win32';

/** package.json config.seaNode, e.g. "24.21.0". */
export const seaNodeVersion = () => JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).config.seaNode;

/** Path of that Node's binary, installed from the registry first when it is not there yet. */
export function seaNodeBinary({log = () => {}} = {}) {
	const version = seaNodeVersion();
	const prefix = path.join(root, 'node_modules', '.cache', 'ote-cert-sea', `node-${version}`);
	const bin = path.join(prefix, 'node_modules', 'node', 'bin', windows ? 'node.exe' : 'node');
	if (!existsSync(bin)) {
		log(`node@${version} from the registry`);
		mkdirSync(prefix, {recursive: true});
		const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node@${version}`], {
			stdio: 'inherit',
			shell: windows,
		});
		if (r.status !== 0) throw new Error(`npm install node@${version} failed (${r.error?.message ?? `exit ${r.status}`})`);
	}
	const said = spawnSync(bin, ['--version'], {encoding: 'utf8'}).stdout?.trim();
	if (said !== `v${version}`) throw new Error(`${bin} says ${said}, expected v${version}`);
	return bin;
}
