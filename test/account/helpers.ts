import {createHash} from 'node:crypto';
import type {CertRecord} from '../../source/account/types.js';

const DAY = 86_400_000;
export const NOW = new Date('2026-06-01T12:00:00Z');

function inDays(days: number, from: Date = NOW): string {
	return new Date(from.getTime() + days * DAY).toISOString();
}

/** A ledger record; the fingerprint is derived from a label so distinct labels never collide. */
export function record(label: string, opts: {name?: string | null; ico?: string | null; caUserId?: string | null; daysLeft?: number} = {}): CertRecord {
	const sha256 = createHash('sha256').update(label).digest('hex');
	return {
		sha256,
		sha1: createHash('sha1').update(label).digest('hex'),
		subject: `CN=${opts.name ?? label}`,
		issuer: 'CN=I.CA EU Qualified CA2/RSA 06/2022',
		serialNumber: sha256.slice(0, 16),
		notBefore: inDays(-365),
		notAfter: inDays(opts.daysLeft ?? 300),
		holder: {
			name: opts.name === undefined ? 'Jana Nováková' : opts.name,
			ico: opts.ico === undefined ? '12345678' : opts.ico,
			caUserId: opts.caUserId === undefined ? null : opts.caUserId,
		},
		source: `/tmp/${label}.cer`,
		kind: 'qualified',
	};
}
