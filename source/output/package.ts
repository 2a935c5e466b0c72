// Writes the registration package. Everything goes into a fresh temporary folder first and is
// renamed into place at the end, so an interrupted run never leaves a half-written package.
import {mkdtemp, readdir, rename, rm, stat, writeFile} from 'node:fs/promises';
import {makeDirsSync} from '../platform/dirs.js';
import {LEFTOVER_AGE_MS, staleEntries} from '../platform/durable.js';
import path from 'node:path';
import {t} from '../i18n/index.js';
import {toPem} from '../certificate/pem.js';

export interface PackageFiles {
	/** Base name (no extension) for the certificate files, already safe for any file system. */
	stem: string;
	der: Uint8Array;
	registrationJson: unknown;
	nextStepsText: string;
	requestEml: Buffer | null;
	/** The other half of a pair: its own .cer and .pem next to the first. */
	partner?: {stem: string; der: Uint8Array} | null;
}

export interface WrittenPackage {
	dir: string;
	cer: string;
	pem: string;
	/** The pair's second certificate files, when there is one. */
	partnerFiles: string[];
	registration: string;
	nextSteps: string;
	requestEml: string | null;
}

/** The package folder could not be created or written (bad --out, read-only disk…); nothing was left behind. */
export class PackageWriteError extends Error {
	constructor(
		readonly dir: string,
		readonly reason: string,
	) {
		super(t('output.packageNotWritten', {dir, reason}));
		this.name = 'PackageWriteError';
	}
}

function writeFailure(dir: string, error: unknown): PackageWriteError {
	const e = error as NodeJS.ErrnoException;
	// The errno code (ENOTDIR, EACCES, ENOSPC…) says enough and is the same in every language.
	return new PackageWriteError(dir, e.code ?? e.message);
}

export function fileNames(stem: string): {cer: string; pem: string} {
	return {cer: `${stem}.cer`, pem: `${stem}.pem`};
}

/** A package written to a hidden staging folder next to its target; nothing is visible until commit(). */
export interface StagedPackage {
	/** Moves the package into place and returns where it went. */
	commit(): Promise<WrittenPackage>;
	/** Removes the staged files: the operation was refused or failed after staging. */
	discard(): Promise<void>;
}

const STAGING_PREFIX = '.ote-cert-staging-';
const MAX_NAME_SUFFIX = 999;

/** 1 for the requested name itself, N for `requested-N`. */
function suffixOf(dir: string, requested: string): number {
	return dir === requested ? 1 : Number(dir.slice(requested.length + 1));
}

/** Staging folders of runs that were killed (kill -9, power cut) before they committed or discarded. */
async function sweepStaging(dir: string): Promise<void> {
	for (const leftover of staleEntries(dir, STAGING_PREFIX, LEFTOVER_AGE_MS)) await rm(leftover, {recursive: true, force: true}).catch(() => undefined);
}

/** What is at the target: nothing, an empty folder (the package goes into it), or something that stays untouched. */
async function targetState(dir: string): Promise<'absent' | 'empty' | 'taken'> {
	const info = await stat(dir).catch(() => null);
	if (!info) return 'absent';
	if (!info.isDirectory()) return 'taken';
	// Our own stale staging folder does not make a folder "not empty".
	const entries = (await readdir(dir)).filter((name) => !name.startsWith(STAGING_PREFIX));
	return entries.length === 0 ? 'empty' : 'taken';
}

/**
 * Writes every file of the package into a staging folder beside `targetDir` (inside it when it is an
 * existing empty folder, such as `--out .` in a fresh folder). Registration stages first, records the
 * ledger, and only then commits, so a refused or failed ledger write leaves nothing. A target that
 * exists and is not empty is refused before anything is written: an earlier package is never
 * overwritten, and the package never lands silently in another folder.
 */
export async function stagePackage(requested: string, files: PackageFiles, options: {nameChosenByUs?: boolean} = {}): Promise<StagedPackage> {
	let into: boolean;
	let staging: string;
	let targetDir = requested;
	try {
		const parent = path.dirname(requested);
		makeDirsSync(parent);
		await sweepStaging(parent);
		let state = await targetState(targetDir);
		// A folder the person named (--out) is theirs: used when empty, refused when not. A name we chose
		// (the default package name) steps aside to NAME-2, NAME-3… so a second registration of the same
		// certificate in the same folder still works and never touches the first package.
		for (let n = 2; options.nameChosenByUs && state !== 'absent' && n <= MAX_NAME_SUFFIX; n++) {
			targetDir = `${requested}-${n}`;
			state = await targetState(targetDir);
		}
		if (state === 'taken') throw new PackageWriteError(targetDir, t('output.folderNotEmpty'));
		into = state === 'empty';
		if (into) await sweepStaging(targetDir);
		staging = await mkdtemp(path.join(into ? targetDir : parent, STAGING_PREFIX));
	} catch (error) {
		if (error instanceof PackageWriteError) throw error;
		throw writeFailure(targetDir, error);
	}
	const discard = () => rm(staging, {recursive: true, force: true});
	// Another run may have taken our chosen name since staging (two registrations at once): a name we
	// chose moves on to the next free one; a folder the person named is never written over.
	const moveIntoPlace = async (): Promise<void> => {
		for (let n = suffixOf(targetDir, requested); ; n++) {
			try {
				await rename(staging, targetDir);
				return;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (!options.nameChosenByUs || (code !== 'ENOTEMPTY' && code !== 'EEXIST') || n >= MAX_NAME_SUFFIX) throw error;
				targetDir = `${requested}-${n + 1}`;
			}
		}
	};
	const names = fileNames(files.stem);
	const contents: Array<[string, string | Uint8Array]> = [
		[names.cer, files.der],
		[names.pem, toPem(files.der)],
		...(files.partner
			? ([
					[fileNames(files.partner.stem).cer, files.partner.der],
					[fileNames(files.partner.stem).pem, toPem(files.partner.der)],
				] as Array<[string, Uint8Array | string]>)
			: []),
		['registration.json', `${JSON.stringify(files.registrationJson, null, 2)}\n`],
		['next-steps.txt', files.nextStepsText],
		...(files.requestEml ? [['request.eml', files.requestEml] as [string, Uint8Array]] : []),
	];
	try {
		for (const [name, content] of contents) await writeFile(path.join(staging, name), content);
	} catch (error) {
		await discard();
		throw writeFailure(targetDir, error);
	}
	return {
		discard,
		async commit() {
			try {
				if (into) {
					// Into the existing empty folder file by file: the folder itself (perhaps the current
					// directory) stays the same folder.
					for (const [name] of contents) await rename(path.join(staging, name), path.join(targetDir, name));
					await rm(staging, {recursive: true, force: true});
				} else {
					await moveIntoPlace();
				}
				const dir = targetDir;
				return {
					dir,
					cer: path.join(dir, names.cer),
					pem: path.join(dir, names.pem),
					partnerFiles: files.partner ? Object.values(fileNames(files.partner.stem)).map((name) => path.join(dir, name)) : [],
					registration: path.join(dir, 'registration.json'),
					nextSteps: path.join(dir, 'next-steps.txt'),
					requestEml: files.requestEml ? path.join(dir, 'request.eml') : null,
				};
			} catch (error) {
				await discard();
				throw writeFailure(targetDir, error);
			}
		},
	};
}
