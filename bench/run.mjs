// `npm run bench`: how fast ote-cert starts and how little it writes, each figure as a ratio against a
// baseline measured in the same run on the same machine (bare Node, a full-frame redraw, openssl,
// pkcs11-tool). Prints a table and writes bench/results/latest.json so runs can be compared.
//   --quick          fewer runs (CI smoke test: the numbers are printed, never judged)
//   --out FILE       also write the JSON there (e.g. bench/results/before.json)
//   --readme         put the table into readme.md between the bench markers of "## Speed"
//   --cli PATH       measure that build of cli.js instead of dist/cli.js
//   --only A,B       run only these groups: start, help, inspect, journey, token
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {Pty, cleanEnv, needScript} from './pty.mjs';
import {buildToken, benchTokenEnumeration} from './token.mjs';
import {makeWorld, LEAF_NAME} from './world.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// --cli PATH measures another build (e.g. an older commit's dist/cli.js) with this bench.
const cliArg = process.argv.includes('--cli') ? process.argv[process.argv.indexOf('--cli') + 1] : null;
const cli = cliArg ? path.resolve(cliArg) : path.join(root, 'dist', 'cli.js');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const outArg = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : null;
const only = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1].split(',')) : null;
const wanted = (group) => !only || only.has(group);
const RUNS = quick ? {start: 5, inspect: 3, token: 2, keys: 4, journeys: 1} : {start: 21, inspect: 11, token: 7, keys: 12, journeys: 3};

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function need(tool, pkg) {
	try {
		execFileSync('sh', ['-c', `command -v ${tool}`], {stdio: 'pipe'});
	} catch {
		throw new Error(`${tool} is missing: apt-get install ${pkg}`);
	}
}

/** Wall time of one process from spawn to exit, in ms; fails on an unexpected exit code. */
function timed(cmd, args, {env = cleanEnv(), okCodes = [0]} = {}) {
	const t = performance.now();
	const r = spawnSync(cmd, args, {env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20});
	const ms = performance.now() - t;
	if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
	return {ms, stdout: r.stdout.toString('utf8')};
}

const rows = [];
function record(row) {
	rows.push(row);
	process.stderr.write(`  ${row.name}: ${row.figure} ${row.unit} (baseline ${row.baseline}, ratio ${row.ratio})\n`);
}

// --- a world to run in: temp HOME/cwd with one certificate, a temp ledger, no CI variables --------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ote-bench-'));
const home = path.join(tmp, 'home');
mkdirSync(home);
const worldEnv = (extra = {}) =>
	cleanEnv({HOME: home, TMPDIR: tmp, OTE_CERT_CONFIG_DIR: path.join(tmp, `cfg-${Math.random().toString(36).slice(2)}`), ...extra});

let token;
let world;
let certFile;

