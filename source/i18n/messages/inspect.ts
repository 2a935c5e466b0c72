import {defineCatalog} from '../catalog.js';

export const messages = defineCatalog({
	cs: {
		'inspect.chain': 'Řetězec',
		'inspect.missingSource': 'Zadejte soubor nebo pkcs11: URI, např. ote-cert inspect certifikat.cer',
		'inspect.whichCertificate': 'Který certifikát? Použití: ote-cert inspect SOUBOR (nebo pkcs11: URI).',
		'inspect.whichCertificateHint': 'Například: ote-cert inspect novak.p12 – více v ote-cert help inspect',
	},
	en: {
		'inspect.chain': 'Chain',
		'inspect.missingSource': 'Name a file or a pkcs11: URI, e.g. ote-cert inspect certificate.cer',
		'inspect.whichCertificate': 'Which certificate? Usage: ote-cert inspect FILE (or a pkcs11: URI).',
		'inspect.whichCertificateHint': 'For example: ote-cert inspect novak.p12 — more in ote-cert help inspect',
	},
});
