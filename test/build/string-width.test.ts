// The bundle gives Ink fast-string-width wherever it asks for string-width (scripts/build.mjs), so
// the two must agree on everything the screens show: every catalog sentence in both languages,
// the marks, the box lines, and certificate text after cleanText. Where they disagree (emoji
// sequences, format characters) a line could be measured a column off, so this pins the set.
import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import fastStringWidth from 'fast-string-width';
import {messages as account} from '../../source/i18n/messages/account.js';
import {messages as cli} from '../../source/i18n/messages/cli.js';
import {messages as common} from '../../source/i18n/messages/common.js';
import {messages as files} from '../../source/i18n/messages/files.js';
import {messages as inspect} from '../../source/i18n/messages/inspect.js';
import {messages as output} from '../../source/i18n/messages/output.js';
import {messages as token} from '../../source/i18n/messages/token.js';
import {messages as trust} from '../../source/i18n/messages/trust.js';
import {messages as ui} from '../../source/i18n/messages/ui.js';
import {ASCII, UNICODE} from '../../source/ui/theme.js';
import {cleanText} from '../../source/certificate/sanitize.js';

const params = new Proxy({}, {get: (_t, key) => (key === 'n' ? 3 : `«${String(key)} Žluťoučký»`)}) as Record<string, string | number>;

function sentences(): string[] {
	const out: string[] = [];
	for (const catalog of [account, cli, common, files, inspect, output, token, trust, ui]) {
		for (const lang of ['cs', 'en'] as const) {
			for (const message of Object.values(catalog[lang])) {
				const text = typeof message === 'function' ? message(params) : message;
				out.push(...text.split('\n'));
			}
		}
	}
	return out;
}

describe('fast-string-width stands in for string-width', () => {
	it('measures every catalog line in Czech and English the same', () => {
		const lines = sentences();
		expect(lines.length).toBeGreaterThan(500);
		const differ = lines.filter((line) => fastStringWidth(line) !== stringWidth(line));
		expect(differ).toEqual([]);
	});

	it('measures the marks, box lines and Czech letters the same', () => {
		const samples = [
			...Object.values(UNICODE),
			...Object.values(ASCII),
			'╭─╮│╰╯┌┐└┘├┤═║',
			'↑↓←→ ⏎ ⌫ … · • ✓ ✗ ❯ ⚠ ℹ',
			'Příliš žluťoučký kůň úpěl ďábelské ódy ĚŠČŘŽÝÁÍÉŮÚŤĎŇÓ',
			'ÄÖÜß äöü łŁ ńŃ őű Ő Ű ş ţ',
			'\u001b[31mčervená\u001b[39m \u001b[1mtučně\u001b[22m',
		];
		for (const text of samples) expect([text, fastStringWidth(text)]).toEqual([text, stringWidth(text)]);
	});

	it('measures hostile certificate text the same once cleaned', () => {
		const hostile = [
			'ACME\u200b s.r.o.',
			'Jan\u00adNovák',
			'\u202eevil\u202c name',
			'tab\there',
			'e\u0301 composed',
			'Ångström ﬁ ligature',
			'中文 名前 한국',
			'\ufeffBOM',
		];
		for (const raw of hostile) {
			const text = cleanText(raw);
			expect([raw, fastStringWidth(text)]).toEqual([raw, stringWidth(text)]);
		}
	});
});
