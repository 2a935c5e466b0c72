// The shape of the whole ledger file and pure accessors over it. The store (source/ledger) only
// reads, locks and writes; every decision about content lives here so it can be tested without I/O.
import {isSlotNumber} from './slots.js';
import type {AccountLedger, AccountProfile, Environment, EnvironmentId} from './types.js';

export const SCHEMA_VERSION = 1;
export const DEFAULT_ACCOUNT = 'default';

export interface Preferences {
	/** Environment used last time: the default next time. */
	lastEnv: EnvironmentId | null;
	lang: 'cs' | 'en' | null;
	/** Environments the person added (built-ins are never stored). */
	environments: Environment[];
	/** The CS OTE user ids registered with per environment, most recent first: the wizard prefills the first. */
	recentAccounts: Record<EnvironmentId, string[]>;
}

/** How many earlier user ids are remembered per environment. */
const RECENT_ACCOUNTS = 5;

interface AccountData {
	/** Answers to "who may register", asked once per account. */
	profile: AccountProfile | null;
	/** One ledger per environment: a certificate registered in Sandbox is not in Production. */
	ledgers: Record<EnvironmentId, AccountLedger>;
}

export interface LedgerData {
	schemaVersion: typeof SCHEMA_VERSION;
	preferences: Preferences;
	accounts: Record<string, AccountData>;
}

export function emptyData(): LedgerData {
	return {schemaVersion: SCHEMA_VERSION, preferences: {lastEnv: null, lang: null, environments: [], recentAccounts: {}}, accounts: {}};
}

/** Thrown by upgradeData when a file cannot be understood; the store turns it into LedgerDamagedError. */
export class LedgerShapeError extends Error {
	constructor(
		readonly reason: 'bad-shape' | 'newer-version',
		message: string,
	) {
		super(message);
		this.name = 'LedgerShapeError';
	}
}

const ACCOUNT_ID = /^[\p{L}\p{N}._@+-]{1,64}$/u;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export class AccountIdError extends Error {
	constructor(readonly accountId: string) {
		super('Account id must be 1–64 letters, digits or . _ @ + -');
		this.name = 'AccountIdError';
	}
}

/** The CS OTE user id, or "default" when the person did not give one. */
export function normaliseAccountId(id: string | null | undefined): string {
	const trimmed = (id ?? '').normalize('NFC').trim();
	if (trimmed === '') return DEFAULT_ACCOUNT;
	if (!ACCOUNT_ID.test(trimmed) || RESERVED.has(trimmed)) throw new AccountIdError(trimmed);
	return trimmed;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string): never {
	throw new LedgerShapeError('bad-shape', `Unexpected content at ${where}`);
}

function checkLedger(value: unknown, where: string): AccountLedger {
	if (!isObject(value) || !isObject(value['slots']) || !Array.isArray(value['history'])) fail(where);
	for (const [key, entry] of Object.entries(value['slots'])) {
		if (!isSlotNumber(Number(key)) || !isObject(entry)) fail(`${where}.slots.${key}`);
		for (const role of ['auth', 'sign']) {
			const record = entry[role];
			if (record !== null && record !== undefined && !(isObject(record) && typeof record['sha256'] === 'string' && typeof record['notAfter'] === 'string')) {
				fail(`${where}.slots.${key}.${role}`);
			}
		}
	}
	return value as unknown as AccountLedger;
}

/**
 * Validates a parsed file and brings older layouts up to the current one. Idempotent: upgrading
 * current data returns equal data. A file from a newer ote-cert is refused rather than rewritten.
 */
