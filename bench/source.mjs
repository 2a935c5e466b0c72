// The bench calls some of ote-cert's own code directly (the PKI generator, the ledger, token
// discovery): one esbuild bundle of the named exports, imported from a temp folder.
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Bundles `lines` (export … from './source/….ts' lines) into dir/name.mjs and imports it. */
export async function importSource(dir, name, lines, {external = [], require = false} = {}) {
	const {build} = await import('esbuild');
	const outfile = path.join(dir, `${name}.mjs`);
	await build({
		stdin: {contents: lines.join('\n'), resolveDir: root, loader: 'ts'},
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		external,
		logLevel: 'warning',
		// CommonJS dependencies (proper-lockfile) require Node's modules: give the ES module bundle a require.
		...(require ? {banner: {js: "import {createRequire as __benchRequire} from 'node:module'; const require = __benchRequire(import.meta.url);"}} : {}),
	});
	return import(pathToFileURL(outfile).href);
}
