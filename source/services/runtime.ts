// Everything a command needs from the outside world, passed in so commands stay testable.
import type {Lang} from '../i18n/index.js';

export interface Runtime {
	env: NodeJS.ProcessEnv;
	cwd: string;
	home: string;
	now: () => Date;
	out: (text: string) => void;
	err: (text: string) => void;
	stdinIsTTY: boolean;
	stdoutIsTTY: boolean;
	lang: Lang;
	version: string;
}
