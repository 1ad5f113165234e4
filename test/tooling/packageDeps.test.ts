/**
 * The cache key of the package's runtime dependencies (the demo and the e2e suite link a cached
 * folder instead of reinstalling amazon-sp-api and luxon): it follows the lockfile's production
 * entries, not the dev tools'.
 */
import { dependencyKey } from '../../scripts/n8n/package-install';
import repoLock from '../../package-lock.json';
import repoManifest from '../../package.json';

const manifest = { dependencies: { 'amazon-sp-api': '1.2.1', luxon: '3.7.2' } };
const lock = () => ({
	packages: {
		'': { name: 'x' },
		'node_modules/amazon-sp-api': { version: '1.2.1', integrity: 'sha512-a' },
		'node_modules/luxon': { version: '3.7.2', integrity: 'sha512-l' },
		'node_modules/qs': { version: '6.17.1', integrity: 'sha512-q' },
		'node_modules/jest': { version: '29.7.0', integrity: 'sha512-j', dev: true },
		'node_modules/n8n-workflow': { version: '2.40.1', integrity: 'sha512-n', peer: true },
	} as Record<string, { version?: string; integrity?: string; dev?: boolean; peer?: boolean }>,
});

test('a new or updated dev tool keeps the key', () => {
	const changed = lock();
	changed.packages['node_modules/jest'] = { version: '30.0.0', integrity: 'sha512-j2', dev: true };
	changed.packages['node_modules/eslint'] = { version: '9.29.0', dev: true };
	changed.packages['node_modules/n8n-workflow'] = { version: '2.41.0', peer: true };
	expect(dependencyKey(manifest, changed)).toBe(dependencyKey(manifest, lock()));
});

test('a production dependency resolved to another version changes the key, even a transitive one', () => {
	const changed = lock();
	changed.packages['node_modules/qs'] = { version: '6.17.2', integrity: 'sha512-q2' };
	expect(dependencyKey(manifest, changed)).not.toBe(dependencyKey(manifest, lock()));
});

test('without a lockfile the dependency ranges make the key', () => {
	expect(dependencyKey(manifest)).toBe(dependencyKey({ dependencies: { ...manifest.dependencies } }));
	expect(dependencyKey(manifest)).not.toBe(dependencyKey({ dependencies: { ...manifest.dependencies, luxon: '3.7.3' } }));
	expect(dependencyKey(manifest)).not.toBe(dependencyKey(manifest, lock()));
});

test("the repo's lockfile gives a key of 16 hex digits", () => {
	expect(dependencyKey(repoManifest, repoLock as never)).toMatch(/^[0-9a-f]{16}$/);
});
