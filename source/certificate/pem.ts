// The one PEM reader and writer. Markers are found in one linear regex pass (no lazy spans that could
// go quadratic on a hostile file full of BEGIN lines), then paired BEGIN/END with the same label.

export interface PemBlock {
	label: string;
	der: Uint8Array;
}

const MAX_PEM_BLOCKS = 10_000;

const MARKER = /-----(BEGIN|END) ([A-Z0-9][A-Z0-9 #_]{0,63})-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBody(body: string): Uint8Array | null {
	// RFC 7468 allows explanatory headers only in legacy encrypted keys; those are not certificates anyway.
	const compact = body.replace(/[\s]+/g, '');
	if (compact.length === 0 || compact.length % 4 === 1 || !BASE64_BODY.test(compact)) return null;
	return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** All well-formed PEM blocks (any label), at most MAX_PEM_BLOCKS; text around and between them is ignored. */
export function pemBlocks(text: string, max = MAX_PEM_BLOCKS): {blocks: PemBlock[]; labels: string[]} {
	const blocks: PemBlock[] = [];
	const labels: string[] = [];
	let open: {label: string; bodyStart: number} | null = null;
	MARKER.lastIndex = 0;
	for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
		const [whole, kind, label] = m as unknown as [string, string, string];
		if (kind === 'BEGIN') {
			open = {label, bodyStart: m.index + whole.length};
			continue;
		}
		if (open && open.label === label) {
			labels.push(label);
			const der = decodeBody(text.slice(open.bodyStart, m.index));
			if (der) blocks.push({label, der});
			if (labels.length >= max) break;
		}
		open = null;
	}
	return {blocks, labels};
}

/** A file that is nothing but base64 (some .cer exports drop the PEM armour). */
export function bareBase64(text: string): Uint8Array | null {
	const trimmed = text.trim();
	if (trimmed.length < 64) return null;
	return decodeBody(trimmed);
}

/** PEM text of one DER certificate, 64 characters a line. */
export function toPem(der: Uint8Array): string {
	const lines =
		Buffer.from(der)
			.toString('base64')
			.match(/.{1,64}/g) ?? [];
	return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
