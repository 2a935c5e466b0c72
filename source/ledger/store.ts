// The ledger file: preferences plus, per account and environment, which certificate sits in which
// slot and the history of every change. It is read with fs (conf's format: tab-indented JSON);
// proper-lockfile serialises read-modify-write across processes, and writeFileDurablySync writes
// every byte, fsyncs and renames.
// conf read and wrote it before. Its store setter was never used: atomically's writeFileSync (under
// conf) makes one write() call and ignores a short write, so a nearly full disk renamed a cut-off
// file over the ledger (fabiospampinato/atomically#18, open); conf alone is also last-writer-wins
// (sindresorhus/conf#146). What was left of it, a read, cost every start ~5 ms of CPU for loading
// conf, semver, atomically and Node's assert before the wizard's first frame.
import fs from 'node:fs';
import path from 'node:path';
import {CliError} from '../cli/errors.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import '../i18n/messages/account.js';
import {makeDirsSync} from '../platform/dirs.js';
import {LEFTOVER_AGE_MS, staleEntries, tempPrefix, writeFileDurablySync} from '../platform/durable.js';
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

/** Why a write was refused, in words people know; other errno codes are shown as they are. */
const WRITE_REFUSALS: Record<string, 'noSpace' | 'readOnly' | 'noPermission'> = {
	ENOSPC: 'noSpace',
	EDQUOT: 'noSpace',
	EROFS: 'readOnly',
	EACCES: 'noPermission',
	EPERM: 'noPermission',
};

/**
 * The ledger could not be written (full disk, read-only disk, no permission). The file is exactly as
 * it was and nothing was registered; exit code EXIT.ledgerNotWritten, never "damaged".
 */
class LedgerWriteError extends CliError {
	constructor(
		readonly file: string,
		readonly code: string,
	) {
		const why = WRITE_REFUSALS[code];
		super(EXIT.ledgerNotWritten, t('account.ledger.notWritten', {file, why: why ? t(`account.ledger.why.${why}`) : code}), t('account.ledger.notWrittenHint'));
		this.name = 'LedgerWriteError';
	}
}

/** How long an update waits for another ote-cert holding the lock, and when a lock counts as abandoned. */
const LOCK_WAIT_MS = 8_000;
/** The holder touches the lock every LOCK_STALE_MS / 2; untouched this long, its process is gone. */
export const LOCK_STALE_MS = 5_000;

/** Another ote-cert held the ledger's lock for longer than LOCK_WAIT_MS. Nothing was changed. */
class LedgerBusyError extends CliError {
	constructor(readonly lock: string) {
		super(EXIT.ledgerNotWritten, t('account.ledger.busy', {lock, seconds: LOCK_WAIT_MS / 1000}), t('account.ledger.busyHint', {lock}));
		this.name = 'LedgerBusyError';
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
	const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
	// conf would read null or [] as an empty ledger and the next write would replace the file.
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new LedgerShapeError('bad-shape', 'the ledger does not hold an object');
	return value;
}

/** conf's own format, so a ledger written before reads the same. */
function serialise(data: LedgerData): string {
	return JSON.stringify(data, undefined, '\t');
}

export function openLedger({dir, env}: OpenLedgerOptions): LedgerStore {
	const folder = dir ?? configDir(env);
	const file = path.join(folder, LEDGER_FILE_NAME);
	let folderMade = false;

	function damaged(error: unknown): never {
		if (error instanceof LedgerShapeError) throw new LedgerDamagedError(file, error.reason, error.message);
		if (error instanceof SyntaxError) throw new LedgerDamagedError(file, 'unreadable-json', error.message);
		const code = (error as NodeJS.ErrnoException | null)?.code;
		if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new LedgerUnavailableError(folder, code);
		throw error;
	}

	/** The folder is made (owner only) at the first read or update, as conf made it when opened. */
	function makeFolder(): void {
		if (folderMade) return;
		try {
			makeDirsSync(folder, 0o700);
		} catch (error) {
			damaged(error);
		}
		folderMade = true;
	}

	/** Read afresh every time (another ote-cert may have written since); a missing file is an empty ledger. */
	function read(): LedgerData {
		makeFolder();
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return upgradeData({});
			damaged(error);
		}
		try {
			return upgradeData(parse(text));
		} catch (error) {
			damaged(error);
		}
	}

	function refusal(error: unknown): never {
		const code = (error as NodeJS.ErrnoException | null)?.code;
		if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new LedgerWriteError(file, code);
		throw error;
	}

	/** Temporary files of runs killed while writing (kill -9, power cut); only called under the lock. */
	function sweepLeftovers(): void {
		for (const leftover of staleEntries(folder, tempPrefix(file), LEFTOVER_AGE_MS)) fs.rmSync(leftover, {force: true});
	}

	async function lock(onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
		const lockPath = `${file}.lock`;
		const started = Date.now();
		// Loaded on the first write: proper-lockfile brings graceful-fs and signal-exit (which loads
		// Node's assert), and a start that only reads the ledger does not need them.
		const {default: lockfile} = await import('proper-lockfile');
		for (;;) {
			try {
				return await lockfile.lock(file, {
					// The file may not exist yet; the lock is a sibling directory either way.
					realpath: false,
					stale: LOCK_STALE_MS,
					onCompromised,
				});
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') refusal(error);
				if (Date.now() - started >= LOCK_WAIT_MS) throw new LedgerBusyError(lockPath);
				await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
			}
		}
	}

	async function update(fn: (data: LedgerData) => LedgerData): Promise<LedgerData> {
		makeFolder();
		let compromised: Error | null = null;
		const release = await lock((error) => {
			compromised = error;
		});
		try {
			sweepLeftovers();
			const next = upgradeData(fn(read()));
			if (compromised) throw compromised;
			try {
				writeFileDurablySync(file, serialise(next), 0o600);
			} catch (error) {
				refusal(error);
			}
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
