import {t, type MessageKey} from '../../i18n/index.js';
import {SourceError, type SourceErrorCode} from '../types.js';

/**
 * A SourceError whose text comes from the files catalog. `messageKey` rides along in params so a UI can
 * re-render the sentence after a language switch; `file` is always already sanitised.
 */
export function fileError(code: SourceErrorCode, messageKey: MessageKey, file: string, extra: Record<string, string | number> = {}): SourceError {
	const params = {...extra, file, messageKey};
	return new SourceError(code, t(messageKey, params), params);
}
