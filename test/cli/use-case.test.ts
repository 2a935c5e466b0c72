// The registration use case below the commands: the decision is made again inside the ledger's
// locked update, so a change that landed between planning and writing is refused there and leaves
// no package and an untouched ledger.
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {emptyData} from '../../source/account/ledger-data.js';
import {BUILT_IN_ENVIRONMENTS} from '../../source/account/types.js';
import {openLedger, type LedgerStore} from '../../source/ledger/store.js';
import {evaluateEntries, loadAnchors} from '../../source/services/evaluate.js';
import {register, RegistrationRefusedError, type RegistrationInput} from '../../source/services/register.js';
import {readCertificateFile} from '../../source/sources/files/read.js';
import type {Assessment} from '../../source/trust/types.js';
import {makeWorld, type World} from './helpers.js';

let dir: string;
let w: World;
let assessment: Assessment;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'ote-use-case-'));
	w = await makeWorld(dir);
	const anchors = await loadAnchors([w.trust[1]!], dir);
	const entries = await readCertificateFile(w.files['goodPem']!, {secret: async () => null});
	assessment = evaluateEntries(entries, anchors, new Date()).evaluated[0]!.assessment;
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

function input(slot: 1 | 2, out: string): RegistrationInput {
	return {
		assessment,
		sourceRef: w.files['goodPem']!,
		env: BUILT_IN_ENVIRONMENTS[0]!,
		account: 'U1',
		slot,
		roles: ['auth', 'sign'],
		profile: {role: 'admin', newCompany: false, pozeProducer: false},
		noValidCertificate: false,
		outDir: out,
		cwd: dir,
		now: new Date(),
		version: 'test',
		lang: 'en',
	};
}

describe('one ledger transaction', () => {
	it('a duplicate recorded after planning is refused under the lock: no package, ledger unchanged', async () => {
		const store = openLedger({dir: path.join(dir, 'cfg'), env: {}});
		await register(store, input(2, path.join(dir, 'first')));
		const before = await readFile(store.path);
		// The plan sees the ledger as it was before the other run: empty.
		const stale: LedgerStore = {...store, read: () => emptyData()};
		const out = path.join(dir, 'second');
		const error = await register(stale, input(1, out)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RegistrationRefusedError);
		expect((error as RegistrationRefusedError).refusal).toEqual({code: 'DUPLICATE', params: {slot: 2, sha256: expect.any(String)}});
		expect((error as Error).message).toContain('already recorded in slot 2');
		expect(existsSync(out)).toBe(false);
		expect(Buffer.compare(await readFile(store.path), before)).toBe(0);
	});
});
