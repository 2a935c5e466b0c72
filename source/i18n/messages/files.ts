import {defineCatalog, plural} from '../catalog.js';

// {file} is always a sanitised file name; {limit} is a size in MiB.
export const messages = defineCatalog({
	cs: {
		'files.notFound': ({file}) => `Soubor „${file}“ neexistuje. Zkontrolujte cestu a zkuste to znovu.`,
		'files.isDirectory': ({file}) => `„${file}“ je složka, ne soubor. Zadejte cestu k souboru s certifikátem.`,
		'files.notRegular': ({file}) => `„${file}“ není běžný soubor (např. zařízení nebo roura), nelze ho načíst.`,
		'files.permissionDenied': ({file}) => `Soubor „${file}“ nelze přečíst: chybí oprávnění ke čtení.`,
		'files.readFailed': ({file}) => `Soubor „${file}“ se nepodařilo přečíst.`,
		'files.tooLarge': ({file, limit}) => `Soubor „${file}“ je příliš velký (limit ${limit} MiB). Soubor s certifikátem má obvykle jen několik kilobajtů.`,
		'files.empty': ({file}) => `Soubor „${file}“ je prázdný.`,
		'files.noCertificate': ({file}) => `V souboru „${file}“ není žádný certifikát.`,
		'files.keyOnly': ({file}) => `Soubor „${file}“ obsahuje jen soukromý klíč; exportujte certifikát (veřejnou část).`,
		'files.damagedCertificate': ({file}) => `Certifikát v souboru „${file}“ je poškozený a nelze ho přečíst.`,
		'files.unsupportedFormat': ({file}) => `Formát souboru „${file}“ není podporován. Použijte certifikát ve formátu .cer, .crt, .der, .pem nebo .p12/.pfx.`,
		'files.pkcs7': ({file}) => `Soubor „${file}“ je balíček PKCS#7 (.p7b), ten není podporován. Exportujte certifikát jako .cer nebo .pem.`,
		'files.damagedPkcs12': ({file}) => `Soubor „${file}“ vypadá jako PKCS#12 (.p12/.pfx), ale je poškozený.`,
		'files.tooManyCertificates': ({file, limit}) =>
			`Soubor „${file}“ obsahuje víc než ${limit} certifikátů; tolik jich žádný certifikát s autoritami nepotřebuje, a tak se nečte. Uložte do souboru jen svůj certifikát a jeho autority.`,
		'files.pkcs12TooCostly': ({file, iterations, work}) =>
			`Soubor „${file}“ vyžaduje neobvykle náročné odvození klíče z hesla; z bezpečnostních důvodů ho nelze otevřít. ote-cert připouští nejvýše ${Number(iterations).toLocaleString('cs-CZ')} iterací na jedno odvození a ${Number(work).toLocaleString('cs-CZ')} celkem na jedno heslo.`,
		'files.wrongPassword': ({file}) => `Heslo k souboru „${file}“ není správné.`,
		'files.passwordRequired': ({file}) => `Soubor „${file}“ je chráněn heslem. Zadejte ho, nastavte proměnnou OTE_CERT_PASSWORD nebo použijte --password-file.`,
		'files.cancelled': ({file}) => `Otevření souboru „${file}“ bylo zrušeno.`,
		'files.passwordPrompt': ({file}) => `Heslo k souboru „${file}“:`,
		'files.passwordRetry': ({file}) => `Heslo nesouhlasí. Zkuste znovu heslo k souboru „${file}“:`,
		'files.found': ({n}) =>
			plural('cs', Number(n), {
				one: 'Nalezen # soubor s certifikátem',
				few: 'Nalezeny # soubory s certifikáty',
				many: 'Nalezeno # souboru s certifikáty',
				other: 'Nalezeno # souborů s certifikáty',
			}),
		'files.searching': 'Hledám soubory s certifikáty…',
		'files.typePath': 'Nebo zadejte cestu k souboru:',
	},
	en: {
		'files.notFound': ({file}) => `The file "${file}" does not exist. Check the path and try again.`,
		'files.isDirectory': ({file}) => `"${file}" is a folder, not a file. Enter the path of a certificate file.`,
		'files.notRegular': ({file}) => `"${file}" is not a regular file (for example a device or a pipe), so it cannot be read.`,
		'files.permissionDenied': ({file}) => `The file "${file}" cannot be read: permission denied.`,
		'files.readFailed': ({file}) => `The file "${file}" could not be read.`,
		'files.tooLarge': ({file, limit}) => `The file "${file}" is too large (limit ${limit} MiB). A certificate file is usually a few kilobytes.`,
		'files.empty': ({file}) => `The file "${file}" is empty.`,
		'files.noCertificate': ({file}) => `The file "${file}" contains no certificate.`,
		'files.keyOnly': ({file}) => `The file "${file}" holds only a private key; export the certificate (public part).`,
		'files.damagedCertificate': ({file}) => `The certificate in "${file}" is damaged and cannot be read.`,
		'files.unsupportedFormat': ({file}) => `The format of "${file}" is not supported. Use a certificate in .cer, .crt, .der, .pem or .p12/.pfx format.`,
		'files.pkcs7': ({file}) => `"${file}" is a PKCS#7 bundle (.p7b), which is not supported. Export the certificate as .cer or .pem.`,
		'files.damagedPkcs12': ({file}) => `"${file}" looks like a PKCS#12 file (.p12/.pfx) but it is damaged.`,
		'files.tooManyCertificates': ({file, limit}) =>
			`"${file}" holds more than ${limit} certificates; no certificate with its authorities needs that many, so it is not read. Save just your certificate and its authorities in the file.`,
		'files.pkcs12TooCostly': ({file, iterations, work}) =>
			`"${file}" demands an unusually expensive password key derivation; it is refused for safety. ote-cert allows at most ${Number(iterations).toLocaleString('en-US')} iterations per derivation and ${Number(work).toLocaleString('en-US')} in all for one password.`,
		'files.wrongPassword': ({file}) => `The password for "${file}" is not correct.`,
		'files.passwordRequired': ({file}) => `"${file}" is protected by a password. Enter it, set OTE_CERT_PASSWORD, or use --password-file.`,
		'files.cancelled': ({file}) => `Opening "${file}" was cancelled.`,
		'files.passwordPrompt': ({file}) => `Password for "${file}":`,
		'files.passwordRetry': ({file}) => `Wrong password. Try the password for "${file}" again:`,
		'files.found': ({n}) => plural('en', Number(n), {one: 'Found # certificate file', other: 'Found # certificate files'}),
		'files.searching': 'Looking for certificate files…',
		'files.typePath': 'Or type the path of a file:',
	},
});
