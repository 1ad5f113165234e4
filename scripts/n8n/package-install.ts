// Puts our built package into an n8n user folder the way n8n installs a community package:
// npm pack, unpack into <user folder>/.n8n/nodes/node_modules/<name>, drop dev/peer dependencies,
// add production dependencies. n8n 2.40.7 then loads it as community package nodes
// (node types "n8n-nodes-amazon-seller.<node>"). The production dependencies (amazon-sp-api, luxon
// and theirs) are installed once from package-lock.json, exactly the versions the tests ran with,
// and cached outside the repo under the hash of the lockfile's production entries: later runs link
// the cached folder instead of reinstalling (seconds instead of about half a minute).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, cacheRoot, cleanNpmEnv } from './config';

function npm(args: string[], cwd: string, timeout = 10 * 60_000): string {
	return execFileSync('npm', args, { cwd, env: cleanNpmEnv(), encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

interface LockEntry {
	version?: string;
	integrity?: string;
	dev?: boolean;
	peer?: boolean;
	devOptional?: boolean;
	optional?: boolean;
}

/**
 * The cache key of a package's production dependencies: a hash of its lockfile's production entries
 * (path, version, integrity; dev and peer entries left out, so a new dev tool does not invalidate
 * it), or of the dependency ranges when there is no lockfile. Pure.
 */
export function dependencyKey(manifest: { dependencies?: Record<string, string> }, lock?: { packages?: Record<string, LockEntry> }): string {
	const hash = crypto.createHash('sha256');
	hash.update(JSON.stringify(manifest.dependencies ?? {}));
	if (lock?.packages) {
		hash.update('\nlock\n');
		for (const [at, entry] of Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
			if (at === '' || entry.dev || entry.peer || entry.devOptional) continue;
			hash.update(`${at}@${entry.version ?? ''}#${entry.integrity ?? ''}${entry.optional ? '?' : ''}\n`);
		}
	}
	return hash.digest('hex').slice(0, 16);
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

/**
 * Production node_modules of the package at packageDir: from the cache when its key is there, else
 * installed (npm ci --omit=dev from the lockfile; npm install without one) and cached.
 */
export function productionDependencies(packageDir: string, log: (m: string) => void): string {
	const manifest = readJson<{ dependencies?: Record<string, string> }>(path.join(packageDir, 'package.json')) ?? {};
	const lockFile = path.join(packageDir, 'package-lock.json');
	const lock = readJson<{ packages?: Record<string, LockEntry> }>(lockFile);
	const dir = path.join(cacheRoot(), `package-deps-${dependencyKey(manifest, lock)}`);
	if (fs.existsSync(path.join(dir, '.complete'))) return path.join(dir, 'node_modules');
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	const names = Object.keys(manifest.dependencies ?? {}).join(', ') || 'none';
	const started = Date.now();
	const common = ['--ignore-scripts', '--omit=dev', '--omit=peer', '--prefer-offline', '--no-audit', '--no-fund'];
	if (lock?.packages) {
		// npm ci wants the manifest that matches the lockfile: copy both, install only production.
		log(`Installing the package's production dependencies (${names}) from package-lock.json, once per lockfile…`);
		fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(work, 'package.json'));
		fs.copyFileSync(lockFile, path.join(work, 'package-lock.json'));
		npm(['ci', ...common], work);
	} else {
		log(`Installing the package's production dependencies (${names}), once per dependency set…`);
		fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'deps', private: true, dependencies: manifest.dependencies ?? {} }, null, 2));
		npm(['install', ...common, '--no-package-lock', '--install-strategy=shallow'], work);
	}
	fs.mkdirSync(path.join(work, 'node_modules'), { recursive: true });
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	try {
		fs.renameSync(work, dir);
	} catch (error) {
		if (!fs.existsSync(path.join(dir, '.complete'))) throw error; // another run won the race
		fs.rmSync(work, { recursive: true, force: true });
	}
	log(`Production dependencies installed in ${Math.round((Date.now() - started) / 1000)} s and cached in ${dir}`);
	return path.join(dir, 'node_modules');
}

/**
 * Installs the package at packageDir (default: this repo, which must be built) into the user folder.
 * Returns the installed package folder.
 */
export function installPackageIntoUserFolder(
	userFolder: string,
	{ packageDir = REPO_ROOT, log = () => {} }: { packageDir?: string; log?: (m: string) => void } = {},
): string {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	for (const file of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(packageDir, file))) {
			throw new Error(`${manifest.name}: ${file} is missing — run "npm run build" first`);
		}
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	try {
		const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], packageDir));
		const tarball = path.join(tmp, packed[0].filename);
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', manifest.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { timeout: 60_000 });
		const pkgPath = path.join(target, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...installed } = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
		fs.writeFileSync(pkgPath, JSON.stringify(installed, null, 2));
		const deps = productionDependencies(packageDir, log);
		fs.symlinkSync(deps, path.join(target, 'node_modules'), 'dir');
		// n8n keeps its own record of community packages in nodes/package.json.
		const nodesPkg = path.join(userFolder, '.n8n', 'nodes', 'package.json');
		const record = fs.existsSync(nodesPkg) ? JSON.parse(fs.readFileSync(nodesPkg, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
		record.dependencies = { ...record.dependencies, [manifest.name]: manifest.version };
		fs.writeFileSync(nodesPkg, JSON.stringify(record, null, 2));
		return target;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}