async function main() {
	needScript();
	need('openssl', 'openssl');
	need('/usr/bin/time', 'time');
	if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build');
	process.stderr.write(`ote-cert bench${quick ? ' (quick)' : ''}: node ${process.version}, ${os.cpus().length} CPU\n`);

	token = buildToken(path.join(tmp, 'token'));
	certFile = path.join(home, 'bench-certificate.cer');
	copyFileSync(path.join(tmp, 'token', 'c0.der'), certFile);

	// 1. Process start to the first frame of the wizard, against bare `node -e 0` under the same pty:
	//    as on every start after the first (the person's code cache in ~/.cache/ote-cert), as on the
	//    first start after installing (an empty cache folder: only the build's dist/code-cache), and
	//    with no code cache at all (OTE_CERT_CODE_CACHE=off; also what a Node other than the build's gets).
	if (wanted('start')) {
		let fresh = 0;
		for (const [name, extra, note] of [
			['wizard-first-frame', () => ({}), 'code cache warm (every start after the first)'],
			[
				'wizard-first-frame-first-start',
				() => ({OTE_CERT_CACHE_DIR: path.join(tmp, `first-start-${fresh++}`)}),
				"first start after installing (only the build's code cache)",
			],
			['wizard-first-frame-no-code-cache', () => ({OTE_CERT_CODE_CACHE: 'off'}), 'no code cache at all'],
		]) {
			const ours = [];
			const base = [];
			const once = async () => {
				const pty = new Pty([process.execPath, cli, '--lang', 'en'], {env: worldEnv(extra()), cwd: home});
				ours.push(await pty.waitFor('Step 1/5'));
				await pty.settle(100);
				pty.write('\x03');
				if ((await Promise.race([pty.exit, sleep(5000).then(() => 'hung')])) === 'hung') pty.kill();
				const bare = new Pty([process.execPath, '-e', '0'], {env: worldEnv(), cwd: home});
				await bare.exit;
				base.push(performance.now() - bare.started);
			};
			// Warm-up: page cache, first dlopen, and the code cache written by a wizard start.
			await once();
			await once();
			ours.length = 0;
			base.length = 0;
			for (let i = 0; i < RUNS.start; i++) await once();
			record(
				ratioRow(name, 'ms', ours, base, {
					goal: '≤ 2× bare node',
					goalRatio: 2,
					describe: `median ms from spawn to "Step 1/5" on a 100x40 pty (script -qfec), ${note} / bare \`node -e 0\` under the same pty, spawn to exit`,
				}),
			);
		}
	}

	// 2. --help: the cheapest real command, to see what loading the bundle alone costs.
	if (wanted('help')) {
		const ours = [];
		const base = [];
		for (let i = 0; i <= RUNS.inspect; i++) {
			const a = timed(process.execPath, [cli, '--help', '--lang', 'en'], {env: worldEnv()}).ms;
			const b = timed(process.execPath, ['-e', '0']).ms;
			if (i > 0) {
				ours.push(a);
				base.push(b);
			}
		}
		record(ratioRow('help', 'ms', ours, base, {goal: '≤ 2× bare node', goalRatio: 2, describe: 'median ms of `ote-cert --help` / `node -e 0`'}));
	}

	// 3. inspect --json on one certificate file and on a SoftHSM token holding 50 certificates.
	const inspectRow = (name, ourArgs, env, refCmd, refArgs, refName) => {
		const ours = [];
		const base = [];
		const ref = [];
		for (let i = 0; i <= RUNS.inspect; i++) {
			const a = timed(process.execPath, [cli, 'inspect', '--json', ...ourArgs], {env, okCodes: [0, 1]});
			const b = timed(process.execPath, ['-e', '0']).ms;
			const c = timed(refCmd, refArgs, {env}).ms;
			if (i === 0) {
				const parsed = JSON.parse(a.stdout);
				const expected = name.includes('token') ? 50 : 1;
				if (parsed.length !== expected) throw new Error(`${name}: inspect reported ${parsed.length} certificates, expected ${expected}`);
				continue;
			}
			ours.push(a.ms);
			base.push(b);
			ref.push(c);
		}
		const row = ratioRow(name, 'ms', ours, base, {
			goal: '≤ 2× bare node',
			goalRatio: 2,
			describe: `median ms of \`ote-cert inspect --json\` / \`node -e 0\`; reference: ${refName}`,
		});
		row.reference = {name: refName, figure: round(median(ref)), ratio: round(median(ours) / median(ref), 2)};
		return row;
	};
	if (wanted('inspect'))
		record(
			inspectRow(
				'inspect-json-file',
				[certFile],
				worldEnv(),
				'openssl',
				['x509', '-inform', 'DER', '-noout', '-text', '-in', certFile],
				'openssl x509 -noout -text',
			),
		);
	const tokenEnv = worldEnv({SOFTHSM2_CONF: token.env.SOFTHSM2_CONF, P11_KIT_NO_USER_CONFIG: '1'});
	if (wanted('inspect')) {
		record(
			inspectRow(
				'inspect-json-token-50',
				['--module', token.modulePath, 'pkcs11:token=BENCH50'],
				tokenEnv,
				'pkcs11-tool',
				['--module', token.modulePath, '--token-label', 'BENCH50', '--list-objects', '--type', 'cert'],
				'pkcs11-tool --list-objects --type cert',
			),
		);
	}

	// 4-6. A full wizard journey with incremental rendering, then the same with full redraws.
	if (wanted('journey')) await journeys();

	// 7. Enumerating the same 50-certificate token through the PKCS#11 worker (bench/token.mjs).
	if (wanted('token')) {
		const tokenRow = await benchTokenEnumeration({runs: RUNS.token, token});
		record({
			name: tokenRow.name,
			unit: 'ms',
			figure: tokenRow.figure,
			baseline: tokenRow.baseline,
			ratio: tokenRow.ratio,
			runs: tokenRow.runs,
			baselineName: 'pkcs11-tool --list-objects',
			describe: tokenRow.describe,
			warmProbeMs: tokenRow.warmProbeMs,
		});
	}
}

