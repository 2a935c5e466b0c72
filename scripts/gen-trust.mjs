#!/usr/bin/env node
// Builds source/trust/anchors.gen.json from source/trust/anchors/*.pem and manifest.json, so the
// tool ships the CA list as one JSON module and never reads files at start-up.
//   node scripts/gen-trust.mjs          write the JSON
//   node scripts/gen-trust.mjs --check  exit 1 when the committed JSON is out of date
import {createHash} from 'node:crypto';
import {readFile, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {AsnConvert} from '@peculiar/asn1-schema';
import {Certificate} from '@peculiar/asn1-x509';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, 'source', 'trust', 'anchors');
const out = path.join(root, 'source', 'trust', 'anchors.gen.json');

/** The date the CA data was assembled (see source/trust/anchors/README.md). */
const DATA_DATE = '2026-11-28';
const APPROVED_AUTHORITIES = ['I.CA', 'PostSignum', 'eIdentity', 'NetLock'];
/** Where each approved authority publishes its CA certificates (named in ISSUER_NOT_SHIPPED). */
const PUBLISHED = {
	'I.CA': 'https://www.ica.cz',
	PostSignum: 'https://www.postsignum.cz/files/ca/',
	eIdentity: 'https://www.eidentity.cz',
	NetLock: 'https://www.netlock.hu',
};
const ORGANIZATION = '2.5.4.10';
const ORGANIZATION_IDENTIFIER = '2.5.4.97';

// Must match nameKeyOf() in source/certificate/parse.ts; a test compares both for every anchor.
function attributeText(v) {
	if (v.utf8String !== undefined) return v.utf8String;
	if (v.printableString !== undefined) return v.printableString;
	if (v.bmpString !== undefined) return v.bmpString;
	if (v.universalString !== undefined) return v.universalString;
	if (v.teletexString !== undefined) return v.teletexString;
	if (v.ia5String !== undefined) return v.ia5String;
	if (v.anyValue !== undefined) return `#${Buffer.from(v.anyValue).toString('hex')}`;
	return '';
}

function nameKey(name) {
	return [...name]
		.map((rdn) =>
			[...rdn]
				.map((a) => `${a.type}=${attributeText(a.value).normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()}`)
				.sort()
				.join('+'),
		)
		.join('/');
}

function pemToDer(text, file) {
	const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
	if (!m) throw new Error(`${file}: no CERTIFICATE block`);
	if (text.indexOf('-----BEGIN', m.index + 1) >= 0) throw new Error(`${file}: more than one block`);
	return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
}

async function build() {
	const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
	const pems = (await readdir(dir)).filter((f) => f.endsWith('.pem')).sort();
	const listed = new Set(manifest.map((m) => m.file));
	for (const f of pems) if (!listed.has(f)) throw new Error(`${f} is not described in manifest.json`);
	const sources = new Map();
	const anchors = [];
	// The names an approved authority's CAs carry (O, organizationIdentifier), taken from its shipped CAs:
	// an unknown issuer with one of them belongs to the authority but is not shipped yet.
	const names = new Map(
		APPROVED_AUTHORITIES.map((a) => [a, {authority: a, organizations: new Set(), organizationIdentifiers: new Set(), published: PUBLISHED[a]}]),
	);
	for (const m of manifest) {
		const der = pemToDer(await readFile(path.join(dir, m.file), 'utf8'), m.file);
		const sha256 = createHash('sha256').update(der).digest('hex');
		if (sha256 !== m.sha256) throw new Error(`${m.file}: SHA-256 ${sha256} differs from the manifest`);
		const cert = AsnConvert.parse(der, Certificate);
		const entry = names.get(m.authority);
		for (const rdn of entry ? cert.tbsCertificate.subject : []) {
			for (const a of rdn) {
				const text = attributeText(a.value).normalize('NFC').trim();
				if (a.type === ORGANIZATION) entry.organizations.add(text);
				if (a.type === ORGANIZATION_IDENTIFIER) entry.organizationIdentifiers.add(text);
			}
		}
		const key = `${m.source.repo} ${m.source.path} ${m.source.commit ?? ''}`;
		if (!sources.has(key)) sources.set(key, {repo: m.source.repo, path: m.source.path, commit: m.source.commit ?? null});
		anchors.push({
			file: m.file,
			subject: m.subject,
			issuer: m.issuer,
			subjectKey: nameKey(cert.tbsCertificate.subject),
			serialNumber: m.serialNumber,
			notBefore: m.notBefore,
			notAfter: m.notAfter,
			sha256,
			subjectKeyIdentifier: m.subjectKeyIdentifier,
			authorityKeyIdentifier: m.authorityKeyIdentifier,
			isRoot: m.isRoot,
			authority: m.authority,
			kind: m.kind,
			usage: m.usage,
			approvedAuthority: APPROVED_AUTHORITIES.includes(m.authority),
			otePolicy: m.otePolicy,
			source: {repo: m.source.repo, path: m.source.path, commit: m.source.commit ?? null},
			der: der.toString('base64'),
		});
	}
	const authorityNames = [...names.values()].map((n) => ({
		authority: n.authority,
		organizations: [...n.organizations].sort(),
		organizationIdentifiers: [...n.organizationIdentifiers].sort(),
		published: n.published,
	}));
	return `${JSON.stringify({date: DATA_DATE, approvedAuthorities: APPROVED_AUTHORITIES, authorityNames, sources: [...sources.values()], anchors}, null, '\t')}\n`;
}

const text = await build();
if (process.argv.includes('--check')) {
	const current = await readFile(out, 'utf8').catch(() => '');
	if (current !== text) {
		console.error('source/trust/anchors.gen.json is out of date: run node scripts/gen-trust.mjs');
		process.exit(1);
	}
	console.log('anchors.gen.json is up to date');
} else {
	await writeFile(out, text);
	console.log(`wrote ${path.relative(root, out)}`);
}
