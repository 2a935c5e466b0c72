// What a revocation answer means for the verdict: the finding it adds, and that a revoked certificate is
// no longer registrable. Apart from trust/revocation.ts, which asks the sources and reads their ASN.1,
// so a run that asks nobody (--offline, a self-signed certificate) does not load the OCSP and CRL code.
import {cleanText} from '../certificate/sanitize.js';
import {finding} from './assess.js';
import type {Judged as JudgedFinding, Judgement, UseJudged} from './types.js';

export type RevocationSource = 'ocsp' | 'crl';

/** Why the status stays unknown; each has a sentence in the trust catalog. */
export type UnknownReason =
	| 'offline'
	| 'noSource'
	| 'noIssuer'
	| 'unreachable'
	| 'timeout'
	| 'httpStatus'
	| 'tooLarge'
	| 'malformed'
	| 'responderStatus'
	| 'badSignature'
	| 'responderNotAuthorised'
	| 'unsupportedAlgorithm'
	| 'wrongIssuer'
	| 'noMatchingResponse'
	| 'statusUnknown'
	| 'stale'
	| 'notYetValid';

export interface RevocationAttempt {
	source: RevocationSource;
	url: string;
	reason: UnknownReason;
	detail?: string;
}

export type RevocationAnswer =
	| {status: 'good'; source: RevocationSource; url: string; thisUpdate: Date; nextUpdate: Date | null}
	| {status: 'revoked'; source: RevocationSource; url: string; revokedAt: Date; reason: string | null}
	| {status: 'unknown'; reason: UnknownReason; attempts: RevocationAttempt[]};

/** The finding an answer (or --offline, or a chain without a verified issuer) gives. */
function revocationFinding(answer: RevocationAnswer): JudgedFinding {
	switch (answer.status) {
		case 'good':
			return finding('REVOCATION_GOOD', 'info', {source: answer.source.toUpperCase(), url: cleanText(answer.url), date: answer.thisUpdate.toISOString()});
		case 'revoked': {
			const params = {source: answer.source.toUpperCase(), url: cleanText(answer.url), date: answer.revokedAt.toISOString(), reason: answer.reason ?? ''};
			return answer.reason ? finding('REVOKED', 'error', params, 'withReason') : finding('REVOKED', 'error', params);
		}
		case 'unknown': {
			const first = answer.attempts[0];
			const params: Record<string, string> = {reason: answer.reason};
			if (first) {
				params['source'] = first.source.toUpperCase();
				params['url'] = cleanText(first.url);
			}
			return finding('REVOCATION_UNKNOWN', 'warning', params, answer.reason);
		}
	}
}

/** The judgement with the revocation finding added; a revoked certificate is no longer registrable. */
export function withRevocation(judgement: Judgement, answer: RevocationAnswer): Judgement {
	const findings: JudgedFinding[] = [...judgement.findings.filter((f) => !REVOCATION_CODES.has(f.code)), revocationFinding(answer)];
	const registrable = !findings.some((f) => f.severity === 'error');
	const uses = registrable ? judgement.uses : judgement.uses.map((u): UseJudged => (u.fits ? {use: u.use, fits: false, why: 'fitsButErrors'} : u));
	return {...judgement, findings, registrable, uses};
}

const REVOCATION_CODES = new Set<string>(['REVOKED', 'REVOCATION_UNKNOWN', 'REVOCATION_GOOD']);
