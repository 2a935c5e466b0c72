// Step 5: everything on one screen; nothing is written until an explicit yes.
import React from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {Environment, SlotNumber, SlotRole} from '../../account/types.js';
import type {CandidateCertificate} from '../../flow/wizard.js';
import {SelectList} from '../components/SelectList.js';
import {Frame, Problem} from '../components/Frame.js';
import {useUiRuntime} from '../context.js';
import {formatDate, formatFingerprint, shorten} from '../format.js';
import {certificateTitle} from './CertificateStep.js';

function Line({label, value}: {label: string; value: string}): React.ReactElement {
	return (
		<Box>
			<Box width={14} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Text wrap="truncate-end">{value}</Text>
		</Box>
	);
}

export function ConfirmStep(props: {
	candidate: CandidateCertificate;
	environment: Environment;
	account: string;
	slot: SlotNumber;
	roles: SlotRole[];
	help: string | null;
	busy: boolean;
	error: string | null;
	onConfirm: () => void;
	onBack: () => void;
}): React.ReactElement {
	const {escapeWaitMs} = useUiRuntime();
	const c = props.candidate.assessment.certificate;
	const envName = props.environment.builtIn ? t(`ui.env.${props.environment.id}`) : props.environment.name;
	return (
		<Frame step="confirm" title={t('ui.confirm.title')} keys={[t('ui.keys.move'), t('ui.keys.enterChoose'), t('ui.keys.escBack')]} help={props.help}>
			<Line label={t('ui.cert.subject')} value={shorten(certificateTitle(props.candidate.assessment), 60)} />
			<Line label={t('ui.cert.issuer')} value={shorten(c.issuerCN ?? c.issuer, 60)} />
			<Line label={t('ui.cert.validity')} value={`${formatDate(c.notBefore)} – ${formatDate(c.notAfter)}`} />
			<Line label="SHA-256" value={shorten(formatFingerprint(c.fingerprints.sha256), 60)} />
			<Line label={t('ui.confirm.env')} value={`${envName} (${props.environment.portalUrl})`} />
			<Line label={t('ui.confirm.account')} value={props.account} />
			<Line
				label={t('ui.confirm.slot')}
				value={t('ui.confirm.slotRoles', {n: props.slot, roles: props.roles.map((r) => t(`output.role.${r}`)).join(' + ')})}
			/>
			<Line label={t('ui.confirm.source')} value={shorten(props.candidate.sourceRef, 60)} />
			<Box marginTop={1} flexDirection="column">
				{props.busy ? (
					<Text>{t('ui.confirm.writing')}</Text>
				) : (
					<SelectList
						items={[
							{key: 'yes', label: t('ui.confirm.yes'), value: true},
							{key: 'no', label: t('ui.confirm.no'), value: false},
						]}
						escapeWaitMs={escapeWaitMs}
						onBack={props.onBack}
						onSubmit={(item) => (item.value ? props.onConfirm() : props.onBack())}
					/>
				)}
				{props.error ? <Problem text={props.error} /> : null}
			</Box>
		</Frame>
	);
}
