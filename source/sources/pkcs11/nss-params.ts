// softokn's CK_NSS_C_INITIALIZE_ARGS string for a read-only profile database. pkcs11js 2.1.7 drops
// the last character (tokens.md §7): without the trailing space "readOnly" would be lost and
// softokn would create or modify databases in the person's browser profile.
export function nssLibraryParameters(configDir: string): string {
	const dir = configDir.startsWith('sql:') ? configDir : `sql:${configDir}`;
	if (/['\0]/.test(dir)) throw new Error('NSS profile path contains a quote');
	return `configdir='${dir}' certPrefix='' keyPrefix='' secmod='secmod.db' flags=readOnly `;
}
