// Writes the registration package. Everything goes into a fresh temporary folder first and is
// renamed into place at the end, so an interrupted run never leaves a half-written package.
import {mkdtemp, rename, rm, writeFile, access} from 'node:fs/promises';
import {makeDirsSync} from '../platform/dirs.js';
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
}

export interface WrittenPackage {
	dir: string;
	cer: string;
	pem: string;
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

async function exists(p: string): Promise<boolean> {
	return access(p).then(
		() => true,
		() => false,
	);
}

/** Picks `dir`, or `dir-2`, `dir-3`… so an earlier package is never overwritten. */
async function freeName(dir: string): Promise<string> {
	if (!(await exists(dir))) return dir;
	for (let i = 2; i < 1000; i++) {
		const candidate = `${dir}-${i}`;
		if (!(await exists(candidate))) return candidate;
	}
	throw new Error(`no free folder name next to ${dir}`);
}

export function fileNames(stem: string): {cer: string; pem: string} {
	return {cer: `${stem}.cer`, pem: `${stem}.pem`};
}

/** A package written to a hidden staging folder next to its target; nothing is visible until commit(). */
export interface StagedPackage {
	/** Moves the package into place (never over an earlier one) and returns where it went. */
	commit(): Promise<WrittenPackage>;
	/** Removes the staged files: the operation was refused or failed after staging. */
	discard(): Promise<void>;
}

/**
 * Writes every file of the package into a staging folder beside `targetDir`. Registration stages
 * first, records the ledger, and only then commits, so a refused or failed ledger write leaves nothing.
 */
export async function stagePackage(targetDir: string, files: PackageFiles): Promise<StagedPackage> {
	const parent = path.dirname(targetDir);
	let staging: string;
	try {
		makeDirsSync(parent);
		staging = await mkdtemp(path.join(parent, '.ote-cert-staging-'));
	} catch (error) {
		throw writeFailure(targetDir, error);
	}
	const discard = () => rm(staging, {recursive: true, force: true});
	const names = fileNames(files.stem);
	try {
		await writeFile(path.join(staging, names.cer), files.der);
		await writeFile(path.join(staging, names.pem), toPem(files.der));
		await writeFile(path.join(staging, 'registration.json'), `${JSON.stringify(files.registrationJson, null, 2)}\n`);
		await writeFile(path.join(staging, 'next-steps.txt'), files.nextStepsText);
		if (files.requestEml) await writeFile(path.join(staging, 'request.eml'), files.requestEml);
	} catch (error) {
		await discard();
		throw writeFailure(targetDir, error);
	}
	return {
		discard,
		async commit() {
			try {
				const dir = await freeName(targetDir);
				await rename(staging, dir);
				return {
					dir,
					cer: path.join(dir, names.cer),
					pem: path.join(dir, names.pem),
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
