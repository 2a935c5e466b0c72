// What a token's flags allow before a PIN is sent, and the one login flow every caller uses. Pure:
// the token is behind TokenSession, so the lockout behaviour is tested with a fake token (SoftHSM
// never sets FINAL_TRY or LOCKED).
import {SourceError, type SecretProvider} from '../types.js';

export const CKF_LOGIN_REQUIRED = 0x4;
export const CKF_PROTECTED_AUTHENTICATION_PATH = 0x100;
export const CKF_TOKEN_INITIALIZED = 0x400;
export const CKF_USER_PIN_COUNT_LOW = 0x10000;
export const CKF_USER_PIN_FINAL_TRY = 0x20000;
export const CKF_USER_PIN_LOCKED = 0x40000;
export const CKF_USER_PIN_TO_BE_CHANGED = 0x80000;
export const CKF_USER_PIN_INITIALIZED = 0x8;

export interface TokenFlags {
	label: string;
	/** Raw CK_TOKEN_INFO.flags. */
	flags: number;
}

export interface TokenFlagSummary {
	initialized: boolean;
	loginRequired: boolean;
	pinpad: boolean;
	userPinInitialized: boolean;
	countLow: boolean;
	finalTry: boolean;
	locked: boolean;
	toBeChanged: boolean;
}

export function summarizeFlags(flags: number): TokenFlagSummary {
	return {
		initialized: (flags & CKF_TOKEN_INITIALIZED) !== 0,
		loginRequired: (flags & CKF_LOGIN_REQUIRED) !== 0,
		pinpad: (flags & CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
		userPinInitialized: (flags & CKF_USER_PIN_INITIALIZED) !== 0,
		countLow: (flags & CKF_USER_PIN_COUNT_LOW) !== 0,
		finalTry: (flags & CKF_USER_PIN_FINAL_TRY) !== 0,
		locked: (flags & CKF_USER_PIN_LOCKED) !== 0,
		toBeChanged: (flags & CKF_USER_PIN_TO_BE_CHANGED) !== 0,
	};
}

type PinBlockReason = 'locked' | 'not-initialized' | 'pin-not-set' | 'to-be-changed' | null;

export interface PinPolicy {
	allowed: boolean;
	warning: 'count-low' | 'final-try' | null;
	blockReason: PinBlockReason;
	/** Protected authentication path: the PIN is typed on the reader or in a vendor dialog, never here. */
	pinpad: boolean;
}

export function pinPolicy(flags: number): PinPolicy {
	const s = summarizeFlags(flags);
	let blockReason: PinBlockReason = null;
	if (!s.initialized) blockReason = 'not-initialized';
	else if (s.locked) blockReason = 'locked';
	// A PIN that must be changed cannot be used to sign; changing it is the vendor tool's job.
	else if (s.toBeChanged) blockReason = 'to-be-changed';
	else if (!s.userPinInitialized && !s.pinpad) blockReason = 'pin-not-set';
	const warning = s.finalTry ? 'final-try' : s.countLow ? 'count-low' : null;
	return {allowed: blockReason === null, warning, blockReason, pinpad: s.pinpad};
}

export type LoginResult = 'ok' | 'already-logged-in' | 'pin-incorrect' | 'pin-locked';

/** The part of a token session the login flow needs; real tokens implement it over the worker. */
export interface TokenSession {
	tokenInfo(): Promise<TokenFlags>;
	/** null = protected authentication path (the reader or a vendor dialog asks). */
	login(pin: string | null): Promise<LoginResult>;
}

export interface AuthenticateOptions {
	secret: SecretProvider;
	/** At most this many PIN prompts (each one the person's own decision); default 3. */
	maxPrompts?: number;
}

export type AuthenticateOutcome = {status: 'ok'; prompts: number; pinpad: boolean} | {status: 'cancelled'; prompts: number};

/** The refusal for a token whose flags forbid sending a PIN now (locked, PIN to be changed…). */
export function blocked(label: string, reason: Exclude<PinBlockReason, null>): SourceError {
	const code = reason === 'locked' ? 'PIN_LOCKED' : 'PKCS11_ERROR';
	return new SourceError(code, `Token "${label}" cannot be used with a PIN now: ${reason}`, {token: label, reason});
}

/**
 * Reads the flags before every prompt and after every failure, refuses at "locked", never sends
 * the same PIN twice by itself and keeps no copy of it. A wrong PIN leads to a new prompt (the
 * person may cancel), carrying the counter state the token now reports.
 */
export async function authenticate(session: TokenSession, options: AuthenticateOptions): Promise<AuthenticateOutcome> {
	const maxPrompts = options.maxPrompts ?? 3;
	let prompts = 0;
	let retry = false;
	for (;;) {
		const info = await session.tokenInfo();
		const policy = pinPolicy(info.flags);
		if (!policy.allowed) throw blocked(info.label, policy.blockReason!);
		if (policy.pinpad) {
			const result = await session.login(null);
			if (result === 'ok' || result === 'already-logged-in') return {status: 'ok', prompts, pinpad: true};
			if (result === 'pin-locked') throw blocked(info.label, 'locked');
			// A pinpad failure is reported, not repeated: the next attempt is the person's choice.
			throw new SourceError('PIN_INCORRECT', `Wrong PIN for token "${info.label}"`, {token: info.label});
		}
		if (prompts >= maxPrompts) {
			throw new SourceError('PIN_INCORRECT', `Wrong PIN for token "${info.label}"`, {token: info.label});
		}
		const pin = await options.secret({
			kind: 'pin',
			target: info.label,
			retry,
			pinState: policy.warning ?? 'ok',
		});
		prompts++;
		if (pin === null) return {status: 'cancelled', prompts};
		const result = await session.login(pin);
		if (result === 'ok' || result === 'already-logged-in') return {status: 'ok', prompts, pinpad: false};
		if (result === 'pin-locked') throw blocked(info.label, 'locked');
		retry = true;
	}
}
