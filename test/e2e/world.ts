// Fixtures for the terminal journeys: a generated Czech-like CA (passed with --trust), certificates and
// PKCS#12 files made per test file, and a fresh home / working folder / ledger folder per run so that
// no journey sees another's package or ledger.
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {makeCzechHierarchy, makeLeaf, toPem, POLICY, type CaHandle, type LeafHandle, type MakeLeafOptions} from '../helpers/pki.js';
import {makePkcs12} from '../helpers/openssl.js';
import {CLI, Terminal, type StartOptions} from '../helpers/tmux.js';

const run = promisify(execFile);
const DAY = 86_400_000;

export const PASSWORD = 'Tajné-heslo 42';

export interface World {
	dir: string;
	/** Root + qualified CA, for --trust. */
	caFile: string;
	hierarchy: {root: CaHandle; qualifiedCa: CaHandle; commercialCa: CaHandle};
}

export async function makeWorld(prefix: string): Promise<World> {
	if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the terminal journeys.`);
	const dir = await mkdtemp(path.join(tmpdir(), `ote-e2e-${prefix}-`));
	const hierarchy = await makeCzechHierarchy('E2E');
	const caFile = path.join(dir, 'ca.pem');
	await writeFile(caFile, toPem(hierarchy.qualifiedCa.der) + toPem(hierarchy.root.der));
	return {dir, caFile, hierarchy};
}

const HOLDER = {cn: 'Jiří Dvořák', org: 'Energie Úžasná a.s.', ico: '27654321', icaUserId: '77001'};

/** An approved (qualified, QSCD) leaf for the holder unless options say otherwise. */
export async function qualifiedLeaf(world: World, options: Partial<MakeLeafOptions> = {}): Promise<LeafHandle> {
	return makeLeaf({
		issuer: world.hierarchy.qualifiedCa,
		...HOLDER,
		qualified: true,
		qcType: 'esign',
		sscd: true,
		policies: [POLICY.qcpNaturalQscd],
		...options,
	});
}

export async function writeCert(world: World, name: string, leaf: LeafHandle): Promise<string> {
	const file = path.join(world.dir, name);
	await writeFile(file, leaf.pem);
	return file;
}

/** A modern (AES, PBKDF2) PKCS#12 with the key, the certificate and the issuing CA. */
export async function writeP12(world: World, name: string, leaf: LeafHandle, password = PASSWORD): Promise<string> {
	const stem = path.join(world.dir, name.replace(/\.p12$/, ''));
	await writeFile(`${stem}.key`, leaf.privateKeyPkcs8Pem, {mode: 0o600});
	await writeFile(`${stem}.crt`, leaf.pem);
	await writeFile(`${stem}.ca.pem`, world.hierarchy.qualifiedCa.pem);
	return makePkcs12({out: `${stem}.p12`, keyPath: `${stem}.key`, certPath: `${stem}.crt`, chain: [`${stem}.ca.pem`], password});
}

export const dates = {
	ago: (days: number) => new Date(Date.now() - days * DAY),
	ahead: (days: number) => new Date(Date.now() + days * DAY),
};

/** One run's folders: an empty home (so discovery stays small and local), a working folder where the
 *  package lands, and the ledger folder. */
export interface RunDirs {
	home: string;
	cwd: string;
	config: string;
}

export async function runDirs(world: World, name: string): Promise<RunDirs> {
	const base = await mkdtemp(path.join(world.dir, `${name}-`));
	const dirs = {home: path.join(base, 'home'), cwd: path.join(base, 'work'), config: path.join(base, 'config')};
	await Promise.all([mkdir(dirs.home), mkdir(dirs.cwd), mkdir(dirs.config)]);
	return dirs;
}

/** Starts the built wizard in tmux with the run's folders and --trust for the world's CA. */
export async function startWizard(
	world: World,
	dirs: RunDirs,
	options: {args?: string[]; env?: Record<string, string>; cols?: number; rows?: number} = {},
): Promise<Terminal> {
	const start: StartOptions = {
		args: ['--trust', world.caFile, ...(options.args ?? [])],
		env: {HOME: dirs.home, OTE_CERT_CONFIG_DIR: dirs.config, ...options.env},
		cwd: dirs.cwd,
	};
	if (options.cols) start.cols = options.cols;
	if (options.rows) start.rows = options.rows;
	return Terminal.start(start);
}

/** Runs the non-interactive CLI (no terminal) and returns its exit code and output. */
export async function cli(dirs: RunDirs, args: string[], env: Record<string, string> = {}): Promise<{code: number; stdout: string; stderr: string}> {
	try {
		const {stdout, stderr} = await run(process.execPath, [CLI, ...args], {
			cwd: dirs.cwd,
			env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dirs.home, LANG: 'C.UTF-8', OTE_CERT_CONFIG_DIR: dirs.config, ...env},
		});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code?: number; stdout?: string; stderr?: string};
		return {code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? ''};
	}
}

export interface LedgerFile {
	raw: string | null;
	data: Record<string, unknown> | null;
}

export async function readLedger(dirs: RunDirs): Promise<LedgerFile> {
	const file = path.join(dirs.config, 'config.json');
	if (!existsSync(file)) return {raw: null, data: null};
	const raw = await readFile(file, 'utf8');
	return {raw, data: JSON.parse(raw) as Record<string, unknown>};
}

/** Folders the wizard wrote into the working folder (registration packages). */
export async function packages(dirs: RunDirs): Promise<string[]> {
	return (await readdir(dirs.cwd, {withFileTypes: true})).filter((e) => e.isDirectory()).map((e) => path.join(dirs.cwd, e.name));
}

/** Every file under a folder with its text, to grep for material that must never be there. */
export async function filesIn(dir: string): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const entry of await readdir(dir, {withFileTypes: true, recursive: true})) {
		if (!entry.isFile()) continue;
		const full = path.join(entry.parentPath, entry.name);
		out.set(path.relative(dir, full), await readFile(full, 'latin1'));
	}
	return out;
}

export async function removeWorld(world: World | undefined): Promise<void> {
	if (world) await rm(world.dir, {recursive: true, force: true});
}
