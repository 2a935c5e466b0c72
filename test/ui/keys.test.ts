import {describe, expect, it} from 'vitest';
import {splitChunk} from '../../source/ui/keys.js';

describe('key bursts', () => {
	it('unrolls typed-ahead text and control keys in order', () => {
		expect(splitChunk('jj\r')).toEqual([{name: 'text', text: 'jj'}, {name: 'enter'}]);
		expect(splitChunk('ab\u007fc\r')).toEqual([{name: 'text', text: 'ab'}, {name: 'backspace'}, {name: 'text', text: 'c'}, {name: 'enter'}]);
	});

	it('drops other control characters instead of passing them on', () => {
		expect(splitChunk('a\u0007b')).toEqual([
			{name: 'text', text: 'a'},
			{name: 'text', text: 'b'},
		]);
	});
});
