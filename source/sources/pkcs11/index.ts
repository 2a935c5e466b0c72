// Public surface of the token room. The main process never loads pkcs11js: everything below talks
// to dist/pkcs11-worker.js children.

export {discoverPkcs11, loadPkcs11Uri} from './discovery.js';
export {proveKeyPossession} from './proof.js';
export {sshTokenAdvice, sshTokenAdviceShort} from './ssh.js';
export {pinPolicyMessage, tokenErrorMessage, tokenSourcesJson, tokenSourcesText, tokenSupportAdvice} from './report.js';
