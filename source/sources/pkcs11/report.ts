// Text and JSON for `ote-cert sources` (token part) and translated messages for token errors and
// PIN states. Certificate and label text is sanitised before it reaches the terminal.
import {CertificateParseError, parseCertificateCached} from '../../certificate/parse.js';
import {t, type Lang} from '../../i18n/index.js';
import type {SourceError, SourceOrigin} from '../types.js';
import type {NssDiscovery} from '../nss/discovery.js';
import {clean, type Pkcs11Discovery} from './discovery.js';
import type {DedupedCertificate} from './dedupe.js';
import type {PinPolicy} from './pin-policy.js';
import {sshTokenAdvice} from './ssh.js';
import type {TokenSupport} from './support.js';

/** Translated sentence for a SourceError from the token room; null when the code is not a token one. */
export function tokenErrorMessage(error: Pick<SourceError, 'code' | 'params'>, lang?: Lang): string | null {
	const module = String(error.params['module'] ?? '');
	switch (error.code) {
		case 'NOT_FOUND':
			return module ? t('token.module.notFound', {module}, lang) : null;
		case 'MODULE_CRASHED':
			return t(error.params['reason'] === 'protocol' ? 'token.module.protocol' : 'token.module.crashed', {module}, lang);
		case 'MODULE_TIMEOUT':
			return t('token.module.timeout', {module, seconds: error.params['seconds'] ?? 15}, lang);
		case 'MODULE_LOAD_FAILED':
			if (error.params['reason'] === 'token-support') return t('token.support.notInstalled', {}, lang);
			return t('token.module.loadFailed', {module}, lang);
		case 'TOKEN_NOT_PRESENT':
			return t('token.notPresent', {}, lang);
		case 'TOKEN_REMOVED':
			return t('token.removed', {}, lang);
		case 'PIN_INCORRECT':
			return t('token.pin.incorrect', {}, lang);
		case 'PIN_LOCKED':
			return t('token.pin.locked', {}, lang);
		case 'PKCS11_ERROR':
			if (error.params['reason'] === 'to-be-changed') return t('token.pin.toBeChanged', {}, lang);
			if (error.params['reason'] === 'pin-not-set') return t('token.pin.notInitialized', {}, lang);
			return null;
		default:
			return null;
	}
}

/** What to tell the person when this installation cannot read tokens at all; null when it can. */
export function tokenSupportAdvice(support: TokenSupport, lang?: Lang): string | null {
	return support === 'available' ? null : t('token.support.notInstalled', {}, lang);
}

/** What to show before a PIN prompt (or instead of it). */
export function pinPolicyMessage(policy: PinPolicy, lang?: Lang): string | null {
	if (policy.blockReason === 'locked') return t('token.pin.locked', {}, lang);
	if (policy.blockReason === 'to-be-changed') return t('token.pin.toBeChanged', {}, lang);
	if (policy.blockReason === 'pin-not-set') return t('token.pin.notInitialized', {}, lang);
	if (policy.pinpad) return t('token.pin.pinpad', {}, lang);
	if (policy.warning === 'final-try') return t('token.pin.finalTry', {}, lang);
	if (policy.warning === 'count-low') return t('token.pin.countLow', {}, lang);
	return null;
}

/** Subject, issuer and end as every other output writes them (one parser, one DN form). */
function summary(der: Uint8Array): {subject: string; issuer: string; notAfter: string} {
	try {
		const info = parseCertificateCached(der);
		return {subject: info.subject, issuer: info.issuer, notAfter: info.notAfter.toISOString()};
	} catch (error) {
		if (!(error instanceof CertificateParseError)) throw error;
		return {subject: '?', issuer: '?', notAfter: ''};
	}
}

const placeOf = (o: SourceOrigin) => (o.kind === 'file' ? o.path : o.uri);

