// Finds candidate certificate files while the person can already type a path: results stream out as
// found, and the walk is bounded in depth, count and time so a huge home folder or a slow mount cannot
// hold the Source step.
import {opendir, realpath, stat} from 'node:fs/promises';
import {extname, join, relative, sep} from 'node:path';
import type {SourceRef} from '../types.js';
import {displayName, sanitizeText} from './sanitize.js';

const CERTIFICATE_EXTENSIONS = ['.cer', '.crt', '.der', '.pem', '.p12', '.pfx'];

/** Where people keep downloads and exports, in English and Czech desktop locales. */
const SEARCH_FOLDERS = ['Downloads', 'Stažené', 'Documents', 'Dokumenty', 'Desktop', 'Plocha', 'certifikaty'];

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * ote-cert's own output: a registration package (an `ote-cert-…` folder with registration.json) holds a
 * copy of a certificate already taken, and a staging folder one being written. Neither is a source.
 */
async function isOwnOutput(name: string, full: string): Promise<boolean> {
	if (name.startsWith('.ote-cert-staging-')) return true;
	if (!name.startsWith('ote-cert-')) return false;
	try {
		return (await stat(join(full, 'registration.json'))).isFile();
	} catch {
		return false;
	}
}
const MAX_ENTRIES_PER_DIR = 5_000;

export interface DiscoverOptions {
	cwd: string;
	home: string;
	env?: NodeJS.ProcessEnv;
	/** 0 = only the folders themselves; 2 = two levels of subfolders. */
	maxDepth?: number;
	timeBudgetMs?: number;
	maxResults?: number;
	signal?: AbortSignal;
	/** Injectable clock so tests can prove the budget without sleeping. */
	now?: () => number;
}

function roots({cwd, home, env}: DiscoverOptions): string[] {
	const out = [cwd];
	for (const folder of SEARCH_FOLDERS) out.push(join(home, folder));
	// xdg-user-dirs may point Downloads/Documents somewhere else (e.g. a localised name we do not list).
	for (const key of ['XDG_DOWNLOAD_DIR', 'XDG_DOCUMENTS_DIR', 'XDG_DESKTOP_DIR']) {
		const value = env?.[key];
		if (value) out.push(value.replace(/^\$HOME(?=\/|$)/, home));
	}
	return out;
}

function detailFor(dir: string, home: string): string {
	const rel = relative(home, dir);
	const shown = rel === '' ? '~' : !rel.startsWith('..') && !rel.startsWith(sep) ? `~${sep}${rel}` : dir;
	return sanitizeText(shown);
}

/** Streams certificate-looking files (by extension) from the usual folders; each real file once. */
export async function* discoverCertificateFiles(options: DiscoverOptions): AsyncGenerator<SourceRef> {
	const {home, maxDepth = 2, timeBudgetMs = 400, maxResults = 50, signal, now = Date.now} = options;
	const deadline = now() + timeBudgetMs;
	const seenDirs = new Set<string>();
	const seenFiles = new Set<string>();
	let found = 0;
	// The files right in the working folder and the usual folders are always listed, however busy the
	// machine: the time budget bounds the walk into their subfolders (a start-up that took the whole
	// budget used to leave the list empty). A few folders of at most MAX_ENTRIES_PER_DIR entries each.
	const finished = () => found >= maxResults || signal?.aborted === true;

	for (const root of roots(options)) {
		if (finished()) return;
		// Breadth first so shallow files (the likely ones) come before deep ones.
		let level: string[] = [root];
		walk: for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
			const stopped = () => finished() || (depth > 0 && now() > deadline);
			const next: string[] = [];
			for (const dir of level) {
				if (finished()) return;
				if (stopped()) break walk;
				let real: string;
				try {
					real = await realpath(dir);
				} catch {
					continue;
				}
				// Symlink loops and overlapping roots (cwd inside ~/Downloads) collapse here.
				if (seenDirs.has(real)) continue;
				seenDirs.add(real);
				let handle;
				try {
					handle = await opendir(real);
				} catch {
					continue;
				}
				const files: string[] = [];
				try {
					let count = 0;
					for await (const entry of handle) {
						if (++count > MAX_ENTRIES_PER_DIR || stopped()) break;
						const name = entry.name;
						const full = join(real, name);
						let isDir = entry.isDirectory();
						let isFile = entry.isFile();
						if (entry.isSymbolicLink()) {
							try {
								const target = await stat(full);
								isDir = target.isDirectory();
								isFile = target.isFile();
							} catch {
								continue;
							}
						}
						if (isDir) {
							if (!name.startsWith('.') && !SKIPPED_DIRS.has(name) && !(await isOwnOutput(name, full))) next.push(full);
						} else if (isFile && CERTIFICATE_EXTENSIONS.includes(extname(name).toLowerCase())) {
							files.push(full);
						}
					}
				} catch {
					// A folder that vanished or became unreadable mid-walk is just skipped.
				}
				files.sort();
				for (const full of files) {
					if (finished()) return;
					if (stopped()) break walk;
					let realFile: string;
					try {
						realFile = await realpath(full);
					} catch {
						continue;
					}
					if (seenFiles.has(realFile)) continue;
					seenFiles.add(realFile);
					found++;
					yield {ref: full, kind: 'file', label: displayName(full), detail: detailFor(real, home)};
				}
			}
			level = next.sort();
		}
	}
}

/** Callback form for callers that prefer not to iterate; resolves with everything found. */
export async function collectCertificateFiles(options: DiscoverOptions, onFound?: (ref: SourceRef) => void): Promise<SourceRef[]> {
	const out: SourceRef[] = [];
	for await (const ref of discoverCertificateFiles(options)) {
		out.push(ref);
		onFound?.(ref);
	}
	return out;
}
