import {defineCatalog, plural} from '../catalog.js';

const helpCs = `ote-cert – připraví certifikát k registraci v CS OTE (OTE, a.s.)

Použití:
  ote-cert                       průvodce v terminálu (5 kroků)
  ote-cert inspect ZDROJ [--json]
                                 zpráva o certifikátu: vydavatel, platnost, verdikt
  ote-cert register --source ZDROJ --env production|sandbox --slot 1-4 [--yes]
                                 totéž co průvodce, bez terminálu; --source A --source B:
                                 pár (přihlašovací + podpisový jedné osoby) do jedné pozice
  ote-cert renew --source ZDROJ [--env …] [--yes]
                                 obnova: nahradí pozici s certifikátem téhož držitele
  ote-cert slots [--account ID] [--env …] [--json] [--forget N]
                                 co je v kterých pozicích účtu (místní evidence)
  ote-cert slots --move-aside    odložit poškozenou evidenci stranou a začít novou
  ote-cert sources [--json]      nalezené soubory, tokeny a moduly PKCS#11
  ote-cert trust [--json]        seznam certifikačních autorit dodaných s nástrojem
  ote-cert env [add NÁZEV --url URL | remove ID]
                                 prostředí CS OTE (produkce, Sandbox, vlastní)
  ote-cert report                diagnostický soubor pro helpdesk (jen veřejná data)

ZDROJ je cesta k souboru (.cer .crt .der .pem .p12 .pfx) nebo pkcs11: URI.

Volby:
  --account ID          ID uživatele CS OTE (výchozí „default“)
  --roles auth|sign|both
                        role certifikátu v pozici (výchozí podle certifikátu)
  --out SLOŽKA          kam zapsat registrační balíček
  --role admin|owner    kdo registruje; --no-valid-certificate, --new-company,
                        --poze-producer určí, zda musí jednat OTE
  --trust SOUBOR|SLOŽKA přidat CA místně (opakovatelné)
  --offline             neptat se OCSP ani CRL na zneplatnění
  --module CESTA        modul PKCS#11 (opakovatelné)
  --prove none|key|sign ověřit, že klíč k certifikátu je na tokenu
  --password-file SOUBOR, --pin-file SOUBOR
                        heslo/PIN ze souboru (jinak OTE_CERT_PASSWORD / OTE_CERT_PIN
                        nebo skrytý dotaz); --password a --pin se odmítají
  --yes                 bez potvrzení (nutné mimo terminál)
  --json                strojově čitelný výstup
  --lang cs|en, --no-color, --ascii, --demo, --help, --version

Návratové kódy: 0 hotovo/přijatelný, 1 certifikát nelze přijmout, 2 chyba použití,
3 zdroj nelze přečíst, 4 poškozená evidence, 130 zrušeno.
Evidence pozic: OTE_CERT_CONFIG_DIR nebo uživatelská konfigurační složka (ote-cert).`;

