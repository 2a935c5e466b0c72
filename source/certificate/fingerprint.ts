// Fingerprints as people read them out: AB:CD:… (as Windows and browsers show them).

export function formatFingerprint(hex: string): string {
	return (
		hex
			.toUpperCase()
			.replace(/[^0-9A-F]/g, '')
			.match(/../g) ?? []
	).join(':');
}

/** Two lines of 16 bytes: fits 80 columns beside a label, never breaks inside a byte. */
export function fingerprintLines(hex: string): string[] {
	const pairs = formatFingerprint(hex).split(':');
	return [pairs.slice(0, 16).join(':'), pairs.slice(16).join(':')].filter((line) => line !== '');
}
