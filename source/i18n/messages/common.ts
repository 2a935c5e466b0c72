import {defineCatalog, plural} from '../catalog.js';

export const messages = defineCatalog({
	cs: {
		'common.days': ({n}) => plural('cs', Number(n), {one: '# den', few: '# dny', many: '# dne', other: '# dní'}),
		'common.yes': 'ano',
		'common.no': 'ne',
	},
	en: {
		'common.days': ({n}) => plural('en', Number(n), {one: '# day', other: '# days'}),
		'common.yes': 'yes',
		'common.no': 'no',
	},
});
