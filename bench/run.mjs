// `npm run bench`: how fast ote-cert starts and how little it writes, each figure as a ratio against a
// baseline measured in the same run on the same machine (bare Node, a full-frame redraw, openssl,
// pkcs11-tool). Prints a table and writes bench/results/latest.json so runs can be compared.
//   --quick          fewer runs (CI smoke test: the numbers are printed, never judged)
//   --out FILE       also write the JSON there (e.g. bench/results/before.json)
//   --readme         put the table into readme.md between the bench markers of "## Speed"
//   --cli PATH       measure that build of cli.js instead of dist/cli.js
//   --exe PATH       measure that single executable instead of dist/ote-cert-<platform>-<arch>
//   --only A,B       run only these groups: start, exe, help, inspect, journey, token, scaling
// Every process is run under bench/rusage.c, which reports its wall time and its CPU time (user+sys,
// children included) in microseconds: on a loaded machine wall time swings, CPU time much less.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {Pty, cleanEnv, needScript} from './pty.mjs';
import {buildToken, benchTokenEnumeration} from './token.mjs';
import {buildLedger} from './ledger.mjs';
import {makeWorld, LEAF_NAME} from './world.mjs';
import {seaNodeBinary, seaNodeVersion} from '../scripts/sea-node.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// --cli PATH measures another build (e.g. an older commit's dist/cli.js) with this bench.
const cliArg = process.argv.includes('--cli') ? process.argv[process.argv.indexOf('--cli') + 1] : null;
const cli = cliArg ? path.resolve(cliArg) : path.join(root, 'dist', 'cli.js');
const argv = process.argv.slice(2);
// The single executable (npm run build:exe), when there is one: its rows say so when it is not.
const exeArg = argv.includes('--exe') ? argv[argv.indexOf('--exe') + 1] : null;
const exe = exeArg
	? path.resolve(exeArg)
	: path.join(root, 'dist', `ote-cert-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
const quick = argv.includes('--quick');
const outArg = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : null;
const only = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1].split(',')) : null;
const wanted = (group) => !only || only.has(group);
// A partial run must not pass for the readme's table.
if (argv.includes('--readme') && only) throw new Error('--readme needs a full run (without --only)');
const RUNS = quick ? {start: 5, inspect: 3, token: 2, keys: 4, journeys: 1, scaling: 1} : {start: 21, inspect: 11, token: 7, keys: 12, journeys: 3, scaling: 5};
// Scaling: token inspect at these certificate counts, `slots --json` at these account counts.
const TOKEN_SIZES = [10, 50, 200];
const LEDGER_SIZES = [10, 100, 1000];

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

let rusageBin;
/** bench/rusage.c, compiled once per run: wall and CPU time of a child to the microsecond. */
function buildRusage() {
	need('gcc', 'gcc');
	rusageBin = path.join(tmp, 'rusage');
	execFileSync('gcc', ['-O2', '-o', rusageBin, path.join(root, 'bench', 'rusage.c')], {stdio: 'pipe'});
}
/** argv prefixed so that rusage writes its figures to `file`. */
const underRusage = (file, argv) => [rusageBin, file, ...argv];
function readRusage(file) {
	const [wall, user, sys, rss] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
	return {ms: wall / 1000, cpuMs: (user + sys) / 1000, rssMb: rss / 1024};
}
const scratchFile = () => path.join(tmp, `rusage-${Math.random().toString(36).slice(2)}`);

/** Wall and CPU time of one process from spawn to exit, in ms; fails on an unexpected exit code. */
function timed(cmd, args, {env = cleanEnv(), okCodes = [0]} = {}) {
	const file = scratchFile();
	const [bin, ...rest] = underRusage(file, [cmd, ...args]);
	const r = spawnSync(bin, rest, {env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20});
	if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
	return {...readRusage(file), stdout: r.stdout.toString('utf8')};
}

/**
 * One wizard start under the pty: ms from spawn to "Step 1/5", the CPU time of the whole run (start,
 * first frame, Ctrl-C, exit; null when the run did not end on Ctrl-C and was killed), and the CPU
 * time used until the first frame was seen (every process and thread under the pty; the search
 * for files and tokens that goes on after the frame is not in it).
 */
async function wizardFirstFrame(command, env) {
	const file = scratchFile();
	const pty = new Pty(underRusage(file, [...command, '--lang', 'en']), {env, cwd: home});
	const ms = await pty.waitFor('Step 1/5');
	const cpuToFrameMs = pty.cpuMsSoFar();
	await pty.settle(100);
	pty.write('\x03');
	if ((await Promise.race([pty.exit, sleep(5000).then(() => 'hung')])) === 'hung') {
		pty.kill();
		return {ms, cpuMs: null, cpuToFrameMs};
	}
	return {ms, cpuMs: readRusage(file).cpuMs, cpuToFrameMs};
}

/** Bare `node -e 0` of the given Node binary under the same pty: ms from spawn to exit, and its CPU time. */
async function bareStart(nodeBin) {
	const file = scratchFile();
	const bare = new Pty(underRusage(file, [nodeBin, '-e', '0']), {env: worldEnv(), cwd: home});
	await bare.exit;
	return {ms: performance.now() - bare.started, cpuMs: readRusage(file).cpuMs};
}

const rows = [];
function record(row) {
	rows.push(row);
	if (row.notMeasured) {
		process.stderr.write(`  ${row.name}: NOT MEASURED: ${row.notMeasured}\n`);
		return;
	}
	const cpu = row.cpu ? `; CPU ${row.cpu.figure} ms / ${row.cpu.baseline} ms, ratio ${row.cpu.ratio}` : '';
	process.stderr.write(`  ${row.name}: ${row.figure} ${row.unit} (baseline ${row.baseline}, ratio ${row.ratio}${cpu})\n`);
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

	buildRusage();
	process.stderr.write(`  load average ${startLoad.join(' ')} at the start\n`);
	token = buildToken(path.join(tmp, 'token'));
	certFile = path.join(home, 'bench-certificate.cer');
	copyFileSync(path.join(tmp, 'token', 'c0.der'), certFile);

	// 1. Process start to the first frame of the wizard, against bare `node -e 0` under the same pty:
	//    as on every start after the first (the person's code cache in ~/.cache/ote-cert), as on the
	//    first start after installing (an empty cache folder: only the build's dist/code-cache), and
	//    with no code cache at all (OTE_CERT_CODE_CACHE=off; also what a Node other than the build's gets).
	if (wanted('start')) {
		let fresh = 0;
		for (const [name, extra, note, goalRatio] of [
			// Every start after the first finds its ledger (the remembered --lang among it), as a person's does.
			['wizard-first-frame', () => ({OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg-warm')}), 'code cache and ledger warm (every start after the first)', 1.5],
			[
				'wizard-first-frame-first-start',
				() => ({OTE_CERT_CACHE_DIR: path.join(tmp, `first-start-${fresh++}`)}),
				"first start after installing (only the build's code cache)",
				2,
			],
			['wizard-first-frame-no-code-cache', () => ({OTE_CERT_CODE_CACHE: 'off'}), 'no code cache at all', null],
		]) {
			const ours = [];
			const base = [];
			const oursCpu = [];
			const baseCpu = [];
			const once = async () => {
				const start = await wizardFirstFrame([process.execPath, cli], worldEnv(extra()));
				ours.push(start.ms);
				if (start.cpuMs !== null) oursCpu.push(start.cpuMs);
				const bare = await bareStart(process.execPath);
				base.push(bare.ms);
				baseCpu.push(bare.cpuMs);
			};
			// Warm-up: page cache, first dlopen, and the code cache written by a wizard start.
			await once();
			await once();
			for (const list of [ours, base, oursCpu, baseCpu]) list.length = 0;
			for (let i = 0; i < RUNS.start; i++) await once();
			record(
				ratioRow(name, 'ms', ours, base, {
					...(goalRatio ? {goal: `≤ ${goalRatio}× bare node`, goalRatio} : {}),
					describe: `median ms from spawn to "Step 1/5" on a 100x40 pty (script -qfec), ${note} / bare \`node -e 0\` under the same pty, spawn to exit; CPU: the whole run (start, first frame, Ctrl-C, exit) / bare node`,
					cpu: [oursCpu, baseCpu],
				}),
			);
		}
	}

	// 1b. The same first frame from the single executable (package.json config.seaNode with the program inside).
	if (wanted('exe')) await exeStarts();

	// 1b. Where a warm start's time goes, inside the process: CPU and clock from its start to Ink's
	//     first frame (bench/first-frame.cjs, preloaded), against bare node's whole run. The rows above
	//     count the whole run's CPU, which includes the search for files and tokens after the frame.
	if (wanted('start')) {
		const frames = [];
		const baseCpu = [];
		for (let i = 0; i < RUNS.start + 2; i++) {
			const out = scratchFile();
			const pty = new Pty([process.execPath, '--require', path.join(root, 'bench', 'first-frame.cjs'), cli, '--lang', 'en'], {
				env: worldEnv({OTE_BENCH_FRAME: out, OTE_CERT_CONFIG_DIR: path.join(tmp, 'cfg-warm')}),
				cwd: home,
			});
			await pty.waitFor('Step 1/5');
			await pty.settle(100);
			pty.write('\x03');
			if ((await Promise.race([pty.exit, sleep(5000).then(() => 'hung')])) === 'hung') pty.kill();
			const bareFile = scratchFile();
			await new Pty(underRusage(bareFile, [process.execPath, '-e', '0']), {env: worldEnv(), cwd: home}).exit;
			if (i < 2) continue; // warm-up, as above
			frames.push(JSON.parse(readFileSync(out, 'utf8')));
			baseCpu.push(readRusage(bareFile).cpuMs);
		}
		const at = (name, key) => round(median(frames.map((f) => f[name][key])));
		const row = ratioRow(
			'wizard-first-frame-cpu',
			'ms',
			frames.map((f) => f.frame.cpuMs),
			baseCpu,
			{
				describe:
					"median CPU ms (user+sys, every thread) of a warm wizard start from process start to Ink's first frame (bench/first-frame.cjs preloaded) / bare `node -e 0`, whole run; breakdown: clock ms (CPU ms) from process start to the launcher, to the bundle read, to the bundle compiled from its cached code, to the frame",
			},
		);
		row.baselineName = 'bare node, whole run';
		row.note = ['launcher', 'bundle-read', 'bundle-compiled', 'frame'].map((name) => `${name} ${at(name, 'ms')} (${at(name, 'cpuMs')})`).join(' → ');
		row.timeline = Object.fromEntries(
			['launcher', 'bundle-read', 'bundle-compiled', 'frame'].map((name) => [name, {ms: at(name, 'ms'), cpuMs: at(name, 'cpuMs')}]),
		);
		record(row);
	}

	// 2. --help: the cheapest real command, to see what loading the bundle alone costs.
	if (wanted('help')) {
		const ours = [];
		const base = [];
		for (let i = 0; i <= RUNS.inspect; i++) {
			const a = timed(process.execPath, [cli, '--help', '--lang', 'en'], {env: worldEnv()});
			const b = timed(process.execPath, ['-e', '0']);
			if (i > 0) {
				ours.push(a);
				base.push(b);
			}
		}
		record(
			ratioRow('help', 'ms', ms(ours), ms(base), {
				goal: '≤ 2× bare node',
				goalRatio: 2,
				describe: 'median ms of `ote-cert --help` / `node -e 0`',
				cpu: [cpu(ours), cpu(base)],
			}),
		);
	}

	// 3. inspect --json on one certificate file and on a SoftHSM token holding 50 certificates.
	// A token is read in a second Node process (crash isolation), which cannot start before the first
	// one runs JavaScript: Node starting Node and waiting for it is the floor of that design, measured
	// here beside the token row so its ratio can be read against what is possible at all.
	const FLOOR = ['-e', "require('node:child_process').spawnSync(process.execPath, ['-e', '0'])"];
	const inspectRow = (name, ourArgs, env, refCmd, refArgs, refName, goalRatio, withFloor = false) => {
		const ours = [];
		const base = [];
		const ref = [];
		const floor = [];
		for (let i = 0; i <= RUNS.inspect; i++) {
			const a = timed(process.execPath, [cli, 'inspect', '--json', ...ourArgs], {env, okCodes: [0, 1]});
			const b = timed(process.execPath, ['-e', '0']);
			const c = timed(refCmd, refArgs, {env}).ms;
			if (withFloor) floor.push(timed(process.execPath, FLOOR).ms);
			if (i === 0) {
				const parsed = JSON.parse(a.stdout);
				const expected = name.includes('token') ? 50 : 1;
				if (parsed.length !== expected) throw new Error(`${name}: inspect reported ${parsed.length} certificates, expected ${expected}`);
				continue;
			}
			ours.push(a);
			base.push(b);
			ref.push(c);
		}
		if (withFloor) floor.shift();
		const row = ratioRow(name, 'ms', ms(ours), ms(base), {
			goal: `≤ ${goalRatio}× bare node`,
			goalRatio,
			describe: `median ms of \`ote-cert inspect --json\` / \`node -e 0\`; reference: ${refName}`,
			cpu: [cpu(ours), cpu(base)],
		});
		row.reference = {name: refName, figure: round(median(ref)), ratio: round(median(ms(ours)) / median(ref), 2)};
		if (withFloor) row.floor = {name: 'node starting node', figure: round(median(floor)), ratio: round(median(floor) / median(ms(base)), 2)};
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
				1.5,
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
				2,
				true,
			),
		);
	}

	// 4. How cost grows: token inspect at 10, 50, 200 certificates; slots --json at 10, 100, 1,000 accounts.
	if (wanted('scaling')) await scaling();

	// 5-7. A full wizard journey with incremental rendering, then the same with full redraws.
	if (wanted('journey')) await journeys();

	// 8. Enumerating the same 50-certificate token through the PKCS#11 worker (bench/token.mjs).
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

