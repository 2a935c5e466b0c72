import {plural, type Catalog, type Params} from '../index.js';

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

export const messages: Catalog = {
	cs: {
		'trust.advice.unknownIssuer': CS_ADVICE,
		'trust.finding.EXPIRED': (p: Params) =>
			`Platnost certifikátu skončila ${csDate(p['date'])}. Prošlým certifikátem se do CS OTE nepřihlásíte; obnovte ho u své certifikační autority.`,
		'trust.finding.NOT_YET_VALID': (p: Params) => `Certifikát začne platit až ${csDate(p['date'])}. Zaregistrovat ho jde, použít až od toho dne.`,
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
		'trust.origin.local': 'přidáno místně',
	},
	en: {
		'trust.advice.unknownIssuer': EN_ADVICE,
		'trust.finding.EXPIRED': (p: Params) =>
			`The certificate expired on ${enDate(p['date'])}. An expired certificate cannot log in to CS OTE; renew it with your certification authority.`,
		'trust.finding.NOT_YET_VALID': (p: Params) =>
			`The certificate becomes valid only on ${enDate(p['date'])}. You can register it, but use it only from that day.`,
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
		'trust.origin.local': 'added locally',
	},
};
