// The whole program is one bundle, dist/bundle.js: fast start (no module resolution at run time)
// and production React. pkcs11js is native and stays external; it is loaded lazily. dist/cli.js is
// the `ote-cert` command: a small launcher that runs the bundle with V8's code cache
// (source/boot/launch.ts), which an ES module cannot have on Node 20.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {builtinModules, createRequire} from 'node:module';
import {spawnSync} from 'node:child_process';
import os from 'node:os';
import {chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stub = path.join(root, 'scripts', 'devtools-stub.js');
await mkdir(path.join(root, 'dist'), {recursive: true});
await writeFile(stub, 'export default {};\nexport const connectToDevTools = () => {};\n');

// Ink 6.8's incremental renderer moves the cursor up one line too few when the previous frame ended
// with a newline (it always does outside full-screen), so every redraw landed one line lower and
// left stale lines behind. Incremental rendering is what keeps an arrow key to a few hundred bytes
// over SSH, so the one expression is corrected here; the build fails if Ink's code changes.
const inkIncrementalFix = {
	name: 'ink-incremental-fix',
	setup(b) {
		b.onLoad({filter: /ink[\\/]build[\\/]log-update\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const broken = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
			if (!source.includes(broken)) throw new Error('ink log-update.js changed: re-check the incremental cursor fix in scripts/build.mjs');
			const fixed = "buffer.push(ansiEscapes.cursorUp(previousOutput.endsWith('\\n') ? previousVisible : previousVisible - 1));";
			return {contents: source.replace(broken, fixed), loader: 'js'};
		});
	},
};

// yoga-layout (Ink's layout engine) carries its WebAssembly as a base64 data: URL and, because Node
// has fetch, "downloads" it through undici: loading undici and a fetch before the first frame cost
// ~20 ms. Its own synchronous base64 path gives the same bytes; the build fails if the code changes.
const yogaNoFetch = {
	name: 'yoga-no-fetch',
	setup(b) {
		b.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const fetching = 'return w||"function"!=typeof fetch?Promise.resolve()';
			if (!source.includes(fetching)) throw new Error('yoga-layout binary loader changed: re-check yogaNoFetch in scripts/build.mjs');
			return {contents: source.replace(fetching, 'return w||!0?Promise.resolve()'), loader: 'js'};
		});
	},
};

