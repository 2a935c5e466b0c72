// Turns a parsed certificate into what the ledger remembers: public data only, text already
// sanitised by the certificate room, but cleaned again because the ledger outlives this process.
import type {CertificateInfo} from '../certificate/types.js';
import type {CertRecord} from './types.js';
import {cleanText as cleanCertificateText} from '../certificate/sanitize.js';

/** Sanitised and trimmed: the ledger outlives this process, so text is cleaned again on the way in. */
export function cleanText(value: string): string {
	return cleanCertificateText(value).trim();
}

function cleanOrNull(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const cleaned = cleanText(value);
	return cleaned === '' ? null : cleaned;
}

export function certRecordFrom(info: CertificateInfo, source: string, kind: CertRecord['kind']): CertRecord {
	return {
		sha256: info.fingerprints.sha256.toLowerCase(),
		sha1: info.fingerprints.sha1.toLowerCase(),
		subject: cleanText(info.subject),
		issuer: cleanText(info.issuer),
		serialNumber: info.serialNumber,
		notBefore: info.notBefore.toISOString(),
		notAfter: info.notAfter.toISOString(),
		holder: {
			name: cleanOrNull(info.identity.name ?? info.subjectCN),
			ico: cleanOrNull(info.identity.ico),
			caUserId: cleanOrNull(info.identity.caUserId),
		},
		source: cleanText(source),
		kind,
	};
}
