// The wizard's seam: WizardServices.checkRevocation adds the same finding the commands get, asks the
// local responder, and asks nobody with --offline.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {requireOpenssl} from '../helpers/openssl.js';
import {quietRuntime, wizardOptions} from '../helpers/wizard.js';
import type {Runtime} from '../../source/services/runtime.js';
import {createWizardServices} from '../../source/services/wizard-services-impl.js';
import {startRevocationWorld, type RevocationWorld} from './server.js';

let dir: string;
let world: RevocationWorld;
let runtime: Runtime;

beforeAll(async () => {
	requireOpenssl();
	process.env['NO_PROXY'] = '127.0.0.1';
	process.env['no_proxy'] = '127.0.0.1';
	dir = await mkdtemp(path.join(tmpdir(), 'ote-wizard-revocation-'));
	world = await startRevocationWorld(path.join(dir, 'pki'));
	runtime = quietRuntime(dir, {OTE_CERT_CONFIG_DIR: path.join(dir, 'config')});
});

afterAll(async () => {
	await world?.close();
	if (dir) await rm(dir, {recursive: true, force: true});
});

const noSecret = async (): Promise<string> => {
	throw new Error('no secret expected');
};

describe('WizardServices.checkRevocation', () => {
	it('adds REVOKED to a revoked candidate (no longer registrable), and asks nobody with --offline', async () => {
		const leaf = await world.leaf('Wizard Odvolaný', {ocsp: 'good'});
		await world.revokeInOcsp(leaf, 'keyCompromise', new Date('2026-03-03T00:00:00Z'));
		const file = path.join(dir, 'revoked.pem');
		await writeFile(file, leaf.pem);

		const services = await createWizardServices(wizardOptions(['--trust', world.caFile]), runtime);
		const [candidate] = await services.load(file, noSecret);
		expect(candidate!.assessment.registrable).toBe(true);
		const checked = await services.checkRevocation(candidate!);
		expect(checked.assessment.registrable).toBe(false);
		expect(checked.assessment.findings.map((f) => f.code)).toContain('REVOKED');
		await services.dispose?.();

		const before = world.requests.length;
		const offline = await createWizardServices(wizardOptions(['--trust', world.caFile, '--offline']), runtime);
		const [again] = await offline.load(file, noSecret);
		const unchecked = await offline.checkRevocation(again!);
		expect(world.requests.length).toBe(before);
		expect(unchecked.assessment.findings.find((f) => f.code === 'REVOCATION_UNKNOWN')?.message).toContain('--offline');
		expect(unchecked.assessment.registrable).toBe(true);
		await offline.dispose?.();
	});
});
