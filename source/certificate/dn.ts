// Reading one attribute back out of a distinguished name written as text (RFC 4514, as parse.ts and
// the shipped manifest write it). A value may hold an escaped comma ("I.CA - Qualified Certification
// Authority\, 09/2009"), so splitting on "," or matching up to the next comma cuts names in half.

/** The RDN attributes of `dn` in order, values unescaped (`\,` → `,`, `\4F` → `O`). */
function attributes(dn: string): Array<{type: string; value: string}> {
	const out: Array<{type: string; value: string}> = [];
	let type = '';
	let bytes: number[] = [];
	let inValue = false;
	const text = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
	const finish = () => {
		if (type !== '' || bytes.length > 0) out.push({type: type.trim(), value: Buffer.from(bytes).toString('utf8')});
		type = '';
		bytes = [];
		inValue = false;
	};
	for (let i = 0; i < dn.length; i++) {
		const c = dn[i]!;
		if (c === '\\' && i + 1 < dn.length) {
			const pair = dn.slice(i + 1, i + 3);
			// A hex pair is one byte of the UTF-8 value; anything else is the character itself.
			if (/^[0-9a-fA-F]{2}$/.test(pair)) {
				bytes.push(Number.parseInt(pair, 16));
				i += 2;
			} else {
				const ch = String.fromCodePoint(dn.codePointAt(i + 1)!);
				if (inValue) text(ch);
				else type += ch;
				i += ch.length;
			}
		} else if (c === ',' || c === '+') finish();
		else if (c === '=' && !inValue) inValue = true;
		else if (inValue) text(c);
		else type += c;
	}
	finish();
	return out;
}

/** The first value of attribute `type` (e.g. "CN"), or null when the name has none. */
export function dnAttribute(dn: string, type: string): string | null {
	const wanted = type.toUpperCase();
	return attributes(dn).find((a) => a.type.toUpperCase() === wanted)?.value ?? null;
}
