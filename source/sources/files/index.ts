export {readCertificateFile, DEFAULT_MAX_BYTES, type ReadOptions} from './read.js';
export {
	discoverCertificateFiles,
	collectCertificateFiles,
	CERTIFICATE_EXTENSIONS,
	SEARCH_FOLDERS,
	type DiscoverOptions,
} from './discover.js';
export {SOURCE_UNREADABLE_EXIT_CODE} from './errors.js';
export {displayName, sanitizeText} from './sanitize.js';
