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
	if (input.nextStep.kind === 'portal') {
		return [
			t('output.portal.title', {env: input.envName}),
			t('output.portal.step1', {url: input.portalUrl}),
			t('output.portal.step2', {account: input.account}),
			t('output.portal.step3', {slot: input.slot, roles, cer: input.cerFile, pem: input.pemFile}),
			t('output.portal.step4'),
			t('output.portal.check', {fingerprint}),
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
	];
}
