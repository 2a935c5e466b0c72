// One tiny translation layer for every room. Messages are whole sentences per language (functions
// when they take parameters), so no text is built by gluing words together.
import {messages as common} from './messages/common.js';

export type Lang = 'cs' | 'en';
export type Params = Record<string, string | number>;
export type Message = string | ((p: Params) => string);
export interface Catalog {
	cs: Record<string, Message>;
	en: Record<string, Message>;
}

let current: Lang = 'en';
const merged: Catalog = {cs: {}, en: {}};

/** Rooms register their catalog once at import time; keys are namespaced ("trust.expired"). */
export function registerMessages(catalog: Catalog): void {
	Object.assign(merged.cs, catalog.cs);
	Object.assign(merged.en, catalog.en);
}

registerMessages(common);

export function setLang(lang: Lang): void {
	current = lang;
}

export function getLang(): Lang {
	return current;
}

/** Language from --lang, the remembered choice, then LC_ALL / LC_MESSAGES / LANG (POSIX order). */
export function detectLang(env: NodeJS.ProcessEnv, explicit?: string | null, remembered?: string | null): Lang {
	for (const candidate of [explicit, remembered]) {
		if (candidate === 'cs' || candidate === 'en') return candidate;
	}
	const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
	return /^cs([_.@-]|$)/i.test(locale) ? 'cs' : 'en';
}

export function t(key: string, params: Params = {}, lang: Lang = current): string {
	const message = merged[lang][key] ?? merged.en[key];
	if (message === undefined) return key;
	return typeof message === 'function' ? message(params) : message;
}

export function catalogKeys(): {cs: string[]; en: string[]} {
	return {cs: Object.keys(merged.cs), en: Object.keys(merged.en)};
}

const pluralRules = {cs: new Intl.PluralRules('cs'), en: new Intl.PluralRules('en')};

/** Czech has one / few (2–4) / many (decimals) / other (5+); English one / other. */
export function plural(lang: Lang, n: number, forms: {one: string; few?: string; many?: string; other: string}): string {
	const category = pluralRules[lang].select(n) as keyof typeof forms;
	return (forms[category] ?? forms.other).replace('#', String(n));
}
