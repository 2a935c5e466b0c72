// Public surface of the token room. The main process never loads pkcs11js: everything below talks
// to dist/pkcs11-worker.js children.
import './i18n.js';

export {discoverPkcs11, loadPkcs11Uri, findModules, sha256} from './discovery.js';
export type {DiscoverOptions, ModuleSource, Pkcs11Certificate, Pkcs11Discovery, Pkcs11ModuleStatus, Pkcs11TokenSummary, TokenState} from './discovery.js';
export {proveKeyPossession, WorkerTokenSession} from './proof.js';
export type {ProofLevel, ProofResult, ProveOptions} from './proof.js';
export {authenticate, pinPolicy, summarizeFlags} from './pin-policy.js';
export type {AuthenticateOutcome, LoginResult, PinBlockReason, PinPolicy, TokenFlags, TokenFlagSummary, TokenSession} from './pin-policy.js';
export {formatPkcs11Uri, isPkcs11Uri, parsePkcs11Uri} from './uri.js';
export type {Pkcs11Uri} from './uri.js';
export {isSsh, sshHint, sshTokenAdvice, sshTokenAdviceShort} from './ssh.js';
export type {SshHint} from './ssh.js';
export {DEFAULT_TIMEOUT_MS, setWorkerPath, workerPath} from './client.js';
export {pinPolicyMessage, tokenErrorMessage, tokenSourcesJson, tokenSourcesText, tokenSupportAdvice} from './report.js';
export type {TokenSourcesJson} from './report.js';
export {pinSecretProvider} from './pin-source.js';
export type {PinSourceOptions} from './pin-source.js';
export type {DedupedCertificate} from './dedupe.js';
