// The trust engine's judgement in words, as every caller at the edge gets it (services/describe.ts).
import type {Lang} from '../../source/i18n/index.js';
import {describeJudgement} from '../../source/services/describe.js';
import {assess} from '../../source/trust/assess.js';
import type {Assessment} from '../../source/trust/types.js';

export function assessed(cert: Parameters<typeof assess>[0], ctx: Parameters<typeof assess>[1], lang?: Lang): Assessment {
	return describeJudgement(assess(cert, ctx), lang);
}