const helpEn = `ote-cert — prepares a certificate for registration in CS OTE (OTE, a.s.)

Usage:
  ote-cert                       the wizard in your terminal (5 steps)
  ote-cert inspect SOURCE [--json]
                                 report on a certificate: issuer, validity, verdict
  ote-cert register --source SOURCE --env production|sandbox --slot 1-4 [--yes]
                                 what the wizard does, without a terminal; --source A
                                 --source B: a pair (one person's auth + signing) in one slot
  ote-cert renew --source SOURCE [--env …] [--yes]
                                 renewal: replaces the slot holding the same holder's certificate
  ote-cert slots [--account ID] [--env …] [--json] [--forget N]
                                 what sits in the account's slots (local ledger)
  ote-cert slots --move-aside    move a damaged ledger aside and start a new one
  ote-cert sources [--json]      certificate files, tokens and PKCS#11 modules found
  ote-cert trust [--json]        the certification authorities shipped with the tool
  ote-cert env [add NAME --url URL | remove ID]
                                 CS OTE environments (production, Sandbox, your own)
  ote-cert report                a diagnostic file for the helpdesk (public data only)

SOURCE is a file path (.cer .crt .der .pem .p12 .pfx) or a pkcs11: URI.

Options:
  --account ID          CS OTE user id (default "default")
  --roles auth|sign|both
                        the certificate's role in the slot (default: read from the certificate)
  --out DIR             where to write the registration package
  --role admin|owner    who registers; --no-valid-certificate, --new-company,
                        --poze-producer decide whether OTE has to act
  --trust FILE|DIR      add a CA locally (repeatable)
  --offline             do not ask OCSP or CRL about revocation
  --module PATH         a PKCS#11 module (repeatable)
  --prove none|key|sign prove the certificate's key is on the token
  --password-file FILE, --pin-file FILE
                        password/PIN from a file (else OTE_CERT_PASSWORD / OTE_CERT_PIN
                        or a masked prompt); --password and --pin are refused
  --yes                 no confirmation (required without a terminal)
  --json                machine-readable output
  --lang cs|en, --no-color, --ascii, --demo, --help, --version

Exit codes: 0 done/acceptable, 1 certificate not acceptable, 2 usage error,
3 source unreadable, 4 damaged ledger, 130 cancelled.
Slot ledger: OTE_CERT_CONFIG_DIR or the user's config folder (ote-cert).`;

