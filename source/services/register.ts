// Registration as one operation for the wizard and the `register`/`renew` commands: decide (the pure
// decision in account/registration.ts), stage the package, then ONE locked ledger update that decides
// again on what is really in the ledger (duplicates, slot rules, renewal direction) and writes slot,
// history, profile and last environment together, then move the package into place. A refusal at
// any point leaves no package and an untouched ledger. Only public data is ever written. The e-mail
// builder (nodemailer) is imported only when a request e-mail is written: the wizard loads this
// module before its first frame.
import path from 'node:path';
import {t, type Lang} from '../i18n/index.js';
import type {AccountProfile, Environment, NextStep, SlotNumber, SlotRole} from '../account/types.js';
import {nextStepJson, needsRequestEmail} from '../account/routing.js';
import {certRecordFrom} from '../account/records.js';
import {withRecentAccount} from '../account/ledger-data.js';
import {decideRegistration, sameOutcome, type Refusal, type RegistrationDecision, type RegistrationIntent} from '../account/registration.js';
import {refusalText} from '../i18n/account-texts.js';
import {safeFileStem} from '../certificate/sanitize.js';
import type {LedgerStore} from '../ledger/store.js';
import type {Assessment} from '../trust/types.js';
import {fileNames, stagePackage, type WrittenPackage} from '../output/package.js';
import {nextStepsLines} from '../output/next-steps.js';
import {SCHEMA_ID} from '../output/schemas.js';

export interface RegistrationInput {
	/** `renew` must replace an earlier certificate of the same holder; `register` may fill any slot. */
	intent?: RegistrationIntent;
	assessment: Assessment;
	sourceRef: string;
	env: Environment;
	account: string;
	slot: SlotNumber;
	roles: SlotRole[];
	/** The other half of a pair, registered into the same slot in the same ledger update. */
	partner?: {assessment: Assessment; sourceRef: string; roles: SlotRole[]} | null;
	profile: AccountProfile;
	/** The person says they hold no valid registered certificate any more (owner only). */
	noValidCertificate: boolean;
	/** Proof of key possession, when one was made (token level or signature). */
	proof?: {level: string; ok: boolean} | null;
	outDir: string | null;
	cwd: string;
	now: Date;
	version: string;
	demo?: boolean;
	/** The run's language: registration.json says which language its texts are in. */
	lang: Lang;
}

/** The decision refused the registration; nothing was written. `refusal` is the code, the message its text. */
export class RegistrationRefusedError extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusalText(refusal));
		this.name = 'RegistrationRefusedError';
	}
}

export interface RegistrationResult {
	decision: Extract<RegistrationDecision, {kind: 'accepted'}>;
	written: WrittenPackage;
	registration: Record<string, unknown>;
	nextStep: NextStep;
	lines: string[];
}

/** What registration.json says of one certificate. */
function certificateJson(a: Assessment, source: string, stem: string): Record<string, unknown> {
	const c = a.certificate;
	const names = fileNames(stem);
	return {
		subject: c.subject,
		issuer: c.issuer,
		serialNumber: c.serialNumber,
		notBefore: c.notBefore.toISOString(),
		notAfter: c.notAfter.toISOString(),
		fingerprints: {sha256: c.fingerprints.sha256, sha1: c.fingerprints.sha1},
		identity: c.identity,
		source,
		files: {der: names.cer, pem: names.pem},
	};
}

function emlCertificate(a: Assessment, stem: string) {
	const c = a.certificate;
	return {der: c.der, fileStem: stem, sha256: c.fingerprints.sha256, sha1: c.fingerprints.sha1, subject: c.subject, notAfter: c.notAfter.toISOString()};
}

function packageStem(a: Assessment): string {
	const c = a.certificate;
	return safeFileStem(`${c.identity.name ?? c.subjectCN ?? 'certifikat'}-${c.serialNumber.slice(-12)}`);
}

