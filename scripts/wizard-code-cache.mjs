// The code V8 compiles for a wizard start, made at build time: `ote-cert` run by the given Node under
// a pseudo-terminal (util-linux `script`, as the bench does) in an empty scratch home, left once the
// launcher has written its wizard cache (source/boot/launch.ts writes it when the wizard says its
// first screen is up, source/boot/signal.ts). A cache made by `ote-cert --version` holds only the
// bundle's top level, so a first start still compiled Ink, React and the first screen itself.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import path from 'node:path';

/** Whether this system has util-linux `script` (Linux); elsewhere the caller falls back. */
export function canRunWizardHere() {
	const r = spawnSync('script', ['--version'], {encoding: 'utf8'});
	return r.status === 0 && /util-linux/.test(r.stdout);
}

const quote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `node cli --lang en` in a 100x40 terminal with OTE_CERT_CACHE_DIR=scratch/cache and returns
 * the wizard cache file it wrote there (named by the bundle id, Node version and architecture).
 */
export async function wizardCodeCache({node, cli, scratch, bundleId, nodeVersion, arch = process.arch, timeoutMs = 60_000}) {
	const home = path.join(scratch, 'home');
	const cacheDir = path.join(scratch, 'cache');
	mkdirSync(home, {recursive: true});
	const file = path.join(cacheDir, `v8-${bundleId}-${nodeVersion}-${arch}-wizard.bin`);
	const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8'};
	Object.assign(env, {OTE_CERT_CACHE_DIR: cacheDir, OTE_CERT_CODE_CACHE: 'on', OTE_CERT_CONFIG_DIR: path.join(scratch, 'config')});
	const command = `stty cols 100 rows 40 2>/dev/null; exec ${[node, cli, '--lang', 'en'].map(quote).join(' ')}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {env, cwd: home, stdio: ['pipe', 'pipe', 'pipe']});
	let screen = '';
	child.stdout.on('data', (chunk) => {
		screen = (screen + chunk).slice(-2000);
	});
	child.stderr.on('data', (chunk) => {
		screen = (screen + chunk).slice(-2000);
	});
	const closed = new Promise((resolve) => child.on('close', resolve));
	let ended = false;
	void closed.then(() => {
		ended = true;
	});
	const deadline = Date.now() + timeoutMs;
	// The cache is written under a temporary name and renamed: once the name is there, it is whole.
	while (!existsSync(file) && !ended && Date.now() < deadline) await sleep(50);
	if (!ended) {
		child.stdin.write('\x03');
		if ((await Promise.race([closed, sleep(10_000).then(() => 'hung')])) === 'hung') child.kill('SIGKILL');
	}
	if (!existsSync(file))
		throw new Error(`the wizard (${node} ${cli}) wrote no code cache within ${timeoutMs / 1000} s; its screen ended with: ${JSON.stringify(screen)}`);
	return file;
}
