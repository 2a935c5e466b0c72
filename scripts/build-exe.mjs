// npm run build:exe → dist/ote-cert-<platform>-<arch>: one file holding Node, the program, the PKCS#11
// worker and pkcs11js's native module — a Node single executable application (SEA). It needs no Node,
// npm or compiler where it runs.
//
// The recipe, the same on Linux, macOS and Windows (run it on the system the executable is for, with
// pkcs11js compiled there by `npm install`):
// 1. `npm run build` (dist/bundle.js and friends);
// 2. the Node that goes inside: the registry's `node` package at package.json config.seaNode (a current
//    LTS), installed into node_modules/.cache — not the Node running this script;
// 3. the code cache for the bundle, made by that Node running a wizard start in a terminal (Linux;
//    elsewhere `--version`, as scripts/build.mjs does);
// 4. source/boot/sea.ts bundled as the SEA's main script, with pkcs11js's JavaScript in it;
// 5. `node --experimental-sea-config` makes the blob (main script + assets: bundle.js, pkcs11.node,
//    code-cache.bin); a copy of that Node's binary gets the blob injected by postject (macOS: the
//    signature is removed before and an ad-hoc one added after);
// 6. the result is run once with PATH pointing nowhere, and must use its built-in code cache.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {seaNodeBinary} from './sea-node.mjs';
import {canRunWizardHere, wizardCodeCache} from './wizard-code-cache.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const work = path.join(dist, 'sea');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const seaNode = pkg.config.seaNode;
const windows = process.platform === 'win32';
const mac = process.platform === 'darwin';
const exe = path.join(dist, `ote-cert-${process.platform}-${process.arch}${windows ? '.exe' : ''}`);

