// Step 4: who registers (asked once per account), then which of the four pairs to fill and in
// which role. Occupied slots say they will be replaced; a renewal is proposed where it belongs.
// Each list carries its own key: the lists sit at the same place in the tree, and without a key React
// would hand one list's cursor to the next (slot 2 highlighted made "Authentication only" the
// preselected role instead of both).
import type React from 'react';
import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {AccountProfile, SlotNumber, SlotRole} from '../../account/types.js';
import {explainLedgerError} from '../../ledger/explain.js';
import type {CandidateCertificate} from '../../flow/wizard.js';
import type {SlotCert, SlotSummary} from '../../services/wizard-services.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {rolesThatFit} from '../../flow/roles.js';
import {Frame, Problem} from '../components/Frame.js';
import {useUiRuntime} from '../context.js';
import {useTheme, type Theme} from '../theme.js';
import {daysLeftText, formatDate, shorten} from '../format.js';

type ProfileChoice = 'admin' | 'owner' | 'new-company' | 'poze';

function certLine(cert: SlotCert, theme: Theme): {text: string; mark: {symbol: string; color: string} | undefined} {
	const text = t('ui.slot.holds', {subject: shorten(cert.subject, 28), date: formatDate(cert.notAfter), days: daysLeftText(cert.daysLeft)});
	if (cert.expired) return {text, mark: {symbol: theme.symbols.bad, color: theme.color.bad}};
	if (cert.expiringSoon) return {text, mark: {symbol: theme.symbols.warn, color: theme.color.warn}};
	return {text, mark: {symbol: theme.symbols.ok, color: theme.color.ok}};
}

function slotItem(summary: SlotSummary, theme: Theme): ListItem<SlotNumber> {
	const cert = summary.auth ?? summary.sign;
	const notes: string[] = [];
	if (summary.auth && summary.sign && summary.auth.sha256 !== summary.sign.sha256) notes.push(t('ui.slot.twoCerts'));
	if (summary.renewal) notes.push(t('ui.slot.renewal'));
	if (summary.sameCertificate) notes.push(t('ui.slot.sameCertificate'));
	if (!cert)
		return {key: String(summary.slot), label: t('ui.slot.empty', {n: summary.slot}), value: summary.slot, mark: {symbol: ' ', color: theme.color.muted}};
	const line = certLine(cert, theme);
	return {
		key: String(summary.slot),
		label: `${t('ui.slot.number', {n: summary.slot})} ${line.text}`,
		hint: notes.join(', ') || undefined,
		value: summary.slot,
		mark: line.mark,
	};
}

/** The ledger's own errors in the person's language, with what to do; anything else as it came. */
function ledgerProblem(error: unknown): string {
	const ledger = explainLedgerError(error);
	if (ledger) return ledger.hint ? `${ledger.message} ${ledger.hint}` : ledger.message;
	return (error as Error).message ?? String(error);
}

