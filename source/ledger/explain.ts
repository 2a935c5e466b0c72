// The ledger store's errors in the person's language, with what to do, for the command line and the
// Slot step alike. Matched by name, not instanceof: importing the store here would load it for
// every start, even for --help.
import {t} from '../i18n/index.js';

export interface LedgerProblem {
	message: string;
	/** What to do, when there is a command for it. */
	hint: string | null;
}

export function explainLedgerError(error: unknown): LedgerProblem | null {
	const e = error as {name?: string; file?: unknown; reason?: string; dir?: unknown; code?: string} | null;
	if (e?.name === 'LedgerDamagedError' && typeof e.file === 'string') {
		if (e.reason === 'newer-version') return {message: t('account.ledger.newerVersion', {file: e.file}), hint: null};
		return {message: t('account.ledger.damaged', {file: e.file}), hint: t('cli.ledgerMoveAsideHint')};
	}
	// Already in the person's language (they are CliErrors: the command line takes their exit code).
	if (e?.name === 'LedgerWriteError' || e?.name === 'LedgerBusyError') {
		const known = error as {message: string; hint?: string};
		return {message: known.message, hint: known.hint ?? null};
	}
	if (e?.name === 'LedgerUnavailableError' && typeof e.dir === 'string') {
		return {message: t('account.ledger.unavailable', {dir: e.dir, code: e.code ?? ''}), hint: null};
	}
	return null;
}