function run(command, args, options = {}) {
	const r = spawnSync(command, args, {stdio: 'inherit', shell: windows && !path.isAbsolute(command), ...options});
	if (r.status !== 0) throw new Error(`build-exe: ${command} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
	return r;
}
const step = (text) => console.log(`build-exe: ${text}`);

// 1. The program.
step('npm run build');
run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
const bundleBytes = readFileSync(path.join(dist, 'bundle.js'));
const bundleId = createHash('sha256').update(bundleBytes).digest('hex').slice(0, 16);

// 2. The Node that goes inside.
const nodeBin = seaNodeBinary({log: step});

// pkcs11js, compiled for this system by npm install.
const require = createRequire(path.join(root, 'package.json'));
let addon;
try {
	addon = path.join(path.dirname(require.resolve('pkcs11js')), 'build', 'Release', 'pkcs11.node');
} catch {
	addon = null;
}
if (!addon || !existsSync(addon))
	throw new Error(
		'build-exe: pkcs11js is not compiled here (node_modules/pkcs11js/build/Release/pkcs11.node): install make, g++ and python3, then npm install',
	);

// 3. The code V8 compiles for the bundle, made by the Node that goes inside: where util-linux
// `script` can give it a terminal (Linux), the code of a wizard start (scripts/wizard-code-cache.mjs),
// so that even the first start of the wizard compiles nothing; elsewhere what `ote-cert --version`
// compiles (the bundle's top level). The launcher uses it while the person's cache folder has none.
rmSync(work, {recursive: true, force: true});
mkdirSync(work, {recursive: true});
const codeCache = path.join(work, 'code-cache.bin');
let codeCacheKind;
{
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'ote-cert-sea-cache-'));
	try {
		if (canRunWizardHere()) {
			step(`code cache of a wizard start (node ${seaNode})`);
			const made = await wizardCodeCache({node: nodeBin, cli: path.join(dist, 'cli.js'), scratch, bundleId, nodeVersion: `v${seaNode}`});
			copyFileSync(made, codeCache);
			codeCacheKind = 'wizard';
		} else {
			step(`code cache of ote-cert --version (node ${seaNode}; no util-linux \`script\` here to run the wizard in a terminal)`);
			const env = {...process.env, OTE_CERT_CACHE_DIR: scratch, OTE_CERT_CODE_CACHE: 'on', OTE_CERT_CONFIG_DIR: path.join(scratch, 'config')};
			run(nodeBin, [path.join(dist, 'cli.js'), '--version'], {env, stdio: 'ignore'});
			const made = readdirSync(scratch).find((name) => name === `v8-${bundleId}-v${seaNode}-${process.arch}-command.bin`);
			if (!made) throw new Error(`build-exe: ote-cert --version on node ${seaNode} left no code cache`);
			copyFileSync(path.join(scratch, made), codeCache);
			codeCacheKind = 'build';
		}
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

// 4. The SEA's main script. Inside a SEA, require() knows only Node's own modules, so everything is
// bundled, and pkcs11js's require of its .node file becomes embeddedAddon() (source/boot/sea-addon.ts).
const seaAddon = path.join(root, 'source', 'boot', 'sea-addon.ts');
const carriedAddon = {
	name: 'carried-addon',
	setup(b) {
		b.onResolve({filter: /\.node$/}, (args) => {
			if (!/[\\/]pkcs11js[\\/]/.test(args.importer)) throw new Error(`build-exe: unexpected native module ${args.path} in ${args.importer}`);
			return {path: 'pkcs11.node', namespace: 'carried-addon'};
		});
		b.onLoad({filter: /.*/, namespace: 'carried-addon'}, () => ({
			contents: `module.exports = require(${JSON.stringify(seaAddon)}).embeddedAddon('pkcs11.node');`,
			resolveDir: root,
			loader: 'js',
		}));
	},
};
const main = path.join(work, 'main.cjs');
await build({
	entryPoints: [path.join(root, 'source', 'boot', 'sea.ts')],
	outfile: main,
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: `node${seaNode.split('.')[0]}`,
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
	plugins: [carriedAddon],
	// The launcher and the worker are CommonJS files elsewhere too; here import.meta.url names the executable.
	define: {__OTE_BUNDLE_ID__: JSON.stringify(bundleId), __OTE_BUILT_IN_CACHE_KIND__: JSON.stringify(codeCacheKind), 'import.meta.url': '__ote_sea_url'},
	banner: {js: 'var __ote_sea_url = require("node:url").pathToFileURL(process.execPath).href;'},
});

// 5. The blob, injected into a copy of that Node.
const blob = path.join(work, 'sea-prep.blob');
const config = path.join(work, 'sea-config.json');
writeFileSync(
	config,
	`${JSON.stringify(
		{
			main,
			output: blob,
			disableExperimentalSEAWarning: true,
			useSnapshot: false,
			// V8's cache for main.cjs: ~20 kB of boot code, compiled in well under a millisecond. The
			// bundle, which matters, gets the launcher's own code cache (code-cache.bin, then the user's).
			useCodeCache: false,
			assets: {'bundle.js': path.join(dist, 'bundle.js'), 'code-cache.bin': codeCache, 'pkcs11.node': addon},
		},
		null,
		2,
	)}\n`,
);
step(`blob (node ${seaNode})`);
run(nodeBin, ['--experimental-sea-config', config]);
rmSync(exe, {force: true});
copyFileSync(nodeBin, exe);
chmodSync(exe, 0o755);
if (mac) run('codesign', ['--remove-signature', exe]);
step(`postject → ${path.relative(root, exe)}`);
run(process.execPath, [
	path.join(path.dirname(require.resolve('postject/package.json')), 'dist', 'cli.js'),
	exe,
	'NODE_SEA_BLOB',
	blob,
	'--sentinel-fuse',
	'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
	...(mac ? ['--macho-segment-name', 'NODE_SEA'] : []),
]);
if (mac) run('codesign', ['--sign', '-', exe]);

// 6. It runs with nothing on PATH and starts from its built-in code cache.
{
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'ote-cert-sea-check-'));
	try {
		const r = spawnSync(exe, ['--version'], {
			env: {PATH: path.join(scratch, 'nowhere'), HOME: scratch, OTE_CERT_CACHE_DIR: path.join(scratch, 'cache'), OTE_CERT_CODE_CACHE: 'trace'},
			encoding: 'utf8',
		});
		if (r.status !== 0 || r.stdout.trim() !== pkg.version)
			throw new Error(`build-exe: ${exe} --version failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
		if (!r.stderr.includes('used') || !r.stderr.includes('(built in)')) throw new Error(`build-exe: ${exe} did not use its built-in code cache:\n${r.stderr}`);
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}
step(`${path.relative(root, exe)} (${(readFileSync(exe).length / 1048576).toFixed(0)} MB, node ${seaNode})`);
