// The JSON ote-cert gives programs matches the schemas in schemas/: real outputs of the built CLI
// (a registration from a file and from a SoftHSM token, a refused certificate, the slots of several
// accounts) are validated with Ajv against draft 2020-12, and each names its schema in "$schema".
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {SCHEMA_ID} from '../../source/output/schemas.js';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';
import {cleanEnv, makeWorld, parseJson, qualified, requireBuild, runCli, writeLeaf, type World} from '../cli/helpers.js';

// ajv-formats is CommonJS with a default export; Node hands ESM its module.exports.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const schemasDir = path.resolve(import.meta.dirname, '../../schemas');
const PIN = '246813';

let dir: string;
let world: World;
let env: NodeJS.ProcessEnv;
let hsm: SoftHsm;
let tokenCertUri: string;
const validators = new Map<string, ValidateFunction>();

/** Fails with Ajv's own words (path and reason), so a schema and an output that drift apart say where. */
function expectValid(id: string, value: unknown): void {
	const validate = validators.get(id);
	if (!validate) throw new Error(`no schema with $id ${id} in schemas/`);
	const ok = validate(value);
	expect(ok ? [] : validate.errors, `${id}:\n${JSON.stringify(value, null, 2).slice(0, 2000)}`).toEqual([]);
	expect((value as {$schema?: unknown}).$schema).toBe(id);
}

beforeAll(async () => {
	requireBuild();
	// strict: an unknown keyword or a typo in a schema is an error, not silently ignored. (A branch of
	// oneOf may require a property declared beside it, hence strictRequired off.)
	const ajv = new Ajv2020({strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true});
	addFormats(ajv);
	const files = (await readdir(schemasDir)).filter((f) => f.endsWith('.schema.json'));
	const schemas = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(schemasDir, f), 'utf8')) as {$id: string}));
	ajv.addSchema(schemas);
	for (const schema of schemas) validators.set(schema.$id, ajv.getSchema(schema.$id)!);

	dir = await mkdtemp(path.join(tmpdir(), 'ote-schemas-'));
	world = await makeWorld(dir);
	hsm = makeSoftHsm();
	hsm.initToken('Schema Token', PIN);
	const onToken = await qualified(world.ca, 'Tereza Tokenová', {ico: '44556677', freshKey: true});
	hsm.importCert('Schema Token', PIN, onToken.der, '01', 'Tereza cert');
	hsm.importKey('Schema Token', PIN, Buffer.from(onToken.privateKeyPkcs8Pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), '01', 'Tereza key');
	env = cleanEnv({...hsm.env, OTE_CERT_CONFIG_DIR: path.join(dir, 'cfg')});
	const sources = parseJson<{certificates: Array<{use: string; subject: string}>}>(
		await runCli(['sources', '--json', '--module', hsm.modulePath], {env, cwd: dir}),
	);
	tokenCertUri = sources.certificates.find((c) => c.subject.includes('Tereza Tokenová'))!.use;
});

afterAll(async () => {
	hsm?.cleanup();
	if (dir) await rm(dir, {recursive: true, force: true});
});

async function register(args: string[], out: string, extraEnv: NodeJS.ProcessEnv = {}) {
	const r = await runCli(['register', ...args, '--yes', '--json', '--out', path.join(dir, out), ...world.trust], {env: {...env, ...extraEnv}, cwd: dir});
	expect(r.code, r.stderr).toBe(0);
	return {stdout: parseJson(r), file: JSON.parse(await readFile(path.join(dir, out, 'registration.json'), 'utf8')) as unknown};
}

