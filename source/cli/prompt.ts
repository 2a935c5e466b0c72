// Plain prompts for the non-wizard commands run in a terminal. The secret prompt reads raw keys
// and echoes only asterisks; the typed value lives in one string and is handed over, never logged.
export function promptSecret(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string | null> {
	return new Promise((resolve) => {
		let value = '';
		output.write(question);
		const wasRaw = input.isRaw;
		input.setRawMode?.(true);
		input.resume();
		input.setEncoding('utf8');
		// Raw mode turns the terminal's echo off. A hang-up (SSH drop, closed window) must not leave a
		// terminal that no longer shows what is typed: restore it, then die of the signal as usual.
		const onHangup = () => {
			input.setRawMode?.(wasRaw ?? false);
			process.kill(process.pid, 'SIGHUP');
		};
		process.once('SIGHUP', onHangup);
		const finish = (result: string | null) => {
			input.off('data', onData);
			process.off('SIGHUP', onHangup);
			input.setRawMode?.(wasRaw ?? false);
			input.pause();
			output.write('\n');
			resolve(result);
		};
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n') return finish(value);
				if (ch === '\u0003' || ch === '\u001b') return finish(null);
				if (ch === '\u007f' || ch === '\b') {
					if (value.length > 0) {
						value = Array.from(value).slice(0, -1).join('');
						output.write('\b \b');
					}
					continue;
				}
				if (ch >= ' ') {
					value += ch;
					output.write('*');
				}
			}
		};
		input.on('data', onData);
	});
}

export function promptYesNo(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<boolean> {
	return new Promise((resolve) => {
		output.write(question);
		input.resume();
		input.setEncoding('utf8');
		input.once('data', (chunk: string) => {
			input.pause();
			resolve(/^\s*[yYaA]/.test(chunk));
		});
	});
}
