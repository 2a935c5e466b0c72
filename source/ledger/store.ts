// The ledger file: preferences plus, per account and environment, which certificate sits in which
// slot and the history of every change. conf does the atomic write; proper-lockfile serialises
// read-modify-write across processes (conf alone is last-writer-wins, sindresorhus/conf#146).
import Conf from 'conf';
import lockfile from 'proper-lockfile';
import fs from 'node:fs';
import path from 'node:path';
import {makeDirsSync} from '../platform/dirs.js';
import {
	accountLedger,
	LedgerShapeError,
	normaliseAccountId,
	upgradeData,
	withAccountLedger,
	withProfile,
	type LedgerData,
	type Preferences,
} from '../account/ledger-data.js';
import type {AccountLedger, AccountProfile, EnvironmentId} from '../account/types.js';

import {configDir, LEDGER_FILE_NAME} from './paths.js';

export {configDir, LEDGER_FILE_NAME};

export type LedgerDamageReason = 'unreadable-json' | 'bad-shape' | 'newer-version';

/** The ledger file exists but cannot be understood. It is left exactly as it is. */
export class LedgerDamagedError extends Error {
	constructor(
		readonly file: string,
		readonly reason: LedgerDamageReason,
		readonly detail: string,
	) {
		super(
			reason === 'newer-version'
				? `The ledger ${file} was written by a newer ote-cert (${detail}); update ote-cert. The file was not changed.`
				: `The ledger ${file} is damaged (${detail}). It was not changed. Repair it by hand, or let ote-cert move it aside (kept as ${path.basename(file)}.damaged-<time>) and start a new ledger.`,
		);
		this.name = 'LedgerDamagedError';
	}
}

/** The ledger's folder or file cannot be made or opened (no permission, a read-only disk, /proc…). */
export class LedgerUnavailableError extends Error {
	constructor(
		readonly dir: string,
		readonly code: string,
	) {
		super(`Cannot open the slot ledger in ${dir} (${code}).`);
		this.name = 'LedgerUnavailableError';
	}
}

export interface LedgerStore {
	/** Full path of the ledger file. */
	readonly path: string;
	readonly dir: string;
	/** Current content; throws LedgerDamagedError for a damaged file. */
	read(): LedgerData;
	/**
	 * Locked read-modify-write: other ote-cert processes wait; the file is replaced atomically.
	 * `fn` must be quick and synchronous (never prompt inside it); it returns the new data.
	 */
	update(fn: (data: LedgerData) => LedgerData): Promise<LedgerData>;
	account(accountId: string, envId: EnvironmentId): AccountLedger;
	updateAccount(accountId: string, envId: EnvironmentId, fn: (ledger: AccountLedger) => AccountLedger): Promise<AccountLedger>;
	preferences(): Preferences;
	setPreferences(patch: Partial<Preferences>): Promise<Preferences>;
	profile(accountId: string): AccountProfile | null;
	setProfile(accountId: string, profile: AccountProfile): Promise<void>;
	/**
	 * Renames a damaged ledger to `<file>.damaged-<timestamp>` (never over an existing file) so a new
	 * one can start; returns the new path, or null when the file is fine or absent.
	 */
	moveAsideDamaged(now?: Date): string | null;
}

export interface OpenLedgerOptions {
	/** Folder holding the ledger; defaults to configDir(env). */
	dir?: string;
	env: NodeJS.ProcessEnv;
}

function parse(text: string): unknown {
	// Editors on Windows like to add a BOM; it is not damage.
	return JSON.parse(text.replace(/^\uFEFF/, ''));
}

export function openLedger({dir, env}: OpenLedgerOptions): LedgerStore {
	const folder = dir ?? configDir(env);
	const file = path.join(folder, LEDGER_FILE_NAME);
	let conf: Conf<Record<string, unknown>> | null = null;

	function damaged(error: unknown): never {
		if (error instanceof LedgerShapeError) throw new LedgerDamagedError(file, error.reason, error.message);
		if (error instanceof SyntaxError) throw new LedgerDamagedError(file, 'unreadable-json', error.message);
		const code = (error as NodeJS.ErrnoException | null)?.code;
		if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new LedgerUnavailableError(folder, code);
		throw error;
	}

	function store(): Conf<Record<string, unknown>> {
		if (conf) return conf;
		try {
			makeDirsSync(folder, 0o700);
			conf = new Conf<Record<string, unknown>>({
				cwd: folder,
				configName: path.basename(LEDGER_FILE_NAME, '.json'),
				configFileMode: 0o600,
				accessPropertiesByDotNotation: false,
				clearInvalidConfig: false,
				deserialize: parse as (text: string) => Record<string, unknown>,
			});
		} catch (error) {
			damaged(error);
		}
		return conf;
	}

	function read(): LedgerData {
		try {
			return upgradeData(store().store);
		} catch (error) {
			damaged(error);
		}
	}

	async function update(fn: (data: LedgerData) => LedgerData): Promise<LedgerData> {
		const target = store();
		let compromised: Error | null = null;
		const release = await lockfile.lock(file, {
			// The file may not exist yet; the lock is a sibling directory either way.
			realpath: false,
			stale: 10_000,
			retries: {retries: 200, factor: 1.3, minTimeout: 5, maxTimeout: 200, randomize: true},
			onCompromised: (error) => {
				compromised = error;
			},
		});
		try {
			const next = upgradeData(fn(read()));
			if (compromised) throw compromised;
			target.store = next as unknown as Record<string, unknown>;
			return next;
		} finally {
			await release().catch(() => undefined);
		}
	}

	return {
		path: file,
		dir: folder,
		read,
		update,
		account: (accountId, envId) => accountLedger(read(), accountId, envId),
		async updateAccount(accountId, envId, fn) {
			let result: AccountLedger = {slots: {}, history: []};
			await update((data) => {
				result = fn(accountLedger(data, accountId, envId));
				return withAccountLedger(data, accountId, envId, result);
			});
			return result;
		},
		preferences: () => read().preferences,
		async setPreferences(patch) {
			const data = await update((current) => ({...current, preferences: {...current.preferences, ...patch}}));
			return data.preferences;
		},
		profile: (accountId) => read().accounts[normaliseAccountId(accountId)]?.profile ?? null,
		async setProfile(accountId, profile) {
			await update((data) => withProfile(data, accountId, profile));
		},
		moveAsideDamaged(now = new Date()) {
			try {
				read();
				return null;
			} catch (error) {
				if (!(error instanceof LedgerDamagedError)) throw error;
			}
			conf = null;
			const stamp = now.toISOString().replace(/[:.]/g, '-');
			for (let attempt = 0; ; attempt++) {
				const aside = `${file}.damaged-${stamp}${attempt ? `-${attempt}` : ''}`;
				try {
					// link() fails with EEXIST instead of replacing: an earlier copy is never lost.
					fs.linkSync(file, aside);
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
					if (fs.existsSync(aside)) continue;
					fs.renameSync(file, aside);
					return aside;
				}
				fs.unlinkSync(file);
				return aside;
			}
		},
	};
}
