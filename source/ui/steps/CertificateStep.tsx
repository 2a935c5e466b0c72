// Step 2: the certificate and the verdict. An unacceptable certificate can be looked at but not
// taken further; the person goes back and picks another.
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
import {daysLeftText, fingerprintLines, formatDate, shorten} from '../format.js';

function Row({label, children}: {label: string; children: React.ReactNode}): React.ReactElement {
	return (
		<Box>
			<Box width={13} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Box flexGrow={1}>{typeof children === 'string' ? <Text wrap="truncate-end">{children}</Text> : children}</Box>
		</Box>
	);
}

export function certificateTitle(a: Assessment): string {
	const c = a.certificate;
	return c.identity.name ?? c.subjectCN ?? c.subject;
}

function Details({candidate, compact}: {candidate: CandidateCertificate; compact: boolean}): React.ReactElement {
	const theme = useTheme();
	const a = candidate.assessment;
	const c = a.certificate;
	const verdict = verdictText(a);
	const holder = [c.identity.organization, c.identity.ico ? t('ui.cert.ico', {ico: c.identity.ico}) : null].filter(Boolean).join(', ');
	const findings = a.findings;
	const shownFindings = compact ? findings.slice(0, 3) : findings.slice(0, 5);
	const fits = a.uses.filter((u) => u.fits).map((u) => t(`ui.use.${u.use}`));
	return (
		<Box flexDirection="column">
			<Row label={t('ui.cert.subject')}>{shorten(certificateTitle(a), 64)}</Row>
			{holder ? <Row label={t('ui.cert.holder')}>{shorten(holder, 64)}</Row> : null}
			<Row label={t('ui.cert.issuer')}>{shorten(c.issuerCN ?? c.issuer, 64)}</Row>
			{compact ? null : <Row label={t('ui.cert.serial')}>{shorten(c.serialNumber, 64)}</Row>}
			<Row label={t('ui.cert.validity')}>{`${formatDate(c.notBefore)} – ${formatDate(c.notAfter)} (${daysLeftText(a.daysLeft)})`}</Row>
			<Row label="SHA-256">
				<Box flexDirection="column">
					{fingerprintLines(c.fingerprints.sha256).map((line) => (
						<Text key={line}>{line}</Text>
					))}
				</Box>
			</Row>
			<Row label={t('ui.cert.verdict')}>
				<Text color={a.registrable ? theme.color.ok : theme.color.bad} wrap="truncate-end">
					{`${a.registrable ? theme.symbols.ok : theme.symbols.bad} ${verdict}`}
				</Text>
			</Row>
			{fits.length > 0 ? <Row label={t('ui.cert.fitsFor')}>{shorten(fits.join(', '), 64)}</Row> : null}
			{shownFindings.map((f) => {
				const s = severitySymbol(theme, f.severity);
				return (
					<Text key={f.code} color={s.color} wrap="truncate-end">
						{`  ${s.mark} ${f.message}`}
					</Text>
				);
			})}
			{findings.length > shownFindings.length ? <Text dimColor>{`  ${t('ui.cert.moreFindings', {n: findings.length - shownFindings.length})}`}</Text> : null}
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
		label: shorten(certificateTitle(candidate.assessment), 50),
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
		<Frame step="certificate" title={t('ui.cert.title')} keys={keys} help={props.help}>
			<SelectList
				items={items}
				initialIndex={highlight}
				limit={many ? 4 : 1}
				onHighlight={(_, index) => setHighlight(index)}
				onSubmit={(_, index) => dispatch({type: 'chooseCertificate', index})}
				onBack={() => dispatch({type: 'back'})}
			/>
			{others > 0 ? <Text dimColor>{t('ui.cert.others', {n: others})}</Text> : null}
			<Box marginTop={1}>
				<Details candidate={current} compact={many} />
			</Box>
			{stage.refusal === 'NOT_REGISTRABLE' ? <Problem text={t('ui.refusal.NOT_REGISTRABLE')} /> : null}
		</Frame>
	);
}
