// A one-line field. The value lives in a ref as well as in state so typed-ahead text followed by
// Enter in one burst submits everything that was typed. Masked fields never render the secret.
import type React from 'react';
import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useEndOfRead, useKeys} from '../keys.js';
import {useTheme} from '../theme.js';

export interface TextFieldProps {
	label: string;
	initialValue?: string;
	mask?: boolean;
	placeholder?: string;
	isActive?: boolean;
	onSubmit: (value: string) => void;
	onCancel?: () => void;
	escapeWaitMs?: number;
	maxLength?: number;
}

export function TextField({
	label,
	initialValue = '',
	mask = false,
	placeholder,
	isActive = true,
	onSubmit,
	onCancel,
	escapeWaitMs,
	maxLength = 4096,
}: TextFieldProps): React.ReactElement {
	const theme = useTheme();
	const valueRef = useRef(initialValue);
	const [value, setValue] = useState(initialValue);
	// Keys after Enter or Esc in the same read belong to the next screen, not to this field.
	const read = useEndOfRead();
	const update = (next: string) => {
		valueRef.current = next.slice(0, maxLength);
		setValue(valueRef.current);
	};
	useKeys(
		(event) => {
			if (read.ended()) return;
			switch (event.name) {
				case 'text':
					return update(valueRef.current + (event.text ?? ''));
				case 'backspace':
					return update(Array.from(valueRef.current).slice(0, -1).join(''));
				case 'enter': {
					const submitted = valueRef.current;
					if (mask) update('');
					read.end();
					return onSubmit(submitted);
				}
				case 'escape':
					if (mask) update('');
					if (!onCancel) return;
					read.end();
					return onCancel();
				default:
			}
		},
		{isActive, escapeWaitMs},
	);
	const shown = mask ? '*'.repeat(Array.from(value).length) : value;
	return (
		<Box>
			<Text color={theme.color.accent}>{label} </Text>
			{shown.length === 0 && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{shown}</Text>}
			{isActive ? <Text inverse> </Text> : null}
		</Box>
	);
}
