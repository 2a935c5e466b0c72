// How the program tells the launcher (source/boot/launch.ts) that it has compiled what a wizard
// start needs before its first frame, so that the code cache written now serves the next start's. Outside the
// launcher (tests, `tsx cli.tsx`) nobody listens and this does nothing.
export const BOOT_HOOKS = Symbol.for('ote-cert.boot');

export interface BootHooks {
	/** The wizard's first frame is on screen: what it needed is compiled. */
	wizardWarm(): void;
	/** A PKCS#11 worker the launcher started early for a command that names a token (source/sources/pkcs11/spawn.ts). */
	pkcs11Worker?: {args: string[]; env: NodeJS.ProcessEnv; child: import('node:child_process').ChildProcess} | undefined;
}

export function announceWizardWarm(): void {
	const hooks = (globalThis as {[BOOT_HOOKS]?: BootHooks})[BOOT_HOOKS];
	hooks?.wizardWarm();
}
