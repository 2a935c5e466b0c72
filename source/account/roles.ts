// Which role of a slot pair a certificate plays: authentication (access) or signing. Read from the
// certificate itself (key usage, extended key usage, qualified or commercial) through the trust
// engine's verdict on its CS OTE uses. Pure and text-free: codes out, translated at the edge.
import type {Assessment} from '../trust/types.js';
import {sameHolder} from './renewal.js';
import type {CertRecord, SlotRole} from './types.js';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** Why a role is proposed (stable codes; the catalogs hold the sentences). */
export type RoleReason =
	/** Qualified, with nonRepudiation but no digitalSignature: a signing certificate. */
	| 'QUALIFIED_SIGNING'
	/** Qualified with digitalSignature and nonRepudiation: one certificate may fill both roles. */
	| 'QUALIFIED_BOTH'
	/** Commercial with clientAuth: OTE-COM login, the access half of a pair. */
	| 'COMMERCIAL_CLIENT_AUTH'
	/** Only these roles fit by the rules; nothing to choose. */
	| 'ONLY_FITTING'
	/** Nothing fits by the rules: the person decides; the verdict already warned them. */
	| 'NOTHING_FITS';

/** A role that contradicts what the certificate says about itself (a warning, never a refusal). */
export type RoleContradiction =
	/** Authentication needs digitalSignature; a nonRepudiation-only certificate signs, it does not log in. */
	| 'AUTH_WITHOUT_DIGITAL_SIGNATURE'
	/** Signing in CS OTE needs a qualified certificate. */
	| 'SIGN_NOT_QUALIFIED'
	/** Signing needs nonRepudiation or digitalSignature in the key usage. */
	| 'SIGN_WITHOUT_SIGNATURE_USAGE'
	/** The trust engine found no CS OTE use of this role that the certificate fits. */
	| 'ROLE_DOES_NOT_FIT';

export interface RoleProposal {
	/** The roles the certificate can fill by the rules (never empty; both when nothing fits). */
	fitting: SlotRole[];
	/** The roles to preselect: a subset of `fitting`. */
	proposed: SlotRole[];
	reason: RoleReason;
}

function fittingRoles(assessment: Assessment): SlotRole[] {
	const fits = new Set(assessment.uses.filter((u) => u.fits).map((u) => u.use));
	const roles: SlotRole[] = [];
	if (fits.has('portal-login') || fits.has('ote-com-login')) roles.push('auth');
	if (fits.has('portal-signing') || fits.has('automatic-mark')) roles.push('sign');
	return roles;
}

// No key usage extension means no restriction (RFC 5280).
const kuHas = (assessment: Assessment, usage: string): boolean => {
	const ku = assessment.certificate.keyUsage;
	return ku.length === 0 || ku.includes(usage);
};

export function proposeRoles(assessment: Assessment): RoleProposal {
	const fitting = fittingRoles(assessment);
	if (fitting.length === 0) return {fitting: ['auth', 'sign'], proposed: ['auth', 'sign'], reason: 'NOTHING_FITS'};
	const kind = assessment.approval.kind;
	const eku = assessment.certificate.extendedKeyUsage;
	if (kind === 'qualified' && fitting.includes('sign')) {
		if (!kuHas(assessment, 'digitalSignature')) return {fitting, proposed: ['sign'], reason: 'QUALIFIED_SIGNING'};
		if (fitting.length === 2) return {fitting, proposed: ['auth', 'sign'], reason: 'QUALIFIED_BOTH'};
	}
	if (kind === 'commercial' && fitting.includes('auth') && eku.includes(CLIENT_AUTH)) return {fitting, proposed: ['auth'], reason: 'COMMERCIAL_CLIENT_AUTH'};
	return {fitting, proposed: fitting, reason: 'ONLY_FITTING'};
}

/** What a chosen set of roles contradicts in the certificate; empty when nothing does. */
export function roleContradictions(assessment: Assessment, roles: readonly SlotRole[]): RoleContradiction[] {
	const out: RoleContradiction[] = [];
	const fitting = fittingRoles(assessment);
	if (roles.includes('auth')) {
		if (!kuHas(assessment, 'digitalSignature')) out.push('AUTH_WITHOUT_DIGITAL_SIGNATURE');
		else if (!fitting.includes('auth')) out.push('ROLE_DOES_NOT_FIT');
	}
	if (roles.includes('sign')) {
		if (assessment.approval.kind === 'commercial') out.push('SIGN_NOT_QUALIFIED');
		else if (!kuHas(assessment, 'nonRepudiation') && !kuHas(assessment, 'digitalSignature')) out.push('SIGN_WITHOUT_SIGNATURE_USAGE');
		else if (!fitting.includes('sign') && !out.includes('ROLE_DOES_NOT_FIT')) out.push('ROLE_DOES_NOT_FIT');
	}
	return out;
}

