import {defineCatalog, type Params, plural} from '../catalog.js';

const csDate = (iso: string | number | undefined): string => {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ''));
	return m ? `${Number(m[3])}. ${Number(m[2])}. ${m[1]}` : String(iso ?? '');
};
const enDate = (iso: string | number | undefined): string => String(iso ?? '').slice(0, 10);
const csDays = (n: unknown): string => plural('cs', Number(n), {one: '# den', few: '# dny', many: '# dne', other: '# dní'});
const enDays = (n: unknown): string => plural('en', Number(n), {one: '# day', other: '# days'});

const CS_ADVICE =
	'OTE přijímá certifikáty těchto autorit: První certifikační autorita (I.CA, www.ica.cz), Česká pošta – PostSignum (www.postsignum.cz), eIdentity (www.eidentity.cz) a NetLock (www.netlock.hu). ' +
	'Pro přihlášení do portálu CS OTE a podepisování si pořiďte kvalifikovaný certifikát, pro OTE-COM a šifrovanou poštu komerční certifikát; vydá vám ho registrační místo autority. ' +
	'S dotazy se obraťte na Services@ote-cr.cz, výrobci (POZE) na POZE@ote-cr.cz.';
const EN_ADVICE =
	'OTE accepts certificates from these authorities: První certifikační autorita (I.CA, www.ica.cz), Česká pošta – PostSignum (www.postsignum.cz), eIdentity (www.eidentity.cz) and NetLock (www.netlock.hu). ' +
	'For CS OTE portal login and signing get a qualified certificate, for OTE-COM and encrypted e-mail a commercial one; the authority’s registration office issues it. ' +
	'Ask Services@ote-cr.cz with questions; producers (POZE) ask POZE@ote-cr.cz.';

// RFC 5280 CRLReason names as OCSP and CRLs give them; the code itself is shown when unknown.
const CRL_REASONS = {
	cs: {
		unspecified: 'neuveden',
		keyCompromise: 'kompromitace klíče',
		cACompromise: 'kompromitace autority',
		affiliationChanged: 'změna údajů',
		superseded: 'nahrazen novým certifikátem',
		cessationOfOperation: 'ukončení činnosti',
		certificateHold: 'dočasně pozastaven',
		privilegeWithdrawn: 'odebrání oprávnění',
		aACompromise: 'kompromitace autority atributů',
	},
	en: {
		unspecified: 'unspecified',
		keyCompromise: 'key compromise',
		cACompromise: 'CA compromise',
		affiliationChanged: 'affiliation changed',
		superseded: 'superseded',
		cessationOfOperation: 'cessation of operation',
		certificateHold: 'certificate on hold',
		privilegeWithdrawn: 'privilege withdrawn',
		aACompromise: 'attribute authority compromise',
	},
} as const;
const crlReason = (lang: 'cs' | 'en', code: unknown): string => {
	const table: Record<string, string> = CRL_REASONS[lang];
	return `${table[String(code)] ?? String(code)} (${String(code)})`;
};

// Why the revocation status stays unknown, after asking a source: one sentence each, then the same ending.
const UNKNOWN_WHY = {
	cs: {
		unreachable: 'server nejde zastihnout',
		timeout: 'server neodpověděl v časovém limitu',
		httpStatus: 'server vrátil chybu HTTP',
		tooLarge: 'odpověď je příliš velká',
		malformed: 'odpověď není platná odpověď OCSP ani CRL',
		responderStatus: 'server odpověděl chybovým stavem',
		badSignature: 'podpis odpovědi neodpovídá klíči vydávající autority',
		responderNotAuthorised: 'odpověď nepodepsala vydávající autorita ani jí pověřený server OCSP',
		unsupportedAlgorithm: 'odpověď je podepsána algoritmem, který ote-cert neumí ověřit',
		wrongIssuer: 'seznam CRL vydal někdo jiný než vydávající autorita',
		noMatchingResponse: 'odpověď se netýká tohoto certifikátu',
		statusUnknown: 'server certifikát nezná',
		stale: 'odpověď je zastaralá (její platnost skončila)',
		notYetValid: 'odpověď je z budoucnosti (zkontrolujte hodiny počítače)',
	},
	en: {
		unreachable: 'the server cannot be reached',
		timeout: 'the server did not answer within the time limit',
		httpStatus: 'the server answered with an HTTP error',
		tooLarge: 'the answer is too large',
		malformed: 'the answer is not a valid OCSP response or CRL',
		responderStatus: 'the server answered with an error status',
		badSignature: 'the answer’s signature does not match the issuing authority’s key',
		responderNotAuthorised: 'the answer was signed neither by the issuing authority nor by an OCSP responder it authorised',
		unsupportedAlgorithm: 'the answer is signed with an algorithm ote-cert cannot check',
		wrongIssuer: 'the CRL was issued by someone other than the issuing authority',
		noMatchingResponse: 'the answer is not about this certificate',
		statusUnknown: 'the server does not know the certificate',
		stale: 'the answer is out of date (its validity has ended)',
		notYetValid: 'the answer is from the future (check the computer’s clock)',
	},
} as const;

