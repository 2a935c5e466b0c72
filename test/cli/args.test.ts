import {describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli/args.js';
import {CliError} from '../../source/cli/errors.js';

function usageError(argv: string[]): CliError {
	try {
		parseCli(argv);
	} catch (error) {
		expect(error).toBeInstanceOf(CliError);
		return error as CliError;
	}
	throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('command line', () => {
	it('starts the wizard without arguments', () => {
		expect(parseCli([]).options.command).toBe('wizard');
	});

	it('reads register options', () => {
		const o = parseCli([
			'register',
			'--source',
			'a.p12',
			'--env',
			'sandbox',
			'--slot',
			'3',
			'--yes',
			'--account',
			'U123',
			'--trust',
			'x.pem',
			'--trust',
			'dir',
		]);
		expect(o.options).toMatchObject({command: 'register', source: 'a.p12', env: 'sandbox', slot: 3, yes: true, account: 'U123', trust: ['x.pem', 'dir']});
	});

	it.each([['--password', 'x'], ['--password=x'], ['--pin', '1234'], ['--pin=1234']])('refuses a secret in argv: %s', (...args) => {
		const error = usageError(['inspect', 'a.p12', ...args]);
		expect(error.exitCode).toBe(2);
		expect(error.message).not.toContain('1234');
		expect(error.hint).toMatch(/OTE_CERT_(PIN|PASSWORD)/);
	});

	it.each([[['--slot', '5']], [['--slot', 'two']], [['frobnicate']], [['--lang', 'de']], [['--bogus']], [['register', '--roles', 'all']]])(
		'usage errors exit 2: %j',
		(argv) => {
			expect(usageError(argv).exitCode).toBe(2);
		},
	);

	it('parses each command into its own options: an option of another command is refused, not ignored', () => {
		expect(usageError(['slots', '--prove', 'sign']).exitCode).toBe(2);
		expect(usageError(['inspect', 'a.pem', '--slot', '1']).exitCode).toBe(2);
		expect(usageError(['trust', '--password-file', 'p.txt']).exitCode).toBe(2);
		expect(usageError(['slots', 'extra']).exitCode).toBe(2);
		const inspect = parseCli(['--lang', 'cs', 'inspect', 'a.pem', '--prove', 'sign', '--pin-file', 'pin.txt']);
		expect(inspect.options).toEqual({
			command: 'inspect',
			lang: 'cs',
			noColor: false,
			ascii: false,
			trust: [],
			module: [],
			passwordFile: null,
			pinFile: 'pin.txt',
			source: 'a.pem',
			json: false,
			prove: 'sign',
			offline: false,
		});
		expect(usageError(['slots', '--offline']).exitCode).toBe(2);
		expect(parseCli(['register', '--roles', 'both']).options).toMatchObject({roles: ['auth', 'sign'], slot: null});
		expect(parseCli(['env', 'add', '15min Sandbox', '--url', 'https://x/']).options).toMatchObject({action: 'add', id: '15min Sandbox'});
		expect(parseCli(['trust', '--help']).help).toBe('trust');
		expect(parseCli(['--help']).help).toBe('overview');
		expect(parseCli(['help', 'renew', '--lang', 'cs']).help).toBe('renew');
		expect(parseCli(['trust']).help).toBeNull();
	});
});
