// `inspect`: the report on one source; with --prove, also the proof that a token holds the key.
import type {InspectOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/process.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {assessmentJson, assessmentText} from '../output/assessment-view.js';
import {wantsAscii} from '../cli/terminal.js';
import {commandSecrets, loadAndJudge, proveOnToken, type Proof} from './common.js';
import {UsageError} from '../cli/errors.js';

export async function runInspect(options: InspectOptions, runtime: Runtime, proc: Process): Promise<number> {
	// The documented form is `inspect FILE`; --source is the same thing spelled as an option.
	const ref = options.source;
	if (!ref) throw new UsageError(t('inspect.whichCertificate'), t('inspect.whichCertificateHint'));
	const secret = commandSecrets(options, runtime, proc);
	const {evaluated, unparsable} = await loadAndJudge(ref, options, secret, runtime);
	const mode = options.prove ?? 'none';
	const proofs: Array<Proof | null> = [];
	for (const e of evaluated) {
		const proof = mode === 'none' ? null : await proveOnToken(e.entry, mode, secret, runtime);
		if (proof) runtime.err(`${proof.detail}\n`);
		proofs.push(proof);
	}
	// A proof that was made says whether the key matches; one that could not tell leaves it unknown.
	const keyMatches = (i: number) => {
		const proof = proofs[i];
		return proof && proof.level !== 'none' ? proof.ok : evaluated[i]!.entry.keyMatches;
	};
	if (options.json) {
		runtime.out(
			`${JSON.stringify(
				evaluated.map((e, i) => ({
					...assessmentJson(e.assessment, e.entry),
					group: e.group,
					keyMatches: keyMatches(i),
					proof: proofs[i] ? {level: proofs[i].level, ok: proofs[i].ok} : null,
				})),
				null,
				2,
			)}\n`,
		);
	} else {
		const ascii = wantsAscii(runtime.env, options.ascii);
		runtime.out(`${evaluated.map((e) => assessmentText(e.assessment, e.entry, ascii)).join('\n\n')}\n`);
	}
	for (const u of unparsable) runtime.err(`${t('cli.unparsable', {error: u.error})}\n`);
	// A signature or key check that failed makes the certificate unusable from this token.
	const disproved = (i: number) => proofs[i] !== null && proofs[i]!.level !== 'none' && !proofs[i]!.ok;
	return evaluated.some((e, i) => e.assessment.registrable && !disproved(i)) ? EXIT.ok : EXIT.notAcceptable;
}
