// Serial numbers in the one form people meet elsewhere: `openssl x509 -serial` prints the positive
// integer in uppercase hex, padded to whole bytes (01669B87, 8F1234 even though DER stores 00 8F 12 34).
// Every serial shown or written goes through serialForm, and so does every comparison: the shipped
// manifest writes serials in lowercase without leading zeros, and older ledgers did too.

/** Any hex spelling of a serial (colons, case, leading zeros) as openssl shows it; other text unchanged. */
export function serialForm(text: string): string {
	const digits = text.replace(/[\s:]/g, '');
	if (!/^[0-9a-fA-F]+$/.test(digits)) return text;
	const bare = digits.replace(/^0+/, '').toUpperCase();
	if (bare === '') return '00';
	return bare.length % 2 === 1 ? `0${bare}` : bare;
}

/** The content octets of a DER INTEGER (the sign octet 00 included) as openssl shows the serial. */
export function serialFromDer(content: ArrayBuffer | Uint8Array): string {
	return serialForm(Buffer.from(content instanceof Uint8Array ? content : new Uint8Array(content)).toString('hex'));
}

/** Whether two spellings name the same serial number. */
export function sameSerial(a: string, b: string): boolean {
	return serialForm(a) === serialForm(b);
}