// Our large generated JSON (the shipped CA list, ~200 kB) as a string for JSON.parse instead of a
// JS object literal: V8 skims a string far faster than it parses a literal, at every start.
const jsonAsString = {
	name: 'json-as-string',
	setup(b) {
		b.onLoad({filter: /[\\/]source[\\/].*\.json$/}, async (args) => {
			const text = await readFile(args.path, 'utf8');
			if (text.length < 10_000) return undefined;
			return {contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js'};
		});
	},
};

// Ink measures every line with string-width, whose first non-ASCII string compiles \p{RGI_Emoji}
// (~40 ms at start, before the first frame: every screen has arrows, box lines or Czech letters), and
// wrap-ansi carries a second, older copy with emoji-regex. fast-string-width is made for the same job
// without those regular expressions; every import of string-width in the bundle gets it, behind the
// string-width signature. The screens' own measuring (source/ui/format.ts) uses it directly.
const oneStringWidth = {
	name: 'one-string-width',
	setup(b) {
		b.onResolve({filter: /^string-width$/}, () => ({path: 'string-width', namespace: 'fast-string-width'}));
		b.onLoad({filter: /.*/, namespace: 'fast-string-width'}, () => ({
			resolveDir: root,
			contents:
				"import width from 'fast-string-width';\n" +
				'export default function stringWidth(text, options) {\n' +
				"\tif (options && (options.countAnsiEscapeCodes || options.ambiguousIsNarrow === false)) throw new Error('string-width options are not supported by the fast-string-width stand-in (scripts/build.mjs)');\n" +
				"\treturn typeof text === 'string' && text.length > 0 ? width(text) : 0;\n" +
				'}\n',
			loader: 'js',
		}));
	},
};

// Ink's @alcalzone/ansi-tokenize (every line of every frame) and slice-ansi (truncation) each create an
// Intl.Segmenter when loaded; the first one loads ICU's break rules, ~7 ms of CPU before the first
// frame. Both get source/ui/graphemes.ts instead: the same segments, by code point for text where each
// code point is a grapheme, the real segmenter (made on first need) for the rest. The build fails if
// either library's code changes.
const graphemes = path.join(root, 'source', 'ui', 'graphemes.ts');
const segmenterOnDemand = {
	name: 'segmenter-on-demand',
	setup(b) {
		const sites = [
			[
				/@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
				'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
				'segmenter',
			],
			[/slice-ansi[\\/]tokenize-ansi\.js$/, "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});", 'GRAPHEME_SEGMENTER'],
		];
		for (const [filter, created, name] of sites)
			b.onLoad({filter}, async (args) => {
				const source = await readFile(args.path, 'utf8');
				if (!source.includes(created)) throw new Error(`${args.path} changed: re-check segmenterOnDemand in scripts/build.mjs`);
				const replaced = `import {graphemeSegmenter as ${name}} from ${JSON.stringify(graphemes)};`;
				return {contents: source.replace(created, replaced), loader: 'js', resolveDir: path.dirname(args.path)};
			});
	},
};

// Two of Ink's dependencies load a Node module before the first frame for a path it never takes:
// signal-exit 3 loads Node's assert for one check of its own argument, and terminal-size loads
// child_process at the top for a fallback (asking `tput`) used only when stdout is not a terminal.
// Together ~2 ms of CPU before every first frame. The check becomes a plain throw; child_process is
// required when the fallback runs. The build fails if either file changes.
const lazyNodeModules = {
	name: 'lazy-node-modules',
	setup(b) {
		const patches = [
			[
				/signal-exit[\\/]index\.js$/,
				"var assert = require('assert')",
				'var assert = {equal: function (a, b, message) { if (a != b) throw new Error(message) }}',
			],
			[/terminal-size[\\/]index\.js$/, "import {execFileSync} from 'node:child_process';", "import {createRequire} from 'node:module';"],
			[
				/terminal-size[\\/]index\.js$/,
				'	execFileSync(command, arguments_, {',
				"	createRequire(import.meta.url)('node:child_process').execFileSync(command, arguments_, {",
			],
		];
		b.onLoad({filter: /(signal-exit|terminal-size)[\\/]index\.js$/}, async (args) => {
			let source = await readFile(args.path, 'utf8');
			for (const [filter, from, to] of patches) {
				if (!filter.test(args.path)) continue;
				if (!source.includes(from)) throw new Error(`${args.path} changed: re-check lazyNodeModules in scripts/build.mjs`);
				source = source.replace(from, to);
			}
			return {contents: source, loader: 'js', resolveDir: path.dirname(args.path)};
		});
	},
};

// React is CommonJS. esbuild gives every ES module that imports it (Ink's ~40 files, our screens) its
// own copy of React's ~50 exports (__toESM), ~2.5 ms of CPU before the first frame. Those imports go
// to one ES module instead that takes React once and re-exports its names; require() calls (the
// reconciler) still get React itself. The names are read from the package at build time.
const reactOnce = {
	name: 'react-once',
	setup(b) {
		const requireHere = createRequire(import.meta.url);
		const cjs = path.join(root, 'node_modules', 'react', 'cjs');
		const modules = {react: path.join(cjs, 'react.production.js'), 'react/jsx-runtime': path.join(cjs, 'react-jsx-runtime.production.js')};
		b.onResolve({filter: /^react(\/jsx-runtime)?$/}, (args) =>
			args.kind === 'import-statement' && args.namespace !== 'react-once' ? {path: args.path, namespace: 'react-once'} : undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'react-once'}, (args) => {
			const names = Object.keys(requireHere(modules[args.path])).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
			return {
				contents: `import whole from ${JSON.stringify(args.path)};\nexport default whole;\nexport const {${names.join(', ')}} = whole;\n`,
				resolveDir: root,
				loader: 'js',
			};
		});
	},
};

