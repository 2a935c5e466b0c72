// The diagnostic file a person can send to the helpdesk: versions, system, what sources were
// seen and what the checks found, and — from the wizard — the step, the answers so far, the
// certificates on screen and the last error. Public data only: secrets are never in scope here (the
// wizard's state holds none) — no environment variable is copied wholesale, only the few named below.
import {stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {CommonOptions} from '../cli/args.js';
import type {ReportContext} from '../flow/wizard.js';
import {loadEntries} from './sources.js';

/** What the report looks at: the --trust and --module the run was given, a --source to judge, and where to write. */
type ReportInput = Pick<CommonOptions, 'trust' | 'module'> & {out: string | null; source: string | null};
import type {Runtime} from './runtime.js';
import {evaluateEntries, loadAnchors} from './evaluate.js';
import {assessmentJson} from '../output/assessment-view.js';
import {cleanText} from '../certificate/sanitize.js';
import {SourceError} from '../sources/types.js';

/** Environment variables that help diagnose terminal and token trouble and can never hold a secret. */
const SAFE_ENV = [
	'LANG',
	'LC_ALL',
	'LC_MESSAGES',
	'TERM',
	'COLORTERM',
	'NO_COLOR',
	'SSH_CONNECTION',
	'SSH_TTY',
	'P11_KIT_SERVER_ADDRESS',
	'OTE_CERT_CONFIG_DIR',
	'OTE_CERT_PKCS11_MODULE',
	'XDG_RUNTIME_DIR',
];

/** The wizard's part of the report: codes and public answers, and the judged certificates with their fingerprints and findings. */
function wizardPart(context: ReportContext) {
	return {
		step: context.step,
		answers: context.answers,
		certificates: context.certificates.map((c) => assessmentJson(c.assessment, c.entry)),
	};
}

export async function buildDiagnostics(opts: {runtime: Runtime; options: ReportInput; context: ReportContext | null}): Promise<Record<string, unknown>> {
	const {runtime, options} = opts;
	const refuse = async () => {
		throw new SourceError('PASSWORD_REQUIRED', 'not asked in a report');
	};
	const anchors = await loadAnchors(options.trust, runtime.cwd).catch(() => null);
	const env: Record<string, string> = {};
	for (const key of SAFE_ENV) if (runtime.env[key] !== undefined) env[key] = cleanText(runtime.env[key]!);

	const {collectCertificateFiles, readCertificateFile} = await import('../sources/files/index.js');
	const files = await collectCertificateFiles({cwd: runtime.cwd, home: runtime.home, env: runtime.env}).catch(() => []);
	const certificates: unknown[] = [];
	const problems: string[] = [];
	for (const ref of files.slice(0, 20)) {
		try {
			const entries = await readCertificateFile(ref.ref, {secret: refuse});
			if (anchors) certificates.push(...evaluateEntries(entries, anchors, runtime.now()).evaluated.map((e) => assessmentJson(e.assessment, e.entry)));
		} catch (error) {
			problems.push(`${cleanText(ref.ref)}: ${(error as Error).message}`);
		}
	}
	// The certificate the person asks about, judged as `inspect` would; a password is never asked here.
	let source: unknown[] | null = null;
	if (options.source) {
		try {
			const entries = await loadEntries(options.source, {env: runtime.env, cwd: runtime.cwd, secret: refuse, modulePaths: options.module});
			source = anchors ? evaluateEntries(entries, anchors, runtime.now()).evaluated.map((e) => assessmentJson(e.assessment, e.entry)) : [];
		} catch (error) {
			source = [];
			problems.push(`${cleanText(options.source)}: ${(error as Error).message}`);
		}
	}
	let pkcs11: unknown = null;
	try {
		const {discoverPkcs11, tokenSupportAdvice} = await import('../sources/pkcs11/index.js');
		const found = await discoverPkcs11({env: runtime.env, modulePaths: options.module});
		pkcs11 = {support: found.support, modules: found.modules, tokens: found.tokens, certificates: found.certificates.length};
		const advice = tokenSupportAdvice(found.support, runtime.lang);
		if (advice) problems.push(advice);
		if (anchors) certificates.push(...evaluateEntries(found.certificates, anchors, runtime.now()).evaluated.map((e) => assessmentJson(e.assessment, e.entry)));
	} catch (error) {
		problems.push((error as Error).message);
	}
	return {
		tool: {name: 'ote-cert', version: runtime.version},
		createdAt: runtime.now().toISOString(),
		system: {
			platform: process.platform,
			release: os.release(),
			arch: process.arch,
			node: process.version,
			stdinIsTTY: runtime.stdinIsTTY,
			stdoutIsTTY: runtime.stdoutIsTTY,
		},
		env,
		language: runtime.lang,
		...(opts.context ? {wizard: wizardPart(opts.context)} : {}),
		...(source ? {source: {ref: cleanText(options.source ?? ''), certificates: source}} : {}),
		pkcs11,
		files: files.map((f) => ({path: cleanText(f.ref), kind: f.kind})),
		certificates,
		problems,
		lastError: opts.context?.lastError ? cleanText(opts.context.lastError) : null,
	};
}

const isFolder = (file: string) =>
	stat(file).then(
		(s) => s.isDirectory(),
		() => false,
	);

export async function writeDiagnosticReport(opts: {runtime: Runtime; options: ReportInput; context: ReportContext | null}): Promise<string> {
	const report = await buildDiagnostics(opts);
	const stamp = opts.runtime.now().toISOString().replace(/[:.]/g, '-');
	const name = `ote-cert-report-${stamp}.json`;
	const out = opts.options.out === null ? null : path.resolve(opts.runtime.cwd, opts.options.out);
	// --out names a folder (the file goes inside, under the usual name) or the file itself.
	const file =
		out === null ? path.resolve(opts.runtime.cwd, name) : (await isFolder(out)) || /[/\\]$/.test(opts.options.out ?? '') ? path.join(out, name) : out;
	await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, {mode: 0o600});
	return file;
}