/**
 * The single executable's wizard start, against bare `node -e 0` of the very Node binary it was made
 * from (the registry's node@config.seaNode, scripts/sea-node.mjs): the executable is that binary plus
 * the program, so the ratio is what the program costs. Bare node of the Node running the bench is
 * measured in the same rounds as a reference. Warm: the cache folder as earlier starts left it (the
 * wizard writes nothing there while the code built into the executable serves it); first start: an
 * empty cache folder every run.
 */
async function exeStarts() {
	const rows = [
		['exe-wizard-first-frame', 'every start after the first (the cache folder as earlier starts left it)'],
		['exe-wizard-first-frame-first-start', 'very first start (an empty cache folder: only the code built in)'],
	];
	const goal = {goal: '≤ 1.5× bare node', goalRatio: 1.5};
	const shown = exe.startsWith(root + path.sep) ? path.relative(root, exe) : exe;
	if (!existsSync(exe)) {
		const why = `${shown} does not exist (build it with \`npm run build:exe\`, or name one with --exe PATH)`;
		for (const [name] of rows) record({name, unit: 'ms', notMeasured: why, goal: goal.goal});
		return;
	}
	const seaVersion = `v${seaNodeVersion()}`;
	let seaNode;
	try {
		seaNode = seaNodeBinary({log: (text) => process.stderr.write(`  ${text}\n`)});
	} catch (error) {
		const why = `its baseline, bare node ${seaVersion} (the registry's \`node\` package), is not to be had: ${error.message}`;
		for (const [name] of rows) record({name, unit: 'ms', notMeasured: why, goal: goal.goal});
		return;
	}
	process.stderr.write(`  executable ${shown}; its baseline: bare node ${seaVersion} (${path.relative(root, seaNode)})\n`);
	let fresh = 0;
	const warmDir = path.join(tmp, 'exe-cache');
	for (const [[name, note], extra] of [
		// Its own cache folder: the npm rows' Node would take the shared one's files for stale ones.
		// Every start after the first finds its ledger too (the remembered --lang among it).
		[rows[0], () => ({OTE_CERT_CACHE_DIR: warmDir, OTE_CERT_CONFIG_DIR: path.join(tmp, 'exe-cfg-warm')})],
		[rows[1], () => ({OTE_CERT_CACHE_DIR: path.join(tmp, `exe-first-start-${fresh++}`)})],
	]) {
		const runs = {ours: [], oursCpu: [], toFrame: [], base: [], baseCpu: [], ref: [], refCpu: []};
		const once = async () => {
			const start = await wizardFirstFrame([exe], worldEnv(extra()));
			runs.ours.push(start.ms);
			if (start.cpuMs !== null) runs.oursCpu.push(start.cpuMs);
			if (start.cpuToFrameMs !== null) runs.toFrame.push(start.cpuToFrameMs);
			const bare = await bareStart(seaNode);
			runs.base.push(bare.ms);
			runs.baseCpu.push(bare.cpuMs);
			const ref = await bareStart(process.execPath);
			runs.ref.push(ref.ms);
			runs.refCpu.push(ref.cpuMs);
		};
		await once();
		await once();
		for (const list of Object.values(runs)) list.length = 0;
		for (let i = 0; i < RUNS.start; i++) await once();
		const row = ratioRow(name, 'ms', runs.ours, runs.base, {
			...goal,
			baselineName: `bare node ${seaVersion}`,
			describe: `median ms from spawn to "Step 1/5" of the single executable on a 100x40 pty, ${note} / bare \`node -e 0\` of the Node it is made from (${seaVersion}) under the same pty, spawn to exit; CPU: the whole run / bare node; cpuToFrame: CPU of every process and thread under the pty until the frame was seen (/proc schedstat) / bare node; reference: bare node of the Node running the bench, in the same rounds`,
			cpu: [runs.oursCpu, runs.baseCpu],
		});
		row.baselineSpread = {min: round(Math.min(...runs.base)), max: round(Math.max(...runs.base))};
		if (runs.toFrame.length) {
			const toFrame = median(runs.toFrame);
			row.cpuToFrame = {
				figure: round(toFrame),
				baseline: row.cpu.baseline,
				ratio: round(toFrame / row.cpu.baseline, 2),
				spread: {min: round(Math.min(...runs.toFrame)), max: round(Math.max(...runs.toFrame))},
			};
			process.stderr.write(
				`  ${name}: CPU until the first frame ${row.cpuToFrame.figure} ms (${row.cpuToFrame.spread.min}–${row.cpuToFrame.spread.max}) / bare node ${row.cpu.baseline} ms, ratio ${row.cpuToFrame.ratio}\n`,
			);
		}
		row.reference = {
			name: `bare node ${process.version}`,
			figure: round(median(runs.ref)),
			ratio: round(median(runs.ours) / median(runs.ref), 2),
			cpu: round(median(runs.refCpu)),
		};
		record(row);
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
				goal: '< 80 MB',
				goalAbsolute: 80,
				describe:
					'peak RSS (/usr/bin/time %M) of a whole journey (file → certificate → environment → profile, slot, role → package written) / bare `node -e 0`',
			},
		),
	});
}

