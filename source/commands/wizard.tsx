// Mounts the Ink wizard. Ink and React are imported here, after the TTY check, so that the
// non-interactive commands never pay for them.
import {render} from 'ink';
import type {WizardOptions} from '../cli/args.js';
import type {Runtime} from '../services/runtime.js';
import type {Process} from '../cli/process.js';
import {App} from '../ui/App.js';
import {makeTheme} from '../ui/theme.js';
import {escapeWaitMs} from '../ui/keys.js';
import {createWizardServices} from '../services/wizard-services-impl.js';
import {announceWizardWarm} from '../boot/signal.js';
import {asciiText} from '../certificate/sanitize.js';

/**
 * The one place where --ascii and TERM=dumb turn the screen into ASCII: everything Ink writes passes
 * through `asciiText`, which keeps each character's width, so Ink's layout (made for the real text) holds.
 */
function asciiOnly(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	const write = (chunk: unknown, ...rest: unknown[]): boolean =>
		(stdout.write as (...args: unknown[]) => boolean)(
			typeof chunk === 'string' ? asciiText(chunk) : chunk instanceof Uint8Array ? asciiText(Buffer.from(chunk).toString('utf8')) : chunk,
			...rest,
		);
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}

export async function runWizard(options: WizardOptions, runtime: Runtime, proc: Process, display: {ascii: boolean; noColor: boolean}): Promise<number> {
	if (options.demo) {
		// Everything the demo touches lives in its own temp folder: ledger, certificates, output.
		const {prepareDemo} = await import('../demo/setup.js');
		const world = await prepareDemo(runtime.now());
		runtime = {...runtime, cwd: world.dir, home: world.dir, env: {...runtime.env, OTE_CERT_CONFIG_DIR: world.configDir}};
		options = {...options, trust: [...options.trust, world.caFile], out: null};
	}
	const services = await createWizardServices(options, runtime);
	let exitCode = 130;
	const instance = render(
		<App
			services={services}
			theme={makeTheme({ascii: display.ascii, demo: options.demo})}
			escapeWaitMs={escapeWaitMs(runtime.env)}
			onExit={(code) => {
				exitCode = code;
				instance.unmount();
			}}
		/>,
		{
			stdin: proc.stdin,
			stdout: display.ascii ? asciiOnly(proc.stdout) : proc.stdout,
			stderr: proc.stderr,
			exitOnCtrlC: false,
			patchConsole: false,
			incrementalRendering: runtime.env['OTE_CERT_INCREMENTAL'] !== '0',
			maxFps: 30,
			// Plain linear text with roles and states, no box drawing (also INK_SCREEN_READER=true).
			...(options.screenReader ? {isScreenReaderEnabled: true} : {}),
		},
	);
	// The first frame is on screen (Ink renders synchronously): the launcher may store the compiled code
	// now, once the event loop is idle. Only what the first frame needed: the next start deserialises the
	// whole cache before its first frame, and with the modules prefetched below it was 1.7 MB instead
	// of 1.0 MB, ~7 ms of CPU before every first frame to save compiling them once after it.
	announceWizardWarm();
	// Then load certificate parsing and trust (x509, anchors) while the person reads, so that no
	// keystroke waits for them later. PKCS#12 (forge) comes when the sources include a .p12
	// (wizard-services-impl), the request e-mail (nodemailer) only when one is written: together ~7 MB
	// a journey without them need not carry.
	const prefetch = setTimeout(() => {
		void Promise.all([import('../services/evaluate.js'), import('../sources/files/read.js')]).catch(() => undefined);
	}, 50);
	prefetch.unref();
	// An SSH drop sends SIGHUP: leave cleanly, nothing half-written (the package is staged).
	const onSignal = () => {
		exitCode = 129;
		instance.unmount();
	};
	process.once('SIGHUP', onSignal);
	process.once('SIGTERM', onSignal);
	await instance.waitUntilExit();
	process.off('SIGHUP', onSignal);
	process.off('SIGTERM', onSignal);
	await services.dispose?.();
	return exitCode;
}