export interface TokenSourcesJson {
	/** Whether this installation can read tokens at all, and if not, what to do (null when it can). */
	tokenSupport: {status: TokenSupport; advice: string | null};
	modules: Array<{path: string; source: string; status: string; code: string | null; message: string | null}>;
	tokens: Array<{
		module: string;
		slot: string;
		state: string;
		label: string;
		manufacturer: string;
		model: string;
		serial: string;
		uri: string;
		certificates: number;
		flags: unknown;
	}>;
	nssProfiles: Array<{browser: string; name: string; dir: string; status: string; message: string | null}>;
	certificates: Array<{use: string; kind: string; sha256: string; subject: string; issuer: string; notAfter: string; seenAt: string[]}>;
	sshAdvice: string | null;
}

export function tokenSourcesJson(pkcs11: Pkcs11Discovery, nss: NssDiscovery | null, lang?: Lang): TokenSourcesJson {
	const certs: DedupedCertificate[] = [...pkcs11.certificates.filter((c) => !c.isCA), ...(nss?.certificates ?? [])];
	return {
		tokenSupport: {status: pkcs11.support, advice: tokenSupportAdvice(pkcs11.support, lang)},
		// The worker's sentences are English; a known code gets the catalog's sentence in the run's language.
		modules: pkcs11.modules.map((m) => ({
			path: m.path,
			source: m.source,
			status: m.status,
			code: m.code,
			message: (m.code ? tokenErrorMessage({code: m.code, params: {module: m.path}}, lang) : null) ?? m.message,
		})),
		tokens: pkcs11.tokens.map((tk) => ({
			module: tk.modulePath,
			slot: tk.slotDescription,
			state: tk.state,
			label: tk.label,
			manufacturer: tk.manufacturer,
			model: tk.model,
			serial: tk.serial,
			uri: tk.uri,
			certificates: tk.certificateCount,
			flags: tk.flags,
		})),
		nssProfiles: (nss?.profiles ?? []).map((p) => ({browser: p.browser, name: p.name, dir: p.dir, status: p.status, message: p.message})),
		certificates: certs.map((c) => ({use: placeOf(c.origin), kind: c.origin.kind, sha256: c.sha256, ...summary(c.der), seenAt: c.seenAt.map(placeOf)})),
		sshAdvice: pkcs11.sshHint ? sshTokenAdvice({}, lang ?? 'en', pkcs11.sshHint) : null,
	};
}

/** Plain text listing; the lead's `sources` command prints it after the certificate files. */
export function tokenSourcesText(pkcs11: Pkcs11Discovery, nss: NssDiscovery | null, lang?: Lang): string {
	const json = tokenSourcesJson(pkcs11, nss, lang);
	const lines: string[] = json.tokenSupport.advice ? [json.tokenSupport.advice] : [];
	for (const m of json.modules) {
		lines.push(`${m.status === 'ok' ? '✓' : '✗'} ${m.path} (${m.source})${m.message ? ` — ${clean(m.message)}` : ''}`);
		for (const tk of json.tokens.filter((x) => x.module === m.path)) {
			const state =
				tk.state === 'ready'
					? t('token.sources.certificates', {n: tk.certificates}, lang)
					: tk.state === 'uninitialized'
						? t('token.sources.uninitialized', {}, lang)
						: tk.state === 'empty-slot'
							? t('token.sources.emptySlot', {}, lang)
							: 'error';
			lines.push(`    ${tk.label || tk.slot} [${tk.manufacturer} ${tk.model} ${tk.serial}] — ${state}`);
			if (tk.uri) lines.push(`      ${tk.uri}`);
		}
	}
	for (const p of json.nssProfiles) lines.push(`${p.status === 'ok' ? '✓' : '✗'} ${t('token.nss.profile', {name: `${p.browser} ${p.name}`}, lang)}: ${p.dir}`);
	for (const c of json.certificates) {
		lines.push(`  ${c.subject} (${c.notAfter.slice(0, 10)})`);
		lines.push(`    ${c.use}`);
		if (c.seenAt.length > 1) lines.push(`    ${t('token.sources.seenAlsoIn', {places: c.seenAt.slice(1).join(', ')}, lang)}`);
	}
	if (json.sshAdvice) lines.push('', json.sshAdvice);
	return lines.join('\n');
}