const ms = (runs) => runs.map((r) => r.ms);
const cpu = (runs) => runs.map((r) => r.cpuMs);

/** extra.cpu = [ours, baseline] CPU times: reported next to the wall figure, for a machine under load. */
/**
 * Token inspect and `slots --json` at three sizes each, every run next to a bare `node -e 0`. The
 * marginal cost per item between sizes says how cost grows: about the same at each step is linear,
 * a step costing many times the one before is not.
 */
async function scaling() {
	// One SoftHSM configuration per size: the worker reads every slot of a module, so tokens sharing
	// one would make the small one pay for the large one.
	const cases = TOKEN_SIZES.map((n) => {
		const own = n === 50 ? token : buildToken(path.join(tmp, `token-${n}`), {counts: [n]});
		return {
			workload: 'inspect --json of a token',
			item: 'certificate',
			n,
			args: ['inspect', '--json', '--module', own.modulePath, `pkcs11:token=BENCH${n}`],
			env: worldEnv({SOFTHSM2_CONF: own.env.SOFTHSM2_CONF, P11_KIT_NO_USER_CONFIG: '1'}),
			check: (out) => JSON.parse(out).length === n,
		};
	});
	for (const n of LEDGER_SIZES) {
		const configDir = path.join(tmp, `ledger-${n}`);
		await buildLedger(configDir, {accounts: n, certFile, scratch: tmp});
		cases.push({
			workload: 'slots --json (24 registrations per account)',
			item: 'account',
			n,
			args: ['slots', '--json'],
			env: worldEnv({OTE_CERT_CONFIG_DIR: configDir}),
			check: (out) => JSON.parse(out).length === n,
		});
	}
	const results = [];
	for (const c of cases) {
		const ours = [];
		const base = [];
		for (let i = 0; i <= RUNS.scaling; i++) {
			const a = timed(process.execPath, [cli, ...c.args], {env: c.env, okCodes: [0, 1]});
			const b = timed(process.execPath, ['-e', '0']);
			if (i === 0) {
				if (!c.check(a.stdout)) throw new Error(`scaling: ${c.args.join(' ')} did not report ${c.n} ${c.item}s`);
				continue;
			}
			ours.push(a);
			base.push(b);
		}
		const row = {
			...ratioRow(`scaling ${c.workload}, ${c.n}`, 'ms', ms(ours), ms(base), {cpu: [cpu(ours), cpu(base)]}),
			workload: c.workload,
			item: c.item,
			n: c.n,
			rssMb: round(median(ours.map((r) => r.rssMb))),
		};
		const before = results.findLast((r) => r.workload === c.workload);
		if (before) row.cpuPerItemMs = round((row.cpu.figure - before.cpu.figure) / (row.n - before.n), 2);
		process.stderr.write(
			`  ${row.name}: ${row.figure} ms, CPU ${row.cpu.figure} ms, RSS ${row.rssMb} MB${row.cpuPerItemMs !== undefined ? `, +${row.cpuPerItemMs} ms CPU per ${c.item}` : ''}\n`,
		);
		results.push(row);
	}
	scalingRows.push(...results);
}
const scalingRows = [];

