// Property test over hostile files: the corpus (certificates as DER and PEM, bundles, PKCS#12 modern,
// legacy, EC, empty-password, key-only) is mutated byte by byte (flips, boundary values, escape bytes,
// insertions, deletions, duplicated ranges, truncation) and every result goes through reading,
// assessment and the inspect text. It must never crash (only SourceError is an allowed failure),
// never hang (a time limit per input, in a worker thread that is stopped when it is exceeded), and
// never put a raw control character into text meant for a terminal.
// `npm test` runs a bounded number of cases; `npm run fuzz` runs many more (FUZZ_RUNS).
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {build} from 'esbuild';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {removeDir} from '../helpers/openssl.js';
import {ASCII_PASSWORD, PASSWORD, buildFixtures, type Fixtures} from '../files/fixtures.js';
import type {JudgeAnswer, JudgeRequest} from './judge-worker.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 120);
/** Far above what any input needs (the PKCS#12 derivation budget included), far below "hangs". */
const PER_INPUT_MS = 30_000;
// C0 and C1 controls and DEL; newline is how lines end.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

interface Seed {
	name: string;
	bytes: Uint8Array;
	password: string;
}

let fixtures: Fixtures;
let corpus: Seed[] = [];
let bundle: string;

beforeAll(async () => {
	fixtures = await buildFixtures();
	const passwordOf = (name: string) => (name.includes('-cz') ? PASSWORD : name.startsWith('empty') ? '' : ASCII_PASSWORD);
	for (const [name, file] of Object.entries(fixtures.files)) corpus.push({name, bytes: new Uint8Array(await readFile(file)), password: passwordOf(name)});
	// Real CA certificates of every shape the shipped list has (RSA, EC, old and new).
	const anchorsDir = path.resolve(import.meta.dirname, '../../source/trust/anchors');
	for (const name of (await readdir(anchorsDir)).filter((n) => n.endsWith('.pem')).slice(0, 12)) {
		corpus.push({name, bytes: new Uint8Array(await readFile(path.join(anchorsDir, name))), password: ''});
	}
	corpus = corpus.sort((a, b) => a.name.localeCompare(b.name));
	bundle = path.join(fixtures.dir, 'judge-worker.mjs');
	await build({
		entryPoints: [path.join(import.meta.dirname, 'judge-worker.ts')],
		outfile: bundle,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		external: ['pkcs11js'],
		banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
		logLevel: 'silent',
	});
}, 120_000);

afterAll(async () => {
	await judge.stop();
	await removeDir(fixtures.dir);
});

/** One worker thread for all inputs; replaced when an input overstays its time. */
const judge = (() => {
	let worker: Worker | null = null;
	let failed: ((error: Error) => void) | null = null;
	const start = () => {
		worker = new Worker(bundle);
		// An error thrown outside judge() (it catches its own) ends the thread: that is a crash too.
		worker.on('error', (error) => failed?.(error));
		return worker;
	};
	return {
		async run(request: JudgeRequest): Promise<JudgeAnswer | 'timeout'> {
			const w = worker ?? start();
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					w.off('message', onMessage);
					worker = null;
					void w.terminate();
					resolve('timeout');
				}, PER_INPUT_MS);
				const onMessage = (answer: JudgeAnswer) => {
					clearTimeout(timer);
					resolve(answer);
				};
				failed = (error) => {
					clearTimeout(timer);
					worker = null;
					reject(error);
				};
				w.once('message', onMessage);
				w.postMessage(request);
			});
		},
		async stop() {
			if (worker) await worker.terminate();
		},
	};
})();

