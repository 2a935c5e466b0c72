import {plural, type Catalog} from '../index.js';

export const messages: Catalog = {
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
};
