import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/main.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {assessmentJson, assessmentText} from '../output/assessment-view.js';
import {wantsAscii} from '../cli/terminal.js';
import {loadAndJudge, requireSource} from './common.js';

export async function runInspect(options: CliOptions, runtime: Runtime, proc: Process): Promise<number> {
	const ref = requireSource(options);
	const {evaluated, unparsable} = await loadAndJudge(ref, options, runtime, proc);
	if (options.json) {
		runtime.out(
			`${JSON.stringify(
				evaluated.map((e) => assessmentJson(e.assessment, e.entry)),
				null,
				2,
			)}\n`,
		);
	} else {
		const ascii = wantsAscii(runtime.env, options.ascii);
		runtime.out(`${evaluated.map((e) => assessmentText(e.assessment, e.entry, ascii)).join('\n\n')}\n`);
	}
	for (const u of unparsable) runtime.err(`${t('cli.unparsable', {error: u.error})}\n`);
	return evaluated.some((e) => e.assessment.registrable) ? EXIT.ok : EXIT.notAcceptable;
}
