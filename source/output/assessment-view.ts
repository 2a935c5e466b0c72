// One rendering of an assessment for the plain-text and JSON outputs, so `inspect`, `register` and
// the diagnostic report say the same thing in the same words.
import {verdictText} from './verdict.js';
import {daysLeftText} from '../ui/format.js';
import {t} from '../i18n/index.js';
import {cleanText} from '../certificate/sanitize.js';
import {formatFingerprint} from '../certificate/fingerprint.js';
import type {Assessment} from '../trust/types.js';
import type {CertificateEntry} from '../sources/types.js';
import {SCHEMA_ID} from './schemas.js';

function describeOrigin(entry: CertificateEntry): string {
	const o = entry.origin;
	return cleanText(o.kind === 'file' ? o.path : o.uri);
}

export function assessmentJson(a: Assessment, entry: CertificateEntry) {
	const c = a.certificate;
	return {
		$schema: SCHEMA_ID.inspect,
		source: describeOrigin(entry),
		subject: c.subject,
		issuer: c.issuer,
		serialNumber: c.serialNumber,
		notBefore: c.notBefore.toISOString(),
		notAfter: c.notAfter.toISOString(),
		daysLeft: a.daysLeft,
		fingerprints: {sha256: c.fingerprints.sha256, sha1: c.fingerprints.sha1},
		publicKey: c.publicKey,
		signatureAlgorithm: c.signatureAlgorithm,
		identity: c.identity,
		qc: c.qc,
		policies: c.policies,
		keyUsage: c.keyUsage,
		extendedKeyUsage: c.extendedKeyUsage,
		approval: a.approval,
		kind: a.approval.kind,
		chain: a.chain,
		uses: a.uses,
		findings: a.findings.map((f) => ({code: f.code, severity: f.severity, message: f.message})),
		registrable: a.registrable,
		keyMatches: entry.keyMatches,
	};
}

const MARK = {error: '✗', warning: '!', info: 'i'} as const;
const MARK_ASCII = {error: 'x', warning: '!', info: 'i'} as const;

export function assessmentText(a: Assessment, entry: CertificateEntry, ascii = false): string {
	const c = a.certificate;
	const marks = ascii ? MARK_ASCII : MARK;
	const fp = formatFingerprint(c.fingerprints.sha256);
	const lines = [
		`${t('ui.cert.subject')}: ${c.subject}`,
		`${t('ui.cert.issuer')}: ${c.issuer}`,
		`${t('ui.cert.serial')}: ${c.serialNumber}`,
		`${t('ui.cert.validity')}: ${c.notBefore.toISOString().slice(0, 10)} – ${c.notAfter.toISOString().slice(0, 10)} (${daysLeftText(a.daysLeft)})`,
		`SHA-256: ${fp}`,
		`${t('ui.confirm.source')}: ${describeOrigin(entry)}`,
	];
	if (c.identity.ico) lines.push(t('ui.cert.ico', {ico: c.identity.ico}));
	if (a.chain.length > 1) lines.push(`${t('inspect.chain')}: ${a.chain.map((l) => l.subject).join(' → ')}`);
	const verdict = verdictText(a);
	lines.push(`${t('ui.cert.verdict')}: ${a.registrable ? (ascii ? '+' : '✓') : marks.error} ${verdict}`);
	const fits = a.uses.filter((u) => u.fits).map((u) => t(`ui.use.${u.use}`));
	if (fits.length > 0) lines.push(`${t('ui.cert.fitsFor')}: ${fits.join(', ')}`);
	for (const f of a.findings) lines.push(`  ${marks[f.severity]} [${f.code}] ${f.message}`);
	return lines.join('\n');
}