export function upgradeData(raw: unknown): LedgerData {
	if (!isObject(raw)) fail('top level');
	// An empty object is what a brand-new (or never written) file reads as.
	if (Object.keys(raw).length === 0) return emptyData();
	const version = raw['schemaVersion'];
	if (typeof version !== 'number' || !Number.isInteger(version)) fail('schemaVersion');
	if (version > SCHEMA_VERSION) {
		throw new LedgerShapeError('newer-version', `Ledger schema ${version} is newer than this ote-cert (${SCHEMA_VERSION})`);
	}
	const prefs = raw['preferences'] ?? {};
	if (!isObject(prefs)) fail('preferences');
	const environments = prefs['environments'] ?? [];
	if (!Array.isArray(environments) || !environments.every((env) => isObject(env) && typeof env['id'] === 'string' && typeof env['portalUrl'] === 'string')) {
		fail('preferences.environments');
	}
	const lang = prefs['lang'];
	const lastEnv = prefs['lastEnv'];
	// Added after schema 1 shipped: a file without it simply remembers no user ids yet.
	const recent = prefs['recentAccounts'] ?? {};
	if (!isObject(recent)) fail('preferences.recentAccounts');
	const recentAccounts: Record<string, string[]> = {};
	for (const [envId, ids] of Object.entries(recent)) {
		if (RESERVED.has(envId) || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && ACCOUNT_ID.test(id) && !RESERVED.has(id))) {
			fail(`preferences.recentAccounts.${envId}`);
		}
		recentAccounts[envId] = [...new Set(ids as string[])].slice(0, RECENT_ACCOUNTS);
	}
	const accounts = raw['accounts'] ?? {};
	if (!isObject(accounts)) fail('accounts');
	const outAccounts: Record<string, AccountData> = {};
	for (const [id, account] of Object.entries(accounts)) {
		// Only ids normaliseAccountId accepts are ever written; anything else was edited in by hand.
		if (RESERVED.has(id) || !ACCOUNT_ID.test(id) || !isObject(account)) fail(`accounts.${id}`);
		const ledgers = account['ledgers'] ?? {};
		if (!isObject(ledgers)) fail(`accounts.${id}.ledgers`);
		const outLedgers: Record<string, AccountLedger> = {};
		for (const [envId, ledger] of Object.entries(ledgers)) {
			if (RESERVED.has(envId)) fail(`accounts.${id}.ledgers.${envId}`);
			outLedgers[envId] = checkLedger(ledger, `accounts.${id}.ledgers.${envId}`);
		}
		const profile = account['profile'] ?? null;
		if (profile !== null && !(isObject(profile) && (profile['role'] === 'admin' || profile['role'] === 'owner'))) {
			fail(`accounts.${id}.profile`);
		}
		outAccounts[id] = {profile: profile as AccountProfile | null, ledgers: outLedgers};
	}
	return {
		schemaVersion: SCHEMA_VERSION,
		preferences: {
			lastEnv: typeof lastEnv === 'string' ? lastEnv : null,
			lang: lang === 'cs' || lang === 'en' ? lang : null,
			environments: environments as Environment[],
			recentAccounts,
		},
		accounts: outAccounts,
	};
}

/** The ledger of one account in one environment (empty when never written), with its profile. */
export function accountLedger(data: LedgerData, accountId: string, envId: EnvironmentId): AccountLedger {
	const account = data.accounts[normaliseAccountId(accountId)];
	const ledger = account?.ledgers[envId] ?? {slots: {}, history: []};
	return account?.profile ? {...ledger, profile: account.profile} : ledger;
}

export function withAccountLedger(data: LedgerData, accountId: string, envId: EnvironmentId, ledger: AccountLedger): LedgerData {
	const id = normaliseAccountId(accountId);
	const account = data.accounts[id] ?? {profile: null, ledgers: {}};
	// The profile belongs to the account, not to one environment: keep it out of the per-env ledger.
	const {profile, ...rest} = ledger;
	return {
		...data,
		accounts: {
			...data.accounts,
			[id]: {profile: profile ?? account.profile, ledgers: {...account.ledgers, [envId]: rest}},
		},
	};
}

export function withProfile(data: LedgerData, accountId: string, profile: AccountProfile): LedgerData {
	const id = normaliseAccountId(accountId);
	const account = data.accounts[id] ?? {profile: null, ledgers: {}};
	return {...data, accounts: {...data.accounts, [id]: {...account, profile}}};
}

/** The data after a registration with `accountId` in `envId`: that id first among the environment's recent ones. */
export function withRecentAccount(data: LedgerData, envId: EnvironmentId, accountId: string): LedgerData {
	const id = normaliseAccountId(accountId);
	const earlier = (data.preferences.recentAccounts[envId] ?? []).filter((other) => other !== id);
	const recentAccounts = {...data.preferences.recentAccounts, [envId]: [id, ...earlier].slice(0, RECENT_ACCOUNTS)};
	return {...data, preferences: {...data.preferences, recentAccounts}};
}

export function accountIds(data: LedgerData): string[] {
	return Object.keys(data.accounts);
}

/** Environments in which an account has a ledger. */
export function accountEnvironments(data: LedgerData, accountId: string): EnvironmentId[] {
	return Object.keys(data.accounts[normaliseAccountId(accountId)]?.ledgers ?? {});
}
