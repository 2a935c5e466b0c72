// An I.CA "TWINS"-like set for the pair tests: one person's qualified signing certificate (nonRepudiation
// only, QC statements) and commercial authentication certificate (clientAuth), issued by the test
// hierarchy's qualified and commercial CAs, plus CA certificates that ride along on a real card.
import {webcrypto} from 'node:crypto';
import {writeFile} from 'node:fs/promises';
import {EKU, makeCa, makeLeaf, toPem, type CaHandle, type LeafHandle} from '../helpers/pki.js';
import type {SoftHsm} from '../helpers/softhsm.js';
import {qualifiedLeaf, type World} from './world.js';

export const HOLDER = {cn: 'Jiří Dvořák', org: 'Energie Úžasná a.s.', ico: '27654321', icaUserId: '77001'};

export interface Twins {
	signing: LeafHandle;
	authentication: LeafHandle;
}

/** The trust file for both halves: root, qualified and commercial CA (world.caFile has no commercial CA). */
export async function trustBoth(world: World): Promise<string> {
	const {root, qualifiedCa, commercialCa} = world.hierarchy;
	await writeFile(world.caFile, toPem(qualifiedCa.der) + toPem(commercialCa.der) + toPem(root.der));
	return world.caFile;
}

export async function makeTwins(world: World, holder: Partial<typeof HOLDER> = {}): Promise<Twins> {
	const who = {...HOLDER, ...holder};
	const signing = await qualifiedLeaf(world, {...who, keyUsage: ['nonRepudiation'], freshKey: true});
	const authentication = await makeLeaf({
		issuer: world.hierarchy.commercialCa,
		...who,
		keyUsage: ['digitalSignature', 'keyEncipherment'],
		eku: [EKU.clientAuth, EKU.emailProtection],
		freshKey: true,
	});
	return {signing, authentication};
}

/** CA certificates as a card carries them next to the person's own (no key objects). */
export async function makeCaCertificates(n: number): Promise<CaHandle[]> {
	const out: CaHandle[] = [];
	for (let i = 0; i < n; i++) out.push(await makeCa({cn: `Vedlejší CA ${String(i + 1).padStart(2, '0')}`, org: 'Certifikační autorita na kartě a.s.'}));
	return out;
}

/** The leaf, its private key and its public half under one CKA_ID, as a card keeps them. */
export async function importKeyed(hsm: SoftHsm, label: string, pin: string, leaf: LeafHandle, id: string, name: string): Promise<void> {
	hsm.importCert(label, pin, leaf.der, id, `${name} cert`);
	hsm.importKey(label, pin, new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', leaf.privateKey)), id, `${name} key`);
	hsm.importPublicKey(label, pin, new Uint8Array(await webcrypto.subtle.exportKey('spki', leaf.publicKey)), id, `${name} pub`);
}
