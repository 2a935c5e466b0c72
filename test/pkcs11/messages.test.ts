import {describe, expect, it} from 'vitest';
import {messages} from '../../source/i18n/messages/token.js';
import {t} from '../../source/i18n/index.js';
import {pinPolicyMessage, sshTokenAdvice, tokenErrorMessage} from '../../source/sources/pkcs11/index.js';
import {
	pinPolicy,
	CKF_TOKEN_INITIALIZED,
	CKF_USER_PIN_INITIALIZED,
	CKF_USER_PIN_FINAL_TRY,
	CKF_USER_PIN_LOCKED,
} from '../../source/sources/pkcs11/pin-policy.js';
import {SourceError} from '../../source/sources/types.js';

describe('token messages', () => {
	it('has every key in Czech and English, namespaced token.*', () => {
		expect(Object.keys(messages.cs).sort()).toEqual(Object.keys(messages.en).sort());
		for (const k of Object.keys(messages.en)) expect(k.startsWith('token.')).toBe(true);
		expect(t('token.sources.certificates', {n: 3}, 'cs')).toBe('3 certifikáty');
		expect(t('token.sources.certificates', {n: 5}, 'cs')).toBe('5 certifikátů');
		expect(t('token.sources.certificates', {n: 1}, 'en')).toBe('1 certificate');
	});

	it('turns token errors and PIN states into sentences', () => {
		const crashed = new SourceError('MODULE_CRASHED', 'x', {module: '/usr/lib/libeToken.so', how: 'signal SIGSEGV'});
		expect(tokenErrorMessage(crashed, 'cs')).toContain('/usr/lib/libeToken.so');
		expect(tokenErrorMessage(new SourceError('TOKEN_REMOVED', 'x'), 'en')).toMatch(/removed/);
		expect(tokenErrorMessage(new SourceError('NOT_FOUND', 'x'), 'en')).toBeNull();
		const base = CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED;
		expect(pinPolicyMessage(pinPolicy(base | CKF_USER_PIN_FINAL_TRY), 'cs')).toMatch(/POSLEDNÍ/);
		expect(pinPolicyMessage(pinPolicy(base | CKF_USER_PIN_LOCKED), 'en')).toMatch(/PUK/);
		expect(pinPolicyMessage(pinPolicy(base), 'en')).toBeNull();
	});

	it('gives exact SSH commands for this host', () => {
		const env = {SSH_CONNECTION: '198.51.100.7 51000 203.0.113.10 22', USER: 'novak', XDG_RUNTIME_DIR: '/run/user/1001'};
		const text = sshTokenAdvice(env, 'cs');
		expect(text).toContain('mkdir -p /run/user/1001/p11-kit');
		expect(text).toContain('ssh -R /run/user/1001/p11-kit/pkcs11:${P11_KIT_SERVER_ADDRESS#*=} novak@203.0.113.10');
		expect(text).toContain('p11-kit server --kill');
		expect(text).toContain('scp cert.der novak@203.0.113.10:');
		expect(text).toMatch(/Na notebooku/);
		expect(sshTokenAdvice(env, 'en')).toMatch(/On the laptop/);
	});
});
