import {describe, expect, it} from 'vitest';
import {initialState, wizardReducer, stepNumber, type CandidateCertificate, type WizardState} from '../../source/flow/wizard.js';
import type {Assessment} from '../../source/trust/types.js';

function candidate(registrable: boolean): CandidateCertificate {
	return {
		assessment: {registrable} as Assessment,
		sourceRef: '/tmp/a.cer',
		keyMatches: null,
		entry: {der: new Uint8Array(), origin: {kind: 'file', path: '/tmp/a.cer', format: 'der', index: 0}, companions: [], keyMatches: null},
	};
}

const run = (state: WizardState, ...intents: Parameters<typeof wizardReducer>[1][]) => intents.reduce(wizardReducer, state);

describe('wizard flow', () => {
	it('walks the five steps in order', () => {
		const s = run(
			initialState(),
			{type: 'sourceLoaded', sourceRef: 'a', candidates: [candidate(true)]},
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', envId: 'sandbox', account: ' U1 '},
			{type: 'setProfile', profile: {role: 'admin', newCompany: false, pozeProducer: false}},
			{type: 'chooseSlot', slot: 2, roles: ['auth', 'sign']},
		);
		expect(s.step).toBe('confirm');
		expect(s).toMatchObject({envId: 'sandbox', account: 'U1', slot: 2, roles: ['auth', 'sign']});
		expect(stepNumber(s.step)).toBe(5);
		expect(run(s, {type: 'registered'}).step).toBe('done');
	});

	it('refuses to go past an unacceptable certificate', () => {
		const s = run(
			initialState(),
			{type: 'sourceLoaded', sourceRef: 'a', candidates: [candidate(false), candidate(true)]},
			{type: 'chooseCertificate', index: 0},
		);
		expect(s.step).toBe('certificate');
		expect(s.refusal).toBe('NOT_REGISTRABLE');
		expect(run(s, {type: 'chooseCertificate', index: 1}).step).toBe('environment');
	});

	it('goes back one step at a time and keeps earlier answers', () => {
		const atConfirm = run(
			initialState(),
			{type: 'sourceLoaded', sourceRef: 'a', candidates: [candidate(true)]},
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', envId: 'production', account: 'U1'},
			{type: 'chooseSlot', slot: 4, roles: ['auth']},
		);
		const back1 = run(atConfirm, {type: 'back'});
		expect(back1.step).toBe('slot');
		const back2 = run(back1, {type: 'back'});
		expect(back2).toMatchObject({step: 'environment', envId: 'production', account: 'U1'});
		const back3 = run(back2, {type: 'back'}, {type: 'back'});
		expect(back3.step).toBe('source');
		expect(back3.candidates).toEqual([]);
		expect(run(back3, {type: 'back'}).step).toBe('source');
	});

	it('forgets the profile when the account changes', () => {
		const s = run(
			initialState({account: 'U1'}),
			{type: 'sourceLoaded', sourceRef: 'a', candidates: [candidate(true)]},
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', envId: 'production', account: 'U1'},
			{type: 'setProfile', profile: {role: 'owner', newCompany: false, pozeProducer: false}},
			{type: 'back'},
			{type: 'chooseEnvironment', envId: 'production', account: 'U2'},
		);
		expect(s.profile).toBeNull();
	});

	it('ignores intents that do not belong to the current step', () => {
		const s = initialState();
		expect(run(s, {type: 'chooseSlot', slot: 1, roles: ['auth']})).toBe(s);
		expect(run(s, {type: 'registered'})).toBe(s);
	});

	it('refuses an empty source and an empty role choice', () => {
		expect(run(initialState(), {type: 'sourceLoaded', sourceRef: 'a', candidates: []}).refusal).toBe('NO_CERTIFICATE');
		const atSlot = run(
			initialState(),
			{type: 'sourceLoaded', sourceRef: 'a', candidates: [candidate(true)]},
			{type: 'chooseCertificate', index: 0},
			{type: 'chooseEnvironment', envId: 'production', account: ''},
		);
		expect(atSlot.account).toBe('default');
		expect(run(atSlot, {type: 'chooseSlot', slot: 1, roles: []}).refusal).toBe('NO_ROLE');
	});
});
