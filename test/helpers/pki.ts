// The test PKI lives in source/demo (the --demo mode makes its certificates with it); tests use the same code.
export * from '../../source/demo/pki.js';
export {toPem} from '../../source/certificate/pem.js';
