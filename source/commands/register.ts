// `register` and `renew`: argument handling and printing around the one registration use case
// (services/register.ts), which the wizard calls too.
import type {RegisterOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/process.js';
import {EXIT} from '../cli/exit-codes.js';
import {UsageError} from '../cli/errors.js';
import {t} from '../i18n/index.js';
import {pairRefusalText, refusalText, renewalTexts, roleContradictionText, roleReasonText, rolesText} from '../i18n/account-texts.js';
import {openLedger, type LedgerStore} from '../ledger/store.js';
import {accountIds, accountLedger, normaliseAccountId} from '../account/ledger-data.js';
import {cleanText} from '../certificate/sanitize.js';
import {findRenewals, searchRenewal, type RenewalCandidate, type RenewalMatch} from '../account/renewal.js';
import {certRecordFrom} from '../account/records.js';
import type {AccountProfile, Environment, SlotNumber, SlotRole} from '../account/types.js';
import {register, RegistrationRefusedError} from '../services/register.js';
import {PackageWriteError} from '../output/package.js';
import {assessmentJson, assessmentText} from '../output/assessment-view.js';
import {verdictText} from '../output/verdict.js';
import {promptYesNo} from '../cli/prompt.js';
import {wantsAscii} from '../cli/terminal.js';
import {proposePair, proposeRoles, roleContradictions} from '../account/roles.js';
import type {SecretProvider} from '../sources/types.js';
import type {Evaluated} from '../services/evaluate.js';
import {accountArgument, environmentArgument} from './arguments.js';
import {commandSecrets, loadAndJudge, proveOnToken, requireSource, type Proof} from './common.js';

interface Chosen extends Evaluated {
	sourceRef: string;
}

/** The certificate a source means: the first registrable one in the list's order (keyed first), whose key is not known to be elsewhere. */
async function chooseFrom(ref: string, options: RegisterOptions, secret: SecretProvider, runtime: Runtime): Promise<Chosen> {
	const {evaluated} = await loadAndJudge(ref, options, secret, runtime);
	const chosen = evaluated.find((e) => e.assessment.registrable && e.entry.keyMatches !== false) ?? evaluated[0]!;
	const a = chosen.assessment;
	if (evaluated.length > 1) runtime.err(`${t('cli.multipleCertificates', {n: evaluated.length, chosen: a.certificate.subjectCN ?? a.certificate.subject})}\n`);
	return {entry: chosen.entry, assessment: a, sourceRef: chosen.entry.origin.kind === 'file' ? chosen.entry.origin.path : chosen.entry.origin.uri};
}

/** Says why the certificate cannot be registered (JSON too when asked); the exit code for it. */
function notAcceptable(chosen: Chosen, options: RegisterOptions, runtime: Runtime, heading: string): number {
	const a = chosen.assessment;
	runtime.err(`${heading}\n${assessmentText(a, chosen.entry, wantsAscii(runtime.env, options.ascii))}\n`);
	// Scripts asked for JSON: they get the verdict and the findings, not an empty stdout.
	if (options.json) runtime.out(`${JSON.stringify({registered: false, verdict: verdictText(a), ...assessmentJson(a, chosen.entry)}, null, 2)}\n`);
	return EXIT.notAcceptable;
}

/** "Jana Nováková (Test Commercial CA)": the two halves of a pair share the holder, the issuer tells them apart. */
function describe(c: Chosen): string {
	const info = c.assessment.certificate;
	return cleanText(`${info.subjectCN ?? info.subject} (${info.issuerCN ?? info.issuer})`);
}

interface Target {
	account: string;
	slot: SlotNumber;
	roles: SlotRole[] | null;
	renewal: RenewalMatch | null;
}

/**
 * Which account and slot a renewal replaces. With --account only that account is searched; without
 * it every account of the environment is, and exactly one match is needed.
 */
function renewalTarget(store: LedgerStore, env: Environment, accountFlag: string | null, candidate: RenewalCandidate, now: Date, runtime: Runtime): Target {
	const data = store.read();
	const searched = accountFlag !== null ? [accountFlag] : accountIds(data).filter((id) => data.accounts[id]?.ledgers[env.id]);
	const search = searchRenewal(
		searched.map((account) => ({account, ledger: accountLedger(data, account, env.id)})),
		candidate,
		{now},
	);
	switch (search.kind) {
		case 'found': {
			const {match} = search;
			if (accountFlag === null) runtime.err(`${t('cli.renewalAccount', {account: cleanText(match.account), env: cleanText(env.name)})}\n`);
			return {account: match.account, slot: match.slot, roles: match.roles, renewal: match};
		}
		case 'ambiguous': {
			const list = search.matches
				.map((m) => t('cli.renewalCandidate', {account: cleanText(m.account), slot: m.slot, date: m.old.notAfter.slice(0, 10)}))
				.join('\n');
			throw new UsageError(t('cli.renewalAmbiguous', {n: search.matches.length, env: cleanText(env.name)}), `${list}\n${t('cli.renewalChooseAccount')}`);
		}
		case 'backwards': {
			const {newer} = search;
			throw new UsageError(refusalText({code: 'NOT_LATER', params: {slot: newer.slot, oldNotAfter: newer.old.notAfter, newNotAfter: candidate.notAfter}}));
		}
		case 'none':
			throw new UsageError(
				t('cli.noRenewalIn', {
					env: cleanText(env.name),
					accounts: search.searched.length > 0 ? search.searched.map((a) => cleanText(a)).join(', ') : t('cli.noAccounts'),
				}),
				t('cli.noRenewalHint'),
			);
	}
}

export async function runRegister(options: RegisterOptions, runtime: Runtime, proc: Process): Promise<number> {
	const renew = options.command === 'renew';
	const ref = requireSource(options);
	if (!options.yes && !runtime.stdinIsTTY) throw new UsageError(t('cli.needsYes'));
	const store = openLedger({env: runtime.env});
	const custom = store.preferences().environments;
	// Scripts must say where they register; only a renewal may default to the environment used last.
	const envId = options.env ?? (renew ? store.preferences().lastEnv : null);
	if (!envId) throw new UsageError(t('cli.missingOption', {option: '--env production|sandbox'}));
	const env = environmentArgument(envId, custom);
	// Checked before the source is opened: a typo must not cost a PIN.
	const accountFlag = options.account === null ? null : accountArgument(options.account);

	// The roles of a pair are the certificates' own: a --roles next to two sources is a contradiction.
	if (options.pairSource !== null && options.roles !== null) throw new UsageError(t('cli.pairNoRoles'), t('cli.pairHint'));

	const secret = commandSecrets(options, runtime, proc);
	const chosen = await chooseFrom(ref, options, secret, runtime);
	const a = chosen.assessment;
	const pairing = options.pairSource !== null;
	if (!a.registrable)
		return notAcceptable(chosen, options, runtime, pairing ? t('cli.pairSourceNotAcceptable', {source: cleanText(ref)}) : t('cli.notAcceptable'));
	const sourceRef = chosen.sourceRef;
	const now = runtime.now();
	const record = certRecordFrom(a.certificate, sourceRef, a.approval.kind);

	// The other half of a pair: registrable too, the same person, and one authenticates while the other signs.
	let partner: (Chosen & {roles: SlotRole[]}) | null = null;
	// Which certificate takes which role and why: said before the question, or with the result under --yes.
	const roleLines: string[] = [];
	let pairRoles: SlotRole[] | null = null;
	if (options.pairSource !== null) {
		const second = await chooseFrom(options.pairSource, options, secret, runtime);
		if (!second.assessment.registrable)
			return notAcceptable(second, options, runtime, t('cli.pairSourceNotAcceptable', {source: cleanText(options.pairSource)}));
		const proposal = proposePair(
			{assessment: a, record},
			{assessment: second.assessment, record: certRecordFrom(second.assessment.certificate, second.sourceRef, second.assessment.approval.kind)},
		);
		if (proposal.kind === 'refused') {
			const params = Object.fromEntries(Object.entries(proposal.params).map(([k, v]) => [k, typeof v === 'string' ? cleanText(v) : v]));
			throw new UsageError(`${t('cli.pairRefused')} ${pairRefusalText(proposal.code, params)}`, t('cli.pairHint'));
		}
		pairRoles = proposal.auth === 0 ? ['auth'] : ['sign'];
		partner = {...second, roles: proposal.auth === 0 ? ['sign'] : ['auth']};
		const [auth, sign] = proposal.auth === 0 ? [chosen, second] : [second, chosen];
		roleLines.push(t('cli.pairRoles', {slot: options.slot ?? '?', auth: describe(auth), sign: describe(sign)}));
		for (const [c, reason] of [
			[chosen, proposal.reasons[0]],
			[second, proposal.reasons[1]],
		] as const)
			roleLines.push(`  ${describe(c)}: ${roleReasonText(reason)}`);
	}

	let target: Target;
	if (renew) {
		target = renewalTarget(store, env, accountFlag, record, now, runtime);
		if (options.slot !== null && options.slot !== target.slot) {
			const inSlot = findRenewals(store.account(target.account, env.id), record, {now}).find((m) => m.slot === options.slot) ?? null;
			target = {...target, slot: options.slot, roles: inSlot?.roles ?? null, renewal: inSlot};
		}
		// There is no 'account.renewal.needsHelp' text: the match's warnings already say why help is needed.
		if (target.renewal) for (const line of renewalTexts(target.renewal, now)) runtime.err(`${line}\n`);
	} else {
		if (options.slot === null) throw new UsageError(t('cli.missingOption', {option: '--slot 1-4'}));
		target = {account: accountFlag ?? normaliseAccountId(null), slot: options.slot, roles: null, renewal: null};
	}
	const proposal = proposeRoles(a);
	const roles = pairRoles ?? options.roles ?? target.roles ?? proposal.proposed;
	if (!pairRoles && !options.roles && !target.roles) roleLines.push(t('cli.roleProposed', {roles: rolesText(roles), reason: roleReasonText(proposal.reason)}));
	const sayRoles = () => {
		for (const line of roleLines) runtime.err(`${line}\n`);
	};
	// A role the person chose against what the certificate says: said, not refused (the portal decides).
	for (const code of roleContradictions(a, roles)) runtime.err(`${roleContradictionText(code)}\n`);

	// Token sources get the PIN-free key check by default; --prove sign asks for a signature.
	let proof: Proof | null = null;
	for (const c of partner ? [chosen, partner] : [chosen]) {
		const proveMode = options.prove ?? (c.entry.origin.kind === 'file' ? 'none' : 'key');
		if (proveMode === 'none') continue;
		const made = await proveOnToken(c.entry, proveMode, secret, runtime);
		if (made) runtime.err(`${made.detail}\n`);
		// registration.json records the proof of the first certificate; a pair's second must pass the same check.
		if (c === chosen) proof = made;
		if (made && !made.ok) {
			// The PIN-free default that merely could not tell (no public-key object on the token) is no
			// reason to refuse: files get no check at all. A key that does not match, or a check the
			// person asked for with --prove, still refuses. Either way say how to decide it.
			const inconclusive = options.prove === null && made.level === 'none';
			runtime.err(`${t(inconclusive ? 'cli.proveInconclusive' : 'cli.proveFailed')}\n`);
			if (!inconclusive) return EXIT.notAcceptable;
		}
	}

	// Routing flags describe the whole situation: OR-ing them with the remembered answers made a past
	// --new-company or --poze-producer stick for ever (no flag can clear it), so `--role admin` still
	// sent the request to OTE. Without any routing flag the remembered answers apply.
	const remembered = store.profile(target.account);
	const routingFlags = options.role !== null || options.newCompany || options.pozeProducer;
	const profile: AccountProfile = routingFlags
		? {role: options.role ?? 'admin', newCompany: options.newCompany, pozeProducer: options.pozeProducer}
		: (remembered ?? {role: 'admin', newCompany: false, pozeProducer: false});

	if (!options.yes) {
		sayRoles();
		const ok = await promptYesNo(
			t('cli.confirmPrompt', {slot: target.slot, env: cleanText(env.name), account: cleanText(target.account)}),
			proc.stdin,
			proc.stderr,
		);
		if (!ok) {
			runtime.err(`${t('cli.cancelled')}\n`);
			return EXIT.cancelled;
		}
	}
	let result;
	try {
		result = await register(store, {
			intent: renew ? 'renew' : 'register',
			assessment: a,
			sourceRef,
			env,
			account: target.account,
			slot: target.slot,
			roles,
			partner: partner ? {assessment: partner.assessment, sourceRef: partner.sourceRef, roles: partner.roles} : null,
			profile,
			noValidCertificate: options.noValidCertificate,
			proof,
			outDir: options.out,
			cwd: runtime.cwd,
			now,
			version: runtime.version,
			lang: runtime.lang,
		});
	} catch (error) {
		if (error instanceof RegistrationRefusedError) throw new UsageError(error.message);
		// The package is staged before the ledger changes, so a bad --out leaves nothing behind.
		if (error instanceof PackageWriteError) throw new UsageError(error.message);
		throw error;
	}
	if (options.yes) sayRoles();
	if (options.json) runtime.out(`${JSON.stringify(result.registration, null, 2)}\n`);
	else runtime.out(`${t('cli.written', {dir: cleanText(result.written.dir)})}\n\n${result.lines.join('\n')}\n`);
	return EXIT.ok;
}
