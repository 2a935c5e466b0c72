// What a message catalog is, and the plural helper the catalogs use. Kept apart from index.ts so the
// catalogs can import it while index.ts imports every catalog (no import cycle).

export type Lang = 'cs' | 'en';
export type Params = Record<string, string | number>;
export type Message = string | ((p: Params) => string);

/** One room's messages, the same keys in both languages. */
export interface Catalog<K extends string = string> {
	cs: Record<K, Message>;
	en: Record<K, Message>;
}

/**
 * Czech names the keys; English must have exactly the same ones. A key missing in either language,
 * or one only English has, fails the type check here rather than printing a raw key on screen.
 */
export function defineCatalog<K extends string>(catalog: {cs: Record<K, Message>; en: Record<NoInfer<K>, Message>}): Catalog<K> {
	return catalog;
}

const pluralRules = {cs: new Intl.PluralRules('cs'), en: new Intl.PluralRules('en')};

/** Czech has one / few (2–4) / many (decimals) / other (5+); English one / other. */
export function plural(lang: Lang, n: number, forms: {one: string; few?: string; many?: string; other: string}): string {
	const category = pluralRules[lang].select(n) as keyof typeof forms;
	return (forms[category] ?? forms.other).replace('#', String(n));
}
