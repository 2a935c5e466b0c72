import {defineCatalog} from '../catalog.js';

export const messages = defineCatalog({
	cs: {
		'output.role.auth': 'autentizační',
		'output.role.sign': 'podpisový',
		'output.portal.title': ({env}) => `Další krok: registrace v portálu CS OTE (${env})`,
		'output.portal.step1': ({url}) => `1. Přihlaste se na ${url} platným certifikátem (nebo jako pověřená osoba – administrátor).`,
		'output.portal.step2': ({account}) => `2. Otevřete správu certifikátů uživatelského účtu ${account}.`,
		'output.portal.step3': ({slot, roles, cer, pem}) =>
			`3. Do pozice ${slot} nahrajte veřejnou část certifikátu (${roles}): ${cer} (chce-li portál Base64/PEM, použijte ${pem}).`,
		'output.portal.step3pair': ({slot, roles, cer, pem}) =>
			`   Do téže pozice ${slot} nahrajte i druhý certifikát páru (${roles}): ${cer} (Base64/PEM: ${pem}).`,
		'output.portal.checkPair': ({fingerprint}) => `Otisk SHA-256 druhého certifikátu páru: ${fingerprint}`,
		'output.portal.step4': '4. Odhlaste se a přihlaste novým certifikátem – funguje ihned po registraci.',
		'output.portal.check': ({fingerprint}) => `Otisk SHA-256 pro kontrolu: ${fingerprint}`,
		'output.portal.trouble': 'Potíže s přístupem do CS OTE: Elektro@ote-cr.cz, Plyn@ote-cr.cz, Market@ote-cr.cz; dotazy k registraci: Services@ote-cr.cz.',
		'output.email.title': ({address}) => `Další krok: certifikát zaregistruje OTE – pošlete žádost na ${address}`,
		'output.email.reason.no-valid-certificate': 'Důvod: vlastník účtu už nemá platný registrovaný certifikát, sám se tedy do portálu nepřihlásí.',
		'output.email.reason.new-company': 'Důvod: u nové společnosti registruje certifikáty přímo OTE.',
		'output.email.reason.poze-producer': 'Důvod: výrobci POZE se registrují formulářem ze záložky POZE a přes POZE@ote-cr.cz.',
		'output.email.step1': ({eml}) => `1. Otevřete připravený e-mail ${eml} ve svém poštovním programu a doplňte odesílatele.`,
		'output.email.step2': ({address}) => `2. Zkontrolujte text a přílohu (veřejná část certifikátu) a odešlete jej na ${address}.`,
		'output.email.step3': ({slot, env}) => `3. OTE certifikát zaregistruje do pozice ${slot} (${env}); po potvrzení se přihlaste.`,
		'output.packageNotWritten': ({dir, reason}) =>
			`Registrační balíček do ${dir} nelze zapsat (${reason}). Nic nebylo zapsáno ani zaevidováno; zvolte jinou složku přes --out.`,
		'output.folderNotEmpty': 'složka už existuje a není prázdná; ote-cert do ní nezapisuje, aby nic nepřepsal',
	},
	en: {
		'output.role.auth': 'authentication',
		'output.role.sign': 'signing',
		'output.portal.title': ({env}) => `Next step: register it in the CS OTE portal (${env})`,
		'output.portal.step1': ({url}) => `1. Sign in at ${url} with a valid certificate (or as the authorised administrator).`,
		'output.portal.step2': ({account}) => `2. Open the certificate administration of user account ${account}.`,
		'output.portal.step3': ({slot, roles, cer, pem}) =>
			`3. Upload the public part (${roles}) into slot ${slot}: ${cer} (if the portal wants Base64/PEM, use ${pem}).`,
		'output.portal.step3pair': ({slot, roles, cer, pem}) =>
			`   Into the same slot ${slot}, upload the pair's second certificate (${roles}): ${cer} (Base64/PEM: ${pem}).`,
		'output.portal.checkPair': ({fingerprint}) => `SHA-256 fingerprint of the pair's second certificate: ${fingerprint}`,
		'output.portal.step4': '4. Sign out and sign in with the new certificate: it works as soon as it is registered.',
		'output.portal.check': ({fingerprint}) => `SHA-256 fingerprint to check: ${fingerprint}`,
		'output.portal.trouble': 'Trouble reaching CS OTE: Elektro@ote-cr.cz, Plyn@ote-cr.cz, Market@ote-cr.cz; registration questions: Services@ote-cr.cz.',
		'output.email.title': ({address}) => `Next step: OTE registers the certificate — send the request to ${address}`,
		'output.email.reason.no-valid-certificate': 'Why: the account owner holds no valid registered certificate any more, so cannot sign in to the portal.',
		'output.email.reason.new-company': "Why: a new company's certificates are registered by OTE itself.",
		'output.email.reason.poze-producer': 'Why: renewable-energy (POZE) producers register through the form on the POZE tab and POZE@ote-cr.cz.',
		'output.email.step1': ({eml}) => `1. Open the prepared e-mail ${eml} in your mail program and fill in the sender.`,
		'output.email.step2': ({address}) => `2. Check the text and the attachment (the public part) and send it to ${address}.`,
		'output.email.step3': ({slot, env}) => `3. OTE registers the certificate into slot ${slot} (${env}); sign in once they confirm.`,
		'output.packageNotWritten': ({dir, reason}) =>
			`Cannot write the registration package to ${dir} (${reason}). Nothing was written or recorded; choose another folder with --out.`,
		'output.folderNotEmpty': 'the folder exists and is not empty; ote-cert writes only into a new or empty folder so nothing is overwritten',
	},
});