function scalingTable(rows) {
	const widest = Math.max(...rows.map((r) => r.cpu.figure));
	const bar = (x) => '█'.repeat(Math.max(1, Math.round((x / widest) * 30)));
	const head = ['workload', 'size', 'wall (bare node)', 'CPU (bare node)', 'CPU per added item', 'peak RSS', 'CPU'];
	const lines = rows.map((r) => [
		r.workload,
		`${r.n} ${r.item}s`,
		`${r.figure} ms (${r.baseline})`,
		`${r.cpu.figure} ms (${r.cpu.baseline})`,
		r.cpuPerItemMs === undefined ? '' : `${r.cpuPerItemMs} ms`,
		`${r.rssMb} MB`,
		`\`${bar(r.cpu.figure)}\``,
	]);
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

function ratioRow(name, unit, ours, base, {cpu: cpuRuns, ...extra} = {}) {
	const figure = median(ours);
	const baseline = median(base);
	const row = {name, unit, figure: round(figure), baseline: round(baseline), ratio: round(figure / baseline, 2), runs: ours.length, ...extra};
	if (cpuRuns?.[0].length) {
		const [a, b] = cpuRuns.map(median);
		row.cpu = {figure: round(a), baseline: round(b), ratio: round(a / b, 2)};
	}
	row.spread = {min: round(Math.min(...ours)), max: round(Math.max(...ours))};
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
	// ote-cert writes a package only into a new or empty folder: the previous journey's must go.
	for (const name of readdirSync(world.home)) if (name.startsWith('ote-cert-')) rmSync(path.join(world.home, name), {recursive: true, force: true});
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
	const head = ['figure', 'value (min–max)', 'baseline', 'ratio', 'CPU: ours / baseline', 'runs', 'goal'];
	const lines = result.figures.map((r) => {
		if (r.notMeasured) return [r.name, `not measured: ${r.notMeasured}`, '', '', '', '0', r.goal ? `${r.goal} ?` : ''];
		const base = r.baselineName ?? (r.unit === 'bytes' ? 'full redraw' : 'bare node');
		const ref = r.reference ? ` (${r.reference.name}: ${r.reference.figure} ms, ×${r.reference.ratio})` : r.note ? `; clock (CPU) ms: ${r.note}` : '';
		const floor = r.floor ? `; floor, ${r.floor.name}: ${r.floor.figure} ms = ×${r.floor.ratio} bare node` : '';
		const goal = r.goal ? `${r.goal} ${r.meetsGoal ? '✓' : '✗'}` : '';
		const spread = r.spread && r.spread.min !== r.spread.max ? ` (${r.spread.min}–${r.spread.max})` : '';
		const toFrame = r.cpuToFrame ? `; until the frame ${r.cpuToFrame.figure} / ${r.cpuToFrame.baseline} ms = ×${r.cpuToFrame.ratio}` : '';
		const cpuText = r.cpu ? `${r.cpu.figure} / ${r.cpu.baseline} ms = ×${r.cpu.ratio}${toFrame}` : '';
		return [r.name, `${r.figure} ${r.unit}${spread}`, `${r.baseline} ${r.unit} ${base}${ref}${floor}`, `×${r.ratio}`, cpuText, String(r.runs), goal];
	});
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

const startLoad = os.loadavg().map((x) => round(x, 2));
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
		loadAverage: {start: startLoad, end: os.loadavg().map((x) => round(x, 2))},
		figures: rows,
		scaling: scalingRows,
	};
	const md = `${table(result)}${scalingRows.length ? `\n\nHow cost grows (medians; CPU = user+sys of the process and its PKCS#11 worker):\n\n${scalingTable(scalingRows)}` : ''}`;
	console.log(md);
	mkdirSync(path.join(root, 'bench', 'results'), {recursive: true});
	const json = `${JSON.stringify(result, null, 2)}\n`;
	// A partial run (--only) must not pass for the latest full table.
	if (!only) writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), json);
	if (outArg) writeFileSync(path.resolve(outArg), json);
	if (argv.includes('--readme')) {
		const readme = path.join(root, 'readme.md');
		const text = readFileSync(readme, 'utf8');
		const load = `load average ${result.loadAverage.start[0]} at the start, ${result.loadAverage.end[0]} at the end`;
		const block = `<!-- bench:start -->\n\`${result.command}\` on ${result.date.slice(0, 10)}, Node ${result.node}, ${result.cpus} × ${result.cpuModel.trim()}, ${load}:\n\n${md}\n<!-- bench:end -->`;
		const re = /<!-- bench:start -->[\s\S]*?<!-- bench:end -->/;
		if (!re.test(text)) throw new Error('readme.md has no <!-- bench:start --> … <!-- bench:end --> block under "## Speed"');
		writeFileSync(readme, text.replace(re, block));
		// The readme is checked by Biome (npm run lint), which aligns Markdown tables.
		execFileSync(path.join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', readme], {cwd: root, stdio: 'pipe'});
	}
} finally {
	rmSync(tmp, {recursive: true, force: true});
}
