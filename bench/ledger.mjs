// A ledger of many accounts with long histories for `slots --json`, written through ote-cert's own
// ledger code (placeCertificate, forgetSlot, the store's locked update and its shape check), so it
// cannot drift from the schema the way hand-written JSON could.
import {readFileSync} from 'node:fs';
import {importSource} from './source.mjs';

const DAY = 86_400_000;

let code;
async function ledgerCode(dir) {
	code ??= await importSource(
		dir,
		'ledger-code',
		[
			"import 'reflect-metadata';",
			"export {openLedger} from './source/ledger/store.ts';",
			"export {withAccountLedger} from './source/account/ledger-data.ts';",
			"export {placeCertificate, forgetSlot, emptyLedger} from './source/account/slots.ts';",
			"export {certRecordFrom} from './source/account/records.ts';",
			"export {parseCertificate} from './source/certificate/parse.ts';",
		],
		{require: true},
	);
	return code;
}

/**
 * Writes into configDir a ledger of `accounts` accounts, each with `events` registrations in the
 * production environment (slots filled, replaced over and over, one forgotten now and then), so each
 * account's history is long and its four slots are full. certFile is any certificate: its parsed
 * record is the template, each registration gets a fingerprint of its own.
 */
export async function buildLedger(configDir, {accounts, events = 24, certFile, scratch}) {
	const {openLedger, withAccountLedger, placeCertificate, forgetSlot, emptyLedger, certRecordFrom, parseCertificate} = await ledgerCode(scratch);
	const info = parseCertificate(new Uint8Array(readFileSync(certFile)));
	const template = certRecordFrom(info, certFile, 'qualified');
	const start = Date.UTC(2020, 0, 1);
	const store = openLedger({dir: configDir, env: {}});
	await store.update((data) => {
		let next = data;
		for (let a = 0; a < accounts; a++) {
			let ledger = emptyLedger();
			for (let e = 0; e < events; e++) {
				const at = new Date(start + (a * events + e) * DAY).toISOString();
				const slot = (e % 4) + 1;
				if (e % 13 === 12 && ledger.slots[`${slot}`]) {
					ledger = forgetSlot(ledger, slot, at).ledger;
					continue;
				}
				const sha256 = `${a.toString(16).padStart(8, '0')}${e.toString(16).padStart(8, '0')}`.padEnd(64, '0');
				const record = {...template, sha256, notAfter: new Date(start + (a * events + e + 700) * DAY).toISOString()};
				ledger = placeCertificate(ledger, {slot, roles: e % 3 === 0 ? ['auth'] : ['auth', 'sign'], record, at}).ledger;
			}
			next = withAccountLedger(next, `firma-${a}`, 'production', ledger);
		}
		return next;
	});
	return store.path;
}
