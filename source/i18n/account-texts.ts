// Human text for the account rules.
import {t, type Lang} from './index.js';
import type {EnvironmentErrorCode} from '../account/environments.js';
import type {RenewalMatch} from '../account/renewal.js';
import {POZE_FORM_URL, TECHNICAL_CONTACTS} from '../account/routing.js';
import type {CertView} from '../account/slots.js';
import type {NextStep, SlotRole} from '../account/types.js';
import {wholeDaysAgo} from '../certificate/days.js';
import type {Refusal} from '../account/registration.js';
import type {PairRefusalCode, RoleContradiction, RoleReason} from '../account/roles.js';

export function nextStepText(step: NextStep, lang?: Lang): string {
	if (step.kind === 'portal') return t('account.route.portal', {url: step.portalUrl}, lang);
	return t(`account.route.email.${step.reason}`, {address: step.address, formUrl: POZE_FORM_URL}, lang);
}

export function technicalContactsText(lang?: Lang): string {
	return t('account.route.technical', {...TECHNICAL_CONTACTS}, lang);
}

export function rolesText(roles: readonly SlotRole[], lang?: Lang): string {
	if (roles.includes('auth') && roles.includes('sign')) return t('account.slot.role.both', {}, lang);
	return t(`account.slot.role.${roles[0] ?? 'auth'}`, {}, lang);
}

/** "valid for 120 days", "expires in 12 days", "expired 3 days ago". */
export function certStatusText(view: Pick<CertView, 'daysLeft' | 'expired' | 'expiringSoon'>, lang?: Lang): string {
	if (view.expired) {
		const ago = wholeDaysAgo(view.daysLeft);
		return ago <= 0 ? t('account.slot.expiredToday', {}, lang) : t('account.slot.expired', {days: ago}, lang);
	}
	if (view.expiringSoon) return t('account.slot.expiringSoon', {days: view.daysLeft}, lang);
	return t('account.slot.valid', {days: view.daysLeft}, lang);
}

export function renewalTexts(match: RenewalMatch, now: Date, lang?: Lang): string[] {
	const days = Math.max(0, Math.floor((Date.parse(match.old.notAfter) - now.getTime()) / 86_400_000));
	return [t('account.renewal.found', {slot: match.slot}, lang), ...match.warnings.map((warning) => t(`account.renewal.${warning}`, {days}, lang))];
}

export function environmentErrorText(code: EnvironmentErrorCode, params: Record<string, string>, lang?: Lang): string {
	return t(`account.env.error.${code}`, params, lang);
}

const day = (iso: string | number | undefined) => String(iso ?? '').slice(0, 10);

/** The sentence for a registration refusal (the decision itself carries only a code and parameters). */
export function refusalText(refusal: Refusal, lang?: Lang): string {
	const p = refusal.params;
	switch (refusal.code) {
		case 'DUPLICATE':
			return t('account.slot.duplicate', p, lang);
		case 'NO_ROLES':
		case 'BAD_SLOT':
		case 'EMPTY_SLOT':
			return t(`account.slot.error.${refusal.code}`, p, lang);
		case 'NOT_LATER':
			return t('account.refusal.NOT_LATER', {slot: p['slot'] ?? '', oldDate: day(p['oldNotAfter']), newDate: day(p['newNotAfter'])}, lang);
		case 'NOT_REGISTRABLE':
		case 'NOT_A_RENEWAL':
		case 'CHANGED_MEANWHILE':
		case 'PAIR_DIFFERENT_HOLDERS':
		case 'PAIR_ROLES_OVERLAP':
			return t(`account.refusal.${refusal.code}`, p, lang);
	}
}

export function roleReasonText(reason: RoleReason, lang?: Lang): string {
	return t(`account.roles.reason.${reason}`, {}, lang);
}

export function roleContradictionText(code: RoleContradiction, lang?: Lang): string {
	return t(`account.roles.contradiction.${code}`, {}, lang);
}

export function pairRefusalText(code: PairRefusalCode, params: Record<string, string | number>, lang?: Lang): string {
	return t(`account.pair.${code}`, params, lang);
}
