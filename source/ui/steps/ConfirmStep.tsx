// Step 5: everything on one screen; nothing is written until an explicit yes.
import type React from 'react';
import {useEffect, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {t} from '../../i18n/index.js';
import type {Environment, SlotNumber, SlotRole} from '../../account/types.js';
import type {CandidateCertificate} from '../../flow/wizard.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {TextField} from '../components/TextField.js';
import type {KeyProof} from '../../services/wizard-services.js';
import type {SecretRequest} from '../../sources/types.js';
import {useTheme} from '../theme.js';
import {Frame, Problem} from '../components/Frame.js';
import {useTyping, useUiRuntime} from '../context.js';
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
	onConfirm: (proof: KeyProof | null) => void;
	onBack: () => void;
}): React.ReactElement {
	const {services} = useUiRuntime();
	const theme = useTheme();
	const onToken = props.candidate.entry.origin.kind !== 'file';
	const [proof, setProof] = useState<KeyProof | null>(null);
	const [proving, setProving] = useState(false);
	const [proofError, setProofError] = useState<string | null>(null);
	const [secretRequest, setSecretRequest] = useState<SecretRequest | null>(null);
	const secretResolve = useRef<((value: string | null) => void) | null>(null);
	useTyping(secretRequest !== null);

	const prove = (sign: boolean) => {
		setProving(true);
		setProofError(null);
		const secret = (request: SecretRequest) =>
			new Promise<string | null>((resolve) => {
				secretResolve.current = resolve;
				setSecretRequest(request);
			});
		const refuse = async () => null;
		services
			.prove(props.candidate, sign, sign ? secret : refuse)
			.then(setProof)
			.catch((error: Error) => setProofError(error.message))
			.finally(() => {
				setProving(false);
				setSecretRequest(null);
			});
	};
	// The PIN-free check costs nothing and catches a certificate whose key is not on this token.
	// biome-ignore lint/correctness/useExhaustiveDependencies: once, when the step opens
	useEffect(() => {
		if (onToken) prove(false);
	}, []);

	type Choice = 'yes' | 'sign' | 'no';
	const blocked = proof !== null && !proof.ok;
	const items: ListItem<Choice>[] = [
		{key: 'yes', label: t('ui.confirm.yes'), value: 'yes', disabled: blocked || proving},
		...(onToken && proof?.level !== 'signature' ? [{key: 'sign', label: t('ui.confirm.proveSign'), value: 'sign' as Choice, disabled: proving}] : []),
		{key: 'no', label: t('ui.confirm.no'), value: 'no'},
	];
	const keyLine =
		props.candidate.keyMatches === true
			? {ok: true, text: t('ui.confirm.keyInFile')}
			: props.candidate.keyMatches === false
				? {ok: false, text: t('ui.confirm.keyNotInFile')}
				: proof
					? {ok: proof.ok, text: proof.detail}
					: null;
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
			<Line label={t('ui.confirm.slot')} value={t('ui.confirm.slotRoles', {n: props.slot, roles: props.roles.map((r) => t(`output.role.${r}`)).join(' + ')})} />
			<Line label={t('ui.confirm.source')} value={shorten(props.candidate.sourceRef, 60)} />
			<Box marginTop={1} flexDirection="column">
				{keyLine ? (
					<Text
						color={keyLine.ok ? theme.color.ok : theme.color.bad}
						wrap="truncate-end"
					>{`${keyLine.ok ? theme.symbols.ok : theme.symbols.bad} ${keyLine.text}`}</Text>
				) : null}
				{proving && !secretRequest ? <Text dimColor>{t('ui.confirm.proving')}</Text> : null}
				{proofError ? <Problem text={proofError} /> : null}
				{secretRequest ? (
					<Box flexDirection="column">
						{secretRequest.retry ? <Problem text={t('ui.source.wrongPin')} /> : null}
						{secretRequest.pinState === 'count-low' ? <Text color={theme.color.warn}>{t('ui.source.pinCountLow')}</Text> : null}
						{secretRequest.pinState === 'final-try' ? <Text color={theme.color.bad}>{t('ui.source.pinFinalTry')}</Text> : null}
						<TextField
							label={t('ui.source.pinFor', {target: secretRequest.target})}
							mask
							onSubmit={(value) => secretResolve.current?.(value)}
							onCancel={() => secretResolve.current?.(null)}
						/>
					</Box>
				) : props.busy ? (
					<Text>{t('ui.confirm.writing')}</Text>
				) : (
					<SelectList
						items={items}
						onBack={props.onBack}
						onSubmit={(item) => (item.value === 'yes' ? props.onConfirm(proof) : item.value === 'sign' ? prove(true) : props.onBack())}
					/>
				)}
				{props.error ? <Problem text={props.error} /> : null}
			</Box>
		</Frame>
	);
}
