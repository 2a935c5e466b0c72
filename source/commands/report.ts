import type {ReportOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {buildDiagnostics, writeDiagnosticReport} from '../services/report.js';
import {cleanText} from '../certificate/sanitize.js';

export async function runReport(options: ReportOptions, runtime: Runtime): Promise<number> {
	// --json: the report itself on stdout for a pipe, no file.
	if (options.json) {
		runtime.out(`${JSON.stringify(await buildDiagnostics({runtime, options, context: null}), null, 2)}\n`);
		return EXIT.ok;
	}
	const file = await writeDiagnosticReport({runtime, options, context: null});
	runtime.out(`${t('ui.report.written', {file: cleanText(file)})}\n`);
	return EXIT.ok;
}
