// Step 5: everything on one screen; nothing is written until an explicit yes.
import type React from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import {canConfirm, canProveBySignature, consequences, type Stage} from '../../flow/wizard.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {TextField} from '../components/TextField.js';
import {useTheme} from '../theme.js';
import {Frame, Problem} from '../components/Frame.js';
import {useTyping} from '../context.js';
import type {Dispatch} from '../useWizard.js';
import {fingerprintLines, formatDate, formatFingerprint} from '../format.js';
import {certificateTitle} from './CertificateStep.js';
import {useFooter} from '../bindings.js';

/** A label and its value, wrapped under itself: nothing the person confirms is cut off. */
function Line({label, value}: {label: string; value: string | string[]}): React.ReactElement {
	return (
		<Box>
			<Box width={13} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Box flexDirection="column" flexShrink={1}>
				{(Array.isArray(value) ? value : [value]).map((line) => (
					<Text key={line}>{line}</Text>
				))}
			</Box>
		</Box>
	);
}

/** Who registers, what is replaced and what comes next: the consequences of the yes, as the registration rules decide them. */
function Consequences({stage}: {stage: ConfirmStage}): React.ReactElement {
	const {registrant, nextStep, replaced} = consequences(stage);
	const then = nextStep.kind === 'portal' ? t('ui.confirm.nextPortal', {url: nextStep.portalUrl}) : t('ui.confirm.nextEmail', {address: nextStep.address});
	return (
		<>
			<Line label={t('ui.confirm.registrant')} value={t(`ui.registrant.${registrant}`)} />
			{replaced.length === 0 ? <Line label={t('ui.confirm.replaces')} value={t('ui.confirm.replacesNothing')} /> : null}
			{replaced.map((old) => (
				<Line
					key={old.sha256}
					label={t('ui.confirm.replaces')}
					value={t('ui.confirm.replaced', {holder: old.subject, date: formatDate(old.notAfter), sha: shaPrefix(old.sha256)})}
				/>
			))}
			<Line label={t('ui.confirm.next')} value={then} />
		</>
	);
}

/** The first 8 bytes of a SHA-256, as the certificate views write fingerprints: enough to tell two certificates apart aloud. */
export function shaPrefix(sha256: string): string {
	return formatFingerprint(sha256.slice(0, 16));
}

type ConfirmStage = Extract<Stage, {step: 'confirm' | 'registering'}>;

export function ConfirmStep(props: {stage: ConfirmStage; help: string | null; dispatch: Dispatch}): React.ReactElement {
	const theme = useTheme();
	const {stage, dispatch} = props;
	const {pick, account, placement, proof} = stage;
	const candidate = pick.candidate;
	const environment = account.environment;
	useTyping(proof.kind === 'pin');

	type Choice = 'yes' | 'sign' | 'no';
	const items: ListItem<Choice>[] = [
		{key: 'yes', label: t('ui.confirm.yes'), value: 'yes', disabled: !canConfirm(proof)},
		...(pick.candidate.entry.origin.kind !== 'file' && !(proof.kind === 'proved' && proof.proof.level === 'signature')
			? [{key: 'sign', label: t('ui.confirm.proveSign'), value: 'sign' as Choice, disabled: !canProveBySignature(pick, proof)}]
			: []),
		{key: 'no', label: t('ui.confirm.no'), value: 'no'},
	];
	const keyLine =
		candidate.keyMatches === true
			? {ok: true, text: t('ui.confirm.keyInFile')}
			: candidate.keyMatches === false
				? {ok: false, text: t('ui.confirm.keyNotInFile')}
				: proof.kind === 'proved'
					? {ok: proof.proof.ok, text: proof.proof.detail}
					: null;
	const c = candidate.assessment.certificate;
	const envName = environment.builtIn ? t(`ui.env.${environment.id}`) : environment.name;
	let action: React.ReactNode;
	if (proof.kind === 'pin') {
		const request = proof.request;
		action = (
			<Box flexDirection="column">
				{request.retry ? <Problem text={t('ui.source.wrongPin')} /> : null}
				{request.pinState === 'count-low' ? <Text color={theme.color.warn}>{t('ui.source.pinCountLow')}</Text> : null}
				{request.pinState === 'final-try' ? <Text color={theme.color.bad}>{t('ui.source.pinFinalTry')}</Text> : null}
				<TextField
					label={t('ui.source.pinFor', {target: request.target})}
					mask
					onSubmit={(value) => dispatch({type: 'submitSecret', value})}
					onCancel={() => dispatch({type: 'cancelSecret'})}
				/>
			</Box>
		);
	} else if (stage.step === 'registering') action = <Text>{t('ui.confirm.writing')}</Text>;
	else
		action = (
			<SelectList
				// A new list once a proof is in: the cursor starts on Yes again when Yes has become possible.
				key={proof.kind}
				items={items}
				onBack={() => dispatch({type: 'back'})}
				onSubmit={(item) => dispatch(item.value === 'yes' ? {type: 'confirm'} : item.value === 'sign' ? {type: 'proveBySignature'} : {type: 'back'})}
			/>
		);
	// The answer stays in sight below the summary, which scrolls when the terminal is short.
	const answer = (
		<>
			{keyLine ? (
				<Text color={keyLine.ok ? theme.color.ok : theme.color.bad}>{`${keyLine.ok ? theme.symbols.ok : theme.symbols.bad} ${keyLine.text}`}</Text>
			) : null}
			{proof.kind === 'checking' ? <Text dimColor>{t('ui.confirm.proving')}</Text> : null}
			{proof.kind === 'failed' ? <Problem text={proof.message} /> : null}
			{action}
			{stage.step === 'confirm' && stage.problem ? <Problem text={stage.problem} /> : null}
		</>
	);
	return (
		<Frame step="confirm" title={t('ui.confirm.title')} keys={useFooter()} help={props.help} actions={answer}>
			<Line label={t('ui.cert.subject')} value={certificateTitle(candidate.assessment)} />
			<Line label={t('ui.cert.issuer')} value={c.issuerCN ?? c.issuer} />
			<Line label={t('ui.cert.validity')} value={`${formatDate(c.notBefore)} – ${formatDate(c.notAfter)}`} />
			<Line label="SHA-256" value={fingerprintLines(c.fingerprints.sha256)} />
			<Line label={t('ui.confirm.env')} value={`${envName} (${environment.portalUrl})`} />
			<Line label={t('ui.confirm.account')} value={account.account} />
			{placement.pair ? (
				<Line
					label={t('ui.confirm.pairCert')}
					value={`${certificateTitle(placement.pair.partner.assessment)} (${placement.pair.partner.assessment.certificate.issuerCN ?? ''}) – ${placement.pair.roles.map((r) => t(`output.role.${r}`)).join(' + ')}`}
				/>
			) : null}
			<Line
				label={t('ui.confirm.slot')}
				value={t('ui.confirm.slotRoles', {
					n: placement.slot,
					roles: [
						...placement.roles.map((r) => t(`output.role.${r}`)),
						...(placement.pair ? [t('ui.confirm.pairRoles', {roles: placement.pair.roles.map((r) => t(`output.role.${r}`)).join(' + ')})] : []),
					].join(' + '),
				})}
			/>
			<Line label={t('ui.confirm.source')} value={candidate.sourceRef} />
			<Consequences stage={stage} />
		</Frame>
	);
}
