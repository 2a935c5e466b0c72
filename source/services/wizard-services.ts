// The seam between the Ink screens and the outside world. Screens only see this interface; the
// real implementation (createWizardServices) touches files, tokens and the ledger.
import type {AccountLedger, AccountProfile, Environment, SlotNumber, SlotRole} from '../account/types.js';
import type {CandidateCertificate, ReportContext} from '../flow/wizard.js';
import {defaultSlot, hasValidRegisteredCertificate, slotViews, type CertView} from '../account/slots.js';
import {findRenewal} from '../account/renewal.js';
import {renewalTexts} from '../i18n/account-texts.js';
import {certRecordFrom} from '../account/records.js';
import type {SecretProvider, SourceRef} from '../sources/types.js';

export interface SlotCert {
	subject: string;
	notAfter: string;
	daysLeft: number;
	expired: boolean;
	expiringSoon: boolean;
	sha256: string;
}

/** What a slot row shows of a ledger certificate. */
function toSlotCert(view: CertView | null): SlotCert | null {
	if (!view) return null;
	return {
		subject: view.record.holder.name ?? view.record.subject,
		notAfter: view.record.notAfter,
		daysLeft: view.daysLeft,
		expired: view.expired,
		expiringSoon: view.expiringSoon,
		sha256: view.record.sha256,
	};
}

export interface SlotSummary {
	slot: SlotNumber;
	auth: SlotCert | null;
	sign: SlotCert | null;
	/** The chosen certificate already sits in this slot. */
	sameCertificate: boolean;
	/** The slot holds an earlier certificate of the same holder: a renewal. */
	renewal: boolean;
}

export interface SlotOverview {
	slots: SlotSummary[];
	suggested: SlotNumber;
	/** Set when the ledger knows whether the account still has a valid registered certificate. */
	hasValidRegistered: boolean | null;
	/** Renewal whose old certificate is expired or about to: the person may need an administrator or OTE. */
	renewalWarning: string | null;
}

/** The Slot step's rows for a candidate certificate: one mapping for the real services and the UI tests' fake. */
export function slotOverviewOf(ledger: AccountLedger, candidate: CandidateCertificate, now: Date): SlotOverview {
	const record = certRecordFrom(candidate.assessment.certificate, candidate.sourceRef, candidate.assessment.approval.kind);
	const renewal = findRenewal(ledger, record, {now});
	return {
		slots: slotViews(ledger, now).map((view) => ({
			slot: view.slot,
			auth: toSlotCert(view.auth),
			sign: toSlotCert(view.sign),
			sameCertificate: view.auth?.record.sha256 === record.sha256 || view.sign?.record.sha256 === record.sha256,
			renewal: renewal?.slot === view.slot,
		})),
		suggested: renewal?.slot ?? defaultSlot(ledger, now),
		hasValidRegistered: hasValidRegisteredCertificate(ledger, now),
		renewalWarning: renewal?.needsHelp ? renewalTexts(renewal, now).slice(1).join(' ') : null,
	};
}

export interface KeyProof {
	level: 'public-key-match' | 'signature' | 'none';
	ok: boolean;
	detail: string;
}

export interface RegisterRequest {
	candidate: CandidateCertificate;
	envId: string;
	account: string;
	slot: SlotNumber;
	roles: SlotRole[];
	/** The other half of a pair, into the same slot in the other role. */
	partner?: {candidate: CandidateCertificate; roles: SlotRole[]} | null;
	profile: AccountProfile;
	noValidCertificate: boolean;
	proof: KeyProof | null;
}

export interface RegisterOutcome {
	dir: string;
	files: string[];
	nextStepLines: string[];
	nextStepKind: 'portal' | 'email';
	/** The certificate this one replaced in the slot, as the registration decided. */
	replaced: {subject: string; notAfter: string; sha256: string} | null;
}

/** What the Source step's list shows of a found file before it is chosen. */
export interface SourceSummary {
	/** The holder's name (or the subject's CN), cleaned for the terminal. */
	holder: string;
	/** ISO date. */
	notAfter: string;
	registrable: boolean;
	/** More certificates in the file than the one described. */
	more: number;
}

export interface DiscoveryResult {
	/** Explanation shown when the person works over SSH and no token is visible. */
	sshAdvice: string | null;
	problems: string[];
}

export interface WizardServices {
	discover(onFound: (ref: SourceRef) => void, signal: AbortSignal): Promise<DiscoveryResult>;
	load(ref: string, secret: SecretProvider): Promise<CandidateCertificate[]>;
	environments(): Environment[];
	lastEnvironment(): string | null;
	/** Given with --account: used in every environment. */
	lastAccount(): string | null;
	/** User ids registered with per environment, most recent first. */
	recentAccounts(): Record<string, string[]>;
	/** Reads a found file for the list, without asking for any password; null when it cannot say. Never throws. */
	describe(ref: string): Promise<SourceSummary | null>;
	profile(account: string): AccountProfile | null;
	slotOverview(account: string, envId: string, candidate: CandidateCertificate): SlotOverview;
	register(request: RegisterRequest): Promise<RegisterOutcome>;
	/** Proof that the token holds the certificate's key: without PIN, or by a signature (asks for the PIN). */
	prove(candidate: CandidateCertificate, sign: boolean, secret: SecretProvider): Promise<KeyProof>;
	/** The candidate with its revocation finding (OCSP, else CRL; nobody asked with --offline). Never throws. */
	checkRevocation(candidate: CandidateCertificate): Promise<CandidateCertificate>;
	/** Writes the diagnostic report about this run; returns its path. */
	writeReport(context: ReportContext): Promise<string>;
	/** Releases what the services hold (token worker, timers). */
	dispose?(): Promise<void>;
}
