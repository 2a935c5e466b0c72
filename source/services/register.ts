// Registration as one operation for the wizard and the `register`/`renew` commands: decide the way
// (portal or e-mail to OTE), write the package (staged, then renamed into place), then record the
// slot in the ledger under its lock. Only public data is ever written. The e-mail builder (nodemailer)
// is imported only when a request e-mail is written: the wizard loads this module before its first frame.
import path from 'node:path';
import {t} from '../i18n/index.js';
import type {AccountProfile, Environment, NextStep, SlotNumber, SlotRole} from '../account/types.js';
import {decideNextStep, nextStepJson, needsRequestEmail} from '../account/routing.js';
import {certRecordFrom} from '../account/records.js';
import {hasValidRegisteredCertificate, placeCertificate} from '../account/slots.js';
import {safeFileStem} from '../certificate/sanitize.js';
import type {LedgerStore} from '../ledger/store.js';
import type {Assessment} from '../trust/types.js';
import {fileNames, stagePackage, type WrittenPackage} from '../output/package.js';
import {accountLedger, withAccountLedger, withProfile} from '../account/ledger-data.js';
import {nextStepsLines} from '../output/next-steps.js';
import {SCHEMA_ID} from '../output/schemas.js';

export interface RegistrationInput {
	assessment: Assessment;
	sourceRef: string;
	env: Environment;
	account: string;
	slot: SlotNumber;
	roles: SlotRole[];
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
}

export interface RegistrationResult {
	written: WrittenPackage;
	registration: Record<string, unknown>;
	nextStep: NextStep;
	lines: string[];
}

function packageStem(a: Assessment): string {
	const c = a.certificate;
	return safeFileStem(`${c.identity.name ?? c.subjectCN ?? 'certifikat'}-${c.serialNumber.slice(-12)}`);
}

export async function register(store: LedgerStore, input: RegistrationInput): Promise<RegistrationResult> {
	const {assessment: a, env} = input;
	const c = a.certificate;
	// Check the slot change first (duplicates, roles) so a refusal writes nothing at all.
	const record = certRecordFrom(c, input.sourceRef, a.approval.kind);
	const at = input.now.toISOString();
	const ledger = store.account(input.account, env.id);
	placeCertificate(ledger, {slot: input.slot, roles: input.roles, record, at});

	const known = hasValidRegisteredCertificate(ledger, input.now);
	const hasValid = input.noValidCertificate ? false : input.profile.role === 'owner' ? (known ?? true) : known;
	const nextStep = decideNextStep({profile: input.profile, hasValidRegisteredCertificate: hasValid, env});
	const stem = packageStem(a);
	const names = fileNames(stem);
	const emlName = needsRequestEmail(nextStep) ? 'request.eml' : null;
	const lines = nextStepsLines({
		nextStep,
		portalUrl: env.portalUrl,
		envName: env.builtIn ? t(`ui.env.short.${env.id}`) : env.name,
		account: input.account,
		slot: input.slot,
		roles: input.roles,
		cerFile: names.cer,
		pemFile: names.pem,
		emlFile: emlName,
		sha256: c.fingerprints.sha256,
	});
	const previous = ledger.slots[`${input.slot}`] ?? null;
	const replaced = [previous?.auth, previous?.sign].find((r) => r && input.roles.some((role) => previous?.[role]?.sha256 === r.sha256)) ?? null;
	const registration: Record<string, unknown> = {
		$schema: SCHEMA_ID.registration,
		tool: {name: 'ote-cert', version: input.version},
		createdAt: at,
		...(input.demo ? {demo: true} : {}),
		environment: {id: env.id, name: env.name, portalUrl: env.portalUrl},
		account: input.account,
		slot: input.slot,
		roles: input.roles,
		certificate: {
			subject: c.subject,
			issuer: c.issuer,
			serialNumber: c.serialNumber,
			notBefore: c.notBefore.toISOString(),
			notAfter: c.notAfter.toISOString(),
			fingerprints: {sha256: c.fingerprints.sha256, sha1: c.fingerprints.sha1},
			identity: c.identity,
			source: record.source,
			files: {der: names.cer, pem: names.pem},
		},
		approval: a.approval,
		kind: a.approval.kind,
		uses: a.uses,
		proofOfPossession: input.proof ? {level: input.proof.level, ok: input.proof.ok} : null,
		findings: a.findings.map((f) => ({code: f.code, severity: f.severity, message: f.message})),
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
					certificate: {
						der: c.der,
						fileStem: stem,
						sha256: c.fingerprints.sha256,
						sha1: c.fingerprints.sha1,
						subject: c.subject,
						notAfter: c.notAfter.toISOString(),
					},
				})
			: null;
	const defaultName = safeFileStem(`ote-cert-${env.id}-${input.account}-slot${input.slot}-${c.fingerprints.sha256.slice(0, 8)}`, 100);
	const target = path.resolve(input.cwd, input.outDir ?? defaultName);
	// Staged first, committed after the ledger took the change: a refusal or a failed ledger write
	// (duplicate, lock, full disk) leaves no package behind.
	const staged = await stagePackage(target, {
		stem,
		der: c.der,
		registrationJson: registration,
		nextStepsText: `${lines.join('\n')}\n`,
		requestEml: eml,
	});
	try {
		await store.update((data) => {
			const placed = placeCertificate(accountLedger(data, input.account, env.id), {slot: input.slot, roles: input.roles, record, at}).ledger;
			const withSlot = withAccountLedger(data, input.account, env.id, placed);
			return {...withProfile(withSlot, input.account, input.profile), preferences: {...withSlot.preferences, lastEnv: env.id}};
		});
	} catch (error) {
		await staged.discard();
		throw error;
	}
	const written = await staged.commit();
	return {written, registration: {...registration, package: written.dir}, nextStep, lines};
}
