// Revocation for the commands and the wizard alike: find the verified issuing CA of each assessed
// certificate, ask its OCSP responder or CRL (or nobody with --offline) and add the finding. The
// network module and the OCSP/CRL reader are imported only when a request is really made.
import {createHash} from 'node:crypto';
import type {AnchorSet} from '../trust/anchors.js';
import type {Assessment} from '../trust/types.js';
import type {RevocationFetcher} from '../trust/revocation.js';
import {withRevocation, type RevocationAnswer} from '../trust/revocation-verdict.js';
import type {Evaluated} from './evaluate.js';
import {describeJudgement} from './describe.js';

export interface RevocationContext {
	anchors: AnchorSet;
	/** --offline: ask nobody; the finding says the status was not checked. */
	offline: boolean;
	now: Date;
	/** Tests pass their own limits; the network door defaults to source/sources/net/http.ts. */
	fetcher?: RevocationFetcher;
	requestTimeoutMs?: number;
	totalTimeoutMs?: number;
}

const sha256 = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** The DER of the CA that verifiably signed the certificate: a shipped or --trust anchor, or a supplied companion. */
function issuerDer(assessment: Assessment, companions: Uint8Array[], anchors: AnchorSet): Uint8Array | null {
	const link = assessment.chain[1];
	if (!link || !assessment.chain[0]?.signatureVerified) return null;
	return anchors.bySha256(link.sha256)?.der ?? companions.find((der) => sha256(der) === link.sha256) ?? null;
}

/** The assessment with its revocation finding; CA and self-signed certificates are not asked about. */
export async function assessRevocation(assessment: Assessment, companions: Uint8Array[], ctx: RevocationContext): Promise<Assessment> {
	const cert = assessment.certificate;
	if (cert.isCA || cert.selfSigned) return assessment;
	let answer: RevocationAnswer;
	const issuer = issuerDer(assessment, companions, ctx.anchors);
	if (ctx.offline) answer = {status: 'unknown', reason: 'offline', attempts: []};
	else if (!issuer) answer = {status: 'unknown', reason: 'noIssuer', attempts: []};
	else {
		// The OCSP and CRL reader (and its ASN.1 schemas) load only when somebody is asked, and Node's http,
		// https and tls (and the proxy agents) only when a request is made: a certificate that names no OCSP
		// responder or CRL does without them (~2 MB of memory, ~5 ms of CPU).
		const {checkRevocation: askSources} = await import('../trust/revocation.js');
		const fetcher: RevocationFetcher = ctx.fetcher ?? {
			fetch: async (request, signal) => (await import('../sources/net/http.js')).httpFetcher().fetch(request, signal),
		};
		answer = await askSources(cert.der, issuer, fetcher, {now: ctx.now, requestTimeoutMs: ctx.requestTimeoutMs, totalTimeoutMs: ctx.totalTimeoutMs});
	}
	return describeJudgement(withRevocation(assessment, answer));
}

/** Every evaluated entry with its revocation finding, checked side by side. */
export function checkEvaluated(evaluated: Evaluated[], ctx: RevocationContext): Promise<Evaluated[]> {
	return Promise.all(evaluated.map(async (e) => ({entry: e.entry, assessment: await assessRevocation(e.assessment, e.entry.companions ?? [], ctx)})));
}