// The bundle is compiled by the launcher as a classic script (vm.Script: the only way to hand V8
// cached code on Node 20), wrapped in an async function that receives `require` and the bundle's
// URL. So it may contain no import statements: Node's built-in modules are taken with that require.
// Top-level await (yoga-layout, Ink) stays valid inside the async function.
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const builtinsViaRequire = {
	name: 'builtins-via-require',
	setup(b) {
		b.onResolve({filter: /.*/}, (args) => {
			if (!builtins.has(args.path)) return undefined;
			if (args.kind === 'require-call' || args.namespace === 'builtin') return {path: args.path, external: true};
			return {path: args.path, namespace: 'builtin'};
		});
		b.onLoad({filter: /.*/, namespace: 'builtin'}, (args) => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
	},
};

const result = await build({
	plugins: [builtinsViaRequire, inkIncrementalFix, yogaNoFetch, jsonAsString, oneStringWidth, segmenterOnDemand, lazyNodeModules, reactOnce],
	entryPoints: [path.join(root, 'cli.tsx')],
	outfile: path.join(root, 'dist', 'bundle.js'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	splitting: false,
	minify: true,
	keepNames: false,
	legalComments: 'none',
	metafile: true,
	external: ['pkcs11js'],
	alias: {'react-devtools-core': stub},
	define: {
		'process.env.NODE_ENV': '"production"',
		'process.env.DEV': '"false"',
		'import.meta.url': '__ote_import_meta_url',
	},
	// ES modules are strict; the wrapper keeps the bundle so.
	banner: {js: '(async function (require, __ote_import_meta_url) {"use strict";'},
	footer: {js: '})'},
	logLevel: 'warning',
});
await writeFile(path.join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));

// The launcher reads the bundle as latin1, which is 5 ms faster than decoding UTF-8 and the same
// for ASCII. esbuild escapes non-ASCII in strings but not inside regular expression literals.
const bundleBytes = await readFile(path.join(root, 'dist', 'bundle.js'));
const nonAscii = bundleBytes.findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0)
	throw new Error(
		`dist/bundle.js is not ASCII at byte ${nonAscii}: ${JSON.stringify(bundleBytes.subarray(Math.max(0, nonAscii - 60), nonAscii + 20).toString('utf8'))} (escape it in the source)`,
	);

// The launcher names its code cache after the bundle's content: V8 itself only compares the
// source length, so a rebuilt bundle of the same length must not meet the old cached code.
const bundleId = createHash('sha256').update(bundleBytes).digest('hex').slice(0, 16);
// The launcher and the PKCS#11 worker: small CommonJS files of their own next to the bundle.
// CommonJS, not ES modules: Node starts an ES module entry through its ESM loader (resolving,
// linking, a module wrapper per built-in imported), ~4 ms of CPU before the launcher's first line
// ran, on every start and again in every worker. dist/package.json says "commonjs" for the folder
// (the project's own package.json says "module"); import.meta.url becomes the file's URL.
const buildSmall = (entry, outfile, options) =>
	build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		minify: true,
		legalComments: 'none',
		logLevel: 'warning',
		...options,
		define: {...options.define, 'import.meta.url': '__ote_file_url'},
		// Strict, as the ES modules were: the directive must come first.
		banner: {js: `${options.banner ?? ''}\n"use strict";var __ote_file_url = require("node:url").pathToFileURL(__filename).href;`.trimStart()},
	});
await writeFile(path.join(root, 'dist', 'package.json'), '{"type": "commonjs"}\n');

await buildSmall(path.join(root, 'source', 'boot', 'launch.ts'), path.join(root, 'dist', 'cli.js'), {
	define: {__OTE_BUNDLE_ID__: JSON.stringify(bundleId)},
	banner: '#!/usr/bin/env node',
});
await chmod(path.join(root, 'dist', 'cli.js'), 0o755);

// A code cache for the very first start (source/boot/code-cache.ts): what `ote-cert --version`
// compiled, made by the Node that builds, so a first start on it skips compiling the whole bundle.
// Another Node rejects it and the launcher goes on without. A failure here costs speed, not the build.
{
	const cacheDir = path.join(root, 'dist', 'code-cache');
	await rm(cacheDir, {recursive: true, force: true});
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'ote-cert-build-cache-'));
	try {
		const env = {...process.env, OTE_CERT_CACHE_DIR: scratch, OTE_CERT_CODE_CACHE: 'on', OTE_CERT_CONFIG_DIR: path.join(scratch, 'config')};
		const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), '--version'], {env, encoding: 'utf8'});
		const made = (await readdir(scratch)).find((name) => name.startsWith(`v8-${bundleId}-`) && name.endsWith('-command.bin'));
		if (run.status !== 0 || !made) {
			console.warn(`build: no code cache for the first start (ote-cert --version: ${run.error?.message ?? `exit ${run.status}`} ${run.stderr?.trim() ?? ''})`);
		} else {
			await mkdir(cacheDir, {mode: 0o755});
			await chmod(cacheDir, 0o755);
			const target = path.join(cacheDir, made.replace(/-command\.bin$/, '-build.bin'));
			await copyFile(path.join(scratch, made), target);
			await chmod(target, 0o644);
		}
	} finally {
		await rm(scratch, {recursive: true, force: true});
	}
}

// The PKCS#11 worker runs as a child process (node dist/pkcs11-worker.js): the only place pkcs11js
// is loaded, so a crashing vendor module kills the child, not the wizard.
await buildSmall(path.join(root, 'source', 'sources', 'pkcs11', 'worker.ts'), path.join(root, 'dist', 'pkcs11-worker.js'), {external: ['pkcs11js']});
