import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {writeDiagnosticReport} from '../services/report.js';

export async function runReport(options: CliOptions, runtime: Runtime): Promise<number> {
	const file = await writeDiagnosticReport({runtime, options, lastError: null});
	runtime.out(`${t('ui.report.written', {file})}\n`);
	return EXIT.ok;
}