export const messages = defineCatalog({
	cs: {
		'cli.help': helpCs,
		'cli.secretFlagRefused': ({flag}) => `Volbu ${flag} nepřijímám: tajemství na příkazové řádce skončí v historii shellu a v seznamu procesů.`,
		'cli.secretFlagHintPin': 'Zadejte PIN, až se zeptám, nebo použijte OTE_CERT_PIN či --pin-file SOUBOR.',
		'cli.secretFlagHintPassword': 'Zadejte heslo, až se zeptám, nebo použijte OTE_CERT_PASSWORD či --password-file SOUBOR.',
		'cli.badNumber': ({flag, min, max, value}) => `${flag} musí být celé číslo od ${min} do ${max}, ne „${value}“.`,
		'cli.badChoice': ({flag, choices, value}) => `${flag} přijímá ${choices}, ne „${value}“.`,
		'cli.unknownCommand': ({command}) => `Neznámý příkaz „${command}“.`,
		'cli.seeHelp': 'Seznam příkazů a voleb: ote-cert --help',
		'cli.unexpectedArgument': ({argument}) => `Nadbytečný argument „${argument}“.`,
		'cli.unknownOption': ({option}) => `Neznámá volba ${option}.`,
		'cli.optionValue': ({option}) => `Volba ${option} potřebuje hodnotu (nebo ji nepřijímá).`,
		'cli.error': ({message}) => `Chyba: ${message}`,
		'cli.noTty': ({missing}) =>
			`Průvodce potřebuje terminál (${missing} není terminál) – např. ssh -t, ne ssh bez -t, roura nebo cron.\nBez terminálu použijte:\n  ote-cert register --source SOUBOR --env production --slot 1 --yes\n  ote-cert inspect SOUBOR --json`,
		'cli.missingOption': ({option}) => `Chybí volba ${option}.`,
		'cli.needsYes': 'Mimo terminál nic nezapíšu bez --yes (potvrzení). Přidejte --yes.',
		'cli.confirmPrompt': ({slot, env, account}) => `Připravit registraci do pozice ${slot} (${env}, účet ${account})? [a/N] `,
		'cli.cancelled': 'Zrušeno, nic nebylo zapsáno.',
		'cli.passwordPrompt': ({target}) => `Heslo k ${target}: `,
		'cli.pinPrompt': ({target}) => `PIN tokenu ${target}: `,
		'cli.unknownEnv': ({env, known}) => `Neznámé prostředí „${env}“. Známá: ${known}.`,
		'cli.notAcceptable': 'Certifikát nelze do CS OTE registrovat:',
		'cli.tooManySources': ({n}) => `Zadáno ${n} zdrojů; pozice pojme nejvýš pár: dva certifikáty (--source A --source B).`,
		'cli.pairOnlyRegister': 'Dva zdroje (pár) přijímá jen ote-cert register; obnova nahrazuje jeden certifikát.',
		'cli.pairHint':
			'Pár (přihlašovací + podpisový certifikát jedné osoby) do jedné pozice: ote-cert register --source A --source B --env production --slot N --yes',
		'cli.pairNoRoles': 'U páru se --roles nezadává: role určí certifikáty samy (kvalifikovaný podpisový podepisuje, komerční s clientAuth přihlašuje).',
		'cli.pairRefused': 'Pár nelze zaregistrovat:',
		'cli.pairSourceNotAcceptable': ({source}) => `Certifikát ze zdroje ${source} nelze do CS OTE registrovat, takže pár nevznikne:`,
		'cli.pairRoles': ({slot, auth, sign}) => `Pár do pozice ${slot}: přihlašovací ${auth}, podpisový ${sign}.`,
		'cli.roleProposed': ({roles, reason}) => `Role: ${roles}. ${reason}`,
		'cli.multipleCertificates': ({n, chosen}) => `Zdroj obsahuje ${n} certifikátů; použit ${chosen}.`,
		'cli.renewalAccount': ({account, env}) => `Obnova: certifikát téhož držitele nalezen v účtu ${account} (${env}).`,
		'cli.renewalCandidate': ({account, slot, date}) => `  účet ${account}, pozice ${slot} (platí do ${date})`,
		'cli.renewalAmbiguous': ({n, env}) => `Certifikát může obnovit ${n} pozic v prostředí ${env}; nevím, kterou nahradit.`,
		'cli.renewalChooseAccount': 'Vyberte jednu pomocí --account ID (a případně --slot N).',
		'cli.noRenewalIn': ({env, accounts}) => `Žádný certifikát téhož držitele, který by tento obnovil: prohledány účty ${accounts} v prostředí ${env}.`,
		'cli.noRenewalHint': 'Pro novou registraci použijte ote-cert register --slot N.',
		'cli.noAccounts': '(evidence pro toto prostředí žádný účet nemá)',
		'cli.written': ({dir}) => `Registrační balíček: ${dir}`,
		'cli.unparsable': ({error}) => `Nečitelný certifikát: ${error}`,
		'cli.proveFile':
			'Ověření klíče (--prove) se týká certifikátů na tokenu; u souboru .p12 se klíč ověřuje při otevření (keyMatches), .pem/.cer klíč neobsahuje.',
		'cli.proveInconclusive': 'Pokračuji bez ověření klíče. Ověřit ho podpisem (zeptá se na PIN): --prove sign.',
		'cli.proveFailed': 'Nic jsem nezapsal. Ověření podpisem (zeptá se na PIN): --prove sign; bez ověření: --prove none.',
	},
	en: {
		'cli.help': helpEn,
		'cli.secretFlagRefused': ({flag}) => `${flag} is refused: a secret on the command line ends up in shell history and in the process list.`,
		'cli.secretFlagHintPin': 'Type the PIN when asked, or use OTE_CERT_PIN or --pin-file FILE.',
		'cli.secretFlagHintPassword': 'Type the password when asked, or use OTE_CERT_PASSWORD or --password-file FILE.',
		'cli.badNumber': ({flag, min, max, value}) => `${flag} must be a whole number from ${min} to ${max}, not "${value}".`,
		'cli.badChoice': ({flag, choices, value}) => `${flag} takes ${choices}, not "${value}".`,
		'cli.unknownCommand': ({command}) => `Unknown command "${command}".`,
		'cli.seeHelp': 'Commands and options: ote-cert --help',
		'cli.unexpectedArgument': ({argument}) => `Unexpected argument "${argument}".`,
		'cli.unknownOption': ({option}) => `Unknown option ${option}.`,
		'cli.optionValue': ({option}) => `Option ${option} needs a value (or takes none).`,
		'cli.error': ({message}) => `Error: ${message}`,
		'cli.noTty': ({missing}) =>
			`The wizard needs a terminal (${missing} is not one) — e.g. ssh -t, not plain ssh with a command, a pipe or cron.\nWithout a terminal use:\n  ote-cert register --source FILE --env production --slot 1 --yes\n  ote-cert inspect FILE --json`,
		'cli.missingOption': ({option}) => `Missing option ${option}.`,
		'cli.needsYes': 'Without a terminal I write nothing unless you pass --yes.',
		'cli.confirmPrompt': ({slot, env, account}) => `Prepare the registration into slot ${slot} (${env}, account ${account})? [y/N] `,
		'cli.cancelled': 'Cancelled, nothing was written.',
		'cli.passwordPrompt': ({target}) => `Password for ${target}: `,
		'cli.pinPrompt': ({target}) => `PIN of token ${target}: `,
		'cli.unknownEnv': ({env, known}) => `Unknown environment "${env}". Known: ${known}.`,
		'cli.notAcceptable': 'The certificate cannot be registered in CS OTE:',
		'cli.tooManySources': ({n}) => `${n} sources given; a slot holds at most a pair: two certificates (--source A --source B).`,
		'cli.pairOnlyRegister': 'Two sources (a pair) are for ote-cert register only; a renewal replaces one certificate.',
		'cli.pairHint':
			'A pair (authentication + signing certificate of one person) into one slot: ote-cert register --source A --source B --env production --slot N --yes',
		'cli.pairNoRoles': 'A pair takes no --roles: the certificates decide (the qualified signing one signs, the commercial one with clientAuth authenticates).',
		'cli.pairRefused': 'The pair cannot be registered:',
		'cli.pairSourceNotAcceptable': ({source}) => `The certificate from ${source} cannot be registered in CS OTE, so there is no pair:`,
		'cli.pairRoles': ({slot, auth, sign}) => `Pair into slot ${slot}: authentication ${auth}, signing ${sign}.`,
		'cli.roleProposed': ({roles, reason}) => `Roles: ${roles}. ${reason}`,
		'cli.multipleCertificates': ({n, chosen}) => `The source holds ${n} certificates; using ${chosen}.`,
		'cli.renewalAccount': ({account, env}) => `Renewal: a certificate of the same holder was found in account ${account} (${env}).`,
		'cli.renewalCandidate': ({account, slot, date}) => `  account ${account}, slot ${slot} (valid until ${date})`,
		'cli.renewalAmbiguous': ({n, env}) => `The certificate could renew ${n} slots in ${env}; which one to replace is not clear.`,
		'cli.renewalChooseAccount': 'Pick one with --account ID (and --slot N if needed).',
		'cli.noRenewalIn': ({env, accounts}) => `No certificate of the same holder that this one renews: searched accounts ${accounts} in ${env}.`,
		'cli.noRenewalHint': 'For a new registration use ote-cert register --slot N.',
		'cli.noAccounts': '(the ledger has no account for this environment)',
		'cli.written': ({dir}) => `Registration package: ${dir}`,
		'cli.unparsable': ({error}) => `Unreadable certificate: ${error}`,
		'cli.proveFile':
			'The key check (--prove) is for certificates on a token; a .p12 has its key checked when it is opened (keyMatches), a .pem/.cer holds no key.',
		'cli.proveInconclusive': 'Continuing without the key check. To check it by signing (asks for the PIN): --prove sign.',
		'cli.proveFailed': 'Nothing was written. To check by signing (asks for the PIN): --prove sign; to skip the check: --prove none.',
	},
});

