// Over a slow SSH link an arrow key's bytes can arrive in two reads: ESC alone, then "[B". Read
// naively that is Escape (go back!) plus the text "[B". useKeys holds a lone ESC back until the next
// read or a short wait; these tests split the bytes across writes and hold the wait long enough that
// the second write always arrives first, so nothing here depends on timing.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {SelectList, type ListItem} from '../../source/ui/components/SelectList.js';
import {TextField} from '../../source/ui/components/TextField.js';
import {KEY, press, screen, waitFor, waitForHighlight} from '../helpers/ink.js';

afterEach(() => cleanup());

const items: ListItem<string>[] = ['Produkce', 'Sandbox', 'Vlastní'].map((label) => ({key: label, label, value: label}));
/** Longer than any test: a held ESC is only ever released by the next read. */
const HOLD = 600_000;

function list(escapeWaitMs: number) {
	const onSubmit = vi.fn<(item: ListItem<string>) => void>();
	const onBack = vi.fn<() => void>();
	const view = render(<SelectList items={items} escapeWaitMs={escapeWaitMs} onSubmit={onSubmit} onBack={onBack} />);
	return {...view, onSubmit, onBack};
}

describe('an arrow key split across reads', () => {
	it('ESC then "[B" moves down instead of going back', async () => {
		const {lastFrame, stdin, onSubmit, onBack} = list(HOLD);
		await waitForHighlight(lastFrame, 'Produkce');
		await press(stdin, KEY.escape, '[B');
		await waitForHighlight(lastFrame, 'Sandbox');
		await press(stdin, KEY.enter);
		expect(onSubmit).toHaveBeenCalledTimes(1);
		expect(onSubmit.mock.calls[0]![0].value).toBe('Sandbox');
		expect(onBack).not.toHaveBeenCalled();
	});

	it('ESC then "OB" (application cursor mode) moves down too, and the rest of the read still counts', async () => {
		const {lastFrame, stdin, onSubmit, onBack} = list(HOLD);
		await waitForHighlight(lastFrame, 'Produkce');
		await press(stdin, KEY.escape, 'OBj');
		await waitForHighlight(lastFrame, 'Vlastní');
		await press(stdin, KEY.enter);
		expect(onSubmit.mock.calls[0]![0].value).toBe('Vlastní');
		expect(onBack).not.toHaveBeenCalled();
	});

	it('ESC followed by another key is a real Escape, and that key is not applied to the list left behind', async () => {
		const {stdin, onSubmit, onBack} = list(HOLD);
		await press(stdin, KEY.escape, KEY.enter);
		expect(onBack).toHaveBeenCalledTimes(1);
		expect(onSubmit).not.toHaveBeenCalled();
		// A later read is handled normally (here the list is still mounted, as no App swapped the screen).
		await press(stdin, KEY.enter);
		expect(onSubmit).toHaveBeenCalledTimes(1);
	});

	it('ESC and a key in ONE read are Escape then that key, never the key alone', async () => {
		const {stdin, onSubmit, onBack} = list(HOLD);
		await press(stdin, `${KEY.escape}${KEY.enter}`);
		expect(onBack).toHaveBeenCalledTimes(1);
		expect(onSubmit).not.toHaveBeenCalled();
	});

	it('Esc Enter in one read cancels a masked field instead of submitting what was typed', async () => {
		const onCancel = vi.fn<() => void>();
		const onSubmit = vi.fn<(value: string) => void>();
		const {lastFrame, stdin} = render(<TextField label="PIN:" mask escapeWaitMs={HOLD} onSubmit={onSubmit} onCancel={onCancel} />);
		await press(stdin, '1234');
		await waitFor(lastFrame, 'PIN: ****');
		await press(stdin, `${KEY.escape}${KEY.enter}`);
		expect(onCancel).toHaveBeenCalledTimes(1);
		expect(onSubmit).not.toHaveBeenCalled();
		expect(screen(lastFrame)).not.toContain('*');
	});

	it('a lone ESC goes back once the wait is over', async () => {
		const {stdin, onBack} = list(0);
		await press(stdin, KEY.escape);
		await vi.waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
	});

	it('a split arrow in a text field neither cancels it nor types "[B"', async () => {
		const onCancel = vi.fn<() => void>();
		const onSubmit = vi.fn<(value: string) => void>();
		const {lastFrame, stdin} = render(<TextField label="Cesta:" escapeWaitMs={HOLD} onSubmit={onSubmit} onCancel={onCancel} />);
		await press(stdin, 'ab', KEY.escape, '[B', 'c');
		await waitFor(lastFrame, 'Cesta: abc');
		expect(screen(lastFrame)).not.toContain('[B');
		await press(stdin, KEY.enter);
		expect(onSubmit).toHaveBeenCalledWith('abc');
		expect(onCancel).not.toHaveBeenCalled();
	});
});
