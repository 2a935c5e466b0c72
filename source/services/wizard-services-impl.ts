// The real WizardServices: files, tokens, trust anchors and the ledger. Certificate parsing, trust
// evaluation, the registration package and the diagnostic report are imported when first used (the
// first two prefetched by the wizard after its first frame), so the first screen does not wait for them.
import type {WizardOptions} from '../cli/args.js';
import type {Runtime} from './runtime.js';
import {slotOverviewOf, type DiscoveryResult, type RegisterOutcome, type SlotOverview, type SourceSummary, type WizardServices} from './wizard-services.js';
import type {CandidateCertificate} from '../flow/wizard.js';
import type {SourceRef} from '../sources/types.js';
import {loadEntries} from './sources.js';
import {openLedger} from '../ledger/store.js';
import {listEnvironments} from '../account/environments.js';
import {t} from '../i18n/index.js';
import type {AnchorSet} from '../trust/anchors.js';
import {cleanText} from '../certificate/sanitize.js';

export async function createWizardServices(options: WizardOptions, runtime: Runtime, extra: {searchDirs?: string[]} = {}): Promise<WizardServices> {
	const store = openLedger({env: runtime.env});
	let anchors: AnchorSet | null = null;
	const getAnchors = async () => (anchors ??= await (await import('./evaluate.js')).loadAnchors(options.trust, runtime.cwd));
	const outDir = options.out;
	// A damaged or unreachable ledger must not stop the person from looking at a certificate: reading falls back to
	// defaults here, and the Slot step (which needs the ledger) shows the damage with what to do.
	const orDefault = <T>(read: () => T, fallback: T): T => {
		try {
			return read();
		} catch (error) {
			if ((error as Error).name === 'LedgerDamagedError' || (error as Error).name === 'LedgerUnavailableError') return fallback;
			throw error;
		}
	};
	// --lang is remembered, so the next start speaks the same language without the flag. The language
	// already remembered is not written again: that was a locked, fsynced rewrite before the first frame.
	if ((options.lang === 'cs' || options.lang === 'en') && orDefault(() => store.preferences().lang, null) !== options.lang) {
		const lang = options.lang;
		await store.setPreferences({lang}).catch(() => undefined);
	}

	return {
		async discover(onFound, signal): Promise<DiscoveryResult> {
			const problems: string[] = [];
			let sshAdvice: string | null = null;
			// A .p12 among the sources: have its reader (forge) ready before it is chosen.
			let pkcs12Wanted = false;
			const found = (ref: SourceRef) => {
				if (!pkcs12Wanted && ref.kind === 'file' && /\.(p12|pfx)$/i.test(ref.ref)) {
					pkcs12Wanted = true;
					void import('../sources/files/pkcs12.js').catch(() => undefined);
				}
				onFound(ref);
			};
			// Imported here: the walk starts after the first frame, and its module (with fs/promises) cost
			// ~1 ms of CPU before it.
			const {collectCertificateFiles} = await import('../sources/files/discover.js');
			const files = collectCertificateFiles(
				{cwd: runtime.cwd, home: runtime.home, env: runtime.env, signal, ...(extra.searchDirs ? {extraDirs: extra.searchDirs} : {})},
				found,
			).catch((error: Error) => {
				problems.push(error.message);
				return [];
			});
			const tokens = (async () => {
				const {discoverPkcs11, sshTokenAdviceShort, tokenSupportAdvice} = await import('../sources/pkcs11/index.js');
				const found = await discoverPkcs11({env: runtime.env, modulePaths: options.module});
				// pkcs11js not installed (no compiler at install time): files still work, the Source step says why no token shows.
				const advice = tokenSupportAdvice(found.support, runtime.lang);
				for (const token of found.tokens) {
					if (token.state !== 'ready' || token.certificateCount === 0) continue;
					onFound({
						ref: token.uri,
						kind: 'pkcs11',
						label: t('ui.source.token', {label: cleanText(token.label), n: token.certificateCount}),
						detail: cleanText(token.manufacturer || token.model),
					});
				}
				if (advice) problems.push(advice);
				else for (const module of found.modules) if (module.status === 'error' && module.source !== 'known') problems.push(module.message ?? module.path);
				if (found.sshHint) sshAdvice = sshTokenAdviceShort(runtime.env, runtime.lang, found.sshHint);
			})().catch((error: Error) => {
				problems.push(error.message);
			});
			await Promise.all([files, tokens]);
			return {sshAdvice, problems};
		},
		async load(ref, secret): Promise<CandidateCertificate[]> {
			const entries = await loadEntries(ref, {env: runtime.env, cwd: runtime.cwd, secret, modulePaths: options.module});
			const {evaluateEntries} = await import('./evaluate.js');
			const {evaluated} = evaluateEntries(entries, await getAnchors(), runtime.now());
			return evaluated.map((e) => ({
				assessment: e.assessment,
				sourceRef: e.entry.origin.kind === 'file' ? e.entry.origin.path : e.entry.origin.uri,
				keyMatches: e.entry.keyMatches,
				entry: e.entry,
			}));
		},
		async checkRevocation(candidate): Promise<CandidateCertificate> {
			const {assessRevocation} = await import('./revocation.js');
			const ctx = {anchors: await getAnchors(), offline: options.offline, now: runtime.now()};
			return {...candidate, assessment: await assessRevocation(candidate.assessment, candidate.entry.companions, ctx)};
		},
		environments: () => listEnvironments(orDefault(() => store.preferences().environments, [])),
		lastEnvironment: () => orDefault(() => store.preferences().lastEnv, null),
		lastAccount: () => options.account,
		recentAccounts: () => orDefault(() => store.preferences().recentAccounts, {}),
		async describe(ref): Promise<SourceSummary | null> {
			const {readCertificateFile} = await import('../sources/files/index.js');
			const refuse = async () => null;
			const entries = await readCertificateFile(ref, {secret: refuse}).catch(() => []);
			const {evaluateEntries} = await import('./evaluate.js');
			const [first, ...rest] = evaluateEntries(entries, await getAnchors(), runtime.now()).evaluated;
			if (!first) return null;
			const c = first.assessment.certificate;
			return {
				holder: cleanText(c.identity.name ?? c.subjectCN ?? c.subject),
				notAfter: c.notAfter.toISOString(),
				registrable: first.assessment.registrable,
				more: rest.length,
			};
		},
		profile: (account) => orDefault(() => store.profile(account), null),
		slotOverview: (account, envId, candidate): SlotOverview => slotOverviewOf(store.account(account, envId), candidate, runtime.now()),
		async register(request): Promise<RegisterOutcome> {
			const env = listEnvironments(store.preferences().environments).find((e) => e.id === request.envId);
			if (!env) throw new Error(t('cli.unknownEnv', {env: request.envId, known: ''}));
			// Imported here, at the last step: the package writer and its modules cost ~3 ms of CPU
			// before the first frame when imported with this file.
			const {register} = await import('./register.js');
			const result = await register(store, {
				assessment: request.candidate.assessment,
				sourceRef: request.candidate.sourceRef,
				env,
				account: request.account,
				slot: request.slot,
				roles: request.roles,
				partner: request.partner
					? {assessment: request.partner.candidate.assessment, sourceRef: request.partner.candidate.sourceRef, roles: request.partner.roles}
					: null,
				profile: request.profile,
				noValidCertificate: request.noValidCertificate,
				proof: request.proof,
				outDir,
				cwd: runtime.cwd,
				now: runtime.now(),
				version: runtime.version,
				lang: runtime.lang,
				demo: options.demo,
			});
			return {
				dir: result.written.dir,
				files: [
					result.written.cer,
					result.written.pem,
					...result.written.partnerFiles,
					result.written.registration,
					result.written.nextSteps,
					result.written.requestEml,
				].filter((f): f is string => f !== null),
				nextStepLines: result.lines,
				nextStepKind: result.nextStep.kind,
				replaced: result.decision.replaced
					? {
							subject: cleanText(result.decision.replaced.holder.name ?? result.decision.replaced.subject),
							notAfter: result.decision.replaced.notAfter,
							sha256: result.decision.replaced.sha256,
						}
					: null,
			};
		},
		async prove(candidate, sign, secret) {
			const {proveKeyPossession} = await import('../sources/pkcs11/index.js');
			const result = await proveKeyPossession(candidate.entry, {secret, sign, env: runtime.env});
			return {level: result.level, ok: result.ok, detail: result.detail};
		},
		writeReport: async (context) => (await import('./report.js')).writeDiagnosticReport({runtime, options: {...options, out: null, source: null}, context}),
		dispose: async () => undefined,
	};
}
