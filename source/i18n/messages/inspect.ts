import {defineCatalog} from '../catalog.js';

export const messages = defineCatalog({
	cs: {
		'inspect.chain': 'Řetězec',
		'inspect.missingSource': 'Zadejte soubor nebo pkcs11: URI, např. ote-cert inspect certifikat.cer',
	},
	en: {
		'inspect.chain': 'Chain',
		'inspect.missingSource': 'Name a file or a pkcs11: URI, e.g. ote-cert inspect certificate.cer',
	},
});
