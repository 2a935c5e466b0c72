// CS OTE environments: Production and Sandbox built in, others (the 15-minute Sandbox, whose portal
// URL OTE does not publish) added by the person with a name and an https portal URL.
import {cleanText} from './records.js';
import {BUILT_IN_ENVIRONMENTS, type Environment, type EnvironmentId} from './types.js';

const MAX_NAME_LENGTH = 60;

export function listEnvironments(custom: readonly Environment[]): Environment[] {
	return [...BUILT_IN_ENVIRONMENTS, ...custom.filter((env) => !env.builtIn)];
}

/** Id from a name: "15min Sandbox" → "15min-sandbox", diacritics dropped. */
export function environmentId(name: string): EnvironmentId {
	return cleanText(name)
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** By id or by name, case-insensitively; null when unknown. */
export function resolveEnvironment(idOrName: string, custom: readonly Environment[]): Environment | null {
	const wanted = cleanText(idOrName).toLowerCase();
	const all = listEnvironments(custom);
	return (
		all.find((env) => env.id === wanted) ??
		all.find((env) => env.name.toLowerCase() === wanted) ??
		all.find((env) => env.id === environmentId(idOrName)) ??
		null
	);
}

export type EnvironmentErrorCode = 'NAME_EMPTY' | 'NAME_TOO_LONG' | 'NAME_TAKEN' | 'URL_INVALID' | 'URL_NOT_HTTPS' | 'URL_HAS_CREDENTIALS';

export type EnvironmentCheck = {ok: true; environment: Environment} | {ok: false; code: EnvironmentErrorCode; params: Record<string, string>};

export function validateEnvironment(input: {name: string; portalUrl: string}, custom: readonly Environment[]): EnvironmentCheck {
	const name = cleanText(input.name);
	const id = environmentId(name);
	if (name === '' || id === '') return {ok: false, code: 'NAME_EMPTY', params: {}};
	if (name.length > MAX_NAME_LENGTH) return {ok: false, code: 'NAME_TOO_LONG', params: {max: String(MAX_NAME_LENGTH)}};
	const clash = listEnvironments(custom).find((env) => env.id === id || env.name.toLowerCase() === name.toLowerCase());
	if (clash) return {ok: false, code: 'NAME_TAKEN', params: {name: clash.name}};
	let url: URL;
	try {
		url = new URL(cleanText(input.portalUrl));
	} catch {
		return {ok: false, code: 'URL_INVALID', params: {url: cleanText(input.portalUrl)}};
	}
	// The portal is where the person logs in with a certificate: anything but TLS would be a trap.
	if (url.protocol !== 'https:') return {ok: false, code: 'URL_NOT_HTTPS', params: {url: url.href}};
	if (url.username || url.password) return {ok: false, code: 'URL_HAS_CREDENTIALS', params: {}};
	return {ok: true, environment: {id, name, portalUrl: url.href, builtIn: false}};
}

export class EnvironmentError extends Error {
	constructor(
		readonly code: EnvironmentErrorCode,
		readonly params: Record<string, string>,
	) {
		super(`Environment rejected: ${code}`);
		this.name = 'EnvironmentError';
	}
}

/** New list of custom environments with one more; throws EnvironmentError when invalid. */
export function addEnvironment(custom: readonly Environment[], input: {name: string; portalUrl: string}): {environments: Environment[]; added: Environment} {
	const check = validateEnvironment(input, custom);
	if (!check.ok) throw new EnvironmentError(check.code, check.params);
	return {environments: [...custom.filter((env) => !env.builtIn), check.environment], added: check.environment};
}

/** Built-in environments cannot be removed; returns null when the id is not a custom one. */
export function removeEnvironment(custom: readonly Environment[], id: EnvironmentId): Environment[] | null {
	if (!custom.some((env) => env.id === id && !env.builtIn)) return null;
	return custom.filter((env) => env.id !== id);
}
