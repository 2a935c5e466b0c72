// A revocation world on 127.0.0.1 only: a CA, a real OCSP responder (openssl ocsp answering each
// POST from its index file) and a CRL server, behind one Node HTTP server that counts every request.
import {execFile} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {promisify} from 'node:util';
import {type CaHandle, type LeafHandle, makeCa, makeCrl, makeLeaf, privateKeyPem, type CrlEntry} from '../helpers/pki.js';

const run = promisify(execFile);
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

/** How the OCSP route answers. */
type OcspVariant = 'good' | 'stale' | 'badsig' | 'other' | 'delegated' | 'garbage' | 'slow' | 'error';

export interface RevocationWorld {
	dir: string;
	ca: CaHandle;
	caFile: string;
	/** http://127.0.0.1:PORT */
	base: string;
	/** An address where nothing listens (the port was bound, then released). */
	downBase: string;
	requests: string[];
	leaf(name: string, options: {ocsp?: OcspVariant; crl?: boolean; ocspBase?: string}): Promise<LeafHandle>;
	revokeInOcsp(leaf: LeafHandle, reason: string, at: Date): Promise<void>;
	revokeInCrl(entries: CrlEntry[]): Promise<void>;
	close(): Promise<void>;
}

const yymmdd = (d: Date): string => `${d.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;

async function freePort(): Promise<number> {
	const probe = http.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address() as AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

export async function startRevocationWorld(dir: string): Promise<RevocationWorld> {
	await mkdir(dir, {recursive: true});
	const ca = await makeCa({cn: 'Revocation Test CA', org: 'Testovací autorita, a.s.', freshKey: true});
	const other = await makeCa({cn: 'Someone Else CA', org: 'Jiná autorita', freshKey: true});
	const responder = await makeLeaf({issuer: ca, cn: 'Revocation Test OCSP Responder', keyUsage: ['digitalSignature'], eku: [OCSP_SIGNING], policies: []});
	const files = {
		ca: path.join(dir, 'ca.pem'),
		caKey: path.join(dir, 'ca.key'),
		other: path.join(dir, 'other.pem'),
		otherKey: path.join(dir, 'other.key'),
		responder: path.join(dir, 'responder.pem'),
		responderKey: path.join(dir, 'responder.key'),
		index: path.join(dir, 'index.txt'),
	};
	await writeFile(files.ca, ca.pem);
	await writeFile(files.caKey, await privateKeyPem(ca), {mode: 0o600});
	await writeFile(files.other, other.pem);
	await writeFile(files.otherKey, await privateKeyPem(other), {mode: 0o600});
	await writeFile(files.responder, responder.pem);
	await writeFile(files.responderKey, responder.privateKeyPkcs8Pem, {mode: 0o600});
	// openssl ocsp answers "unknown" for a serial it has no row for: every issued leaf gets one.
	const index = new Map<string, string>();
	const writeIndex = () => writeFile(files.index, [...index.values()].join(''));
	await writeIndex();
	let crl = await makeCrl(ca);

	const requests: string[] = [];
	const hanging = new Set<http.ServerResponse>();
	let counter = 0;
	const ocsp = async (variant: OcspVariant, body: Buffer): Promise<Buffer> => {
		const n = ++counter;
		const req = path.join(dir, `req-${n}.der`);
		const resp = path.join(dir, `resp-${n}.der`);
		await writeFile(req, body);
		const signer =
			variant === 'other' ? [files.other, files.otherKey] : variant === 'delegated' ? [files.responder, files.responderKey] : [files.ca, files.caKey];
		const validity = variant === 'stale' ? ['-nmin', '1'] : ['-ndays', '1'];
		const extra = variant === 'badsig' ? ['-resp_no_certs'] : [];
		await run('openssl', [
			'ocsp',
			'-index',
			files.index,
			'-CA',
			files.ca,
			'-rsigner',
			signer[0]!,
			'-rkey',
			signer[1]!,
			'-reqin',
			req,
			'-respout',
			resp,
			...validity,
			...extra,
		]);
		const out = await readFile(resp);
		// The signature BIT STRING ends the response when no certificates follow: flip its last byte.
		if (variant === 'badsig') out.writeUInt8(out.readUInt8(out.length - 1) ^ 0x01, out.length - 1);
		return out;
	};
	const server = http.createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = req.url ?? '';
			if (req.method === 'GET' && url === '/crl/ca.crl') {
				res.writeHead(200, {'content-type': 'application/pkix-crl'}).end(Buffer.from(crl));
				return;
			}
			const variant = /^\/ocsp\/([a-z]+)$/.exec(url)?.[1] as OcspVariant | undefined;
			if (req.method !== 'POST' || !variant) {
				res.writeHead(404).end();
				return;
			}
			if (variant === 'slow') {
				hanging.add(res); // never answered; closed with the server
				return;
			}
			if (variant === 'garbage') {
				res.writeHead(200, {'content-type': 'application/ocsp-response'}).end('this is not an OCSP response');
				return;
			}
			if (variant === 'error') {
				res.writeHead(500).end();
				return;
			}
			ocsp(variant, Buffer.concat(chunks)).then(
				(body) => res.writeHead(200, {'content-type': 'application/ocsp-response'}).end(body),
				(error: Error) => res.writeHead(500).end(error.message),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const downBase = `http://127.0.0.1:${await freePort()}`;

	return {
		dir,
		ca,
		caFile: files.ca,
		base,
		downBase,
		requests,
		async leaf(name, options) {
			const leaf = await makeLeaf({
				issuer: ca,
				cn: name,
				qualified: true,
				freshKey: true,
				ocspUrls: options.ocsp ? [`${options.ocspBase ?? base}/ocsp/${options.ocsp}`] : undefined,
				crlUrls: options.crl ? [`${base}/crl/ca.crl`] : undefined,
			});
			const serial = leaf.cert.serialNumber.toUpperCase();
			index.set(serial, `V\t${yymmdd(leaf.cert.notAfter)}\t\t${serial}\tunknown\t/CN=${serial}\n`);
			await writeIndex();
			return leaf;
		},
		async revokeInOcsp(leaf, reason, at) {
			const serial = leaf.cert.serialNumber.toUpperCase();
			index.set(serial, `R\t${yymmdd(leaf.cert.notAfter)}\t${yymmdd(at)},${reason}\t${serial}\tunknown\t/CN=${serial}\n`);
			await writeIndex();
		},
		async revokeInCrl(entries) {
			crl = await makeCrl(ca, {entries});
		},
		async close() {
			for (const res of hanging) res.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
