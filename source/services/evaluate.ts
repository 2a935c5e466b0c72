// Turns loaded entries into assessed certificates: parse, then judge against the trust anchors.
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {parseCertificateCached, CertificateParseError} from '../certificate/parse.js';
import {AnchorSet} from '../trust/anchors.js';
import {assess} from '../trust/assess.js';
import {describeJudgement} from './describe.js';
import type {Assessment} from '../trust/types.js';
import type {CertificateEntry} from '../sources/types.js';
import {SourceError} from '../sources/types.js';
import {cleanText} from '../certificate/sanitize.js';
import {t} from '../i18n/index.js';

export interface Evaluated {
	entry: CertificateEntry;
	assessment: Assessment;
}

export interface Unparsable {
	entry: CertificateEntry;
	error: string;
}

export function evaluateEntries(entries: CertificateEntry[], anchors: AnchorSet, now: Date): {evaluated: Evaluated[]; unparsable: Unparsable[]} {
	const evaluated: Evaluated[] = [];
	const unparsable: Unparsable[] = [];
	for (const entry of entries) {
		try {
			const info = parseCertificateCached(entry.der);
			evaluated.push({entry, assessment: describeJudgement(assess(info, {anchors, companions: entry.companions, now}))});
		} catch (error) {
			if (!(error instanceof CertificateParseError)) throw error;
			unparsable.push({entry, error: error.message});
		}
	}
	return {evaluated, unparsable};
}

const CERT_EXTENSIONS = new Set(['.pem', '.cer', '.crt', '.der']);

/** --trust FILE|DIR: CA certificates the person adds locally (newer CAs, tests). */
export async function loadAnchors(trustRefs: string[], cwd: string): Promise<AnchorSet> {
	const shipped = AnchorSet.shipped();
	if (trustRefs.length === 0) return shipped;
	const {readCertificateFile} = await import('../sources/files/read.js');
	const refuse = async () => {
		throw new SourceError('UNSUPPORTED_FORMAT', 'password-protected files cannot be trust anchors');
	};
	const ders: Uint8Array[] = [];
	for (const ref of trustRefs) {
		const target = path.resolve(cwd, ref);
		const info = await stat(target).catch(() => null);
		const files =
			info?.isDirectory() === true
				? (await readdir(target))
						.filter((name) => CERT_EXTENSIONS.has(path.extname(name).toLowerCase()))
						.sort()
						.map((name) => path.join(target, name))
				: [target];
		for (const file of files) {
			for (const entry of await readCertificateFile(file, {secret: refuse})) {
				// Refused here, naming the file: only a CA can vouch for an issuer.
				const info = parseCertificateCached(entry.der);
				if (!info.isCA) {
					const params = {file: cleanText(file), subject: cleanText(info.subjectCN ?? info.subject), reason: 'not-ca'};
					throw new SourceError('UNSUPPORTED_FORMAT', t('common.trustNotCa', params), params);
				}
				ders.push(entry.der);
			}
		}
	}
	return shipped.withLocal(ders);
}
