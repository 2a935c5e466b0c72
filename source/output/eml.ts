// request.eml: a ready request to OTE (Services@ or POZE@) as an RFC 5322 / MIME message any mail
// program opens. Czech first (OTE is Czech), English below. No From: the person sends it from their
// own mailbox; X-Unsent makes Outlook open it as a draft ready to send.
import {randomUUID} from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import {cleanText, safeFileStem} from '../certificate/sanitize.js';
import {formatFingerprint} from '../certificate/fingerprint.js';
import {rolesText} from '../i18n/account-texts.js';
import {DEFAULT_ACCOUNT} from '../account/ledger-data.js';
import type {NextStep, SlotNumber, SlotRole} from '../account/types.js';
import {t, type Lang} from '../i18n/index.js';

export type RequestReason = Extract<NextStep, {kind: 'email'}>['reason'];

export interface RequestEmailInput {
	to: string;
	/** CS OTE user id; "default" (unknown) leaves a placeholder for the person to fill in. */
	account: string;
	env: {id: string; name: string};
	portalUrl: string;
	slot: SlotNumber;
	roles?: SlotRole[];
	certificate: {
		der: Uint8Array;
		/** Attachment name without extension (the package's .cer stem); sanitised again here by the same rule. */
		fileStem: string;
		sha256: string;
		sha1: string;
		subject: string;
		/** ISO 8601 or Date. */
		notAfter: string | Date;
	};
	/** The other half of a pair registered into the same slot: its own roles, its own attachment. */
	partner?: {roles: SlotRole[]; certificate: RequestEmailInput['certificate']} | null;
	reason: RequestReason;
	/** Optional sender; by default the message has no From and the person sends it from their mailbox. */
	from?: string;
	/** Fixed for reproducible output in tests; defaults to now. */
	date?: Date;
}

export {formatFingerprint};

function headerText(value: string): string {
	// Header injection guard on top of the library's own encoding.
	return cleanText(value).replace(/[\r\n]+/g, ' ');
}

function isoDate(value: string | Date): string {
	const date = typeof value === 'string' ? new Date(value) : value;
	return Number.isNaN(date.getTime())
		? cleanText(String(value))
		: date
				.toISOString()
				.replace('T', ' ')
				.replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

function part(lang: Lang, input: RequestEmailInput, fileName: string): string {
	const c = input.certificate;
	const account = headerText(input.account);
	const roles = input.roles?.length ? input.roles : (['auth', 'sign'] as SlotRole[]);
	return [
		t('account.eml.greeting', {}, lang),
		'',
		t('account.eml.request', {}, lang),
		t(`account.eml.reason.${input.reason}`, {}, lang),
		'',
		account === DEFAULT_ACCOUNT || account === '' ? t('account.eml.accountUnknown', {}, lang) : t('account.eml.account', {account}, lang),
		t('account.eml.env', {name: headerText(input.env.name), url: headerText(input.portalUrl)}, lang),
		t('account.eml.slot', {slot: input.slot}, lang),
		t('account.eml.roles', {roles: rolesText(roles, lang)}, lang),
		t('account.eml.subjectLine', {subject: headerText(c.subject)}, lang),
		t('account.eml.notAfter', {date: isoDate(c.notAfter)}, lang),
		t('account.eml.sha256', {value: formatFingerprint(c.sha256)}, lang),
		t('account.eml.sha1', {value: formatFingerprint(c.sha1)}, lang),
		'',
		t('account.eml.attachment', {file: fileName}, lang),
		...(input.partner ? ['', ...partnerLines(lang, input.partner)] : []),
		'',
		t('account.eml.closing', {}, lang),
		t('account.eml.signature', {}, lang),
	].join('\n');
}

function partnerLines(lang: Lang, partner: NonNullable<RequestEmailInput['partner']>): string[] {
	const c = partner.certificate;
	return [
		t('account.eml.roles', {roles: rolesText(partner.roles, lang)}, lang),
		t('account.eml.subjectLine', {subject: headerText(c.subject)}, lang),
		t('account.eml.notAfter', {date: isoDate(c.notAfter)}, lang),
		t('account.eml.sha256', {value: formatFingerprint(c.sha256)}, lang),
		t('account.eml.sha1', {value: formatFingerprint(c.sha1)}, lang),
		t('account.eml.attachment', {file: `${safeFileStem(c.fileStem)}.cer`}, lang),
	];
}

export async function buildRequestEml(input: RequestEmailInput): Promise<Buffer> {
	const fileName = `${safeFileStem(input.certificate.fileStem)}.cer`;
	const account = headerText(input.account);
	const shownAccount = account === DEFAULT_ACCOUNT || account === '' ? '?' : account;
	const subjectKey = input.reason === 'poze-producer' ? 'account.eml.subject.poze' : 'account.eml.subject.register';
	const env = headerText(input.env.name);
	const subject = `${t(subjectKey, {account: shownAccount, env}, 'cs')} / ${t(subjectKey, {account: shownAccount, env}, 'en')}`;
	const text = [
		t('account.eml.note', {}, 'cs'),
		t('account.eml.note', {}, 'en'),
		'',
		part('cs', input, fileName),
		'',
		'----- English -----',
		'',
		part('en', input, fileName),
		'',
	].join('\n');

	const composer = new MailComposer({
		...(input.from ? {from: headerText(input.from)} : {}),
		to: headerText(input.to),
		subject,
		text,
		date: input.date ?? new Date(),
		// Our own id: nodemailer would otherwise put this machine's host name into Message-ID.
		messageId: `<${randomUUID()}@ote-cert.invalid>`,
		headers: {'X-Unsent': '1'},
		attachments: [
			{
				filename: fileName,
				content: Buffer.from(input.certificate.der),
				contentType: 'application/pkix-cert',
				contentTransferEncoding: 'base64',
			},
			...(input.partner
				? [
						{
							filename: `${safeFileStem(input.partner.certificate.fileStem)}.cer`,
							content: Buffer.from(input.partner.certificate.der),
							contentType: 'application/pkix-cert',
							contentTransferEncoding: 'base64' as const,
						},
					]
				: []),
		],
	});
	return composer.compile().build();
}
