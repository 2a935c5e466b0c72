import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {collectCertificateFiles, discoverCertificateFiles} from '../../source/sources/files/discover.js';
import type {SourceRef} from '../../source/sources/types.js';

let home: string;
let elsewhere: string;

async function touch(path: string): Promise<void> {
	await mkdir(join(path, '..'), {recursive: true});
	await writeFile(path, 'x');
}

beforeEach(async () => {
	home = await mkdtemp(join(tmpdir(), 'ote-cert-home-'));
	elsewhere = await mkdtemp(join(tmpdir(), 'ote-cert-cwd-'));
});
afterEach(async () => {
	await rm(home, {recursive: true, force: true});
	await rm(elsewhere, {recursive: true, force: true});
});

const names = (refs: SourceRef[]) => refs.map((r) => r.label).sort();

describe('discoverCertificateFiles', () => {
	it('finds certificate files in Czech and English folders and the cwd, by extension (any case)', async () => {
		await touch(join(home, 'Stažené', 'podpis.cer'));
		await touch(join(home, 'Dokumenty', 'certifikáty', 'klíč.pfx'));
		await touch(join(home, 'Plocha', 'A.CRT'));
		await touch(join(home, 'Downloads', 'x.der'));
		await touch(join(home, 'Documents', 'y.p12'));
		await touch(join(home, 'Desktop', 'z.pem'));
		await touch(join(home, 'certifikaty', 'ote.cer'));
		await touch(join(home, 'Stažené', 'readme.txt'));
		await touch(join(home, 'not-searched', 'other.cer'));
		await touch(join(elsewhere, 'here.pem'));
		const refs = await collectCertificateFiles({cwd: elsewhere, home});
		expect(names(refs)).toEqual(['A.CRT', 'here.pem', 'klíč.pfx', 'ote.cer', 'podpis.cer', 'x.der', 'y.p12', 'z.pem'].sort());
		const podpis = refs.find((r) => r.label === 'podpis.cer')!;
		expect(podpis).toMatchObject({kind: 'file', ref: join(home, 'Stažené', 'podpis.cer'), detail: join('~', 'Stažené')});
		// cwd files come first.
		expect(refs[0]!.label).toBe('here.pem');
	});

	it('respects maxDepth and skips node_modules, .git and hidden folders', async () => {
		await touch(join(home, 'Downloads', 'a', 'b', 'depth2.cer'));
		await touch(join(home, 'Downloads', 'a', 'b', 'c', 'depth3.cer'));
		await touch(join(home, 'Downloads', 'node_modules', 'pkg.pem'));
		await touch(join(home, 'Downloads', '.git', 'objects.pem'));
		await touch(join(home, 'Downloads', '.cache', 'hidden.pem'));
		expect(names(await collectCertificateFiles({cwd: elsewhere, home}))).toEqual(['depth2.cer']);
		expect(names(await collectCertificateFiles({cwd: elsewhere, home, maxDepth: 3}))).toEqual(['depth2.cer', 'depth3.cer']);
		expect(names(await collectCertificateFiles({cwd: elsewhere, home, maxDepth: 0}))).toEqual([]);
	});

	it('survives symlink loops and reports each real file once (links, overlapping cwd)', async () => {
		await touch(join(home, 'Dokumenty', 'real.cer'));
		await symlink(join(home, 'Dokumenty'), join(home, 'Dokumenty', 'loop'));
		await symlink(join(home, 'Dokumenty', 'real.cer'), join(home, 'Dokumenty', 'alias.cer'));
		await symlink(join(home, 'missing-target'), join(home, 'Dokumenty', 'dangling.pem'));
		const refs = await collectCertificateFiles({cwd: join(home, 'Dokumenty'), home, maxDepth: 10});
		expect(refs).toHaveLength(1);
	});

	it('stops at maxResults', async () => {
		for (let i = 0; i < 30; i++) await touch(join(home, 'Downloads', `c${String(i).padStart(2, '0')}.cer`));
		expect(await collectCertificateFiles({cwd: elsewhere, home, maxResults: 7})).toHaveLength(7);
		expect(await collectCertificateFiles({cwd: elsewhere, home})).toHaveLength(30);
	});

	it('streams results and stops once the time budget is spent (injected clock, no sleeping)', async () => {
		for (let i = 0; i < 5; i++) await touch(join(home, 'Downloads', 'stare', `t${i}.cer`));
		let clock = 0;
		const got: SourceRef[] = [];
		for await (const ref of discoverCertificateFiles({cwd: elsewhere, home, timeBudgetMs: 400, now: () => clock})) {
			got.push(ref);
			clock = 401; // the budget runs out while the caller holds the first result
		}
		expect(got).toHaveLength(1);
	});

	it('never offers ote-cert’s own output: registration packages and staging folders', async () => {
		await touch(join(elsewhere, 'jana.pem'));
		await touch(join(elsewhere, 'ote-cert-production-default-slot1-0a1b2c3d', 'Jana-Nova-1669b87.pem'));
		await touch(join(elsewhere, 'ote-cert-production-default-slot1-0a1b2c3d', 'registration.json'));
		await touch(join(elsewhere, '.ote-cert-staging-x1', 'Jana-Nova-1669b87.cer'));
		// A folder merely named like a package (no registration.json) is the person's own.
		await touch(join(elsewhere, 'ote-cert-moje', 'vlastni.cer'));
		expect(names(await collectCertificateFiles({cwd: elsewhere, home}))).toEqual(['jana.pem', 'vlastni.cer']);
	});

	it('lists the files right in the working and usual folders even when the time budget is spent before the walk starts', async () => {
		await touch(join(elsewhere, 'tady.cer'));
		await touch(join(home, 'Downloads', 'stazeny.cer'));
		await touch(join(elsewhere, 'hloubeji', 'pozdeji.cer'));
		await touch(join(home, 'Downloads', 'stare', 'pozdeji.pem'));
		let clock = 0;
		const now = () => (clock += 1000);
		expect(names(await collectCertificateFiles({cwd: elsewhere, home, timeBudgetMs: 400, now}))).toEqual(['stazeny.cer', 'tady.cer']);
	});

	it('stops when aborted', async () => {
		for (let i = 0; i < 5; i++) await touch(join(home, 'Plocha', `s${i}.pem`));
		const controller = new AbortController();
		const got: SourceRef[] = [];
		for await (const ref of discoverCertificateFiles({cwd: elsewhere, home, signal: controller.signal})) {
			got.push(ref);
			controller.abort();
		}
		expect(got).toHaveLength(1);
	});

	it('follows XDG user dirs and sanitises hostile names in labels', async () => {
		const xdg = join(home, 'Stahování');
		await touch(join(xdg, 'bad\u001b[2Jname\u202e.cer'));
		const refs = await collectCertificateFiles({cwd: elsewhere, home, env: {XDG_DOWNLOAD_DIR: '$HOME/Stahování'}});
		expect(refs).toHaveLength(1);
		expect(refs[0]!.label).toBe('bad?[2Jname?.cer');
		expect(refs[0]!.ref).toBe(join(xdg, 'bad\u001b[2Jname\u202e.cer'));
	});

	it('ignores folders that do not exist', async () => {
		expect(await collectCertificateFiles({cwd: join(elsewhere, 'gone'), home: join(home, 'nobody')})).toEqual([]);
	});
});
