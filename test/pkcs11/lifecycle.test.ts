// Module lifecycle inside one worker: a module someone else already initialised (0x191) is adopted,
// never finalized; the owner finalizes once on shutdown.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Pkcs11Worker} from '../../source/sources/pkcs11/client.js';
import type {ProbeResult} from '../../source/sources/pkcs11/protocol.js';
import {makeSoftHsm, type SoftHsm} from '../helpers/softhsm.js';

let hsm: SoftHsm;
beforeAll(() => {
	hsm = makeSoftHsm();
	hsm.initToken('LIFE', '1111');
});
afterAll(() => hsm?.cleanup());

describe('worker module registry', () => {
	it('adopts CKR_CRYPTOKI_ALREADY_INITIALIZED and keeps the owner working', async () => {
		const worker = new Pkcs11Worker(hsm.modulePath, hsm.env);
		try {
			const first = await worker.call<ProbeResult>({op: 'probe', modulePath: hsm.modulePath});
			expect(first.module.owned).toBe(true);
			// Same path again: the registry answers from the loaded module, no second C_Initialize.
			expect((await worker.call<ProbeResult>({op: 'probe', modulePath: hsm.modulePath})).module.owned).toBe(true);
			// A second load of the same library (another registry key) shares its state: 0x191, adopted.
			const second = await worker.call<ProbeResult>({op: 'probe', modulePath: hsm.modulePath, libraryParameters: 'adopt '});
			expect(second.module.owned).toBe(false);
			expect(second.slots.map((s) => s.token?.label)).toContain('LIFE');
			// The owner is still initialised: had the adopted copy been finalized, this would fail.
			expect((await worker.call<ProbeResult>({op: 'probe', modulePath: hsm.modulePath})).slots.map((s) => s.token?.label)).toContain('LIFE');
		} finally {
			await worker.close();
		}
	});
});