type Mutation =
	| {kind: 'flip'; at: number; bit: number}
	| {kind: 'set'; at: number; value: number}
	| {kind: 'insert'; at: number; bytes: Uint8Array}
	| {kind: 'delete'; at: number; length: number}
	| {kind: 'duplicate'; at: number; length: number}
	| {kind: 'truncate'; at: number};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({min: 0, max: 7})}),
	// ASN.1 length forms, sign bits, and bytes a terminal acts on (ESC, CSI, BEL, NUL, CR).
	fc.record({kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0x00, 0x01, 0x07, 0x0d, 0x1b, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x9b, 0xff)}),
	fc.record({kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({minLength: 1, maxLength: 16})}),
	fc.record({kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({min: 1, max: 64})}),
	fc.record({kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({min: 1, max: 512})}),
	fc.record({kind: fc.constant('truncate' as const), at: fc.nat()}),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
	let out = Buffer.from(bytes);
	for (const m of mutations) {
		if (out.length === 0) break;
		const at = m.at % out.length;
		switch (m.kind) {
			case 'flip':
				out[at] = out[at]! ^ (1 << m.bit);
				break;
			case 'set':
				out[at] = m.value;
				break;
			case 'insert':
				out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
				break;
			case 'delete':
				out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
				break;
			case 'duplicate':
				out = Buffer.concat([out.subarray(0, at + m.length), out.subarray(at)]);
				break;
			case 'truncate':
				out = out.subarray(0, at);
				break;
		}
	}
	return new Uint8Array(out);
}

/** PEM is text: mutating its base64 mostly breaks the armour, so half the time the DER inside is mutated. */
function mutatePemOrBytes(seed: Seed, mutations: Mutation[], inside: boolean): Uint8Array {
	const text = Buffer.from(seed.bytes).toString('latin1');
	const blocks = [...text.matchAll(/(-----BEGIN CERTIFICATE-----)([\s\S]*?)(-----END CERTIFICATE-----)/g)];
	if (!inside || blocks.length === 0) return mutate(seed.bytes, mutations);
	const block = blocks[0]!;
	const der = mutate(new Uint8Array(Buffer.from(block[2]!.replace(/\s/g, ''), 'base64')), mutations);
	const armoured = `${block[1]}\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n${block[3]}`;
	return new Uint8Array(Buffer.from(text.replace(block[0], armoured), 'latin1'));
}

describe('the corpus itself', () => {
	it('every seed is read as it is: certificates assessed, key-only files refused in words', async () => {
		const assessed: string[] = [];
		for (const seed of corpus) {
			const answer = await judge.run({bytes: seed.bytes, name: seed.name, password: seed.password, lang: 'en'});
			expect(answer, seed.name).toMatchObject({ok: true});
			if (answer !== 'timeout' && answer.ok && answer.texts.some((text) => text.includes('SHA-256'))) assessed.push(seed.name);
		}
		expect(corpus.filter((seed) => !assessed.includes(seed.name)).map((seed) => seed.name)).toEqual(['key-only.p12', 'key-only.pem']);
	}, 120_000);
});

describe(`fuzzing the file readers, the assessment and the inspect text (${RUNS} cases)`, () => {
	it(
		'no crash, no hang, no raw control character',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.nat(),
					fc.array(mutation, {minLength: 1, maxLength: 8}),
					fc.boolean(),
					fc.constantFrom('cs' as const, 'en' as const),
					async (pick, mutations, inside, lang) => {
						const seed = corpus[pick % corpus.length]!;
						const bytes = mutatePemOrBytes(seed, mutations, inside);
						const answer = await judge.run({bytes, name: seed.name, password: seed.password, lang});
						if (answer === 'timeout') throw new Error(`${seed.name}: no answer within ${PER_INPUT_MS / 1000} s`);
						if (!answer.ok) throw new Error(`${seed.name}: crashed: ${answer.crash}`);
						for (const text of answer.texts) {
							const found = CONTROL.exec(text);
							if (found)
								throw new Error(
									`${seed.name}: control character U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 40))}`,
								);
						}
					},
				),
				{numRuns: RUNS, endOnFailure: true},
			);
			expect(corpus.length).toBeGreaterThan(15);
		},
		Math.max(120_000, RUNS * 2_000),
	);
});
