// The one-line verdict, shared by the screen and the text reports.
import {t} from '../i18n/index.js';
import type {Assessment} from '../trust/types.js';

/** A refused certificate says so first, then names its issuer: an approved issuer alone reads like praise. */
export function verdictText(a: Assessment): string {
	const {approval} = a;
	if (!approval.approved) return t('ui.cert.notApproved');
	const issuer = issuerText(approval);
	return a.registrable ? issuer : t('ui.cert.refused', {why: issuer});
}

function issuerText(approval: Assessment['approval']): string {
	const kind = approval.kind === 'qualified' ? t('ui.cert.kindQualified') : approval.kind === 'commercial' ? t('ui.cert.kindCommercial') : '';
	if (approval.addedLocally) return t('ui.cert.approvedLocal', {kind});
	return t(approval.kind === 'qualified' ? 'ui.cert.approvedQualified' : approval.kind === 'commercial' ? 'ui.cert.approvedCommercial' : 'ui.cert.approved', {
		authority: approval.authority ?? '',
	});
}