export const commandMessages = defineCatalog({
	cs: {
		'sources.file': 'soubor',
		'trust.header': ({date, authorities, n}) =>
			`Certifikační autority dodané s ote-cert (data z ${date}, ${plural('cs', Number(n), {one: '# certifikát', few: '# certifikáty', many: '# certifikátu', other: '# certifikátů'})}). OTE schvaluje: ${authorities}.\n+ = certifikáty jí vydané lze registrovat, - = jen pro úplnost (kořen, TSA, TLS nebo mimo seznam OTE)`,
		'slots.header': ({account, env}) => `Účet ${account} · ${env}`,
		'slots.markExpired': 'PROŠLÝ',
		'slots.markExpiring': 'BRZY KONČÍ',
		'slots.markValid': 'platný',
		'slots.emptyLedger': ({file}) => `Evidence je zatím prázdná (${file}).`,
		'slots.unknownAccount': ({account, known}) => `Účet ${account} v evidenci není. Známé účty: ${known}.`,
		'slots.forgetConfirm': ({slot, account, env}) => `Odebrat z evidence pozici ${slot} účtu ${account} (${env})? V CS OTE se tím nic nemění. [a/N] `,
		'cli.badAccount': ({account}) => `ID účtu „${account}“ není platné: 1 až 64 písmen, číslic nebo znaků . _ @ + -.`,
		'slots.notDamaged': ({file}) => `Soubor evidence ${file} je v pořádku nebo neexistuje; nic jsem nepřesunul.`,
		'cli.ledgerMoveAsideHint': 'Odložit jej stranou a začít novou evidenci: ote-cert slots --move-aside',
		'slots.forgotten': ({slot, account, env}) => `Pozice ${slot} účtu ${account} (${env}) odebrána z evidence; záznam zůstává v historii.`,
		'env.added': ({id, url}) => `Prostředí ${id} přidáno (${url}).`,
		'env.removed': ({id}) => `Prostředí ${id} odebráno.`,
		'env.unknownAction': ({action}) => `Neznámá akce „${action}“: použijte env, env add NÁZEV --url URL, nebo env remove ID.`,
		'env.cannotRemove': ({id}) => `Prostředí ${id} nelze odebrat (vestavěné nebo neexistuje).`,
	},
	en: {
		'sources.file': 'file',
		'trust.header': ({date, authorities, n}) =>
			`Certification authorities shipped with ote-cert (data of ${date}, ${plural('en', Number(n), {one: '# certificate', other: '# certificates'})}). OTE approves: ${authorities}.\n+ = certificates it issues can be registered, - = for completeness only (root, TSA, TLS or not on OTE's list)`,
		'slots.header': ({account, env}) => `Account ${account} · ${env}`,
		'slots.markExpired': 'EXPIRED',
		'slots.markExpiring': 'EXPIRING',
		'slots.markValid': 'valid',
		'slots.emptyLedger': ({file}) => `The ledger is still empty (${file}).`,
		'slots.unknownAccount': ({account, known}) => `Account ${account} is not in the ledger. Known accounts: ${known}.`,
		'slots.forgetConfirm': ({slot, account, env}) => `Remove slot ${slot} of account ${account} (${env}) from the ledger? Nothing changes in CS OTE. [y/N] `,
		'cli.badAccount': ({account}) => `The account id "${account}" is not valid: 1 to 64 letters, digits or . _ @ + -.`,
		'slots.notDamaged': ({file}) => `The ledger file ${file} is fine or absent; nothing was moved.`,
		'cli.ledgerMoveAsideHint': 'To move it aside and start a new ledger: ote-cert slots --move-aside',
		'slots.forgotten': ({slot, account, env}) => `Slot ${slot} of account ${account} (${env}) removed from the ledger; the history keeps it.`,
		'env.added': ({id, url}) => `Environment ${id} added (${url}).`,
		'env.removed': ({id}) => `Environment ${id} removed.`,
		'env.unknownAction': ({action}) => `Unknown action "${action}": use env, env add NAME --url URL, or env remove ID.`,
		'env.cannotRemove': ({id}) => `Environment ${id} cannot be removed (built in, or unknown).`,
	},
});
