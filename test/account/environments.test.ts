import {describe, expect, it} from 'vitest';
import {
	addEnvironment,
	EnvironmentError,
	environmentId,
	listEnvironments,
	removeEnvironment,
	resolveEnvironment,
	validateEnvironment,
} from '../../source/account/environments.js';

describe('environments', () => {
	it('has Production and Sandbox built in', () => {
		expect(listEnvironments([]).map((e) => e.id)).toEqual(['production', 'sandbox']);
		expect(resolveEnvironment('Sandbox', [])?.portalUrl).toBe('https://portal.sand.ote-cr.cz/');
		expect(resolveEnvironment('PRODUCTION', [])?.id).toBe('production');
		expect(resolveEnvironment('nowhere', [])).toBeNull();
	});

	it('adds the 15-minute Sandbox with a name and https URL', () => {
		const {environments, added} = addEnvironment([], {name: '15min Sandbox', portalUrl: 'https://portal.15min.example.cz'});
		expect(added).toEqual({id: '15min-sandbox', name: '15min Sandbox', portalUrl: 'https://portal.15min.example.cz/', builtIn: false});
		expect(resolveEnvironment('15min sandbox', environments)).toEqual(added);
		expect(resolveEnvironment('15min-sandbox', environments)).toEqual(added);
		expect(listEnvironments(environments)).toHaveLength(3);
	});

	it('rejects bad names and URLs', () => {
		const check = (name: string, portalUrl: string) => {
			const result = validateEnvironment({name, portalUrl}, []);
			return result.ok ? 'ok' : result.code;
		};
		expect(check('  ', 'https://x.cz/')).toBe('NAME_EMPTY');
		expect(check('Sandbox', 'https://x.cz/')).toBe('NAME_TAKEN');
		expect(check('Test', 'not a url')).toBe('URL_INVALID');
		expect(check('Test', 'http://portal.test.cz/')).toBe('URL_NOT_HTTPS');
		expect(check('Test', 'https://user:pw@portal.test.cz/')).toBe('URL_HAS_CREDENTIALS');
		expect(check('x'.repeat(61), 'https://x.cz/')).toBe('NAME_TOO_LONG');
		expect(check('Zkušební\u001b[31m', 'https://x.cz/')).toBe('ok');
		expect(() => addEnvironment([], {name: 'Test', portalUrl: 'ftp://x'})).toThrow(EnvironmentError);
	});

	it('ids drop diacritics and control characters', () => {
		expect(environmentId('Zkušební  prostředí\u0007')).toBe('zkusebni-prostredi');
	});

	it('removes only custom environments', () => {
		const {environments} = addEnvironment([], {name: 'Test', portalUrl: 'https://t.cz/'});
		expect(removeEnvironment(environments, 'test')).toEqual([]);
		expect(removeEnvironment(environments, 'production')).toBeNull();
	});
});
