// Finds PKCS#11 modules (flag, environment, p11-kit registry, vendor paths), probes each one in
// its own worker child, and turns what the tokens hold into CertificateEntry lists.
import {createHash} from 'node:crypto';
import {isCaCertificate} from '../../certificate/parse.js';
import {existsSync, readdirSync, readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {SourceError, type CertificateEntry, type SourceErrorCode} from '../types.js';
import {withWorker} from './client.js';
import {dedupeCertificates, moduleRank, type DedupedCertificate} from './dedupe.js';
import {isCertificateModule, knownModules, moduleConfigDirs, p11KitClientPaths, parseModuleFile, resolveModuleName} from './module-config.js';
import {summarizeFlags, type TokenFlagSummary} from './pin-policy.js';
import type {ProbeResult, WireCertificate, WireSlot} from './protocol.js';
import {formatPkcs11Uri, parsePkcs11Uri, tokenMatches} from './uri.js';
import {sshHint, type SshHint} from './ssh.js';
import {nssLibraryParameters} from './nss-params.js';
import {tokenSupport, type TokenSupport} from './support.js';
import {t} from '../../i18n/index.js';

type ModuleSource = 'flag' | 'env' | 'p11-kit-remote' | 'p11-kit' | 'known';

export interface ModuleCandidate {
	path: string;
	realPath: string;
	source: ModuleSource;
	/** Product from the built-in list or the .module file name. */
	product: string | null;
}

interface Pkcs11ModuleStatus extends ModuleCandidate {
	status: 'ok' | 'error';
	code: SourceErrorCode | null;
	message: string | null;
	info: {manufacturer: string; description: string; version: string} | null;
}

type TokenState = 'ready' | 'uninitialized' | 'empty-slot' | 'error';

interface Pkcs11TokenSummary {
	modulePath: string;
	slotId: string;
	slotDescription: string;
	state: TokenState;
	label: string;
	manufacturer: string;
	model: string;
	serial: string;
	flags: TokenFlagSummary | null;
	rawFlags: number;
	/** URI naming the token (no slot id: p11-kit-proxy renumbers slots). Empty for empty slots. */
	uri: string;
	certificateCount: number;
	error: string | null;
}

export type Pkcs11Certificate = DedupedCertificate & {isCA: boolean};

export interface Pkcs11Discovery {
	/** 'not-installed': pkcs11js is missing (an optional dependency); modules are listed, none was asked. */
	support: TokenSupport;
	modules: Pkcs11ModuleStatus[];
	tokens: Pkcs11TokenSummary[];
	certificates: Pkcs11Certificate[];
	sshHint: SshHint | null;
}

export interface DiscoverOptions {
	env: NodeJS.ProcessEnv;
	/** --module PATH (repeatable). */
	modulePaths?: string[];
	timeoutMs?: number;
	/** Leave out the built-in vendor list and the p11-kit registry (tests, --module only). */
	onlyExplicit?: boolean;
	platform?: NodeJS.Platform;
}

// Control characters from token labels must never reach a terminal or a file name.
export const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();

function real(p: string): string | null {
	try {
		return statSync(p).isFile() ? realpathSync(p) : null;
	} catch {
		return null;
	}
}

function findModules(options: DiscoverOptions): ModuleCandidate[] {
	const platform = options.platform ?? process.platform;
	const env = options.env;
	const out: ModuleCandidate[] = [];
	const seen = new Set<string>();
	const add = (p: string, source: ModuleSource, product: string | null, mustExist: boolean) => {
		const r = real(p);
		if (!r && mustExist) return false;
		// Paths the person named are kept even when missing, so the error names them.
		const key = r ?? p;
		if (seen.has(key)) return true;
		seen.add(key);
		out.push({path: p, realPath: key, source, product});
		return true;
	};
	for (const p of options.modulePaths ?? []) add(path.resolve(p), 'flag', null, false);
	for (const p of (env['OTE_CERT_PKCS11_MODULE'] ?? '').split(path.delimiter).filter(Boolean)) add(path.resolve(p), 'env', null, false);
	// A token forwarded from the person's laptop (p11-kit server + ssh -R) counts as explicit: the
	// person set it up for this session.
	const runtime = env['XDG_RUNTIME_DIR'];
	const remoteSocket = runtime ? path.join(runtime, 'p11-kit', 'pkcs11') : null;
	if (env['P11_KIT_SERVER_ADDRESS'] || (remoteSocket && existsSync(remoteSocket))) {
		for (const p of p11KitClientPaths(platform)) if (add(p, 'p11-kit-remote', 'p11-kit remote token', true)) break;
	}
	if (options.onlyExplicit) return out;
	// Higher-priority dirs override lower ones by file name (pkcs11.conf(5)).
	const byName = new Map<string, string | null>();
	for (const dir of moduleConfigDirs(env, typeof process.getuid === 'function' ? process.getuid() : null, platform)) {
		let names: string[] = [];
		try {
			names = readdirSync(dir).filter((n) => n.endsWith('.module'));
		} catch {
			continue;
		}
		for (const name of names.sort()) {
			try {
				const config = parseModuleFile(readFileSync(path.join(dir, name), 'utf8'));
				byName.set(name, isCertificateModule(config) ? config.module : null);
			} catch {
				/* unreadable config is not a module */
			}
		}
	}
	for (const [name, module] of byName) {
		if (!module) continue;
		for (const candidate of resolveModuleName(module, platform)) if (add(candidate, 'p11-kit', name.replace(/\.module$/, ''), true)) break;
	}
	for (const known of knownModules(platform)) {
		for (const candidate of known.paths) if (add(candidate, 'known', known.product, true)) break;
	}
	return out;
}

export function sha256(der: Uint8Array): string {
	return createHash('sha256').update(der).digest('hex');
}

function tokenUri(modulePath: string, slot: Pick<WireSlot, 'token'>): string {
	const t = slot.token!;
	return formatPkcs11Uri({token: t.label, manufacturer: t.manufacturer, model: t.model, serial: t.serial, modulePath});
}

export interface NssContext {
	configDir: string;
	profile: string;
}

// Every certificate of a slot is a companion of every other: decoded once and shared, a 50-certificate
// token costs 50 decodes instead of 2,500, and the parse memo meets the same arrays again.
const decoded = new WeakMap<WireCertificate, Uint8Array>();
function derOf(cert: WireCertificate): Uint8Array {
	let der = decoded.get(cert);
	if (!der) {
		der = new Uint8Array(Buffer.from(cert.der, 'base64'));
		decoded.set(cert, der);
	}
	return der;
}

export function certificateEntry(
	modulePath: string,
	slot: Omit<WireSlot, 'certificates' | 'error'>,
	cert: WireCertificate,
	all: WireCertificate[],
	nss?: NssContext,
): CertificateEntry {
	const t = slot.token!;
	const id = cert.id ? Buffer.from(cert.id, 'hex') : undefined;
	const uri = formatPkcs11Uri({
		token: t.label,
		manufacturer: t.manufacturer,
		model: t.model,
		serial: t.serial,
		...(cert.label !== null ? {object: cert.label} : {}),
		...(id ? {id: new Uint8Array(id)} : {}),
		type: 'cert',
		modulePath,
		...(nss ? {vendor: {'x-nss-configdir': nss.configDir}} : {}),
	});
	const der = derOf(cert);
	const companions = all.filter((c) => c !== cert).map(derOf);
	if (nss) {
		return {der, origin: {kind: 'nss', uri, profile: nss.profile, nickname: cert.label === null ? null : clean(cert.label)}, companions, keyMatches: null};
	}
	return {
		der,
		origin: {
			kind: 'pkcs11',
			uri,
			modulePath,
			tokenLabel: clean(t.label),
			tokenSerial: clean(t.serial),
			slotDescription: clean(slot.slotDescription),
			objectLabel: cert.label === null ? null : clean(cert.label),
			objectId: cert.id,
		},
		companions,
		keyMatches: null,
		hasKey: cert.hasKey ?? null,
	};
}

export async function probeModule(modulePath: string, env: NodeJS.ProcessEnv, timeoutMs?: number, libraryParameters?: string): Promise<ProbeResult> {
	// One child per module (and per NSS profile: softokn initialises once per process).
	return withWorker(modulePath, env, timeoutMs, (w) => w.call<ProbeResult>({op: 'probe', modulePath, ...(libraryParameters ? {libraryParameters} : {})}));
}

const sourceOrder: Record<ModuleSource, number> = {flag: 0, env: 1, known: 2, 'p11-kit-remote': 3, 'p11-kit': 4};

export async function discoverPkcs11(options: DiscoverOptions): Promise<Pkcs11Discovery> {
	const candidates = findModules(options);
	const support = tokenSupport(options.env);
	if (support !== 'available') {
		// Listed so the person sees their token's module was found; no code: the module is not at fault.
		const modules = candidates.map(
			(c): Pkcs11ModuleStatus => ({...c, status: 'error', code: null, message: 'token support (pkcs11js) is not installed', info: null}),
		);
		return {support, modules, tokens: [], certificates: [], sshHint: null};
	}
	const modules: Pkcs11ModuleStatus[] = [];
	const tokens: Pkcs11TokenSummary[] = [];
	const seen: Array<{entry: CertificateEntry; sha256: string; rank: number}> = [];
	// Each module gets its own child, so one hanging vendor module costs its time limit, not the list.
	const results = await Promise.allSettled(candidates.map((c) => probeModule(c.realPath, options.env, options.timeoutMs)));
	candidates.forEach((candidate, i) => {
		const settled = results[i]!;
		if (settled.status === 'rejected') {
			const e = settled.reason as unknown;
			modules.push({
				...candidate,
				status: 'error',
				code: e instanceof SourceError ? e.code : 'PKCS11_ERROR',
				message: e instanceof Error ? e.message : String(e),
				info: null,
			});
			return;
		}
		const {module, slots} = settled.value;
		modules.push({
			...candidate,
			status: 'ok',
			code: null,
			message: null,
			info: {manufacturer: module.manufacturer, description: module.description, version: module.version},
		});
		for (const slot of slots) {
			const t = slot.token;
			const state: TokenState = slot.error
				? 'error'
				: !slot.tokenPresent || !t
					? 'empty-slot'
					: summarizeFlags(t.flags).initialized
						? 'ready'
						: 'uninitialized';
			tokens.push({
				modulePath: candidate.path,
				slotId: slot.slotId,
				slotDescription: clean(slot.slotDescription),
				state,
				label: clean(t?.label ?? ''),
				manufacturer: clean(t?.manufacturer ?? ''),
				model: clean(t?.model ?? ''),
				serial: clean(t?.serial ?? ''),
				flags: t ? summarizeFlags(t.flags) : null,
				rawFlags: t?.flags ?? 0,
				uri: t && state !== 'uninitialized' ? tokenUri(candidate.path, slot) : '',
				certificateCount: slot.certificates.length,
				error: slot.error,
			});
			for (const cert of slot.certificates) {
				const entry = certificateEntry(candidate.path, slot, cert, slot.certificates);
				seen.push({entry, sha256: sha256(entry.der), rank: moduleRank(candidate.realPath, sourceOrder[candidate.source])});
			}
		}
	});
	const certificates = dedupeCertificates(seen).map((c) => ({...c, isCA: isCaCertificate(c.der)}));
	const visible = tokens.some((t) => t.state === 'ready');
	return {support, modules, tokens, certificates, sshHint: visible ? null : sshHint(options.env)};
}

const NAMED: ReadonlySet<ModuleSource> = new Set(['flag', 'env', 'p11-kit-remote']);

/** The modules the person named (flag, environment, forwarded token) first; the rest after. */
export function probeRounds(candidates: ModuleCandidate[]): ModuleCandidate[][] {
	const named = candidates.filter((c) => NAMED.has(c.source));
	const others = candidates.filter((c) => !NAMED.has(c.source));
	return [named, others].filter((round) => round.length > 0);
}

/**
 * Reads the certificates a pkcs11: URI names. Without module-path, the modules the person named
 * (--module, OTE_CERT_PKCS11_MODULE, a forwarded p11-kit token) are asked first and the others only
 * when those do not hold the token: each module costs a child process (~70 ms of Node start). The
 * modules of one round are asked at once, each in its own child, so a hanging one costs its time
 * limit once, not once per module.
 */
export async function loadPkcs11Uri(uri: string, options: {env: NodeJS.ProcessEnv; timeoutMs?: number; modulePaths?: string[]}): Promise<CertificateEntry[]> {
	const parsed = parsePkcs11Uri(uri);
	if (tokenSupport(options.env) !== 'available') throw new SourceError('MODULE_LOAD_FAILED', t('token.support.notInstalled'), {uri, reason: 'token-support'});
	if (parsed.type !== undefined && parsed.type !== 'cert') {
		throw new SourceError('BAD_URI', `The URI names a ${parsed.type} object, not a certificate: ${uri}`, {uri, reason: 'type'});
	}
	let rounds: ModuleCandidate[][];
	if (parsed.modulePath) rounds = [[{path: parsed.modulePath, realPath: parsed.modulePath, source: 'flag', product: null}]];
	else {
		const candidates = parsed.moduleName
			? findModules({env: options.env}).filter((m) => path.basename(m.path).startsWith(parsed.moduleName!))
			: findModules({env: options.env, modulePaths: options.modulePaths ?? []});
		rounds = probeRounds(candidates);
	}
	if (rounds.length === 0) throw new SourceError('NOT_FOUND', `No PKCS#11 module found for ${uri}`, {uri});
	const configDir = parsed.vendor['x-nss-configdir'];
	const found: Array<{entry: CertificateEntry; sha256: string; rank: number}> = [];
	let firstError: unknown = null;
	let tokenSeen = false;
	for (const round of rounds) {
		const results = await Promise.allSettled(
			round.map((c) => probeModule(c.path, options.env, options.timeoutMs, configDir ? nssLibraryParameters(configDir) : undefined)),
		);
		round.forEach((candidate, i) => {
			const settled = results[i]!;
			if (settled.status === 'rejected') {
				firstError ??= settled.reason;
				return;
			}
			for (const slot of settled.value.slots) {
				if (
					!slot.token ||
					!tokenMatches(parsed, {
						label: slot.token.label,
						manufacturer: slot.token.manufacturer,
						model: slot.token.model,
						serial: slot.token.serial,
						slotDescription: slot.slotDescription,
					})
				)
					continue;
				tokenSeen = true;
				for (const cert of slot.certificates) {
					if (parsed.object !== undefined && parsed.object !== cert.label) continue;
					if (parsed.id !== undefined && Buffer.from(parsed.id).toString('hex') !== (cert.id ?? '')) continue;
					const entry = certificateEntry(
						candidate.path,
						slot,
						cert,
						slot.certificates,
						configDir ? {configDir, profile: configDir.replace(/^sql:/, '')} : undefined,
					);
					found.push({entry, sha256: sha256(entry.der), rank: moduleRank(candidate.realPath, sourceOrder[candidate.source])});
				}
			}
		});
		// With an explicit module-path its failure is the answer.
		if (parsed.modulePath && firstError) throw firstError;
		if (found.length > 0) break;
	}
	if (found.length === 0) {
		if (firstError) throw firstError;
		if (!tokenSeen) throw new SourceError('TOKEN_NOT_PRESENT', `No token matching ${uri} is connected`, {uri});
		throw new SourceError('NO_CERTIFICATE', `No certificate matches ${uri}`, {uri});
	}
	return dedupeCertificates(found);
}
