// The one-line verdict, shared by the screen and the text reports.
import {t} from '../i18n/index.js';
import type {Assessment} from '../trust/types.js';

export function verdictText(a: Assessment): string {
	const {approval} = a;
	if (!approval.approved) return t('ui.cert.notApproved');
	const kind = approval.kind === 'qualified' ? t('ui.cert.kindQualified') : approval.kind === 'commercial' ? t('ui.cert.kindCommercial') : '';
	if (approval.addedLocally) return t('ui.cert.approvedLocal', {kind});
	return t(approval.kind === 'qualified' ? 'ui.cert.approvedQualified' : approval.kind === 'commercial' ? 'ui.cert.approvedCommercial' : 'ui.cert.approved', {
		authority: approval.authority ?? '',
	});
}
