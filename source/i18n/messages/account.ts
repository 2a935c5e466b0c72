import {defineCatalog, plural} from '../catalog.js';

const csDays = (n: number) => plural('cs', n, {one: '# den', few: '# dny', many: '# dne', other: '# dní'});
const enDays = (n: number) => plural('en', n, {one: '# day', other: '# days'});

export const messages = defineCatalog({
	cs: {
		'account.question.role': 'Jaká je vaše role u tohoto účtu CS OTE?',
		'account.question.role.admin': 'Administrátor (pověřená osoba pro správu uživatelů a certifikátů)',
		'account.question.role.owner': 'Vlastník účtu',
		'account.question.newCompany': 'Jde o novou společnost, která ještě nemá přístup do CS OTE?',
		'account.question.pozeProducer': 'Jste výrobce POZE (podporované zdroje energie)?',
		'account.question.validCertificate': 'Máte ještě alespoň jeden platný certifikát registrovaný v CS OTE v tomto prostředí?',

		'account.route.portal': ({url}) =>
			`Veřejnou část certifikátu zaregistrujete sami v portálu CS OTE (${url}): přihlaste se a nahrajte soubor .cer podle pokynů v balíčku.`,
		'account.route.email.no-valid-certificate': ({address}) =>
			`Jako vlastník účtu bez platného registrovaného certifikátu nemůžete nový certifikát nahrát sami. Požádejte administrátora účtu, nebo odešlete připravený e-mail (request.eml) na ${address}.`,
		'account.route.email.new-company': ({address}) => `Certifikáty nové společnosti registruje OTE. Odešlete připravený e-mail (request.eml) na ${address}.`,
		'account.route.email.poze-producer': ({address, formUrl}) =>
			`Výrobci POZE se registrují formulářem OTE na záložce POZE (${formUrl}) a přes ${address}. Připravený e-mail (request.eml) je adresován na ${address}.`,
		'account.route.technical': ({electricity, gas, market}) =>
			`Technické potíže s přístupem do portálu: elektřina ${electricity}, plyn ${gas}, trh ${market}. Tyto adresy neslouží pro POZE.`,

		'account.slot.empty': 'volná pozice',
		'account.slot.expired': ({days}) => `platnost skončila před ${csDays(Math.abs(Number(days)))}`,
		'account.slot.expiredToday': 'platnost skončila dnes',
		'account.slot.expiringSoon': ({days}) => `platnost končí za ${csDays(Number(days))}`,
		'account.slot.valid': ({days}) => `platný ještě ${csDays(Number(days))}`,
		'account.slot.role.auth': 'přihlašovací',
		'account.slot.role.sign': 'podpisový',
		'account.slot.role.both': 'přihlašovací i podpisový',
		'account.slot.full': ({slot}) => `Všechny čtyři pozice jsou obsazené. Vyberte, kterou nahradit (navrhujeme pozici ${slot}).`,
		'account.slot.duplicate': ({slot}) => `Tento certifikát už je evidován na pozici ${slot}.`,
		'account.slot.error.DUPLICATE': ({slot}) => `Tento certifikát už je evidován na pozici ${slot}.`,
		'account.slot.forgetConfirm': ({slot}) => `Opravdu odebrat pozici ${slot} z evidence? V CS OTE se tím nic nezmění.`,
		'account.refusal.NOT_LATER': ({slot, oldDate, newDate}) =>
			`Pozice ${slot} už má novější certifikát téhož držitele (platí do ${oldDate}); tento platí jen do ${newDate}. Obnova musí platit déle než certifikát, který nahrazuje.`,
		'account.refusal.NOT_A_RENEWAL': ({slot}) =>
			`Na pozici ${slot} není starší certifikát téhož držitele, takže nejde o obnovu. Pro novou registraci použijte ote-cert register --slot N.`,
		'account.refusal.NOT_REGISTRABLE': 'Tento certifikát nelze v CS OTE registrovat (viz zjištění výše).',
		'account.refusal.CHANGED_MEANWHILE': ({slot}) => `Evidenci pozice ${slot} mezitím změnil jiný běh ote-cert. Nic nebylo zapsáno; spusťte registraci znovu.`,
		'account.refusal.PAIR_DIFFERENT_HOLDERS': ({first, second}) =>
			`Pár tvoří dva certifikáty jedné osoby; tyto patří různým držitelům (${first}, ${second}). Nic nebylo zapsáno; registrujte je každý zvlášť.`,
		'account.refusal.PAIR_ROLES_OVERLAP': ({slot}) =>
			`Certifikáty páru pro pozici ${slot} mají stejnou roli; jeden musí být přihlašovací a druhý podpisový. Nic nebylo zapsáno.`,
		'account.roles.reason.QUALIFIED_SIGNING': 'Kvalifikovaný certifikát jen s nepopiratelností (nonRepudiation) je podpisový.',
		'account.roles.reason.QUALIFIED_BOTH': 'Kvalifikovaný certifikát s elektronickým podpisem i nepopiratelností může plnit obě role.',
		'account.roles.reason.COMMERCIAL_CLIENT_AUTH': 'Komerční certifikát s ověřením klienta (clientAuth) je autentizační (přihlášení do OTE-COM).',
		'account.roles.reason.ONLY_FITTING': 'Podle pravidel CS OTE se hodí jen pro tuto roli.',
		'account.roles.reason.NOTHING_FITS': 'Podle pravidel CS OTE se nehodí pro žádnou roli; rozhodněte sami.',
		'account.roles.contradiction.AUTH_WITHOUT_DIGITAL_SIGNATURE':
			'Pozor: certifikát nemá použití klíče digitalSignature (jen podpis/nepopiratelnost); k přihlášení se nehodí.',
		'account.roles.contradiction.SIGN_NOT_QUALIFIED': 'Pozor: podepisovat v CS OTE lze jen kvalifikovaným certifikátem; tento je komerční.',
		'account.roles.contradiction.SIGN_WITHOUT_SIGNATURE_USAGE': 'Pozor: certifikát nemá použití klíče pro podpis (nonRepudiation ani digitalSignature).',
		'account.roles.contradiction.ROLE_DOES_NOT_FIT': 'Pozor: pro tuto roli certifikát podle pravidel CS OTE nevyhovuje.',
		'account.pair.PAIR_SAME_CERTIFICATE': 'Oba zdroje obsahují tentýž certifikát; pár tvoří dva různé certifikáty.',
		'account.pair.PAIR_NOT_REGISTRABLE': ({n, subject}) => `Certifikát č. ${n} (${subject}) nelze v CS OTE registrovat, takže pár nevznikne.`,
		'account.pair.PAIR_DIFFERENT_HOLDERS': ({first, second}) =>
			`Certifikáty patří různým držitelům (${first}, ${second}); pár tvoří dva certifikáty jedné osoby.`,
		'account.pair.PAIR_NO_ROLE_SPLIT': 'Z těchto dvou certifikátů nelze sestavit pár: jeden musí být přihlašovací a druhý podpisový.',
		'account.slot.error.EMPTY_SLOT': ({slot}) => `Pozice ${slot} je prázdná.`,
		'account.slot.error.BAD_SLOT': ({slot}) => `Pozice musí být 1 až 4, ne „${slot}“.`,
		'account.slot.error.NO_ROLES': 'Certifikát musí mít aspoň jednu roli (přihlašovací nebo podpisovou).',

		'account.renewal.found': ({slot}) => `Vypadá to na obnovu certifikátu na pozici ${slot}: stejný držitel. Navrhujeme starý certifikát nahradit.`,
		'account.renewal.old-expired':
			'Starému certifikátu už skončila platnost, takže se jím do portálu nepřihlásíte. Nový certifikát musí zaregistrovat administrátor účtu nebo OTE.',
		'account.renewal.old-expires-before-registration': ({days}) =>
			`Starý certifikát přestane platit za ${csDays(Number(days))}, možná dřív, než registraci stihnete. Zaregistrujte nový hned, nebo požádejte administrátora či OTE.`,

		'account.env.error.NAME_EMPTY': 'Zadejte název prostředí.',
		'account.env.error.NAME_TOO_LONG': ({max}) => `Název může mít nejvýše ${max} znaků.`,
		'account.env.error.NAME_TAKEN': ({name}) => `Prostředí „${name}“ už existuje.`,
		'account.env.error.URL_INVALID': ({url}) => `„${url}“ není platná adresa URL.`,
		'account.env.error.URL_NOT_HTTPS': ({url}) => `Adresa portálu musí začínat https:// („${url}“).`,
		'account.env.error.URL_HAS_CREDENTIALS': 'Adresa portálu nesmí obsahovat jméno ani heslo.',
		'account.env.notShared': 'Certifikát registrovaný v jednom prostředí není automaticky registrovaný v jiném.',

		'account.ledger.damaged': ({file}) =>
			`Soubor evidence ${file} je poškozený a nebyl změněn. Opravte jej ručně, nebo jej nechte odložit stranou a začněte novou evidenci.`,
		'account.ledger.newerVersion': ({file}) => `Soubor evidence ${file} zapsala novější verze ote-cert. Aktualizujte ote-cert; soubor nebyl změněn.`,
		'account.ledger.movedAside': ({path}) => `Poškozený soubor evidence byl uložen jako ${path}.`,
		'account.ledger.unavailable': ({dir, code}) =>
			`Evidenci slotů nelze otevřít ve složce ${dir} (${code}). Nastavte OTE_CERT_CONFIG_DIR na složku, do které můžete zapisovat.`,
		'account.ledger.notWritten': ({file, why}) =>
			`Evidenci ${file} nelze zapsat: ${why}. Soubor zůstal beze změny, nic nebylo zaevidováno a žádný balíček nevznikl.`,
		'account.ledger.why.noSpace': 'na disku není místo',
		'account.ledger.why.readOnly': 'disk je jen pro čtení',
		'account.ledger.why.noPermission': 'chybí oprávnění k zápisu',
		'account.ledger.notWrittenHint': 'Uvolněte místo nebo opravte oprávnění (případně nastavte OTE_CERT_CONFIG_DIR na jinou složku) a spusťte příkaz znovu.',
		'account.ledger.busy': ({lock, seconds}) =>
			`Evidenci právě zapisuje jiný běh ote-cert (zámek ${lock}); ani po ${seconds} s se neuvolnila. Nic nebylo změněno.`,
		'account.ledger.busyHint': ({lock}) => `Počkejte, až druhý běh doběhne, a zkuste to znovu. Pokud žádný ote-cert neběží, smažte složku ${lock}.`,

		'account.eml.subject.register': ({account, env}) => `Žádost o registraci certifikátu do CS OTE (ID ${account}, ${env})`,
		'account.eml.subject.poze': ({account, env}) => `Registrace certifikátu výrobce POZE do CS OTE (ID ${account}, ${env})`,
		'account.eml.note': '[Před odesláním: odešlete zprávu ze své e-mailové adresy, doplňte své jméno, společnost a telefon a tuto poznámku smažte.]',
		'account.eml.greeting': 'Dobrý den,',
		'account.eml.request': 'prosím o registraci veřejné části certifikátu do systému CS OTE.',
		'account.eml.reason.no-valid-certificate':
			'Jsem vlastníkem účtu a nemám již žádný platný registrovaný certifikát, proto nový certifikát nemohu nahrát sám v portálu.',
		'account.eml.reason.new-company': 'Jde o novou společnost; její certifikáty podle pokynů OTE registruje OTE.',
		'account.eml.reason.poze-producer': 'Jsem výrobce POZE a registruji certifikát podle pokynů OTE pro výrobce POZE.',
		'account.eml.account': ({account}) => `ID uživatele CS OTE: ${account}`,
		'account.eml.accountUnknown': 'ID uživatele CS OTE: [doplňte]',
		'account.eml.env': ({name, url}) => `Prostředí: ${name} (${url})`,
		'account.eml.slot': ({slot}) => `Pozice certifikátu (pár): ${slot} ze 4`,
		'account.eml.roles': ({roles}) => `Role: ${roles}`,
		'account.eml.subjectLine': ({subject}) => `Subjekt certifikátu: ${subject}`,
		'account.eml.notAfter': ({date}) => `Platnost do: ${date}`,
		'account.eml.sha256': ({value}) => `Otisk SHA-256: ${value}`,
		'account.eml.sha1': ({value}) => `Otisk SHA-1: ${value}`,
		'account.eml.attachment': ({file}) => `Veřejná část certifikátu je v příloze (${file}, formát DER). Neobsahuje soukromý klíč.`,
		'account.eml.closing': 'Děkuji.\nS pozdravem',
		'account.eml.signature': '[jméno, společnost, telefon]',
	},
	en: {
		'account.question.role': 'What is your role for this CS OTE account?',
		'account.question.role.admin': 'Administrator (person authorised to manage user accounts and certificates)',
		'account.question.role.owner': 'Account owner',
		'account.question.newCompany': 'Is this a new company that has no access to CS OTE yet?',
		'account.question.pozeProducer': 'Are you a POZE producer (supported energy sources)?',
		'account.question.validCertificate': 'Do you still hold at least one valid certificate registered in CS OTE in this environment?',

		'account.route.portal': ({url}) =>
			`Register the public part yourself in the CS OTE portal (${url}): log in and upload the .cer file as the package instructions say.`,
		'account.route.email.no-valid-certificate': ({address}) =>
			`As the account owner without a valid registered certificate you cannot upload the new one yourself. Ask the account's administrator, or send the prepared e-mail (request.eml) to ${address}.`,
		'account.route.email.new-company': ({address}) => `OTE registers the certificates of a new company. Send the prepared e-mail (request.eml) to ${address}.`,
		'account.route.email.poze-producer': ({address, formUrl}) =>
			`POZE producers register through OTE's form on the POZE tab (${formUrl}) and ${address}. The prepared e-mail (request.eml) is addressed to ${address}.`,
		'account.route.technical': ({electricity, gas, market}) =>
			`Technical trouble reaching the portal: electricity ${electricity}, gas ${gas}, market ${market}. These addresses are not for POZE.`,

		'account.slot.empty': 'empty slot',
		'account.slot.expired': ({days}) => `expired ${enDays(Math.abs(Number(days)))} ago`,
		'account.slot.expiredToday': 'expired today',
		'account.slot.expiringSoon': ({days}) => `expires in ${enDays(Number(days))}`,
		'account.slot.valid': ({days}) => `valid for ${enDays(Number(days))}`,
		'account.slot.role.auth': 'authentication',
		'account.slot.role.sign': 'signing',
		'account.slot.role.both': 'authentication and signing',
		'account.slot.full': ({slot}) => `All four slots are taken. Choose which one to replace (suggested: slot ${slot}).`,
		'account.slot.duplicate': ({slot}) => `This certificate is already recorded in slot ${slot}.`,
		'account.slot.error.DUPLICATE': ({slot}) => `This certificate is already recorded in slot ${slot}.`,
		'account.slot.forgetConfirm': ({slot}) => `Remove slot ${slot} from the ledger? Nothing changes in CS OTE.`,
		'account.refusal.NOT_LATER': ({slot, oldDate, newDate}) =>
			`Slot ${slot} already holds a later certificate of the same holder (valid until ${oldDate}); this one is valid only until ${newDate}. A renewal must outlast the certificate it replaces.`,
		'account.refusal.NOT_A_RENEWAL': ({slot}) =>
			`Slot ${slot} holds no earlier certificate of the same holder, so this is not a renewal. For a new registration use ote-cert register --slot N.`,
		'account.refusal.NOT_REGISTRABLE': 'This certificate cannot be registered in CS OTE (see the findings above).',
		'account.refusal.CHANGED_MEANWHILE': ({slot}) =>
			`Another ote-cert run changed slot ${slot} in the meantime. Nothing was written; run the registration again.`,
		'account.refusal.PAIR_DIFFERENT_HOLDERS': ({first, second}) =>
			`A pair is two certificates of one person; these belong to different holders (${first}, ${second}). Nothing was written; register them one by one.`,
		'account.refusal.PAIR_ROLES_OVERLAP': ({slot}) =>
			`The certificates of the pair for slot ${slot} claim the same role; one must authenticate and the other sign. Nothing was written.`,
		'account.roles.reason.QUALIFIED_SIGNING': 'A qualified certificate with nonRepudiation only is a signing certificate.',
		'account.roles.reason.QUALIFIED_BOTH': 'A qualified certificate with digitalSignature and nonRepudiation can fill both roles.',
		'account.roles.reason.COMMERCIAL_CLIENT_AUTH': 'A commercial certificate with clientAuth is an authentication certificate (OTE-COM).',
		'account.roles.reason.ONLY_FITTING': 'By the CS OTE rules it fits only this role.',
		'account.roles.reason.NOTHING_FITS': 'By the CS OTE rules it fits no role; the choice is yours.',
		'account.roles.contradiction.AUTH_WITHOUT_DIGITAL_SIGNATURE':
			'Careful: the certificate lacks the digitalSignature key usage (it only signs, nonRepudiation); it is not for authentication.',
		'account.roles.contradiction.SIGN_NOT_QUALIFIED': 'Careful: signing in CS OTE needs a qualified certificate; this one is commercial.',
		'account.roles.contradiction.SIGN_WITHOUT_SIGNATURE_USAGE':
			'Careful: the certificate has no signing key usage (neither nonRepudiation nor digitalSignature).',
		'account.roles.contradiction.ROLE_DOES_NOT_FIT': 'Careful: by the CS OTE rules the certificate does not fit this role.',
		'account.pair.PAIR_SAME_CERTIFICATE': 'Both sources hold the same certificate; a pair is two different certificates.',
		'account.pair.PAIR_NOT_REGISTRABLE': ({n, subject}) => `Certificate ${n} (${subject}) cannot be registered in CS OTE, so there is no pair.`,
		'account.pair.PAIR_DIFFERENT_HOLDERS': ({first, second}) =>
			`The certificates belong to different holders (${first}, ${second}); a pair is two certificates of one person.`,
		'account.pair.PAIR_NO_ROLE_SPLIT': 'These two certificates make no pair: one must authenticate and the other sign.',
		'account.slot.error.EMPTY_SLOT': ({slot}) => `Slot ${slot} is empty.`,
		'account.slot.error.BAD_SLOT': ({slot}) => `A slot is 1 to 4, not "${slot}".`,
		'account.slot.error.NO_ROLES': 'A certificate needs at least one role (authentication or signing).',

		'account.renewal.found': ({slot}) => `This looks like a renewal of the certificate in slot ${slot}: same holder. We suggest replacing the old one.`,
		'account.renewal.old-expired':
			'The old certificate has expired, so it cannot log in to the portal. An account administrator or OTE must register the new one.',
		'account.renewal.old-expires-before-registration': ({days}) =>
			`The old certificate stops working in ${enDays(Number(days))}, possibly before you manage to register. Register the new one now, or ask an administrator or OTE.`,

		'account.env.error.NAME_EMPTY': 'Enter a name for the environment.',
		'account.env.error.NAME_TOO_LONG': ({max}) => `The name may have at most ${max} characters.`,
		'account.env.error.NAME_TAKEN': ({name}) => `Environment "${name}" already exists.`,
		'account.env.error.URL_INVALID': ({url}) => `"${url}" is not a valid URL.`,
		'account.env.error.URL_NOT_HTTPS': ({url}) => `The portal address must start with https:// ("${url}").`,
		'account.env.error.URL_HAS_CREDENTIALS': 'The portal address must not contain a user name or password.',
		'account.env.notShared': 'A certificate registered in one environment is not assumed to be registered in another.',

		'account.ledger.damaged': ({file}) =>
			`The ledger file ${file} is damaged and was not changed. Repair it by hand, or have it moved aside and start a new ledger.`,
		'account.ledger.newerVersion': ({file}) => `The ledger file ${file} was written by a newer ote-cert. Update ote-cert; the file was not changed.`,
		'account.ledger.movedAside': ({path}) => `The damaged ledger file was kept as ${path}.`,
		'account.ledger.unavailable': ({dir, code}) => `Cannot open the slot ledger in ${dir} (${code}). Set OTE_CERT_CONFIG_DIR to a folder you can write to.`,
		'account.ledger.notWritten': ({file, why}) =>
			`Cannot write the ledger ${file}: ${why}. The file is unchanged, nothing was registered and no package was written.`,
		'account.ledger.why.noSpace': 'the disk is full',
		'account.ledger.why.readOnly': 'the disk is read-only',
		'account.ledger.why.noPermission': 'no permission to write there',
		'account.ledger.notWrittenHint': 'Free some space or fix the permissions (or set OTE_CERT_CONFIG_DIR to another folder) and run the command again.',
		'account.ledger.busy': ({lock, seconds}) =>
			`Another ote-cert is writing the ledger (lock ${lock}) and did not finish within ${seconds} s. Nothing was changed.`,
		'account.ledger.busyHint': ({lock}) => `Wait for the other run to finish and try again. If no ote-cert is running, delete the folder ${lock}.`,

		'account.eml.subject.register': ({account, env}) => `Request to register a certificate in CS OTE (ID ${account}, ${env})`,
		'account.eml.subject.poze': ({account, env}) => `Certificate registration of a POZE producer in CS OTE (ID ${account}, ${env})`,
		'account.eml.note': '[Before sending: send this from your own e-mail address, add your name, company and phone, and delete this note.]',
		'account.eml.greeting': 'Hello,',
		'account.eml.request': 'please register the public part of my certificate in CS OTE.',
		'account.eml.reason.no-valid-certificate':
			'I am the account owner and no longer hold a valid registered certificate, so I cannot upload the new one in the portal myself.',
		'account.eml.reason.new-company': "This is a new company; as OTE's instructions say, OTE registers its certificates.",
		'account.eml.reason.poze-producer': "I am a POZE producer registering a certificate as OTE's instructions for POZE producers say.",
		'account.eml.account': ({account}) => `CS OTE user ID: ${account}`,
		'account.eml.accountUnknown': 'CS OTE user ID: [fill in]',
		'account.eml.env': ({name, url}) => `Environment: ${name} (${url})`,
		'account.eml.slot': ({slot}) => `Certificate slot (pair): ${slot} of 4`,
		'account.eml.roles': ({roles}) => `Roles: ${roles}`,
		'account.eml.subjectLine': ({subject}) => `Certificate subject: ${subject}`,
		'account.eml.notAfter': ({date}) => `Valid until: ${date}`,
		'account.eml.sha256': ({value}) => `SHA-256 fingerprint: ${value}`,
		'account.eml.sha1': ({value}) => `SHA-1 fingerprint: ${value}`,
		'account.eml.attachment': ({file}) => `The public part of the certificate is attached (${file}, DER format). It contains no private key.`,
		'account.eml.closing': 'Thank you.\nKind regards',
		'account.eml.signature': '[name, company, phone]',
	},
});
