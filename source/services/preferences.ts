// The remembered language is needed before anything else is loaded, so it is read straight from
// the ledger file with fs; a missing or damaged file simply means "not remembered".
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {configDir, LEDGER_FILE_NAME} from '../ledger/paths.js';

export function readPreferredLang(env: NodeJS.ProcessEnv): string | null {
	try {
		const data = JSON.parse(readFileSync(path.join(configDir(env), LEDGER_FILE_NAME), 'utf8').replace(/^\uFEFF/, '')) as {
			preferences?: {lang?: unknown};
		};
		const lang = data.preferences?.lang;
		return lang === 'cs' || lang === 'en' ? lang : null;
	} catch {
		return null;
	}
}