describe('JSON outputs against schemas/', () => {
	it('every schema is valid draft 2020-12 and has the $id the program writes', () => {
		expect([...validators.keys()].sort()).toEqual(['urn:ote-cert:schema:defs:1', ...Object.values(SCHEMA_ID)].sort());
	});

	it('a registration from a file: registration.json and register --json', async () => {
		const {stdout, file} = await register(['--source', world.files['goodP12']!, '--env', 'sandbox', '--slot', '1', '--account', 'U1'], 'pkg-file', {
			OTE_CERT_PASSWORD: 'heslo-Žluťoučký-42',
		});
		expectValid(SCHEMA_ID.registration, file);
		expectValid(SCHEMA_ID.registration, stdout);
	});

	it('a registration that OTE has to act on (request.eml), from a PEM file', async () => {
		const {file} = await register(
			['--source', world.files['goodPem']!, '--env', 'production', '--slot', '2', '--account', 'U2', '--role', 'owner', '--no-valid-certificate'],
			'pkg-email',
		);
		expectValid(SCHEMA_ID.registration, file);
		expect(file).toMatchObject({nextStep: {nextStep: 'email'}, requestEml: 'request.eml'});
	});

	it('a registration from a SoftHSM token', async () => {
		const {stdout, file} = await register(['--source', tokenCertUri, '--env', 'sandbox', '--slot', '2', '--account', 'U1'], 'pkg-token', {OTE_CERT_PIN: PIN});
		expectValid(SCHEMA_ID.registration, file);
		expectValid(SCHEMA_ID.registration, stdout);
		expect(file).toMatchObject({certificate: {source: tokenCertUri}});
	});

	it('a pair (two certificates of one person into one slot): registration.json lists both with their roles', async () => {
		const first = await qualified(world.ca, 'Pavla Párová', {ico: '55667788', freshKey: true});
		const second = await qualified(world.ca, 'Pavla Párová', {ico: '55667788', freshKey: true});
		const {stdout, file} = await register(
			[
				'--source',
				(await writeLeaf(dir, 'pair-1', first)).pem,
				'--source',
				(await writeLeaf(dir, 'pair-2', second)).pem,
				'--env',
				'sandbox',
				'--slot',
				'3',
				'--account',
				'U1',
			],
			'pkg-pair',
		);
		expectValid(SCHEMA_ID.registration, file);
		expectValid(SCHEMA_ID.registration, stdout);
		expect(file).toMatchObject({roles: ['auth', 'sign'], certificates: [{roles: ['auth']}, {roles: ['sign']}]});
		// Not vacuous: a third certificate, or one without its roles, is refused.
		const pair = file as {certificates: Array<Record<string, unknown>>};
		expect(validators.get(SCHEMA_ID.registration)!({...pair, certificates: [...pair.certificates, pair.certificates[0]]})).toBe(false);
		const {roles: _roles, ...withoutRoles} = pair.certificates[0]!;
		expect(validators.get(SCHEMA_ID.registration)!({...pair, certificates: [withoutRoles]})).toBe(false);
	});

	it('inspect --json of a refused certificate (exit 1), of a token and of a good file', async () => {
		const refused = await runCli(['inspect', world.files['expiredPem']!, '--json', ...world.trust], {env, cwd: dir});
		expect(refused.code).toBe(1);
		const reports = parseJson<Array<{registrable: boolean; findings: Array<{code: string}>}>>(refused);
		expect(reports).toHaveLength(1);
		expect(reports[0]!.registrable).toBe(false);
		expect(reports[0]!.findings.map((f) => f.code)).toContain('EXPIRED');
		const token = await runCli(['inspect', tokenCertUri, '--json', ...world.trust], {env, cwd: dir});
		const unknown = await runCli(['inspect', world.files['unknownDer']!, '--json'], {env, cwd: dir});
		for (const report of [...reports, ...parseJson<unknown[]>(token), ...parseJson<unknown[]>(unknown)]) expectValid(SCHEMA_ID.inspect, report);
	});

	it('slots --json with several accounts and environments', async () => {
		const soon = await qualified(world.ca, 'Marie Končící', {ico: '87654321', notAfter: new Date(Date.now() + 10.5 * 86_400_000), freshKey: true});
		await register(
			['--source', (await writeLeaf(dir, 'soon', soon)).pem, '--env', 'production', '--slot', '4', '--account', 'U3', '--roles', 'sign'],
			'pkg-soon',
		);
		const r = await runCli(['slots', '--json'], {env, cwd: dir});
		expect(r.code, r.stderr).toBe(0);
		const rows = parseJson<Array<{account: string; environment: string}>>(r);
		expect(rows.map((row) => `${row.account}/${row.environment}`).sort()).toEqual(['U1/sandbox', 'U2/production', 'U3/production']);
		for (const row of rows) expectValid(SCHEMA_ID.slots, row);
	});

	it('the schemas are not vacuous: a report without fingerprints, or with a bad slot, is refused', async () => {
		const r = await runCli(['inspect', world.files['goodDer']!, '--json', ...world.trust], {env, cwd: dir});
		const [report] = parseJson<Array<Record<string, unknown>>>(r);
		const {fingerprints: _dropped, ...withoutFingerprints} = report!;
		expect(validators.get(SCHEMA_ID.inspect)!(withoutFingerprints)).toBe(false);
		const rows = parseJson<Array<{slots: Array<{slot: number}>}>>(await runCli(['slots', '--json', '--account', 'U1'], {env, cwd: dir}));
		rows[0]!.slots[0]!.slot = 5;
		expect(validators.get(SCHEMA_ID.slots)!(rows[0])).toBe(false);
	});
});
