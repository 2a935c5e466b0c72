// The instructions shown on the final screen and written to next-steps.txt: one source for both,
// so the file always says exactly what the screen said.
import {t} from '../i18n/index.js';
import {fingerprintLines} from '../certificate/fingerprint.js';
import type {NextStep, SlotRole} from '../account/types.js';

export interface NextStepsInput {
	nextStep: NextStep;
	portalUrl: string;
	envName: string;
	account: string;
	slot: number;
	roles: SlotRole[];
	/** The other half of a pair going into the same slot. */
	partner?: {roles: SlotRole[]; cer: string; pem: string; sha256: string} | null;
	cerFile: string;
	pemFile: string;
	emlFile: string | null;
	sha256: string;
}

export function nextStepsLines(input: NextStepsInput): string[] {
	const roles = input.roles.map((role) => t(`output.role.${role}`)).join(' + ');
	// Two lines of 16 bytes each: easy to read out over the phone, never wrapped mid-byte.
	const fingerprint = fingerprintLines(input.sha256)
		.map((line) => `\n   ${line}`)
		.join('');
	const partner = input.partner;
	const partnerLines = partner
		? [
				t('output.portal.step3pair', {
					slot: input.slot,
					roles: partner.roles.map((role) => t(`output.role.${role}`)).join(' + '),
					cer: partner.cer,
					pem: partner.pem,
				}),
				t('output.portal.checkPair', {
					fingerprint: fingerprintLines(partner.sha256)
						.map((line) => `\n   ${line}`)
						.join(''),
				}),
			]
		: [];
	if (input.nextStep.kind === 'portal') {
		return [
			t('output.portal.title', {env: input.envName}),
			t('output.portal.step1', {url: input.portalUrl}),
			t('output.portal.step2', {account: input.account}),
			t('output.portal.step3', {slot: input.slot, roles, cer: input.cerFile, pem: input.pemFile}),
			...partnerLines.slice(0, 1),
			t('output.portal.step4'),
			t('output.portal.check', {fingerprint}),
			...partnerLines.slice(1),
			t('output.portal.trouble'),
		];
	}
	return [
		t('output.email.title', {address: input.nextStep.address}),
		t(`output.email.reason.${input.nextStep.reason}`),
		t('output.email.step1', {eml: input.emlFile ?? 'request.eml'}),
		t('output.email.step2', {address: input.nextStep.address}),
		t('output.email.step3', {slot: input.slot, env: input.envName}),
		t('output.portal.check', {fingerprint}),
		...partnerLines.slice(1),
	];
}
