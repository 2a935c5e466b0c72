// Optional proof that the private key for a token certificate is on the token: first without a
// PIN (public-key object with the same CKA_ID and the same key), then, only with consent, by
// signing a random challenge and verifying it against the certificate (tokens.md §6).
import {createHash, randomBytes, verify, X509Certificate, type KeyObject} from 'node:crypto';
import {t, type MessageKey} from '../../i18n/index.js';
import {SourceError, type CertificateEntry, type SecretProvider} from '../types.js';
import {Pkcs11Worker} from './client.js';
import {authenticate, blocked, pinPolicy, type LoginResult, type TokenFlags, type TokenSession} from './pin-policy.js';
import type {OpenResult, WirePrivateKey, WirePublicKey, WireToken} from './protocol.js';
import {parsePkcs11Uri} from './uri.js';
import {nssLibraryParameters} from './nss-params.js';

type ProofLevel = 'public-key-match' | 'signature' | 'none';

export interface ProofResult {
	level: ProofLevel;
	ok: boolean;
	/** Translated sentence for the person. */
	detail: string;
	/** i18n key of detail, for UIs that render their own text. */
	detailKey: string;
}

export interface ProveOptions {
	secret: SecretProvider;
	/** The person agreed to a signature (it may need the PIN; on a QSCD it is a qualified signature). */
	sign: boolean;
	env: NodeJS.ProcessEnv;
	timeoutMs?: number;
}

/** A token opened in a worker child; implements TokenSession for the shared login flow. */
class WorkerTokenSession implements TokenSession {
	private constructor(
		private readonly worker: Pkcs11Worker,
		private readonly session: number,
		readonly opened: OpenResult,
	) {}

