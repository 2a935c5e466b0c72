// The smoke set (test/smoke): a few end-to-end runs against ote-cert as a user installs it, on a
// runtime named by the environment (see test/smoke/global-setup.ts). Not part of `npm test`: it
// installs the package or needs the single executable. .ci/run runs it for every supported runtime.
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		// The shared set, plus what only an npm installation (test/install) or the executable (test/smoke/exe) has.
		include: ['test/smoke/*.smoke.ts', process.env['OTE_CERT_SMOKE_EXE'] ? 'test/smoke/exe/*.smoke.ts' : 'test/install/*.smoke.ts'],
		globalSetup: ['test/smoke/global-setup.ts'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 300_000,
		maxWorkers: 2,
	},
});
