import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {pinSecretProvider} from '../../source/sources/pkcs11/pin-source.js';
import {SourceError} from '../../source/sources/types.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ote-pin-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const req = (retry: boolean, pinState: 'ok' | 'count-low' | 'final-try' = 'ok') => ({kind: 'pin' as const, target: 'T', retry, pinState});
const code = async (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e) => (e instanceof SourceError ? e.code : String(e)),
	);

describe('non-interactive PIN sources', () => {
	it('uses OTE_CERT_PIN once and never resends it after a failure', async () => {
		const provider = pinSecretProvider({env: {OTE_CERT_PIN: '2468'}});
		expect(await provider(req(false))).toBe('2468');
		expect(await code(provider(req(true, 'count-low')))).toBe('PIN_INCORRECT');
	});

	it('reads the first line of --pin-file, and falls back to the prompt on retry', async () => {
		const file = path.join(dir, 'pin');
		writeFileSync(file, '1357\n');
		const asked: boolean[] = [];
		const provider = pinSecretProvider({
			env: {OTE_CERT_PIN: 'ignored'},
			pinFile: file,
			fallback: async (r) => {
				asked.push(r.retry);
				return 'typed';
			},
		});
		expect(await provider(req(false))).toBe('1357');
		expect(await provider(req(true))).toBe('typed');
		expect(asked).toEqual([true]);
		expect(await code(pinSecretProvider({env: {}, pinFile: path.join(dir, 'nope')})(req(false)))).toBe('NOT_READABLE');
	});

	it('does not spend the final try unattended, and asks for a PIN when none is set', async () => {
		expect(await code(pinSecretProvider({env: {OTE_CERT_PIN: '1'}})(req(false, 'final-try')))).toBe('CANCELLED');
		expect(await code(pinSecretProvider({env: {}})(req(false)))).toBe('PASSWORD_REQUIRED');
	});
});
