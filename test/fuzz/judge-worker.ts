// Runs in a worker thread of the fuzz test (bundled by esbuild there): reads one mutated file the way
// `ote-cert inspect` does, assesses what it found and renders the text a person would see. A thread
// of its own, so that an input that hangs the event loop can be stopped from outside.
import 'reflect-metadata';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parentPort} from 'node:worker_threads';
import {setLang} from '../../source/i18n/index.js';
import {assessmentJson, assessmentText} from '../../source/output/assessment-view.js';
import {evaluateEntries} from '../../source/services/evaluate.js';
import {readCertificateFile} from '../../source/sources/files/read.js';
import {SourceError} from '../../source/sources/types.js';
import {AnchorSet} from '../../source/trust/anchors.js';

export interface JudgeRequest {
	bytes: Uint8Array;
	name: string;
	password: string;
	lang: 'cs' | 'en';
}

export type JudgeAnswer = {ok: true; texts: string[]} | {ok: false; crash: string};

const dir = mkdtempSync(path.join(os.tmpdir(), 'ote-fuzz-'));
const anchors = AnchorSet.shipped();

async function judge(request: JudgeRequest): Promise<string[]> {
	setLang(request.lang);
	const file = path.join(dir, request.name);
	writeFileSync(file, request.bytes);
	let asked = 0;
	try {
		// One answer, then "cancel": a wrong password must not be asked for in a loop.
		const entries = await readCertificateFile(file, {secret: async () => (asked++ === 0 ? request.password : null)});
		const {evaluated, unparsable} = evaluateEntries(entries, anchors, new Date('2026-06-01T12:00:00Z'));
		return [
			...evaluated.flatMap((e) => [
				assessmentText(e.assessment, e.entry),
				assessmentText(e.assessment, e.entry, true),
				JSON.stringify(assessmentJson(e.assessment, e.entry)),
			]),
			...unparsable.map((u) => u.error),
		];
	} catch (error) {
		if (error instanceof SourceError) return [error.message];
		throw error;
	} finally {
		rmSync(file, {force: true});
	}
}

parentPort!.on('message', (request: JudgeRequest | 'stop') => {
	if (request === 'stop') {
		rmSync(dir, {recursive: true, force: true});
		process.exit(0);
	}
	judge(request).then(
		(texts) => parentPort!.postMessage({ok: true, texts} satisfies JudgeAnswer),
		(error: unknown) =>
			parentPort!.postMessage({ok: false, crash: error instanceof Error ? (error.stack ?? error.message) : String(error)} satisfies JudgeAnswer),
	);
});
