// `register` and `renew`: the wizard's checks, package and ledger update, for scripts.
import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/main.js';
import {CliError, EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {renewalTexts} from '../account/texts.js';
import {openLedger} from '../ledger/store.js';
import {listEnvironments, resolveEnvironment} from '../account/environments.js';
import {AccountIdError, normaliseAccountId} from '../account/ledger-data.js';
import {cleanText} from '../certificate/sanitize.js';
import {findRenewal} from '../account/renewal.js';
import {SlotError} from '../account/slots.js';
import {certRecordFrom} from '../account/records.js';
import type {AccountProfile, SlotNumber, SlotRole} from '../account/types.js';
import {register} from '../services/register.js';
import {PackageWriteError} from '../output/package.js';
import {assessmentText} from '../output/assessment-view.js';
import {promptYesNo} from '../cli/prompt.js';
import {wantsAscii} from '../cli/terminal.js';
import {rolesThatFit} from '../flow/roles.js';
import {loadAndJudge, requireSource} from './common.js';

export async function runRegister(options: CliOptions, runtime: Runtime, proc: Process): Promise<number> {
	const renew = options.command === 'renew';
	const ref = requireSource(options);
	if (!options.yes && !runtime.stdinIsTTY) throw new CliError(EXIT.usage, t('cli.needsYes'));
	const store = openLedger({env: runtime.env});
	const environments = listEnvironments(store.preferences().environments);
	// Scripts must say where they register; only a renewal may default to the environment used last.
	const envId = options.env ?? (renew ? store.preferences().lastEnv : null);
	if (!envId) throw new CliError(EXIT.usage, t('cli.missingOption', {option: '--env production|sandbox'}));
	const env = resolveEnvironment(envId, store.preferences().environments);
	if (!env) throw new CliError(EXIT.usage, t('cli.unknownEnv', {env: envId, known: environments.map((e) => e.id).join(', ')}));
	let account: string;
	try {
		account = normaliseAccountId(options.account);
	} catch (error) {
		// AccountIdError's own message is English only.
		if (error instanceof AccountIdError) throw new CliError(EXIT.usage, t('cli.badAccount', {account: cleanText(error.accountId)}));
		throw new CliError(EXIT.usage, (error as Error).message);
	}

	const {evaluated} = await loadAndJudge(ref, options, runtime, proc);
	// A .p12 lists its own certificate first; a bundle may hold CA certificates too.
	const chosen = evaluated.find((e) => e.assessment.registrable && e.entry.keyMatches !== false) ?? evaluated[0]!;
	if (evaluated.length > 1)
		runtime.err(
			`${t('cli.multipleCertificates', {n: evaluated.length, chosen: chosen.assessment.certificate.subjectCN ?? chosen.assessment.certificate.subject})}\n`,
		);
	if (!chosen.assessment.registrable) {
		runtime.err(`${t('cli.notAcceptable')}\n${assessmentText(chosen.assessment, chosen.entry, wantsAscii(runtime.env, options.ascii))}\n`);
		return EXIT.notAcceptable;
	}
	const sourceRef = chosen.entry.origin.kind === 'file' ? chosen.entry.origin.path : chosen.entry.origin.uri;
	const now = runtime.now();

	let slot: SlotNumber;
	let roles: SlotRole[];
	const fit = rolesThatFit(chosen.assessment);
	const wanted: SlotRole[] | null = options.roles === 'both' ? ['auth', 'sign'] : options.roles ? [options.roles as SlotRole] : null;
	if (renew) {
		const record = certRecordFrom(chosen.assessment.certificate, sourceRef, chosen.assessment.approval.kind);
		const match = findRenewal(store.account(account, env.id), record.holder, record.sha256, {now});
		if (!match) throw new CliError(EXIT.usage, t('cli.noRenewal'));
		slot = options.slot ? (options.slot as SlotNumber) : match.slot;
		roles = wanted ?? match.roles;
		// There is no 'account.renewal.needsHelp' text: the match's warnings already say why help is needed.
		for (const line of renewalTexts(match, now)) runtime.err(`${line}\n`);
	} else {
		if (!options.slot) throw new CliError(EXIT.usage, t('cli.missingOption', {option: '--slot 1-4'}));
		slot = options.slot as SlotNumber;
		roles = wanted ?? fit;
	}

	// Token sources get the PIN-free key check by default; --prove sign asks for a signature.
	let proof: {level: string; ok: boolean; detail: string} | null = null;
	const proveMode = options.prove ?? (chosen.entry.origin.kind === 'file' ? 'none' : 'key');
	if (proveMode !== 'none' && chosen.entry.origin.kind !== 'file') {
		const {proveKeyPossession} = await import('../sources/pkcs11/index.js');
		const {secretProvider} = await import('./common.js');
		proof = await proveKeyPossession(chosen.entry, {secret: await secretProvider(options, runtime, proc), sign: proveMode === 'sign', env: runtime.env});
		runtime.err(`${proof.detail}\n`);
		if (!proof.ok) {
			// The PIN-free default that merely could not tell (no public-key object on the token) is no
			// reason to refuse: files get no check at all. A key that does not match, or a check the
			// person asked for with --prove, still refuses. Either way say how to decide it.
			const inconclusive = options.prove === null && proof.level === 'none';
			runtime.err(`${t(inconclusive ? 'cli.proveInconclusive' : 'cli.proveFailed')}\n`);
			if (!inconclusive) return EXIT.notAcceptable;
		}
	}

	// Routing flags describe the whole situation: OR-ing them with the remembered answers made a past
	// --new-company or --poze-producer stick for ever (no flag can clear it), so `--role admin` still
	// sent the request to OTE. Without any routing flag the remembered answers apply.
	const remembered = store.profile(account);
	const routingFlags = options.role !== null || options.newCompany || options.pozeProducer;
	const profile: AccountProfile = routingFlags
		? {role: (options.role as AccountProfile['role'] | null) ?? 'admin', newCompany: options.newCompany, pozeProducer: options.pozeProducer}
		: (remembered ?? {role: 'admin', newCompany: false, pozeProducer: false});

	if (!options.yes) {
		const ok = await promptYesNo(t('cli.confirmPrompt', {slot, env: env.name, account}), proc.stdin, proc.stderr);
		if (!ok) {
			runtime.err(`${t('cli.cancelled')}\n`);
			return EXIT.cancelled;
		}
	}
	let result;
	try {
		result = await register(store, {
			assessment: chosen.assessment,
			sourceRef,
			env,
			account,
			slot,
			roles,
			profile,
			noValidCertificate: options.noValidCertificate,
			proof,
			outDir: options.out,
			cwd: runtime.cwd,
			now,
			version: runtime.version,
		});
	} catch (error) {
		// SlotError messages are English developer text; people get the catalog's sentence.
		if (error instanceof SlotError) {
			const text = error.code === 'DUPLICATE' ? t('account.slot.duplicate', error.params) : t(`account.slot.error.${error.code}`, error.params);
			throw new CliError(EXIT.usage, text);
		}
		// The package is written before the ledger changes, so a bad --out leaves nothing behind.
		if (error instanceof PackageWriteError) throw new CliError(EXIT.usage, error.message);
		throw error;
	}
	if (options.json) runtime.out(`${JSON.stringify(result.registration, null, 2)}\n`);
	else runtime.out(`${t('cli.written', {dir: result.written.dir})}\n\n${result.lines.join('\n')}\n`);
	return EXIT.ok;
}
