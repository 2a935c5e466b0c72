import {registerMessages, t} from '../../i18n/index.js';
import {messages} from '../../i18n/messages/files.js';
import {SourceError, type SourceErrorCode} from '../types.js';

registerMessages(messages);

/**
 * A SourceError whose text comes from the files catalog. `messageKey` rides along in params so a UI can
 * re-render the sentence after a language switch; `file` is always already sanitised.
 */
export function fileError(code: SourceErrorCode, messageKey: string, file: string, extra: Record<string, string | number> = {}): SourceError {
	const params = {...extra, file, messageKey};
	return new SourceError(code, t(messageKey, params), params);
}