// ---- pairs: two certificates of one person, one per role, in one slot ----------------------------------

export type PairRefusalCode = 'PAIR_SAME_CERTIFICATE' | 'PAIR_NOT_REGISTRABLE' | 'PAIR_DIFFERENT_HOLDERS' | 'PAIR_NO_ROLE_SPLIT';

export interface PairMember {
	assessment: Assessment;
	/** The certificate as the ledger remembers it: its holder decides "one person". */
	record: CertRecord;
}

export type PairProposal =
	/** `auth`/`sign`: which of the two (0 = first, 1 = second) takes the role. */
	| {kind: 'pair'; auth: 0 | 1; sign: 0 | 1; reasons: [RoleReason, RoleReason]}
	| {kind: 'refused'; code: PairRefusalCode; params: Record<string, string | number>};

/**
 * Whether two certificates make one pair, and which one authenticates and which signs. Each must be
 * registrable, both must belong to the same holder, and one must fit authentication while the other
 * fits signing; where both ways fit, the proposals decide (a qualified signing certificate signs).
 */
export function proposePair(first: PairMember, second: PairMember): PairProposal {
	const members = [first, second] as const;
	if (first.record.sha256 === second.record.sha256) return {kind: 'refused', code: 'PAIR_SAME_CERTIFICATE', params: {}};
	const unfit = members.findIndex((m) => !m.assessment.registrable);
	if (unfit >= 0)
		return {
			kind: 'refused',
			code: 'PAIR_NOT_REGISTRABLE',
			params: {n: unfit + 1, subject: members[unfit]!.record.holder.name ?? members[unfit]!.record.subject},
		};
	if (!sameHolder(first.record.holder, second.record.holder))
		return {
			kind: 'refused',
			code: 'PAIR_DIFFERENT_HOLDERS',
			params: {first: first.record.holder.name ?? first.record.subject, second: second.record.holder.name ?? second.record.subject},
		};
	const proposals = [proposeRoles(first.assessment), proposeRoles(second.assessment)] as const;
	const reasons: [RoleReason, RoleReason] = [proposals[0].reason, proposals[1].reason];
	const score = (auth: 0 | 1): number | null => {
		const sign = auth === 0 ? 1 : 0;
		if (proposals[auth].reason === 'NOTHING_FITS' || proposals[sign].reason === 'NOTHING_FITS') return null;
		if (!proposals[auth].fitting.includes('auth') || !proposals[sign].fitting.includes('sign')) return null;
		return Number(proposals[auth].proposed.includes('auth')) + Number(proposals[sign].proposed.includes('sign'));
	};
	const asGiven = score(0);
	const swapped = score(1);
	if (asGiven === null && swapped === null) return {kind: 'refused', code: 'PAIR_NO_ROLE_SPLIT', params: {}};
	const auth: 0 | 1 = swapped !== null && (asGiven === null || swapped > asGiven) ? 1 : 0;
	return {kind: 'pair', auth, sign: auth === 0 ? 1 : 0, reasons};
}

// ---- the order of a source's certificates --------------------------------------------------------------

/** Where a certificate of a source belongs in the list. */
export type CandidateGroup =
	/** Its private key is in the source: what the person means. */
	| 'keyed'
	/** An end-entity certificate without a key seen next to it. */
	| 'other'
	/** A CA certificate: a chain companion, shown under "other certificates", still inspectable. */
	| 'ca';

export interface CandidateFacts {
	isCA: boolean;
	/** A private key belongs to it in the source (a matching .p12 key, a token key with its CKA_ID); null: cannot tell. */
	hasKey: boolean | null;
}

const GROUP_RANK: Record<CandidateGroup, number> = {keyed: 0, other: 1, ca: 2};

export function candidateGroup(facts: CandidateFacts): CandidateGroup {
	if (facts.hasKey === true) return 'keyed';
	return facts.isCA ? 'ca' : 'other';
}

/** The list order: keyed certificates first, then other end-entity ones, CA certificates last; stable within a group. */
export function orderCandidates<T>(items: readonly T[], facts: (item: T) => CandidateFacts): Array<{item: T; group: CandidateGroup}> {
	return items
		.map((item, index) => ({item, group: candidateGroup(facts(item)), index}))
		.sort((a, b) => GROUP_RANK[a.group] - GROUP_RANK[b.group] || a.index - b.index)
		.map(({item, group}) => ({item, group}));
}

/** The facts of a loaded certificate: a .p12 key that matches it, or a token key sharing its CKA_ID. */
export function entryFacts(entry: {keyMatches: boolean | null; hasKey?: boolean | null}, isCA: boolean): CandidateFacts {
	const hasKey = entry.keyMatches === true || entry.hasKey === true ? true : entry.keyMatches === false || entry.hasKey === false ? false : null;
	return {isCA, hasKey};
}