	static async open(uri: string, env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<WorkerTokenSession> {
		const parsed = parsePkcs11Uri(uri);
		if (!parsed.modulePath) throw new SourceError('BAD_URI', `The URI names no module-path: ${uri}`, {uri, reason: 'module-path'});
		const worker = new Pkcs11Worker(parsed.modulePath, env, timeoutMs);
		try {
			const libraryParameters = parsed.vendor['x-nss-configdir'] ? nssLibraryParameters(parsed.vendor['x-nss-configdir']) : undefined;
			const opened = await worker.call<OpenResult>({
				op: 'open',
				modulePath: parsed.modulePath,
				...(libraryParameters ? {libraryParameters} : {}),
				match: {
					...(parsed.token !== undefined ? {token: parsed.token} : {}),
					...(parsed.serial !== undefined ? {serial: parsed.serial} : {}),
					...(parsed.manufacturer !== undefined ? {manufacturer: parsed.manufacturer} : {}),
					...(parsed.model !== undefined ? {model: parsed.model} : {}),
				},
			});
			return new WorkerTokenSession(worker, opened.session, opened);
		} catch (e) {
			await worker.close();
			throw e;
		}
	}

	async tokenInfo(): Promise<TokenFlags> {
		const token = await this.worker.call<WireToken>({op: 'tokenInfo', session: this.session});
		return {label: token.label, flags: token.flags};
	}

	login(pin: string | null): Promise<LoginResult> {
		return this.worker.call<LoginResult>({op: 'login', session: this.session, pin});
	}

	publicKeys(): Promise<WirePublicKey[]> {
		return this.worker.call<WirePublicKey[]>({op: 'publicKeys', session: this.session});
	}

	privateKey(id: string): Promise<WirePrivateKey> {
		return this.worker.call<WirePrivateKey>({op: 'privateKey', session: this.session, id});
	}

	async sign(id: string, mechanism: 'SHA256-RSA-PKCS' | 'ECDSA', data: Uint8Array, contextPin: string | null): Promise<Buffer> {
		const signature = await this.worker.call<string>({
			op: 'sign',
			session: this.session,
			id,
			mechanism,
			data: Buffer.from(data).toString('base64'),
			contextPin,
		});
		return Buffer.from(signature, 'base64');
	}

	close(): Promise<void> {
		return this.worker.close();
	}
}

const strip = (hex: string) => hex.replace(/^(00)+/, '');
const b64uHex = (s: string) => Buffer.from(s, 'base64url').toString('hex');

/** Compares a token public-key object with the certificate's key (RSA modulus, EC point). */
function publicKeyMatches(key: WirePublicKey, certKey: KeyObject): boolean {
	const jwk = certKey.export({format: 'jwk'});
	if (jwk.kty === 'RSA' && key.modulus) {
		return strip(key.modulus) === strip(b64uHex(jwk.n!)) && (key.exponent === null || strip(key.exponent) === strip(b64uHex(jwk.e!)));
	}
	if (jwk.kty === 'EC' && key.ecPoint) {
		const point = `04${b64uHex(jwk.x!)}${b64uHex(jwk.y!)}`;
		const raw = key.ecPoint.toLowerCase();
		// CKA_EC_POINT is usually DER OCTET STRING-wrapped (04 len point); some modules store it bare.
		return raw === point || (raw.endsWith(point) && raw.length - point.length <= 6);
	}
	return false;
}

function result(level: ProofLevel, ok: boolean, key: MessageKey): ProofResult {
	return {level, ok, detail: t(key), detailKey: key};
}

export async function proveKeyPossession(entry: CertificateEntry, options: ProveOptions): Promise<ProofResult> {
	if (entry.origin.kind === 'file') throw new SourceError('UNSUPPORTED_FORMAT', 'Proof of possession on a token needs a token certificate', {});
	const certKey = new X509Certificate(entry.der).publicKey;
	const id = entry.origin.kind === 'pkcs11' ? entry.origin.objectId : null;
	const token = await WorkerTokenSession.open(entry.origin.uri, options.env, options.timeoutMs);
	try {
		// Level 1, no PIN: a public-key object with the certificate's CKA_ID, else any matching key.
		const keys = await token.publicKeys();
		const sameId = keys.filter((k) => id !== null && k.id === id);
		let first: ProofResult;
		if (sameId.length > 0) {
			first = sameId.some((k) => publicKeyMatches(k, certKey))
				? result('public-key-match', true, 'token.pop.publicKeyMatch')
				: result('public-key-match', false, 'token.pop.publicKeyMismatch');
		} else if (keys.some((k) => publicKeyMatches(k, certKey))) {
			first = result('public-key-match', true, 'token.pop.publicKeyMatch');
		} else {
			first = result('none', false, 'token.pop.noPublicKey');
		}
		if (!options.sign) return first;
		const algorithm = certKey.asymmetricKeyType;
		if (algorithm !== 'rsa' && algorithm !== 'ec') return {...first, detail: t('token.pop.unsupportedKey'), detailKey: 'token.pop.unsupportedKey'};
		// Level 3: log in through the shared flow (flags first, no automatic retry), then sign.
		const login = await authenticate(token, {secret: options.secret});
		if (login.status === 'cancelled') return {...first, detail: t('token.pop.cancelled'), detailKey: 'token.pop.cancelled'};
		if (id === null) return result('none', false, 'token.pop.noPrivateKey');
		const privateKey = await token.privateKey(id);
		if (!privateKey.found) return result('none', false, 'token.pop.noPrivateKey');
		let contextPin: string | null = null;
		if (privateKey.alwaysAuthenticate) {
			// The context PIN goes through the same flag check as the login: never on a locked token, and
			// the provider knows when it is the final try.
			const info = await token.tokenInfo();
			const policy = pinPolicy(info.flags);
			if (!policy.allowed) throw blocked(info.label, policy.blockReason!);
			contextPin = await options.secret({kind: 'pin', target: info.label, retry: false, pinState: policy.warning ?? 'ok'});
			if (contextPin === null) return {...first, detail: t('token.pop.cancelled'), detailKey: 'token.pop.cancelled'};
		}
		const challenge = randomBytes(32);
		let good: boolean;
		try {
			if (algorithm === 'rsa') {
				const signature = await token.sign(id, 'SHA256-RSA-PKCS', challenge, contextPin);
				good = verify('sha256', challenge, certKey, signature);
			} else {
				// CKM_ECDSA signs a digest and returns r||s.
				const digest = createHash('sha256').update(challenge).digest();
				const signature = await token.sign(id, 'ECDSA', digest, contextPin);
				good = verify('sha256', challenge, {key: certKey, dsaEncoding: 'ieee-p1363'}, signature);
			}
		} catch (e) {
			// A key of another type under the same CKA_ID cannot do this mechanism: not this certificate's key.
			if (e instanceof SourceError && /MECHANISM|KEY_TYPE_INCONSISTENT|KEY_FUNCTION/.test(String(e.params['ckr']))) good = false;
			else throw e;
		}
		contextPin = null;
		return good ? result('signature', true, 'token.pop.signatureOk') : result('signature', false, 'token.pop.signatureBad');
	} finally {
		await token.close();
	}
}
