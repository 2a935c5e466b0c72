// One tiny translation layer for every room. Messages are whole sentences per language (functions
// when they take parameters), so no text is built by gluing words together. Every catalog is listed
// here, so a key the type check accepts is a key that exists at run time, in both languages.
import type {Catalog, Lang, Params} from './catalog.js';
import {messages as account} from './messages/account.js';
import {commandMessages, messages as cli} from './messages/cli.js';
import {messages as common} from './messages/common.js';
import {messages as files} from './messages/files.js';
import {messages as inspect} from './messages/inspect.js';
import {messages as output} from './messages/output.js';
import {messages as token} from './messages/token.js';
import {messages as trust} from './messages/trust.js';
import {messages as ui} from './messages/ui.js';

export type {Catalog, Lang, Params} from './catalog.js';

const catalogs = [account, cli, commandMessages, common, files, inspect, output, token, trust, ui] as const;

type KeyOf<C> = C extends Catalog<infer K> ? K : never;
/** Every message key of every room: t('ui.cert.tittle') fails the type check. */
export type MessageKey = KeyOf<(typeof catalogs)[number]>;

// Merged once at start-up: a few hundred property copies, no parsing.
const merged: Record<Lang, Record<string, Catalog['cs'][string]>> = {cs: {}, en: {}};
for (const catalog of catalogs) {
	Object.assign(merged.cs, catalog.cs);
	Object.assign(merged.en, catalog.en);
}

let current: Lang = 'en';

export function setLang(lang: Lang): void {
	current = lang;
}

/** Language from --lang, the remembered choice, then LC_ALL / LC_MESSAGES / LANG (POSIX order). */
export function detectLang(env: NodeJS.ProcessEnv, explicit?: string | null, remembered?: string | null): Lang {
	for (const candidate of [explicit, remembered]) {
		if (candidate === 'cs' || candidate === 'en') return candidate;
	}
	const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
	return /^cs([_.@-]|$)/i.test(locale) ? 'cs' : 'en';
}

export function t(key: MessageKey, params: Params = {}, lang: Lang = current): string {
	const message = merged[lang][key] ?? merged.en[key];
	// Unreachable for a typed key; a key from outside the type system still shows, not crashes.
	if (message === undefined) return key;
	return typeof message === 'function' ? message(params) : message;
}

/** Both languages' key lists, for the catalog tests. */
export function catalogKeys(): {cs: string[]; en: string[]} {
	return {cs: Object.keys(merged.cs), en: Object.keys(merged.en)};
}