async function journeys() {
	const inc = [];
	const full = [];
	for (let i = 0; i < RUNS.journeys; i++) {
		inc.push(await journey(true));
		full.push(await journey(false));
	}
	const all = (list, key) => list.flatMap((j) => j[key]);
	record({
		...ratioRow('bytes-per-arrow-key-slot-step', 'bytes', all(inc, 'arrow'), all(full, 'arrow'), {
			goal: '< 300 bytes',
			goalAbsolute: 300,
			describe: 'median bytes written per ↑/↓ on the Slot list / the same key with a full-frame redraw (OTE_CERT_INCREMENTAL=0)',
		}),
	});
	record({
		...ratioRow('bytes-per-typed-character-path-field', 'bytes', all(inc, 'typed'), all(full, 'typed'), {
			describe: 'median bytes written per character typed into the path field / the same with a full-frame redraw',
		}),
	});
	const bareRss = [];
	for (let i = 0; i < RUNS.journeys; i++) bareRss.push(peakRss([process.execPath, '-e', '0']));
	record({
		...ratioRow(
			'peak-rss-full-journey',
			'MB',
			inc.map((j) => j.rssMb),
			bareRss,
			{
				goal: '< 100 MB',
				goalAbsolute: 100,
				describe:
					'peak RSS (/usr/bin/time %M) of a whole journey (file → certificate → environment → profile, slot, role → package written) / bare `node -e 0`',
			},
		),
	});
}

function ratioRow(name, unit, ours, base, extra = {}) {
	const figure = median(ours);
	const baseline = median(base);
	const row = {name, unit, figure: round(figure), baseline: round(baseline), ratio: round(figure / baseline, 2), runs: ours.length, ...extra};
	if (extra.goalRatio) row.meetsGoal = row.ratio <= extra.goalRatio;
	if (extra.goalAbsolute) row.meetsGoal = row.figure < extra.goalAbsolute;
	delete row.goalRatio;
	delete row.goalAbsolute;
	return row;
}

function peakRss(command, opts = {}) {
	const out = path.join(tmp, `rss-${Math.random().toString(36).slice(2)}`);
	execFileSync('/usr/bin/time', ['-f', '%M', '-o', out, ...command], {stdio: 'ignore', ...opts});
	return Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024;
}

