// The trust engine decides in codes (source/trust); this is the one place its findings and use
// verdicts are put into words, in the run's language or the one asked for.
import {t, type Lang, type MessageKey} from '../i18n/index.js';
import type {Assessment, Judged, Judgement, UseJudged} from '../trust/types.js';

/** Parameters that are codes themselves (a use, an anchor's usage) are shown by their label. */
function shownParams(params: Judged['params'], lang?: Lang): Record<string, string | number> {
	const shown = {...params};
	if (typeof shown['use'] === 'string') shown['use'] = t(`trust.use.${shown['use']}` as MessageKey, {}, lang);
	if (typeof shown['usage'] === 'string') shown['usage'] = t(`trust.usage.${shown['usage']}` as MessageKey, {}, lang);
	return shown;
}

/** The catalog key of a finding's sentence: `trust.finding.CODE`, or `.variant` for codes with several. */
export function findingKey(f: Judged): MessageKey {
	return (f.variant ? `trust.finding.${f.code}.${f.variant}` : `trust.finding.${f.code}`) as MessageKey;
}

function findingText(f: Judged, lang?: Lang): string {
	return t(findingKey(f), shownParams(f.params, lang), lang);
}

function useReasonText(u: UseJudged, lang?: Lang): string {
	return u.why === 'keyUsage' ? t('trust.reason.keyUsage', {missing: (u.missing ?? []).join(', ')}, lang) : t(`trust.reason.${u.why}`, {}, lang);
}

/** The judgement with every finding and use verdict in words. */
export function describeJudgement(j: Judgement, lang?: Lang): Assessment {
	return {
		...j,
		findings: j.findings.map((f) => ({...f, message: findingText(f, lang)})),
		uses: j.uses.map((u) => ({...u, reason: useReasonText(u, lang)})),
	};
}
