// `trust`: the CA certificates shipped with ote-cert (plus any added with --trust), with sources and date.
import type {TrustOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import {EXIT} from '../cli/exit-codes.js';
import {t} from '../i18n/index.js';
import {loadAnchors} from '../services/evaluate.js';
import {describeAnchors} from '../trust/anchors.js';
import {dnAttribute} from '../certificate/dn.js';
import {cleanText} from '../certificate/sanitize.js';

export async function runTrust(options: TrustOptions, runtime: Runtime): Promise<number> {
	const anchors = await loadAnchors(options.trust, runtime.cwd);
	const description = describeAnchors(anchors);
	if (options.json) {
		runtime.out(`${JSON.stringify(description, null, 2)}\n`);
		return EXIT.ok;
	}
	const lines = description.anchors.map(
		(a) =>
			`${a.approved ? '+' : '-'} ${a.authority.padEnd(14)} ${a.kind.padEnd(10)} ${a.usage.padEnd(12)} ${a.notAfter.slice(0, 10)}  ${cleanText(dnAttribute(a.subject, 'CN') ?? a.subject)}${a.origin === 'local' ? '  [local]' : ''}`,
	);
	runtime.out(
		`${t('trust.header', {date: description.date, authorities: description.approvedAuthorities.join(', '), n: description.anchors.length})}\n${lines.join('\n')}\n`,
	);
	return EXIT.ok;
}
