import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Token and terminal tests share system tools; two workers fit the 2-core machine.
		maxWorkers: 2,
	},
});
