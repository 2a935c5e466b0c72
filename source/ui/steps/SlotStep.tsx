// Step 4: who registers (asked once per account), then which of the four pairs to fill and in
// which role. Occupied slots say they will be replaced; a renewal is proposed where it belongs.
// Each list carries its own key: the lists sit at the same place in the tree, and without a key React
// would hand one list's cursor to the next (slot 2 highlighted made "Authentication only" the
// preselected role instead of both).
import type React from 'react';
import {Box, Text} from 'ink';
import {roleReasonText} from '../../i18n/account-texts.js';
import {t, type MessageKey} from '../../i18n/index.js';
import type {SlotNumber, SlotRole} from '../../account/types.js';
import {assertNever, type CandidateCertificate, type ProfileChoice, type Stage} from '../../flow/wizard.js';
import type {SlotCert, SlotSummary} from '../../services/wizard-services.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {Frame, Problem} from '../components/Frame.js';
import type {Dispatch} from '../useWizard.js';
import {useTheme, type Theme} from '../theme.js';
import {daysLeftText, formatDate, shorten} from '../format.js';
import {useFooter} from '../bindings.js';
import {certificateTitle} from './CertificateStep.js';

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

type RolesChoice = {kind: 'pair'} | {kind: 'roles'; roles: SlotRole[]};

/** "Jana Nováková (I.CA Public CA/RSA 06/2022)": the two halves of a pair share the holder; the issuer tells them apart. */
function pairName(candidate: CandidateCertificate): string {
	const c = candidate.assessment.certificate;
	return shorten(`${certificateTitle(candidate.assessment)} (${c.issuerCN ?? c.issuer})`, 60);
}

/**
 * The roles of the chosen certificate: only those it fits are offered (a role that contradicts it cannot be
 * chosen here), the proposal read from the certificate is preselected and explained, and a partner on the
 * same token is offered as a pair first.
 */
function RolesStage(props: {stage: Extract<Stage, {step: 'roles'}>; help: string | null; dispatch: Dispatch; keys: string[]}): React.ReactElement {
	const {stage, dispatch} = props;
	const {pick} = stage;
	const roles = pick.fitting;
	const same = (a: SlotRole[], b: SlotRole[]) => a.length === b.length && a.every((r) => b.includes(r));
	const items: ListItem<RolesChoice>[] = [
		...(pick.partner ? [{key: 'pair', label: t('ui.slot.rolePair'), value: {kind: 'pair'} as RolesChoice}] : []),
		...(roles.length === 2 ? [{key: 'both', label: t('ui.slot.roleBoth'), value: {kind: 'roles', roles} as RolesChoice}] : []),
		...roles.map((role) => ({key: role, label: t(`ui.slot.role.${role}`), value: {kind: 'roles', roles: [role]} as RolesChoice})),
	].map((item) => (item.value.kind === 'roles' && same(item.value.roles, pick.proposed) ? {...item, hint: t('ui.slot.proposed')} : item));
	const initial = pick.partner
		? 0
		: Math.max(
				0,
				items.findIndex((item) => item.value.kind === 'roles' && same(item.value.roles, pick.proposed)),
			);
	const partner = pick.partner;
	return (
		<Frame step="slot" title={t('ui.slot.rolesTitle', {n: stage.slot})} keys={props.keys} help={props.help}>
			<SelectList
				key="roles"
				items={items}
				initialIndex={initial}
				onBack={() => dispatch({type: 'back'})}
				onSubmit={(item) => dispatch(item.value.kind === 'pair' ? {type: 'choosePair'} : {type: 'chooseRoles', roles: item.value.roles})}
			/>
			<Box flexDirection="column" marginTop={1}>
				<Text wrap="wrap">{roleReasonText(pick.reason)}</Text>
				{partner ? (
					<>
						<Text dimColor wrap="wrap">
							{t('ui.slot.pairNote')}
						</Text>
						<Text wrap="truncate-end">{`  ${t('ui.slot.pairAuth', {name: pairName(partner.auth === 'picked' ? pick.candidate : partner.candidate)})}`}</Text>
						<Text wrap="truncate-end">{`  ${t('ui.slot.pairSign', {name: pairName(partner.auth === 'picked' ? partner.candidate : pick.candidate)})}`}</Text>
					</>
				) : null}
			</Box>
		</Frame>
	);
}

type SlotStage = Extract<Stage, {step: 'opening' | 'ledger-problem' | 'profile' | 'still-valid' | 'slot' | 'roles'}>;

const PROFILE_CHOICES: ProfileChoice[] = ['admin', 'owner', 'new-company', 'poze'];
const PROFILE_LABEL: Record<ProfileChoice, MessageKey> = {
	admin: 'ui.profile.admin',
	owner: 'ui.profile.owner',
	'new-company': 'ui.profile.newCompany',
	poze: 'ui.profile.poze',
};

export function SlotStep(props: {stage: SlotStage; help: string | null; dispatch: Dispatch}): React.ReactElement {
	const theme = useTheme();
	const {stage, dispatch} = props;
	const keys = useFooter();
	const back = () => dispatch({type: 'back'});

	switch (stage.step) {
		case 'opening':
			return (
				<Frame step="slot" title={t('ui.slot.title', {account: stage.key.account})} keys={keys} help={props.help}>
					<Text dimColor>{t('ui.slot.opening')}</Text>
				</Frame>
			);
		case 'ledger-problem':
			return (
				<Frame step="slot" title={t('ui.slot.title', {account: stage.key.account})} keys={keys} help={props.help}>
					<Problem text={stage.message} />
					<SelectList key="damaged" items={[{key: 'back', label: t('ui.common.back'), value: 0}]} onSubmit={back} onBack={back} />
				</Frame>
			);
		case 'profile': {
			const items: ListItem<ProfileChoice>[] = PROFILE_CHOICES.map((choice) => ({key: choice, label: t(PROFILE_LABEL[choice]), value: choice}));
			return (
				<Frame step="slot" title={t('ui.profile.title', {account: stage.account.account})} keys={keys} help={props.help}>
					<SelectList
						key="profile"
						items={items}
						initialIndex={items.findIndex((item) => item.value === stage.highlight)}
						onBack={back}
						onSubmit={(item) => dispatch({type: 'chooseProfile', choice: item.value})}
					/>
				</Frame>
			);
		}
		case 'still-valid':
			return (
				<Frame step="slot" title={t('ui.profile.validQuestion')} keys={keys} help={props.help}>
					<SelectList
						key="still-valid"
						items={[
							{key: 'yes', label: t('ui.profile.validYes'), value: true},
							{key: 'no', label: t('ui.profile.validNo'), value: false},
						]}
						onBack={back}
						onSubmit={(item) => dispatch({type: 'answerStillValid', holdsValid: item.value})}
					/>
				</Frame>
			);
		case 'roles':
			return <RolesStage stage={stage} help={props.help} dispatch={dispatch} keys={keys} />;
		case 'slot': {
			const view = stage.account.overview;
			const occupied = view.slots.filter((s) => s.auth || s.sign).length;
			const chosen = view.slots.find((s) => s.slot === view.suggested);
			return (
				<Frame step="slot" title={t('ui.slot.title', {account: stage.account.account})} keys={keys} help={props.help}>
					<SelectList
						key="slots"
						items={view.slots.map((s) => slotItem(s, theme))}
						initialIndex={view.slots.findIndex((s) => s.slot === (stage.account.slot ?? view.suggested))}
						onBack={back}
						onSubmit={(item) => dispatch({type: 'chooseSlot', slot: item.value})}
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
		default:
			return assertNever(stage);
	}
}
