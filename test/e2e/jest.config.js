/**
 * End-to-end suite: our built package inside real n8n (CLI and server), the SP-API simulator, and
 * the editor in headless Chromium. Run with `npm run test:e2e`; the global setup installs what is
 * missing (Chromium via apt-get, Node 24 + n8n into the cache outside the repo) and builds the package.
 */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
	maxWorkers: 1,
	testTimeout: 10 * 60_000,
	slowTestThreshold: 60,
	// Open handles of a failed test must not keep CI waiting.
	forceExit: true,
};
