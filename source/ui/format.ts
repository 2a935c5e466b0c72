// Display helpers shared by the screens and the plain-text reports.
import stringWidth from 'fast-string-width';
import {t} from '../i18n/index.js';
import {wholeDaysAgo} from '../certificate/days.js';

export {fingerprintLines, formatFingerprint} from '../certificate/fingerprint.js';

export function formatDate(iso: string | Date): string {
	const d = typeof iso === 'string' ? new Date(iso) : iso;
	return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().slice(0, 10);
}

export function daysLeftText(days: number): string {
	return days < 0 ? t('ui.expiredDaysAgo', {n: wholeDaysAgo(days)}) : t('ui.daysLeft', {n: days});
}

/** Shortens by display width (Czech letters and wide characters count right), never inside a character. */
export function shorten(text: string, width: number): string {
	if (stringWidth(text) <= width) return text;
	let out = '';
	for (const ch of text) {
		if (stringWidth(out + ch) > width - 1) break;
		out += ch;
	}
	return `${out}…`;
}
