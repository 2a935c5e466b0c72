// The lockout behaviour through the token interface: SoftHSM never sets FINAL_TRY or LOCKED, so a
// fake token driven by flags plays the card.
import {describe, expect, it} from 'vitest';
import {
	authenticate,
	CKF_LOGIN_REQUIRED,
	CKF_PROTECTED_AUTHENTICATION_PATH,
	CKF_TOKEN_INITIALIZED,
	CKF_USER_PIN_COUNT_LOW,
	CKF_USER_PIN_FINAL_TRY,
	CKF_USER_PIN_INITIALIZED,
	CKF_USER_PIN_LOCKED,
	CKF_USER_PIN_TO_BE_CHANGED,
	pinPolicy,
	type LoginResult,
	type TokenSession,
} from '../../source/sources/pkcs11/pin-policy.js';
import {SourceError, type SecretRequest} from '../../source/sources/types.js';

const BASE = CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED;

/** A card with a PIN retry counter of `tries`, reporting flags the way real cards do. */
class FakeCard implements TokenSession {
	logins: Array<string | null> = [];
	infoReads = 0;
	constructor(
		private tries: number,
		private readonly pin: string,
		private readonly extra = 0,
		private readonly max = 3,
	) {}
	get flags(): number {
		let f = BASE | this.extra;
		if (this.tries === 0) f |= CKF_USER_PIN_LOCKED;
		else if (this.tries === 1) f |= CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW;
		else if (this.tries < this.max) f |= CKF_USER_PIN_COUNT_LOW;
		return f;
	}
	async tokenInfo() {
		this.infoReads++;
		return {label: 'Karta', flags: this.flags};
	}
	async login(pin: string | null): Promise<LoginResult> {
		this.logins.push(pin);
		if (this.tries === 0) return 'pin-locked';
		if ((this.extra & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0) return 'ok';
		if (pin === this.pin) {
			this.tries = this.max;
			return 'ok';
		}
		this.tries--;
		return this.tries === 0 ? 'pin-locked' : 'pin-incorrect';
	}
}

function person(...answers: Array<string | null>) {
	const requests: SecretRequest[] = [];
	return {
		requests,
		secret: async (r: SecretRequest) => {
			requests.push(r);
			if (answers.length === 0) throw new Error('prompted more often than the test expects');
			return answers.shift()!;
		},
	};
}

const failure = async (p: Promise<unknown>) => {
	try {
		await p;
		return null;
	} catch (e) {
		return e instanceof SourceError ? {code: e.code, reason: e.params['reason']} : e;
	}
};

describe('pinPolicy', () => {
	it('maps token flags to allowed / warning / block reason / pinpad', () => {
		expect(pinPolicy(BASE)).toEqual({allowed: true, warning: null, blockReason: null, pinpad: false});
		expect(pinPolicy(BASE | CKF_USER_PIN_COUNT_LOW).warning).toBe('count-low');
		expect(pinPolicy(BASE | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY).warning).toBe('final-try');
		expect(pinPolicy(BASE | CKF_USER_PIN_LOCKED)).toMatchObject({allowed: false, blockReason: 'locked'});
		expect(pinPolicy(BASE | CKF_USER_PIN_TO_BE_CHANGED)).toMatchObject({allowed: false, blockReason: 'to-be-changed'});
		expect(pinPolicy(CKF_LOGIN_REQUIRED)).toMatchObject({allowed: false, blockReason: 'not-initialized'});
		expect(pinPolicy(CKF_TOKEN_INITIALIZED)).toMatchObject({allowed: false, blockReason: 'pin-not-set'});
		expect(pinPolicy(BASE | CKF_PROTECTED_AUTHENTICATION_PATH)).toMatchObject({allowed: true, pinpad: true});
	});
});

describe('authenticate through the token interface', () => {
	it('warns count-low, then final-try, then refuses at locked, one prompt per attempt', async () => {
		const card = new FakeCard(3, '1234');
		const p = person('1', '2', '3');
		expect(await failure(authenticate(card, {secret: p.secret, maxPrompts: 5}))).toEqual({code: 'PIN_LOCKED', reason: 'locked'});
		expect(p.requests.map((r) => [r.retry, r.pinState])).toEqual([
			[false, 'ok'],
			[true, 'count-low'],
			[true, 'final-try'],
		]);
		// Every PIN sent was typed by the person; none was repeated by the flow.
		expect(card.logins).toEqual(['1', '2', '3']);
		expect(card.infoReads).toBe(3);
	});

	it('refuses a locked card before asking for anything', async () => {
		const card = new FakeCard(0, '1234');
		const p = person();
		expect(await failure(authenticate(card, {secret: p.secret}))).toEqual({code: 'PIN_LOCKED', reason: 'locked'});
		expect(p.requests).toEqual([]);
		expect(card.logins).toEqual([]);
	});

	it('starts at final-try when the card already reports it, and succeeds with the right PIN', async () => {
		const card = new FakeCard(1, '1234');
		const p = person('1234');
		expect(await authenticate(card, {secret: p.secret})).toEqual({status: 'ok', prompts: 1, pinpad: false});
		expect(p.requests[0]).toEqual({kind: 'pin', target: 'Karta', retry: false, pinState: 'final-try'});
	});

	it('never prompts in the terminal for a pinpad token', async () => {
		const card = new FakeCard(3, '1234', CKF_PROTECTED_AUTHENTICATION_PATH);
		const p = person();
		expect(await authenticate(card, {secret: p.secret})).toEqual({status: 'ok', prompts: 0, pinpad: true});
		expect(card.logins).toEqual([null]);
	});

	it('stops at a PIN that must be changed, and on cancel sends nothing', async () => {
		expect(await failure(authenticate(new FakeCard(3, '1', CKF_USER_PIN_TO_BE_CHANGED), {secret: person().secret}))).toEqual({
			code: 'PKCS11_ERROR',
			reason: 'to-be-changed',
		});
		const card = new FakeCard(3, '1234');
		expect(await authenticate(card, {secret: person(null).secret})).toEqual({status: 'cancelled', prompts: 1});
		expect(card.logins).toEqual([]);
	});
});
