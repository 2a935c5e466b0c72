// A person's world for the wizard journey: a home folder holding a qualified certificate issued by a
// CA given with --trust (real CA keys are not available), made with ote-cert's own PKI generator.
// The certificates are made here, in the bench, so the measured wizard does only what a person's
// run does (unlike --demo, which generates keys inside the process it measures).
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {importSource} from './source.mjs';
const DAY = 86_400_000;

export const LEAF_NAME = 'jan-novak-2026.cer';

export async function makeWorld(dir) {
	const {makeCa, makeLeaf, toPem, POLICY} = await importSource(dir, 'pki', [
		"import 'reflect-metadata';",
		"export {makeCa, makeLeaf, POLICY} from './source/demo/pki.ts';",
		"export {toPem} from './source/certificate/pem.ts';",
	]);
	const now = Date.now();
	const rootCa = await makeCa({cn: 'Bench Root CA', org: 'Bench CA a.s.'});
	const qualifiedCa = await makeCa({cn: 'Bench Qualified CA', org: 'Bench CA a.s.', parent: rootCa});
	const leaf = await makeLeaf({
		issuer: qualifiedCa,
		cn: 'Jan Novák',
		org: 'Ukázková energetika a.s.',
		ico: '12345678',
		qualified: true,
		qcType: 'esign',
		sscd: true,
		policies: [POLICY.qcpNaturalQscd],
		notBefore: new Date(now - DAY),
		notAfter: new Date(now + 365 * DAY),
	});
	const home = path.join(dir, 'home');
	mkdirSync(path.join(home, 'certifikaty'), {recursive: true});
	writeFileSync(path.join(home, 'certifikaty', LEAF_NAME), leaf.der);
	const caFile = path.join(dir, 'ca.pem');
	writeFileSync(caFile, toPem(qualifiedCa.der) + toPem(rootCa.der));
	return {home, caFile, leafPath: path.join('certifikaty', LEAF_NAME)};
}
