// `slots`: what the local ledger knows, per account and environment; `--forget N` after confirmation.
import type {SlotsOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/process.js';
import {EXIT} from '../cli/exit-codes.js';
import {UsageError} from '../cli/errors.js';
import {t} from '../i18n/index.js';
import {SCHEMA_ID} from '../output/schemas.js';
import {openLedger} from '../ledger/store.js';
import {listEnvironments} from '../account/environments.js';
import {accountArgument, environmentArgument} from './arguments.js';
import {accountIds, accountEnvironments, accountLedger} from '../account/ledger-data.js';
import {cleanText} from '../certificate/sanitize.js';
import {serialForm} from '../certificate/serial.js';
import {forgetSlot, SlotError, slotViews, type CertView} from '../account/slots.js';
import {promptYesNo} from '../cli/prompt.js';
import {daysLeftText, formatDate} from '../ui/format.js';

function certJson(view: CertView | null) {
	if (!view) return null;
	const r = view.record;
	return {
		subject: r.subject,
		issuer: r.issuer,
		// Ledgers written before 0.1 kept serials in lowercase without leading zeros.
		serialNumber: serialForm(r.serialNumber),
		notAfter: r.notAfter,
		sha256: r.sha256,
		source: r.source,
		kind: r.kind,
		daysLeft: view.daysLeft,
		expired: view.expired,
		expiringSoon: view.expiringSoon,
	};
}

export async function runSlots(options: SlotsOptions, runtime: Runtime, proc: Process): Promise<number> {
	const store = openLedger({env: runtime.env});
	if (options.moveAside) {
		// The explicit way out of a damaged ledger: the file is renamed, never edited or deleted.
		const aside = store.moveAsideDamaged(runtime.now());
		runtime.out(`${aside ? t('account.ledger.movedAside', {path: cleanText(aside)}) : t('slots.notDamaged', {file: cleanText(store.path)})}\n`);
		return EXIT.ok;
	}
	const data = store.read();
	const now = runtime.now();
	// A typo in --env or --account must not list (or, with --forget, write) a ledger nobody uses.
	const envId = options.env === null ? null : environmentArgument(options.env, data.preferences.environments).id;
	if (options.forget !== null) {
		if (!envId) throw new UsageError(t('cli.missingOption', {option: '--env'}));
		const account = accountArgument(options.account);
		const slot = options.forget;
		// Refused before the question, so nobody confirms something that cannot happen.
		if (slotViews(store.account(account, envId), now).find((v) => v.slot === slot)?.empty !== false) {
			throw new UsageError(t('account.slot.error.EMPTY_SLOT', {slot}));
		}
		if (!options.yes) {
			if (!runtime.stdinIsTTY) throw new UsageError(t('cli.needsYes'));
			const ok = await promptYesNo(t('slots.forgetConfirm', {slot, account: cleanText(account), env: cleanText(envId)}), proc.stdin, proc.stderr);
			if (!ok) {
				runtime.err(`${t('cli.cancelled')}\n`);
				return EXIT.cancelled;
			}
		}
		try {
			await store.updateAccount(account, envId, (ledger) => forgetSlot(ledger, slot, now.toISOString()).ledger);
		} catch (error) {
			// Another ote-cert may have emptied the slot meanwhile; SlotError text is for developers.
			if (error instanceof SlotError) throw new UsageError(t(`account.slot.error.${error.code}`, error.params));
			throw error;
		}
		runtime.out(`${t('slots.forgotten', {slot, account: cleanText(account), env: cleanText(envId)})}\n`);
		return EXIT.ok;
	}
	const envNames = new Map(listEnvironments(data.preferences.environments).map((e) => [e.id, e.name]));
	const known = accountIds(data);
	const asked = options.account ? accountArgument(options.account) : null;
	if (asked !== null && !known.includes(asked) && known.length > 0) {
		throw new UsageError(t('slots.unknownAccount', {account: cleanText(asked), known: known.map((a) => cleanText(a)).join(', ')}));
	}
	const accounts = asked !== null ? [asked] : known;
	const rows: unknown[] = [];
	const lines: string[] = [];
	for (const account of accounts) {
		const envs = envId ? [envId] : accountEnvironments(data, account);
		for (const envId of envs) {
			// From the one read above: store.account() reads and checks the whole file again, once per
			// account and environment, which made a 1,000-account ledger cost minutes instead of a second.
			const views = slotViews(accountLedger(data, account, envId), now);
			rows.push({
				$schema: SCHEMA_ID.slots,
				account,
				environment: envId,
				slots: views.map((v) => ({
					slot: v.slot,
					empty: v.empty,
					daysLeft: v.daysLeft,
					expired: v.expired,
					expiringSoon: v.expiringSoon,
					auth: certJson(v.auth),
					sign: certJson(v.sign),
				})),
			});
			// Account ids and environment names come from a file anyone may have edited.
			lines.push(t('slots.header', {account: cleanText(account), env: cleanText(envNames.get(envId) ?? envId)}));
			for (const v of views) {
				if (v.empty) {
					lines.push(`  ${t('ui.slot.empty', {n: v.slot})}`);
					continue;
				}
				for (const [role, view] of [
					['auth', v.auth],
					['sign', v.sign],
				] as const) {
					if (!view) continue;
					if (role === 'sign' && v.sameCertificate) continue;
					const mark = view.expired ? t('slots.markExpired') : view.expiringSoon ? t('slots.markExpiring') : t('slots.markValid');
					const roleText = v.sameCertificate ? `${t('output.role.auth')} + ${t('output.role.sign')}` : t(`output.role.${role}`);
					lines.push(
						`  ${t('ui.slot.number', {n: v.slot})} [${mark}] ${cleanText(view.record.holder.name ?? view.record.subject)} (${roleText}), ${formatDate(view.record.notAfter)}, ${daysLeftText(view.daysLeft)}`,
					);
				}
			}
		}
	}
	if (options.json) runtime.out(`${JSON.stringify(rows, null, 2)}\n`);
	else runtime.out(lines.length > 0 ? `${lines.join('\n')}\n` : `${t('slots.emptyLedger', {file: cleanText(store.path)})}\n`);
	return EXIT.ok;
}