export async function register(store: LedgerStore, input: RegistrationInput): Promise<RegistrationResult> {
	const {assessment: a, env} = input;
	const c = a.certificate;
	const record = certRecordFrom(c, input.sourceRef, a.approval.kind);
	const partner = input.partner ?? null;
	const partnerRecord = partner ? certRecordFrom(partner.assessment.certificate, partner.sourceRef, partner.assessment.approval.kind) : null;
	const request = {
		intent: input.intent ?? 'register',
		account: input.account,
		env,
		slot: input.slot,
		roles: input.roles,
		record,
		registrable: a.registrable,
		partner: partner && partnerRecord ? {record: partnerRecord, roles: partner.roles, registrable: partner.assessment.registrable} : null,
		profile: input.profile,
		noValidCertificate: input.noValidCertificate,
		now: input.now,
	} as const;
	// Decided once to plan the package (a refusal writes nothing at all)…
	const decision = decideRegistration(store.read(), request);
	if (decision.kind === 'refused') throw new RegistrationRefusedError(decision.refusal);
	const {nextStep, replaced} = decision;
	const at = input.now.toISOString();
	const stem = packageStem(a);
	const names = fileNames(stem);
	const partnerStem = partner ? packageStem(partner.assessment) : null;
	const allRoles = partner ? (['auth', 'sign'] as const).filter((role) => input.roles.includes(role) || partner.roles.includes(role)) : input.roles;
	const emlName = needsRequestEmail(nextStep) ? 'request.eml' : null;
	const lines = nextStepsLines({
		nextStep,
		portalUrl: env.portalUrl,
		envName: env.builtIn ? t(`ui.env.short.${env.id}`) : env.name,
		account: input.account,
		slot: input.slot,
		roles: input.roles,
		partner: partner && partnerStem ? {roles: partner.roles, ...fileNames(partnerStem), sha256: partner.assessment.certificate.fingerprints.sha256} : null,
		cerFile: names.cer,
		pemFile: names.pem,
		emlFile: emlName,
		sha256: c.fingerprints.sha256,
	});
	const registration: Record<string, unknown> = {
		$schema: SCHEMA_ID.registration,
		tool: {name: 'ote-cert', version: input.version},
		createdAt: at,
		...(input.demo ? {demo: true} : {}),
		environment: {id: env.id, name: env.name, portalUrl: env.portalUrl},
		account: input.account,
		slot: input.slot,
		roles: allRoles,
		certificate: certificateJson(a, record.source, stem),
		// Every certificate of the package with the role(s) it takes: one, or both halves of a pair.
		certificates: [
			{roles: input.roles, kind: a.approval.kind, ...certificateJson(a, record.source, stem)},
			...(partner && partnerRecord && partnerStem
				? [{roles: partner.roles, kind: partner.assessment.approval.kind, ...certificateJson(partner.assessment, partnerRecord.source, partnerStem)}]
				: []),
		],
		approval: a.approval,
		kind: a.approval.kind,
		uses: a.uses,
		proofOfPossession: input.proof ? {level: input.proof.level, ok: input.proof.ok} : null,
		// Codes and parameters for programs, the sentence for people, in the language named by `lang`.
		lang: input.lang,
		findings: a.findings.map((f) => ({code: f.code, severity: f.severity, params: f.params ?? {}, message: f.message})),
		replaced: replaced ? {sha256: replaced.sha256, subject: replaced.subject, notAfter: replaced.notAfter} : null,
		nextStep: nextStepJson(nextStep, env),
		...(emlName ? {requestEml: emlName} : {}),
	};
	const eml =
		nextStep.kind === 'email'
			? await (await import('../output/eml.js')).buildRequestEml({
					to: nextStep.address,
					account: input.account,
					env,
					slot: input.slot,
					roles: input.roles,
					reason: nextStep.reason,
					portalUrl: env.portalUrl,
					certificate: emlCertificate(a, stem),
					partner: partner && partnerStem ? {roles: partner.roles, certificate: emlCertificate(partner.assessment, partnerStem)} : null,
				})
			: null;
	const defaultName = safeFileStem(`ote-cert-${env.id}-${input.account}-slot${input.slot}-${c.fingerprints.sha256.slice(0, 8)}`, 100);
	const target = path.resolve(input.cwd, input.outDir ?? defaultName);
	// Staged first, committed after the ledger took the change: a refusal or a failed ledger write
	// (duplicate, lock, full disk) leaves no package behind.
	const staged = await stagePackage(
		target,
		{
			stem,
			der: c.der,
			registrationJson: registration,
			nextStepsText: `${lines.join('\n')}\n`,
			requestEml: eml,
			partner: partner && partnerStem ? {stem: partnerStem, der: partner.assessment.certificate.der} : null,
		},
		{nameChosenByUs: input.outDir === null},
	);
	try {
		// …and again under the lock, on what the ledger holds now: that decision is the one written.
		await store.update((data) => {
			const locked = decideRegistration(data, request);
			if (locked.kind === 'refused') throw new RegistrationRefusedError(locked.refusal);
			if (!sameOutcome(decision, locked)) throw new RegistrationRefusedError({code: 'CHANGED_MEANWHILE', params: {slot: input.slot}});
			return withRecentAccount(locked.data, env.id, input.account);
		});
	} catch (error) {
		await staged.discard();
		throw error;
	}
	const written = await staged.commit();
	return {decision, written, registration: {...registration, package: written.dir}, nextStep, lines};
}
