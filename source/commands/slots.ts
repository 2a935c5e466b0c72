// `slots`: what the local ledger knows, per account and environment; `--forget N` after confirmation.
import type {CliOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/main.js';
import {CliError, EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {SCHEMA_ID} from '../output/schemas.js';
import {openLedger} from '../ledger/store.js';
import {listEnvironments, resolveEnvironment} from '../account/environments.js';
import {AccountIdError, accountIds, accountEnvironments, normaliseAccountId} from '../account/ledger-data.js';
import {cleanText} from '../certificate/sanitize.js';
import {forgetSlot, SlotError, slotViews, type CertView} from '../account/slots.js';
import type {SlotNumber} from '../account/types.js';
import {promptYesNo} from '../cli/prompt.js';
import {daysLeftText, formatDate} from '../ui/format.js';

function certJson(view: CertView | null) {
	if (!view) return null;
	const r = view.record;
	return {
		subject: r.subject,
		issuer: r.issuer,
		serialNumber: r.serialNumber,
		notAfter: r.notAfter,
		sha256: r.sha256,
		source: r.source,
		kind: r.kind,
		daysLeft: view.daysLeft,
		expired: view.expired,
		expiringSoon: view.expiringSoon,
	};
}

function knownEnv(idOrName: string, custom: Parameters<typeof listEnvironments>[0]): string {
	const env = resolveEnvironment(idOrName, custom);
	if (!env)
		throw new CliError(
			EXIT.usage,
			t('cli.unknownEnv', {
				env: idOrName,
				known: listEnvironments(custom)
					.map((e) => e.id)
					.join(', '),
			}),
		);
	return env.id;
}

function accountId(raw: string | null): string {
	try {
		return normaliseAccountId(raw);
	} catch (error) {
		if (error instanceof AccountIdError) throw new CliError(EXIT.usage, t('cli.badAccount', {account: cleanText(error.accountId)}));
		throw error;
	}
}

export async function runSlots(options: CliOptions, runtime: Runtime, proc: Process): Promise<number> {
	const store = openLedger({env: runtime.env});
	if (options.moveAside) {
		// The explicit way out of a damaged ledger: the file is renamed, never edited or deleted.
		const aside = store.moveAsideDamaged(runtime.now());
		runtime.out(`${aside ? t('account.ledger.movedAside', {path: aside}) : t('slots.notDamaged', {file: store.path})}\n`);
		return EXIT.ok;
	}
	const data = store.read();
	const now = runtime.now();
	// A typo in --env or --account must not list (or, with --forget, write) a ledger nobody uses.
	const envId = options.env === null ? null : knownEnv(options.env, data.preferences.environments);
	if (options.forget !== null) {
		if (!envId) throw new CliError(EXIT.usage, t('cli.missingOption', {option: '--env'}));
		const account = accountId(options.account);
		const slot = options.forget as SlotNumber;
		// Refused before the question, so nobody confirms something that cannot happen.
		if (slotViews(store.account(account, envId), now).find((v) => v.slot === slot)?.empty !== false) {
			throw new CliError(EXIT.usage, t('account.slot.error.EMPTY_SLOT', {slot}));
		}
		if (!options.yes) {
			if (!runtime.stdinIsTTY) throw new CliError(EXIT.usage, t('cli.needsYes'));
			const ok = await promptYesNo(t('slots.forgetConfirm', {slot, account, env: envId}), proc.stdin, proc.stderr);
			if (!ok) {
				runtime.err(`${t('cli.cancelled')}\n`);
				return EXIT.cancelled;
			}
		}
		try {
			await store.updateAccount(account, envId, (ledger) => forgetSlot(ledger, slot, now.toISOString()).ledger);
		} catch (error) {
			// Another ote-cert may have emptied the slot meanwhile; SlotError text is for developers.
			if (error instanceof SlotError) throw new CliError(EXIT.usage, t(`account.slot.error.${error.code}`, error.params));
			throw error;
		}
		runtime.out(`${t('slots.forgotten', {slot, account, env: envId})}\n`);
		return EXIT.ok;
	}
	const envNames = new Map(listEnvironments(data.preferences.environments).map((e) => [e.id, e.name]));
	const accounts = options.account ? [accountId(options.account)] : accountIds(data);
	const rows: unknown[] = [];
	const lines: string[] = [];
	for (const account of accounts) {
		const envs = envId ? [envId] : accountEnvironments(data, account);
		for (const envId of envs) {
			const views = slotViews(store.account(account, envId), now);
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
			lines.push(t('slots.header', {account, env: envNames.get(envId) ?? envId}));
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
						`  ${t('ui.slot.number', {n: v.slot})} [${mark}] ${view.record.holder.name ?? view.record.subject} (${roleText}), ${formatDate(view.record.notAfter)}, ${daysLeftText(view.daysLeft)}`,
					);
				}
			}
		}
	}
	if (options.json) runtime.out(`${JSON.stringify(rows, null, 2)}\n`);
	else runtime.out(lines.length > 0 ? `${lines.join('\n')}\n` : `${t('slots.emptyLedger', {file: store.path})}\n`);
	return EXIT.ok;
}