export function SlotStep(props: {
	candidate: CandidateCertificate;
	account: string;
	envId: string;
	profile: AccountProfile | null;
	/** The slot chosen on an earlier visit (back from Confirm): highlighted instead of the suggestion. */
	slot?: SlotNumber | null;
	help: string | null;
	onProfile: (profile: AccountProfile, noValidCertificate: boolean) => void;
	onChoose: (slot: SlotNumber, roles: SlotRole[]) => void;
	onBack: () => void;
}): React.ReactElement {
	const {services} = useUiRuntime();
	const theme = useTheme();
	const overview = useMemo(() => {
		try {
			return {ok: services.slotOverview(props.account, props.envId, props.candidate), error: null};
		} catch (error) {
			return {ok: null, error: ledgerProblem(error)};
		}
	}, [services, props.account, props.envId, props.candidate]);
	const remembered = useMemo(() => services.profile(props.account), [services, props.account]);
	const [profile, setProfile] = useState<AccountProfile | null>(props.profile ?? remembered);
	const [askValid, setAskValid] = useState(false);
	// Going back to the question keeps the answer given before under the cursor.
	const [lastChoice, setLastChoice] = useState<ProfileChoice | null>(null);
	const [slot, setSlot] = useState<SlotNumber | null>(null);
	// Going back (Esc from the roles or from Confirm) keeps the slot the person had chosen in hand.
	const [lastSlot, setLastSlot] = useState<SlotNumber | null>(props.slot ?? null);
	const roles = rolesThatFit(props.candidate.assessment);
	const keys = [t('ui.keys.move'), t('ui.keys.enterChoose'), t('ui.keys.escBack'), t('ui.keys.help')];

	if (!overview.ok) {
		return (
			<Frame step="slot" title={t('ui.slot.title', {account: props.account})} keys={[t('ui.keys.escBack'), t('ui.keys.quit')]} help={props.help}>
				<Problem text={overview.error ?? ''} />
				<SelectList key="damaged" items={[{key: 'back', label: t('ui.common.back'), value: 0}]} onSubmit={props.onBack} onBack={props.onBack} />
			</Frame>
		);
	}
	const view = overview.ok;

	const finishProfile = (next: AccountProfile, noValid: boolean) => {
		setProfile(next);
		setAskValid(false);
		props.onProfile(next, noValid);
	};

	if (!profile) {
		const items: ListItem<ProfileChoice>[] = [
			{key: 'admin', label: t('ui.profile.admin'), value: 'admin'},
			{key: 'owner', label: t('ui.profile.owner'), value: 'owner'},
			{key: 'new-company', label: t('ui.profile.newCompany'), value: 'new-company'},
			{key: 'poze', label: t('ui.profile.poze'), value: 'poze'},
		];
		return (
			<Frame step="slot" title={t('ui.profile.title', {account: props.account})} keys={keys} help={props.help}>
				<SelectList
					key="profile"
					items={items}
					initialIndex={items.findIndex((item) => item.value === lastChoice)}
					onBack={props.onBack}
					onSubmit={(item) => {
						setLastChoice(item.value);
						const next: AccountProfile = {
							role: item.value === 'admin' ? 'admin' : 'owner',
							newCompany: item.value === 'new-company',
							pozeProducer: item.value === 'poze',
						};
						if (item.value === 'owner' && view.hasValidRegistered === null) {
							setProfile(next);
							setAskValid(true);
						} else finishProfile(next, item.value === 'owner' && view.hasValidRegistered === false);
					}}
				/>
			</Frame>
		);
	}

	if (askValid) {
		return (
			<Frame step="slot" title={t('ui.profile.validQuestion')} keys={keys} help={props.help}>
				<SelectList
					key="still-valid"
					items={[
						{key: 'yes', label: t('ui.profile.validYes'), value: true},
						{key: 'no', label: t('ui.profile.validNo'), value: false},
					]}
					onBack={() => {
						setProfile(null);
						setAskValid(false);
					}}
					onSubmit={(item) => finishProfile(profile, !item.value)}
				/>
			</Frame>
		);
	}

	if (slot !== null) {
		return (
			<Frame step="slot" title={t('ui.slot.rolesTitle', {n: slot})} keys={keys} help={props.help}>
				<SelectList
					key="roles"
					items={[
						...(roles.length === 2 ? [{key: 'both', label: t('ui.slot.roleBoth'), value: ['auth', 'sign'] as SlotRole[]}] : []),
						...roles.map((role) => ({key: role, label: t(`ui.slot.role.${role}`), value: [role] as SlotRole[]})),
					]}
					onBack={() => setSlot(null)}
					onSubmit={(item) => props.onChoose(slot, item.value)}
				/>
			</Frame>
		);
	}

	const occupied = view.slots.filter((s) => s.auth || s.sign).length;
	const chosen = view.slots.find((s) => s.slot === view.suggested);
	return (
		<Frame step="slot" title={t('ui.slot.title', {account: props.account})} keys={keys} help={props.help}>
			<SelectList
				key="slots"
				items={view.slots.map((s) => slotItem(s, theme))}
				initialIndex={view.slots.findIndex((s) => s.slot === (lastSlot ?? view.suggested))}
				onBack={() => (remembered ? props.onBack() : setProfile(null))}
				onSubmit={(item) => {
					setLastSlot(item.value);
					if (roles.length === 1) props.onChoose(item.value, roles);
					else setSlot(item.value);
				}}
			/>
			<Box flexDirection="column" marginTop={1}>
				{occupied === 4 ? <Text color={theme.color.warn}>{t('ui.slot.full')}</Text> : null}
				{chosen?.renewal ? <Text>{t('ui.slot.renewalProposed', {n: view.suggested})}</Text> : null}
				{view.renewalWarning ? <Text color={theme.color.warn}>{`${theme.symbols.warn} ${view.renewalWarning}`}</Text> : null}
				<Text dimColor>{t('ui.slot.replaceNote')}</Text>
			</Box>
		</Frame>
	);
}
