import type {ReportOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {writeDiagnosticReport} from '../services/report.js';
import {cleanText} from '../certificate/sanitize.js';

export async function runReport(options: ReportOptions, runtime: Runtime): Promise<number> {
	const file = await writeDiagnosticReport({runtime, options, lastError: null});
	runtime.out(`${t('ui.report.written', {file: cleanText(file)})}\n`);
	return EXIT.ok;
}
