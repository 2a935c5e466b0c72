// Benchmark: enumerate a SoftHSM2 token holding 50 certificates through ote-cert's PKCS#11 worker
// (spawn + load + list + read every CKA_VALUE), against `pkcs11-tool --list-objects --type cert` on
// the same token in the same run. Both sides start a process per run, so the ratio compares like
// with like. Usage: node bench/token.mjs [runs]   (prints JSON)
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {importSource, root} from './source.mjs';

const CERTS = 50;
const PIN = '1234';
const MODULES = [
	'/usr/lib/softhsm/libsofthsm2.so',
	'/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
	'/usr/lib64/pkcs11/libsofthsm2.so',
	'/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

function need(tool, pkg) {
	try {
		execFileSync('sh', ['-c', `command -v ${tool}`], {stdio: 'pipe'});
	} catch {
		throw new Error(`${tool} is missing: apt-get install ${pkg}`);
	}
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Makes SoftHSM2 tokens in dir: BENCH<n> holding the first n of the same certificates, for each n of
 * counts (the largest sets the number made). Returns the env and module to reach them.
 */
export function buildToken(dir, {counts = [CERTS]} = {}) {
	need('softhsm2-util', 'softhsm2');
	need('pkcs11-tool', 'opensc');
	need('openssl', 'openssl');
	const modulePath = MODULES.find((p) => existsSync(p));
	if (!modulePath) throw new Error('libsofthsm2.so not found: apt-get install softhsm2');
	mkdirSync(path.join(dir, 'tokens'), {recursive: true});
	const conf = path.join(dir, 'softhsm2.conf');
	writeFileSync(conf, `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
	const env = {PATH: process.env.PATH, HOME: dir, SOFTHSM2_CONF: conf, P11_KIT_NO_USER_CONFIG: '1'};
	const key = path.join(dir, 'key.pem');
	execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key], {stdio: 'pipe'});
	const made = Math.max(...counts);
	for (let i = 0; i < made; i++) {
		execFileSync(
			'openssl',
			[
				'req',
				'-new',
				'-x509',
				'-key',
				key,
				'-subj',
				`/CN=Bench certificate ${i}/O=OTE bench`,
				'-days',
				'30',
				'-set_serial',
				String(1000 + i),
				'-outform',
				'DER',
				'-out',
				path.join(dir, `c${i}.der`),
			],
			{stdio: 'pipe'},
		);
	}
	for (const count of counts) {
		const label = `BENCH${count}`;
		execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '12345678', '--pin', PIN], {env, stdio: 'pipe'});
		for (let i = 0; i < count; i++) {
			const id = (i + 1).toString(16).padStart(4, '0');
			execFileSync(
				'pkcs11-tool',
				[
					'--module',
					modulePath,
					'--token-label',
					label,
					'--login',
					'--pin',
					PIN,
					'--write-object',
					path.join(dir, `c${i}.der`),
					'--type',
					'cert',
					'--id',
					id,
					'--label',
					`cert ${i}`,
				],
				{env, stdio: 'pipe'},
			);
		}
	}
	return {env, modulePath};
}

async function loadDiscovery(dir) {
	const worker = path.join(root, 'dist', 'pkcs11-worker.js');
	if (!existsSync(worker)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {stdio: 'inherit'});
	const code = await importSource(
		dir,
		'discovery',
		["export {discoverPkcs11} from './source/sources/pkcs11/discovery.ts';", "export {Pkcs11Worker} from './source/sources/pkcs11/client.ts';"],
		{external: ['pkcs11js']},
	);
	// The bundle sits in a temp folder, so the worker is named the way any caller can: OTE_CERT_PKCS11_WORKER.
	return {...code, worker};
}

export async function benchTokenEnumeration({runs = 10, token = null} = {}) {
	const dir = mkdtempSync(path.join(tmpdir(), 'ote-bench-token-'));
	try {
		// A token made by the caller (bench/run.mjs shares one across figures) saves 50 openssl runs.
		const {env, modulePath} = token ?? buildToken(dir);
		const {discoverPkcs11, Pkcs11Worker, worker: workerBundle} = await loadDiscovery(dir);
		const ourEnv = {...env, OTE_CERT_PKCS11_WORKER: workerBundle};
		const ours = async () => {
			const found = await discoverPkcs11({env: ourEnv, modulePaths: [modulePath], onlyExplicit: true});
			if (found.certificates.length !== CERTS) throw new Error(`ote-cert found ${found.certificates.length} certificates, expected ${CERTS}`);
		};
		const baseline = () => {
			const out = execFileSync('pkcs11-tool', ['--module', modulePath, '--token-label', 'BENCH50', '--list-objects', '--type', 'cert'], {
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			}).toString('utf8');
			const n = (out.match(/Certificate Object/g) ?? []).length;
			if (n !== CERTS) throw new Error(`pkcs11-tool listed ${n} certificates, expected ${CERTS}`);
		};
		// One warm-up each (page cache, first dlopen), then interleaved runs so drift hits both sides.
		await ours();
		baseline();
		const a = [];
		const b = [];
		for (let i = 0; i < runs; i++) {
			let t = performance.now();
			await ours();
			a.push(performance.now() - t);
			t = performance.now();
			baseline();
			b.push(performance.now() - t);
		}
		// Breakdown: the same probe inside an already running worker (no process start).
		const warm = [];
		const worker = new Pkcs11Worker(modulePath, ourEnv);
		try {
			await worker.call({op: 'probe', modulePath});
			for (let i = 0; i < runs; i++) {
				const t = performance.now();
				const r = await worker.call({op: 'probe', modulePath});
				warm.push(performance.now() - t);
				const n = r.slots.reduce((sum, s) => sum + s.certificates.length, 0);
				if (n !== CERTS) throw new Error(`warm probe found ${n} certificates`);
			}
		} finally {
			await worker.close();
		}
		const figure = median(a);
		const base = median(b);
		return {
			name: 'token-enumeration-50-certificates',
			unit: 'ms',
			figure: Math.round(figure * 10) / 10,
			baseline: Math.round(base * 10) / 10,
			ratio: Math.round((figure / base) * 100) / 100,
			runs,
			certificates: CERTS,
			warmProbeMs: Math.round(median(warm) * 10) / 10,
			describe:
				'median wall time: ote-cert worker probe (spawn node + load module + read all certificates) / pkcs11-tool --list-objects --type cert; lower ratio is better; warmProbeMs = the probe alone in a running worker (the rest is starting node)',
			samples: {ours: a.map((x) => Math.round(x)), baseline: b.map((x) => Math.round(x))},
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const runs = Number(process.argv[2] ?? 10);
	console.log(JSON.stringify(await benchTokenEnumeration({runs}), null, 2));
}
