// `ote-cert --demo`: a throwaway world for helpdesk training and a first look. A demo CA and a few
// certificates are made on the spot (public parts only are written), the ledger starts with an older
// certificate of the same holder so the renewal path shows, and everything lives in one temp folder.
import {mkdtemp, mkdir, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {makeCa, makeLeaf, POLICY} from './pki.js';
import {toPem} from '../certificate/pem.js';
import {openLedger} from '../ledger/store.js';
import {certRecordFrom} from '../account/records.js';
import {placeCertificate} from '../account/slots.js';
import {parseCertificate} from '../certificate/parse.js';

const DAY = 86_400_000;

export interface DemoWorld {
	dir: string;
	certDir: string;
	configDir: string;
	caFile: string;
}

export async function prepareDemo(now: Date): Promise<DemoWorld> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'ote-cert-demo-'));
	const certDir = path.join(dir, 'certifikaty');
	const configDir = path.join(dir, 'config');
	await mkdir(certDir, {recursive: true});
	const org = 'DEMO certifikační autorita, a.s.';
	const root = await makeCa({cn: 'DEMO Root CA 2026', org});
	const qualifiedCa = await makeCa({cn: 'DEMO Qualified CA 2026', org, parent: root, policies: ['1.3.6.1.4.1.23624.11.1.30.1.0']});
	const stranger = await makeCa({cn: 'Neznámá CA (DEMO)', org: 'Nikdo s.r.o.'});
	const holder = {cn: 'Jan Novák (DEMO)', org: 'Ukázková energetika a.s.', ico: '12345678', icaUserId: '65248'};
	// Jan Novák's qualified certificate, valid from `from` to `to` days relative to now.
	const novak = (from: number, to: number, freshKey = false) =>
		makeLeaf({
			issuer: qualifiedCa,
			...holder,
			qualified: true,
			qcType: 'esign',
			sscd: true,
			policies: [POLICY.qcpNaturalQscd],
			notBefore: new Date(now.getTime() + from * DAY),
			notAfter: new Date(now.getTime() + to * DAY),
			freshKey,
		});
	const fresh = await novak(-1, 365);
	const old = await novak(-360, 6, true);
	const expired = await makeLeaf({
		issuer: qualifiedCa,
		cn: 'Petra Svobodová (DEMO)',
		org: holder.org,
		ico: holder.ico,
		qualified: true,
		qcType: 'esign',
		notBefore: new Date(now.getTime() - 400 * DAY),
		notAfter: new Date(now.getTime() - 35 * DAY),
	});
	const unknown = await makeLeaf({issuer: stranger, cn: 'Karel Dvořák (DEMO)', org: 'Nikdo s.r.o.'});
	await writeFile(path.join(certDir, 'jan-novak-2026.cer'), fresh.der);
	await writeFile(path.join(certDir, 'petra-svobodova-prosly.pem'), expired.pem);
	await writeFile(path.join(certDir, 'karel-dvorak-neznama-ca.pem'), unknown.pem);
	const caFile = path.join(dir, 'demo-ca.pem');
	await writeFile(caFile, toPem(qualifiedCa.der) + toPem(root.der));

	// The ledger already knows Jan Novák's previous certificate in slot 1: choosing the new one
	// shows the renewal proposal.
	const store = openLedger({dir: configDir, env: {}});
	const record = certRecordFrom(parseCertificate(old.der), path.join(certDir, 'jan-novak-2025.cer'), 'qualified');
	await store.updateAccount(
		'default',
		'sandbox',
		(ledger) => placeCertificate(ledger, {slot: 1, roles: ['auth', 'sign'], record, at: new Date(now.getTime() - 360 * DAY).toISOString()}).ledger,
	);
	await store.setPreferences({lastEnv: 'sandbox'});
	return {dir, certDir, configDir, caFile};
}
