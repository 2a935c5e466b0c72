// The one door to the network: plain HTTP(S) GET/POST for OCSP responders and CRL servers, with a
// time limit per request, a size limit, and the standard proxy variables (HTTPS_PROXY, HTTP_PROXY,
// ALL_PROXY, NO_PROXY, read by proxy-from-env). Node 20's own http client and fetch ignore them.
import http from 'node:http';
import https from 'node:https';
import {getProxyForUrl} from 'proxy-from-env';
import {HttpProxyAgent} from 'http-proxy-agent';
import {HttpsProxyAgent} from 'https-proxy-agent';
import {RevocationFetchError, type RevocationFetcher, type RevocationRequest} from '../../trust/revocation.js';

/** Follows at most this many redirects (CAs move CRLs between http and https hosts). */
const MAX_REDIRECTS = 3;

function agentFor(url: URL): http.Agent | undefined {
	const proxy = getProxyForUrl(url.href);
	if (!proxy) return undefined;
	return url.protocol === 'https:' ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
}

function once(request: RevocationRequest, url: URL, signal: AbortSignal): Promise<{status: number; location: string | null; body: Uint8Array}> {
	return new Promise((resolve, reject) => {
		const client = url.protocol === 'https:' ? https : http;
		const headers: Record<string, string | number> = {accept: request.accept, 'user-agent': 'ote-cert'};
		if (request.body) {
			headers['content-type'] = request.contentType ?? 'application/octet-stream';
			headers['content-length'] = request.body.byteLength;
		}
		let settled = false;
		const finish = (error: Error | null, value?: {status: number; location: string | null; body: Uint8Array}) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			if (error) {
				req.destroy();
				reject(error);
			} else resolve(value!);
		};
		const onAbort = () => finish(new RevocationFetchError('timeout', `${url.host}: the revocation check ran out of time`));
		const timer = setTimeout(() => finish(new RevocationFetchError('timeout', `${url.host}: no answer within ${request.timeoutMs} ms`)), request.timeoutMs);
		const req = client.request(url, {method: request.method, headers, agent: agentFor(url)}, (res) => {
			const status = res.statusCode ?? 0;
			const chunks: Buffer[] = [];
			let size = 0;
			res.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > request.maxBytes) {
					finish(new RevocationFetchError('tooLarge', `${url.host}: answer larger than ${request.maxBytes} bytes`));
					return;
				}
				chunks.push(chunk);
			});
			res.on('end', () => finish(null, {status, location: res.headers.location ?? null, body: new Uint8Array(Buffer.concat(chunks))}));
			res.on('error', (error) => finish(new RevocationFetchError('unreachable', `${url.host}: ${error.message}`)));
		});
		req.on('error', (error) => finish(new RevocationFetchError('unreachable', `${url.host}: ${error.message}`)));
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort);
		req.end(request.body ? Buffer.from(request.body) : undefined);
	});
}

export function httpFetcher(): RevocationFetcher {
	return {
		async fetch(request, signal) {
			let url = new URL(request.url);
			for (let hop = 0; ; hop++) {
				if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RevocationFetchError('unreachable', `${url.protocol} is not asked`);
				const answer = await once(request, url, signal);
				if (answer.status >= 300 && answer.status < 400 && answer.location && hop < MAX_REDIRECTS && request.method === 'GET') {
					url = new URL(answer.location, url);
					continue;
				}
				if (answer.status < 200 || answer.status >= 300) throw new RevocationFetchError('httpStatus', `${url.host}: HTTP ${answer.status}`);
				return answer.body;
			}
		},
	};
}
