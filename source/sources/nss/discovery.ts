// Certificates in Firefox and Chromium NSS databases, read through NSS's own softokn module,
// read-only (tokens.md §7). Each profile gets its own worker child: softokn initialises once per
// process, with one configdir.
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {SourceError, type SourceErrorCode} from '../types.js';
import {dedupeCertificates, type DedupedCertificate} from '../pkcs11/dedupe.js';
import {certificateEntry, clean, probeModule, sha256} from '../pkcs11/discovery.js';
import {nssLibraryParameters} from '../pkcs11/nss-params.js';
import {isCaCertificate} from '../../certificate/parse.js';

export interface NssProfile {
	browser: 'firefox' | 'chromium';
	name: string;
	/** Directory holding cert9.db. */
	dir: string;
}

interface NssProfileStatus extends NssProfile {
	status: 'ok' | 'error';
	code: SourceErrorCode | null;
	message: string | null;
	certificateCount: number;
}

export interface NssDiscovery {
	softokn: string | null;
	profiles: NssProfileStatus[];
	/** End-entity certificates only: the CA certificates a browser keeps are not the person's. */
	certificates: DedupedCertificate[];
}

export interface NssOptions {
	timeoutMs?: number;
	platform?: NodeJS.Platform;
	/** Override the softokn library (tests, unusual layouts). */
	softoknPath?: string;
}

function softoknCandidates(platform: NodeJS.Platform): string[] {
	if (platform === 'darwin')
		return ['/opt/homebrew/lib/libsoftokn3.dylib', '/usr/local/lib/libsoftokn3.dylib', '/Applications/Firefox.app/Contents/MacOS/libsoftokn3.dylib'];
	return [
		'/usr/lib/x86_64-linux-gnu/libsoftokn3.so',
		'/usr/lib/x86_64-linux-gnu/nss/libsoftokn3.so',
		'/usr/lib/aarch64-linux-gnu/libsoftokn3.so',
		'/usr/lib64/libsoftokn3.so',
		'/usr/lib/libsoftokn3.so',
	];
}

/** Reads profiles.ini (Path=, IsRelative=) without an INI library: the format is a few key=value lines. */
export function parseProfilesIni(text: string, baseDir: string): Array<{name: string; dir: string}> {
	const out: Array<{name: string; dir: string}> = [];
	let section: Record<string, string> | null = null;
	const flush = () => {
		if (section?.['Path']) {
			const relative = section['IsRelative'] !== '0';
			out.push({name: section['Name'] || section['Path'], dir: relative ? path.join(baseDir, section['Path']) : section['Path']});
		}
	};
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line.startsWith('[')) {
			flush();
			section = /^\[Profile\d+\]$/i.test(line) ? {} : null;
		} else if (section) {
			const eq = line.indexOf('=');
			if (eq > 0) section[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
		}
	}
	flush();
	return out;
}

const hasDb = (dir: string) => {
	try {
		return statSync(path.join(dir, 'cert9.db')).isFile();
	} catch {
		return false;
	}
};

function findNssProfiles(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): NssProfile[] {
	const home = env['HOME'];
	if (!home) return [];
	const firefoxRoots =
		platform === 'darwin'
			? [path.join(home, 'Library', 'Application Support', 'Firefox')]
			: [
					path.join(home, '.mozilla', 'firefox'),
					path.join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox'),
					path.join(home, '.var', 'app', 'org.mozilla.firefox', '.mozilla', 'firefox'),
				];
	const out: NssProfile[] = [];
	const seen = new Set<string>();
	for (const root of firefoxRoots) {
		let text: string;
		try {
			text = readFileSync(path.join(root, 'profiles.ini'), 'utf8');
		} catch {
			continue;
		}
		for (const p of parseProfilesIni(text, root)) {
			if (!hasDb(p.dir) || seen.has(p.dir)) continue;
			seen.add(p.dir);
			out.push({browser: 'firefox', name: clean(p.name), dir: p.dir});
		}
	}
	const chromium = path.join(home, '.pki', 'nssdb');
	if (platform !== 'darwin' && hasDb(chromium)) out.push({browser: 'chromium', name: 'Chromium / Chrome', dir: chromium});
	return out;
}

/** Reads one NSS database directory read-only; no DB in it is an error, never a new DB. */
export async function readNssProfile(profile: NssProfile, env: NodeJS.ProcessEnv, options: NssOptions = {}) {
	const softokn = options.softoknPath ?? softoknCandidates(options.platform ?? process.platform).find((p) => existsSync(p));
	if (!softokn) throw new SourceError('NOT_FOUND', 'NSS softokn (libsoftokn3) is not installed', {module: 'libsoftokn3'});
	if (!hasDb(profile.dir)) throw new SourceError('NOT_FOUND', `No NSS database (cert9.db) in ${profile.dir}`, {path: profile.dir});
	const configDir = `sql:${profile.dir}`;
	const result = await probeModule(softokn, env, options.timeoutMs, nssLibraryParameters(configDir));
	const entries = [];
	for (const slot of result.slots) {
		if (!slot.token) continue;
		for (const cert of slot.certificates) {
			entries.push(certificateEntry(softokn, slot, cert, slot.certificates, {configDir, profile: profile.dir}));
		}
	}
	return {softokn, entries};
}

export async function discoverNss(env: NodeJS.ProcessEnv, options: NssOptions = {}): Promise<NssDiscovery> {
	const platform = options.platform ?? process.platform;
	const softokn = options.softoknPath ?? softoknCandidates(platform).find((p) => existsSync(p)) ?? null;
	const profiles = findNssProfiles(env, platform);
	const statuses: NssProfileStatus[] = [];
	const seen = [];
	for (const profile of profiles) {
		try {
			const {entries} = await readNssProfile(profile, env, {...options, ...(softokn ? {softoknPath: softokn} : {})});
			const mine = entries.filter((e) => !isCaCertificate(e.der));
			statuses.push({...profile, status: 'ok', code: null, message: null, certificateCount: mine.length});
			for (const entry of mine) seen.push({entry, sha256: sha256(entry.der), rank: profile.browser === 'firefox' ? 0 : 1});
		} catch (e) {
			statuses.push({
				...profile,
				status: 'error',
				code: e instanceof SourceError ? e.code : 'PKCS11_ERROR',
				message: e instanceof Error ? e.message : String(e),
				certificateCount: 0,
			});
		}
	}
	return {softokn, profiles: statuses, certificates: dedupeCertificates(seen)};
}
