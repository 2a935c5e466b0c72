// Step 2: the certificate and the verdict. An unacceptable certificate can be looked at but not
// taken further; the person goes back and picks another. Every finding is shown whole, with its advice,
// wrapped to the terminal; a step taller than the terminal scrolls (the Frame names the keys).
import type React from 'react';
import {useState} from 'react';
import {Box, Text} from 'ink';
import {verdictText} from '../../output/verdict.js';
import {t} from '../../i18n/index.js';
import type {CandidateCertificate, Stage} from '../../flow/wizard.js';
import {useFooter} from '../bindings.js';
import type {Dispatch} from '../useWizard.js';
import type {Assessment} from '../../trust/types.js';
import {SelectList, type ListItem} from '../components/SelectList.js';
import {Frame, Problem} from '../components/Frame.js';
import {severitySymbol, useTheme} from '../theme.js';
import {daysLeftText, fingerprintLines, formatDate} from '../format.js';

function Row({label, children}: {label: string; children: React.ReactNode}): React.ReactElement {
	return (
		<Box>
			<Box width={13} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Box flexGrow={1} flexShrink={1}>
				{typeof children === 'string' ? <Text>{children}</Text> : children}
			</Box>
		</Box>
	);
}

export function certificateTitle(a: Assessment): string {
	const c = a.certificate;
	return c.identity.name ?? c.subjectCN ?? c.subject;
}

/** A mark and its text, the text wrapped under itself so the mark stays alone in its column. */
function Marked({mark, color, text}: {mark: string; color: string; text: string}): React.ReactElement {
	return (
		<Box>
			<Box flexShrink={0} marginRight={1}>
				<Text color={color}>{mark}</Text>
			</Box>
			<Box flexGrow={1} flexShrink={1}>
				<Text color={color}>{text}</Text>
			</Box>
		</Box>
	);
}

function Details({candidate, compact, checking}: {candidate: CandidateCertificate; compact: boolean; checking: boolean}): React.ReactElement {
	const theme = useTheme();
	const a = candidate.assessment;
	const c = a.certificate;
	const holder = [c.identity.organization, c.identity.ico ? t('ui.cert.ico', {ico: c.identity.ico}) : null].filter(Boolean).join(', ');
	const fits = a.uses.filter((u) => u.fits).map((u) => t(`ui.use.${u.use}`));
	return (
		<Box flexDirection="column">
			<Row label={t('ui.cert.subject')}>{certificateTitle(a)}</Row>
			{holder ? <Row label={t('ui.cert.holder')}>{holder}</Row> : null}
			<Row label={t('ui.cert.issuer')}>{c.issuerCN ?? c.issuer}</Row>
			{compact ? null : <Row label={t('ui.cert.serial')}>{c.serialNumber}</Row>}
			<Row label={t('ui.cert.validity')}>{`${formatDate(c.notBefore)} – ${formatDate(c.notAfter)} (${daysLeftText(a.daysLeft)})`}</Row>
			<Row label="SHA-256">
				<Box flexDirection="column">
					{fingerprintLines(c.fingerprints.sha256).map((line) => (
						<Text key={line}>{line}</Text>
					))}
				</Box>
			</Row>
			<Row label={t('ui.cert.verdict')}>
				<Marked mark={a.registrable ? theme.symbols.ok : theme.symbols.bad} color={a.registrable ? theme.color.ok : theme.color.bad} text={verdictText(a)} />
			</Row>
			{fits.length > 0 ? <Row label={t('ui.cert.fitsFor')}>{fits.join(', ')}</Row> : null}
			{checking ? <Text dimColor>{`  ${t('ui.cert.revocationChecking')}`}</Text> : null}
			{a.findings.map((f) => {
				const s = severitySymbol(theme, f.severity);
				return (
					<Box key={f.code} marginLeft={2}>
						<Marked mark={s.mark} color={s.color} text={f.message} />
					</Box>
				);
			})}
		</Box>
	);
}

type CertificateStage = Extract<Stage, {step: 'certificate'}>;

export function CertificateStep(props: {stage: CertificateStage; help: string | null; dispatch: Dispatch}): React.ReactElement {
	const theme = useTheme();
	const {stage, dispatch} = props;
	const candidates = stage.source.candidates;
	const [highlight, setHighlight] = useState(stage.initial);
	const current = candidates[highlight] ?? candidates[0];
	const many = candidates.length > 1;
	const groups = stage.source.groups;
	const others = groups.filter((g) => g === 'ca').length;
	const items: ListItem<number>[] = candidates.map((candidate, index) => ({
		key: `${index}:${candidate.assessment.certificate.fingerprints.sha256}`,
		label: certificateTitle(candidate.assessment),
		// Keyed certificates come first; CA certificates last, marked as the chain's companions.
		hint:
			groups[index] === 'ca'
				? t('ui.cert.companion')
				: [formatDate(candidate.assessment.certificate.notAfter), groups[index] === 'keyed' ? t('ui.cert.keyed') : null].filter(Boolean).join(' · '),
		value: index,
		mark: candidate.assessment.registrable ? {symbol: theme.symbols.ok, color: theme.color.ok} : {symbol: theme.symbols.bad, color: theme.color.bad},
	}));
	// The footer is the step's binding table; Enter does nothing on a certificate that cannot be taken further.
	const keys = useFooter(current.assessment.registrable ? [] : ['continue']);
	return (
		<Frame
			step="certificate"
			title={t('ui.cert.title')}
			keys={keys}
			help={props.help}
			scroll={{offset: stage.view.offset, onScroll: (offset) => dispatch({type: 'scrollCertificate', offset})}}
			actions={stage.refusal === 'NOT_REGISTRABLE' ? <Problem text={t('ui.refusal.NOT_REGISTRABLE')} /> : null}
		>
			<SelectList
				items={items}
				initialIndex={highlight}
				limit={many ? 4 : 1}
				onHighlight={(_, index) => {
					setHighlight(index);
					dispatch({type: 'scrollCertificate', offset: 0});
				}}
				onSubmit={(_, index) => dispatch({type: 'chooseCertificate', index})}
				onBack={() => dispatch({type: 'back'})}
			/>
			{others > 0 ? <Text dimColor>{t('ui.cert.others', {n: others})}</Text> : null}
			<Box marginTop={1}>
				<Details candidate={current} compact={many} checking={stage.revocation.kind === 'checking'} />
			</Box>
		</Frame>
	);
}