/** One journey through all five steps to the written package; returns bytes per key and the peak RSS. */
async function journey(incremental) {
	world ??= await makeWorld(path.join(tmp, 'world'));
	const rssFile = path.join(tmp, `rss-${Math.random().toString(36).slice(2)}`);
	const env = worldEnv({OTE_CERT_INCREMENTAL: incremental ? '1' : '0'});
	const pty = new Pty(['/usr/bin/time', '-f', '%M', '-o', rssFile, process.execPath, cli, '--lang', 'en', '--trust', world.caFile], {
		env: {...env, HOME: world.home},
		cwd: world.home,
	});
	try {
		await pty.waitFor('Step 1/5');
		// Discovery fills the list in; its redraws must not be counted as typing.
		await pty.waitFor(LEAF_NAME, {timeoutMs: 8000}).catch(() => undefined);
		await pty.settle(400);
		const mark = pty.bytes;
		// The single file found is highlighted; Home goes to "Type a file path…", the first item.
		pty.write('\u001b[H\r');
		await pty.waitFor('Path:', {from: mark});
		await pty.settle();
		// The world's home is the process's cwd, so a relative path reaches the certificate.
		const typed = [];
		for (const ch of world.leafPath) typed.push(await pty.measure(ch, 120));
		const step = async (keys, marker) => {
			const from = pty.bytes;
			pty.write(keys);
			await pty.waitFor(marker, {from});
			await pty.settle(120);
		};
		await step('\r', 'Step 2/5');
		await step('\r', 'Step 3/5');
		await step('\r', 'User id:');
		await step('\r', 'Who registers');
		await step('\r', 'Slot 4'); // the authorised person (the first choice)
		// The cursor starts on a middle slot; ↓↓↑↑ stays inside the list of four.
		const arrow = [];
		const pattern = ['\x1b[B', '\x1b[B', '\x1b[A', '\x1b[A'];
		for (let i = 0; i < RUNS.keys; i++) arrow.push(await pty.measure(pattern[i % 4], 150));
		await step('\r', 'In which role');
		await step('\r', 'Step 5/5');
		await step('\r', 'The registration package is ready');
		pty.write('\r');
		const code = await Promise.race([pty.exit, sleep(10_000).then(() => 'hung')]);
		if (code !== 0) throw new Error(`wizard journey ended with ${code}`);
		const rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
		return {typed, arrow, rssMb};
	} catch (error) {
		pty.kill();
		throw error;
	}
}

function table(result) {
	const head = ['figure', 'value', 'baseline', 'ratio', 'runs', 'goal'];
	const lines = result.figures.map((r) => {
		const base = r.baselineName ?? (r.unit === 'bytes' ? 'full redraw' : 'bare node');
		const ref = r.reference ? ` (${r.reference.name}: ${r.reference.figure} ms, ×${r.reference.ratio})` : '';
		const goal = r.goal ? `${r.goal} ${r.meetsGoal ? '✓' : '✗'}` : '';
		return [r.name, `${r.figure} ${r.unit}`, `${r.baseline} ${r.unit} ${base}${ref}`, `×${r.ratio}`, String(r.runs), goal];
	});
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

try {
	await main();
	const result = {
		date: new Date().toISOString(),
		command: `npm run bench${quick ? ' -- --quick' : ''}`,
		node: process.version,
		platform: `${process.platform} ${os.release()} ${process.arch}`,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? '',
		quick,
		figures: rows,
	};
	const md = table(result);
	console.log(md);
	mkdirSync(path.join(root, 'bench', 'results'), {recursive: true});
	const json = `${JSON.stringify(result, null, 2)}\n`;
	// A partial run (--only) must not pass for the latest full table.
	if (!only) writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), json);
	if (outArg) writeFileSync(path.resolve(outArg), json);
	if (argv.includes('--readme')) {
		const readme = path.join(root, 'readme.md');
		const text = readFileSync(readme, 'utf8');
		const block = `<!-- bench:start -->\n\`${result.command}\` on ${result.date.slice(0, 10)}, Node ${result.node}, ${result.cpus} × ${result.cpuModel.trim()}:\n\n${md}\n<!-- bench:end -->`;
		const re = /<!-- bench:start -->[\s\S]*?<!-- bench:end -->/;
		if (!re.test(text)) throw new Error('readme.md has no <!-- bench:start --> … <!-- bench:end --> block under "## Speed"');
		writeFileSync(readme, text.replace(re, block));
	}
} finally {
	rmSync(tmp, {recursive: true, force: true});
}
