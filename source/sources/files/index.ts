export {readCertificateFile} from './read.js';
export {collectCertificateFiles} from './discover.js';
