// Turns a parsed certificate into what the ledger remembers: public data only, text already
// sanitised by the certificate room, but cleaned again because the ledger outlives this process.
import type {CertificateInfo} from '../certificate/types.js';
import type {CertRecord} from './types.js';

// C0, DEL and C1 controls plus bidi overrides: certificate text is hostile and ends up in terminals.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(value: string): string {
	return value.normalize('NFC').replace(CONTROL, '').trim();
}

function cleanOrNull(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const cleaned = cleanText(value);
	return cleaned === '' ? null : cleaned;
}

export function certRecordFrom(
	info: CertificateInfo,
	source: string,
	kind: CertRecord['kind'],
): CertRecord {
	return {
		sha256: info.fingerprints.sha256.toLowerCase(),
		sha1: info.fingerprints.sha1.toLowerCase(),
		subject: cleanText(info.subject),
		issuer: cleanText(info.issuer),
		serialNumber: info.serialNumber.toLowerCase(),
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