type UnknownKey = `trust.finding.REVOCATION_UNKNOWN.${keyof (typeof UNKNOWN_WHY)['cs']}`;

// Typed keys: the catalog's key type stays a union of literals, so t() still checks them.
function unknownReasons(lang: 'cs' | 'en'): Record<UnknownKey, (p: Params) => string> {
	const out = {} as Record<UnknownKey, (p: Params) => string>;
	for (const [reason, why] of Object.entries(UNKNOWN_WHY[lang])) {
		out[`trust.finding.REVOCATION_UNKNOWN.${reason}` as UnknownKey] =
			lang === 'cs'
				? (p: Params) => `Zneplatnění nejde ověřit: ${why} (${p['source']} ${p['url']}). Registrovat lze; CS OTE zneplatněný certifikát odmítne.`
				: (p: Params) =>
						`Revocation could not be checked: ${why} (${p['source']} ${p['url']}). Registration is still allowed; CS OTE rejects a revoked certificate.`;
	}
	return out;
}

export const messages = defineCatalog({
	cs: {
		'trust.advice.unknownIssuer': CS_ADVICE,
		'trust.finding.EXPIRED': (p: Params) =>
			`Platnost certifikátu skončila ${csDate(p['date'])}. Prošlým certifikátem se do CS OTE nepřihlásíte; obnovte ho u své certifikační autority.`,
		'trust.finding.NOT_YET_VALID': (p: Params) =>
			`Certifikát začne platit až ${csDate(p['date'])}. Do té doby ho nelze registrovat; vraťte se s ním od toho dne.`,
		'trust.finding.EXPIRING_SOON': (p: Params) =>
			`Certifikát vyprší za ${csDays(p['days'])} (${csDate(p['date'])}). Obnovte ho včas a nový zaregistrujte, dokud tento platí.`,
		'trust.finding.ISSUER_NOT_APPROVED.unknown': (p: Params) =>
			`Vydavatel „${p['issuer']}“ není mezi certifikačními autoritami, které OTE schválil. ${CS_ADVICE}`,
		'trust.finding.ISSUER_NOT_APPROVED.lookalike': (p: Params) =>
			`Vydavatel se jmenuje stejně jako schválená autorita „${p['issuer']}“ (${p['authority']}), ale certifikát nepodepsal její klíč. Nejde o tuto autoritu a certifikát není schválený. ${CS_ADVICE}`,
		'trust.finding.ISSUER_NOT_APPROVED.usage': (p: Params) =>
			`Autorita „${p['issuer']}“ (${p['authority']}) nevydává certifikáty osobám ani pečetě (slouží pro ${p['usage']}). Pro CS OTE tento certifikát nelze použít. ${CS_ADVICE}`,
		'trust.finding.ISSUER_NOT_APPROVED.notShipped': (p: Params) =>
			`Vydávající autorita „${p['issuer']}“ patří pod ${p['authority']}, ale není v seznamu autorit schválených pro CS OTE, který ote-cert zná. Ověřte u Services@ote-cr.cz, zda ji OTE přijímá.`,
		'trust.finding.ISSUER_NOT_ON_OTE_LIST': (p: Params) =>
			`Autorita „${p['issuer']}“ (${p['authority']}) je kvalifikovaná podle důvěryhodného seznamu EU, ale OTE ji pro CS OTE neuvádí. Než certifikát použijete, zeptejte se na Services@ote-cr.cz.`,
		'trust.finding.ISSUER_SUCCESSOR_NOT_LISTED': (p: Params) =>
			`Vydavatel „${p['issuer']}“ (${p['authority']}) je nástupcem autorit, které OTE schválil; zveřejněná tabulka OTE ho zatím nejmenuje.`,
		'trust.finding.ISSUER_ADDED_LOCALLY': (p: Params) =>
			`Vydavatel „${p['issuer']}“ je schválený jen proto, že jste ho přidali místně (--trust). Tento seznam OTE nezná.`,
		'trust.finding.CHAIN_TOO_COMPLEX': (p: Params) =>
			`Řetězec nešlo sestavit do ${p['limit']} kontrol podpisu: k certifikátu je přiloženo mnoho autorit se stejným jménem nebo s klíči, jejichž ověření by trvalo neúměrně dlouho. Použijte soubor jen s vlastním certifikátem a jeho autoritami.`,
		'trust.finding.CHAIN_INCOMPLETE': (p: Params) =>
			`Chybí certifikát autority „${p['missing']}“, takže řetězec nejde ověřit až ke kořenové autoritě. Přiložte ho (soubor .p12/.pem nebo token) nebo ho stáhněte ze stránek autority.`,
		'trust.finding.SIGNATURE_INVALID': (p: Params) =>
			`Podpis certifikátu „${p['subject']}“ neodpovídá klíči autority „${p['issuer']}“. Certifikát byl pozměněn nebo ho tato autorita nevydala.`,
		'trust.finding.WEAK_ALGORITHM': (p: Params) =>
			`Certifikát je podepsán slabým algoritmem ${p['algorithm']}. Požádejte o nový certifikát s SHA-256 nebo silnějším.`,
		'trust.finding.WEAK_KEY': (p: Params) =>
			`Klíč certifikátu je příliš slabý (${p['algorithm']}, ${p['bits']} bitů). Je potřeba alespoň RSA 2048 bitů nebo EC 256 bitů.`,
		'trust.finding.KEY_USAGE_MISSING': (p: Params) => `Pro použití „${p['use']}“ certifikátu chybí povolení: ${p['missing']}.`,
		'trust.finding.SELF_SIGNED': `Certifikát je podepsaný sám sebou, žádná certifikační autorita za něj neručí. OTE takový certifikát nepřijme. ${CS_ADVICE}`,
		'trust.finding.CA_CERTIFICATE': 'Toto je certifikát certifikační autority, ne certifikát osoby nebo pečeti. Vyberte svůj vlastní certifikát.',
		'trust.finding.COMMERCIAL_NOT_FOR_PORTAL':
			'Jde o komerční certifikát: hodí se pro OTE-COM a šifrovanou poštu, ale do portálu CS OTE se s ním nepřihlásíte ani v něm nepodepíšete (tam je potřeba kvalifikovaný).',
		'trust.finding.UNKNOWN_CRITICAL_EXTENSION': (p: Params) =>
			`Certifikát obsahuje kritické rozšíření, kterému ote-cert nerozumí (${p['oids']}). Takový certifikát nelze bezpečně použít.`,
		'trust.finding.ISSUER_CA_EXPIRED.atIssue': (p: Params) =>
			`Autorita „${p['issuer']}“ v době vydání certifikátu „${p['subject']}“ neplatila (platila ${csDate(p['from'])} – ${csDate(p['to'])}).`,
		'trust.finding.ISSUER_CA_EXPIRED.now': (p: Params) =>
			`Platnost certifikátu autority „${p['issuer']}“ skončila ${csDate(p['to'])}; řetězec už nejde ověřit.`,
		'trust.finding.ISSUER_NOT_SHIPPED': (p: Params) =>
			`Vydavatel „${p['issuer']}“ nese jméno schválené autority ${p['authority']}, ale ote-cert jeho certifikát zatím nemá, takže nemůže ověřit, že certifikát opravdu vydala ${p['authority']}; do té doby ho nelze zaregistrovat. Stáhněte certifikát této autority z ${p['published']} (nebo z důvěryhodného seznamu EU), porovnejte jeho otisk SHA-256 a spusťte ote-cert znovu s --trust SOUBOR.`,
		'trust.finding.REVOKED': (p: Params) =>
			`Certifikát byl zneplatněn (revokován) ${csDate(p['date'])}; zjištěno z ${p['source']} ${p['url']}. CS OTE zneplatněný certifikát odmítne, nelze ho zaregistrovat. Požádejte autoritu o nový.`,
		'trust.finding.REVOKED.withReason': (p: Params) =>
			`Certifikát byl zneplatněn (revokován) ${csDate(p['date'])}, důvod: ${crlReason('cs', p['reason'])}; zjištěno z ${p['source']} ${p['url']}. CS OTE zneplatněný certifikát odmítne, nelze ho zaregistrovat. Požádejte autoritu o nový.`,
		'trust.finding.REVOCATION_GOOD': (p: Params) => `Certifikát není zneplatněný (odpověď ${p['source']} ${p['url']} ze ${csDate(p['date'])}).`,
		'trust.finding.REVOCATION_UNKNOWN.offline':
			'Zneplatnění nebylo ověřeno: s volbou --offline se ote-cert nikoho neptal. Registrovat lze; CS OTE zneplatněný certifikát odmítne.',
		'trust.finding.REVOCATION_UNKNOWN.noSource':
			'Certifikát neuvádí žádnou adresu OCSP ani CRL, zneplatnění nejde ověřit. Registrovat lze; CS OTE zneplatněný certifikát odmítne.',
		'trust.finding.REVOCATION_UNKNOWN.noIssuer':
			'Bez ověřeného certifikátu vydávající autority nejde zneplatnění ověřit. Registrovat lze, pokud jiné chyby nebrání.',
		...unknownReasons('cs'),
		'trust.use.portal-login': 'přihlášení do portálu CS OTE',
		'trust.use.portal-signing': 'podepisování v portálu CS OTE',
		'trust.use.automatic-mark': 'elektronická značka pro automatickou komunikaci',
		'trust.use.ote-com-login': 'přihlášení do OTE-COM',
		'trust.use.encrypted-email': 'šifrovaná pošta s CS OTE',
		'trust.reason.fits': 'Hodí se.',
		'trust.reason.fitsButErrors': 'Druhem by se hodil, ale certifikát má chyby uvedené výše.',
		'trust.reason.needsQualified': 'Vyžaduje kvalifikovaný certifikát; tento je komerční.',
		'trust.reason.needsCommercial': 'Vyžaduje komerční certifikát; tento je kvalifikovaný.',
		'trust.reason.needsSeal': 'Vyžaduje kvalifikovanou pečeť nebo systémový certifikát; tento je pro podpis osoby.',
		'trust.reason.needsPerson': 'Vyžaduje certifikát osoby; tento je pečeť.',
		'trust.reason.website': 'Jde o certifikát webové stránky, pro CS OTE se nehodí.',
		'trust.reason.caCertificate': 'Certifikát autority nelze pro CS OTE použít.',
		'trust.reason.keyUsage': (p: Params) => `Chybí povolení: ${p['missing']}.`,
		'trust.kind.qualified': 'kvalifikovaný',
		'trust.kind.commercial': 'komerční',
		'trust.usage.timestamping': 'časová razítka',
		'trust.usage.tls': 'certifikáty webových stránek',
		'trust.usage.ca': 'vydávání certifikátů jiným autoritám',
		'trust.usage.end-entity': 'certifikáty osob a organizací',
		'trust.origin.local': 'přidáno místně',
	},
	en: {
		'trust.advice.unknownIssuer': EN_ADVICE,
		'trust.finding.EXPIRED': (p: Params) =>
			`The certificate expired on ${enDate(p['date'])}. An expired certificate cannot log in to CS OTE; renew it with your certification authority.`,
		'trust.finding.NOT_YET_VALID': (p: Params) =>
			`The certificate becomes valid only on ${enDate(p['date'])}. It cannot be registered before then; come back with it from that day.`,
		'trust.finding.EXPIRING_SOON': (p: Params) =>
			`The certificate expires in ${enDays(p['days'])} (${enDate(p['date'])}). Renew it in time and register the new one while this one is valid.`,
		'trust.finding.ISSUER_NOT_APPROVED.unknown': (p: Params) =>
			`The issuer “${p['issuer']}” is not one of the certification authorities OTE approved. ${EN_ADVICE}`,
		'trust.finding.ISSUER_NOT_APPROVED.lookalike': (p: Params) =>
			`The issuer has the same name as the approved authority “${p['issuer']}” (${p['authority']}), but its key did not sign this certificate. It is not that authority, and the certificate is not approved. ${EN_ADVICE}`,
		'trust.finding.ISSUER_NOT_APPROVED.usage': (p: Params) =>
			`The authority “${p['issuer']}” (${p['authority']}) does not issue certificates to persons or seals (it serves ${p['usage']}). This certificate cannot be used for CS OTE. ${EN_ADVICE}`,
		'trust.finding.ISSUER_NOT_APPROVED.notShipped': (p: Params) =>
			`The issuing authority “${p['issuer']}” belongs to ${p['authority']}, but it is not in the list of CAs approved for CS OTE that ote-cert knows. Ask Services@ote-cr.cz whether OTE accepts it.`,
		'trust.finding.ISSUER_NOT_ON_OTE_LIST': (p: Params) =>
			`The authority “${p['issuer']}” (${p['authority']}) is qualified in the EU trusted list, but OTE does not list it for CS OTE. Ask Services@ote-cr.cz before you use this certificate.`,
		'trust.finding.ISSUER_SUCCESSOR_NOT_LISTED': (p: Params) =>
			`The issuer “${p['issuer']}” (${p['authority']}) succeeds authorities OTE approved; OTE’s published table does not name it yet.`,
		'trust.finding.ISSUER_ADDED_LOCALLY': (p: Params) =>
			`The issuer “${p['issuer']}” is approved only because you added it locally (--trust). OTE’s list does not know it.`,
		'trust.finding.CHAIN_TOO_COMPLEX': (p: Params) =>
			`The chain could not be built within ${p['limit']} signature checks: the certificate comes with many authorities of the same name, or with keys too costly to check. Use a file with just your certificate and its authorities.`,
		'trust.finding.CHAIN_INCOMPLETE': (p: Params) =>
			`The certificate of the authority “${p['missing']}” is missing, so the chain cannot be checked up to a root. Supply it (in the .p12/.pem file or on the token) or download it from the authority’s website.`,
		'trust.finding.SIGNATURE_INVALID': (p: Params) =>
			`The signature on “${p['subject']}” does not match the key of the authority “${p['issuer']}”. The certificate was altered or that authority did not issue it.`,
		'trust.finding.WEAK_ALGORITHM': (p: Params) =>
			`The certificate is signed with the weak algorithm ${p['algorithm']}. Ask for a new certificate signed with SHA-256 or stronger.`,
		'trust.finding.WEAK_KEY': (p: Params) =>
			`The certificate’s key is too weak (${p['algorithm']}, ${p['bits']} bits). At least RSA 2048 bits or EC 256 bits is needed.`,
		'trust.finding.KEY_USAGE_MISSING': (p: Params) => `For “${p['use']}” the certificate lacks: ${p['missing']}.`,
		'trust.finding.SELF_SIGNED': `The certificate is signed by itself; no certification authority vouches for it. OTE does not accept it. ${EN_ADVICE}`,
		'trust.finding.CA_CERTIFICATE': 'This is a certification authority’s certificate, not a person’s or a seal’s. Choose your own certificate.',
		'trust.finding.COMMERCIAL_NOT_FOR_PORTAL':
			'This is a commercial certificate: it serves OTE-COM and encrypted e-mail, but it cannot log in to the CS OTE portal or sign there (that needs a qualified one).',
		'trust.finding.UNKNOWN_CRITICAL_EXTENSION': (p: Params) =>
			`The certificate has a critical extension ote-cert does not understand (${p['oids']}). It cannot be used safely.`,
		'trust.finding.ISSUER_CA_EXPIRED.atIssue': (p: Params) =>
			`The authority “${p['issuer']}” was not valid when “${p['subject']}” was issued (it was valid ${enDate(p['from'])} – ${enDate(p['to'])}).`,
		'trust.finding.ISSUER_CA_EXPIRED.now': (p: Params) =>
			`The certificate of the authority “${p['issuer']}” expired on ${enDate(p['to'])}; the chain can no longer be checked.`,
		'trust.finding.ISSUER_NOT_SHIPPED': (p: Params) =>
			`The issuer “${p['issuer']}” carries the name of ${p['authority']}, an approved authority, but ote-cert does not have its CA certificate yet, so it cannot verify that ${p['authority']} really issued this certificate; until then it cannot be registered. Download that CA certificate from ${p['published']} (or the EU trusted list), compare its SHA-256 fingerprint, and run ote-cert again with --trust FILE.`,
		'trust.finding.REVOKED': (p: Params) =>
			`The certificate was revoked on ${enDate(p['date'])}, according to ${p['source']} ${p['url']}. CS OTE rejects a revoked certificate, so it cannot be registered. Ask the authority for a new one.`,
		'trust.finding.REVOKED.withReason': (p: Params) =>
			`The certificate was revoked on ${enDate(p['date'])}, reason: ${crlReason('en', p['reason'])}, according to ${p['source']} ${p['url']}. CS OTE rejects a revoked certificate, so it cannot be registered. Ask the authority for a new one.`,
		'trust.finding.REVOCATION_GOOD': (p: Params) => `The certificate is not revoked (answer of ${p['source']} ${p['url']} from ${enDate(p['date'])}).`,
		'trust.finding.REVOCATION_UNKNOWN.offline':
			'Revocation was not checked: with --offline ote-cert asked nobody. Registration is still allowed; CS OTE rejects a revoked certificate.',
		'trust.finding.REVOCATION_UNKNOWN.noSource':
			'The certificate names no OCSP responder or CRL, so revocation cannot be checked. Registration is still allowed; CS OTE rejects a revoked certificate.',
		'trust.finding.REVOCATION_UNKNOWN.noIssuer':
			'Revocation cannot be checked without a verified certificate of the issuing authority. Registration is allowed if no other error prevents it.',
		...unknownReasons('en'),
		'trust.use.portal-login': 'CS OTE portal login',
		'trust.use.portal-signing': 'signing in the CS OTE portal',
		'trust.use.automatic-mark': 'electronic mark for automatic communication',
		'trust.use.ote-com-login': 'OTE-COM login',
		'trust.use.encrypted-email': 'encrypted e-mail with CS OTE',
		'trust.reason.fits': 'Fits.',
		'trust.reason.fitsButErrors': 'Its kind would fit, but the certificate has the errors listed above.',
		'trust.reason.needsQualified': 'Needs a qualified certificate; this one is commercial.',
		'trust.reason.needsCommercial': 'Needs a commercial certificate; this one is qualified.',
		'trust.reason.needsSeal': 'Needs a qualified seal or system certificate; this one is for a person’s signature.',
		'trust.reason.needsPerson': 'Needs a person’s certificate; this one is a seal.',
		'trust.reason.website': 'This is a website certificate; it does not serve CS OTE.',
		'trust.reason.caCertificate': 'A certification authority’s certificate cannot be used for CS OTE.',
		'trust.reason.keyUsage': (p: Params) => `Lacks: ${p['missing']}.`,
		'trust.kind.qualified': 'qualified',
		'trust.kind.commercial': 'commercial',
		'trust.usage.timestamping': 'time-stamping',
		'trust.usage.tls': 'website certificates',
		'trust.usage.ca': 'issuing certificates to other authorities',
		'trust.usage.end-entity': 'certificates for people and organisations',
		'trust.origin.local': 'added locally',
	},
});
