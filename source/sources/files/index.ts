export {readCertificateFile, DEFAULT_MAX_BYTES, type ReadOptions} from './read.js';
export {
	discoverCertificateFiles,
	collectCertificateFiles,
	CERTIFICATE_EXTENSIONS,
	SEARCH_FOLDERS,
	type DiscoverOptions,
} from './discover.js';
export {displayName, sanitizeText} from './sanitize.js';
