import {defineCatalog, plural} from '../catalog.js';

export const messages = defineCatalog({
	cs: {
		'common.days': ({n}) => plural('cs', Number(n), {one: '# den', few: '# dny', many: '# dne', other: '# dní'}),
		'common.yes': 'ano',
		'common.no': 'ne',
		'common.trustNotCa': ({file, subject}) =>
			`--trust ${file}: „${subject}“ není certifikát certifikační autority, a nemůže tedy ručit za vydavatele. Uveďte certifikát CA.`,
		'common.secretFileUnreadable': ({file, reason}) => `Soubor s heslem/PINem ${file} nelze přečíst${reason ? ` (${reason})` : ''}.`,
		'common.secretFileNotRegular': ({file}) => `${file} není obyčejný soubor (roura, zařízení nebo složka); heslo ani PIN z něj nečtu.`,
		'common.secretFileTooLarge': ({file, max}) => `Soubor ${file} je na heslo nebo PIN příliš velký (nejvýš ${max} bajtů); je to opravdu ten správný soubor?`,
		'common.secretFileOpen': ({file, mode}) =>
			`Upozornění: soubor s tajemstvím ${file} mohou číst i jiní uživatelé (práva ${mode}). Omezte je: chmod 600 ${file}`,
		'common.wrongPasswordGiven': ({target, from}) => `Heslo z ${from} k ${target} nesouhlasí.`,
		'common.wrongPinGiven': ({target, from}) => `PIN z ${from} k tokenu ${target} nesouhlasí. Znovu jej nezkouším, aby se token nezablokoval.`,
		'common.pinFinalTryGiven': ({target, from}) =>
			`Token ${target} hlásí POSLEDNÍ pokus o PIN. PIN z ${from} na něj nepoužiji: kdyby byl chybný, token se zablokuje. Zadejte PIN sami v terminálu, nebo ověřte PIN nástrojem výrobce tokenu.`,
		'common.pinFinalTryConfirm': ({target}) => `Token ${target} hlásí POSLEDNÍ pokus: chybný PIN jej zablokuje. Opravdu zadat PIN? [a/N] `,
		'common.pinCountLow': ({target}) => `Pozor: token ${target} hlásí dřívější chybné PIN; zbývá málo pokusů.`,
		'common.wrongPasswordTyped': 'Heslo nesouhlasí. Zkuste to znovu, nebo Ctrl+C pro zrušení.',
		'common.wrongPinTyped': 'PIN nesouhlasí. Token počítá chybné pokusy – zkontrolujte jej, než to zkusíte znovu.',
		'common.passwordRequired': ({target}) => `${target} je chráněn heslem: zadejte jej v terminálu, nebo přes --password-file či OTE_CERT_PASSWORD.`,
		'common.pinRequired': ({target}) => `Token ${target} chce PIN: zadejte jej v terminálu, nebo přes --pin-file či OTE_CERT_PIN.`,
	},
	en: {
		'common.days': ({n}) => plural('en', Number(n), {one: '# day', other: '# days'}),
		'common.yes': 'yes',
		'common.no': 'no',
		'common.trustNotCa': ({file, subject}) => `--trust ${file}: "${subject}" is not a CA certificate, so it cannot vouch for an issuer. Give a CA certificate.`,
		'common.secretFileUnreadable': ({file, reason}) => `Cannot read the password/PIN file ${file}${reason ? ` (${reason})` : ''}.`,
		'common.secretFileNotRegular': ({file}) => `${file} is not a regular file (a pipe, a device or a folder); no password or PIN is read from it.`,
		'common.secretFileTooLarge': ({file, max}) => `${file} is too large for a password or PIN (at most ${max} bytes); is it the right file?`,
		'common.secretFileOpen': ({file, mode}) => `Warning: the secret file ${file} can be read by other users (mode ${mode}). Restrict it: chmod 600 ${file}`,
		'common.wrongPasswordGiven': ({target, from}) => `The password from ${from} does not open ${target}.`,
		'common.wrongPinGiven': ({target, from}) => `The PIN from ${from} is wrong for token ${target}. Not trying again, so the token does not lock.`,
		'common.pinFinalTryGiven': ({target, from}) =>
			`Token ${target} reports the FINAL PIN try. The PIN from ${from} is not used on it: if it were wrong, the token would lock. Type the PIN yourself in a terminal, or check it with the token vendor's tool.`,
		'common.pinFinalTryConfirm': ({target}) => `Token ${target} reports the FINAL try: a wrong PIN locks it. Type the PIN now? [y/N] `,
		'common.pinCountLow': ({target}) => `Careful: token ${target} reports an earlier wrong PIN; few tries are left.`,
		'common.wrongPasswordTyped': 'Wrong password. Try again, or Ctrl+C to cancel.',
		'common.wrongPinTyped': 'Wrong PIN. The token counts failed tries — check it before you try again.',
		'common.passwordRequired': ({target}) => `${target} is password-protected: type it in a terminal, or use --password-file or OTE_CERT_PASSWORD.`,
		'common.pinRequired': ({target}) => `Token ${target} wants a PIN: type it in a terminal, or use --pin-file or OTE_CERT_PIN.`,
	},
});
