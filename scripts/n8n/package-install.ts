// Puts our built package into an n8n user folder the way n8n installs a community package:
// npm pack, unpack into <user folder>/.n8n/nodes/node_modules/<name>, drop dev/peer dependencies,
// install production dependencies. n8n 2.40.7 then loads it as community package nodes
// (node types "n8n-nodes-amazon-seller.<node>"). Production dependencies are cached by their hash.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, cacheRoot, cleanNpmEnv } from './config';

function npm(args: string[], cwd: string, timeout = 10 * 60_000): string {
	return execFileSync('npm', args, { cwd, env: cleanNpmEnv(), encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** Production node_modules for a package.json's dependencies, installed once per distinct set. */
function productionDependencies(dependencies: Record<string, string> | undefined, log: (m: string) => void): string {
	const hash = crypto.createHash('sha256').update(JSON.stringify(dependencies ?? {})).digest('hex').slice(0, 16);
	const dir = path.join(cacheRoot(), `package-deps-${hash}`);
	if (fs.existsSync(path.join(dir, '.complete'))) return path.join(dir, 'node_modules');
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'deps', private: true, dependencies }, null, 2));
	log(`Installing the package's production dependencies (${Object.keys(dependencies ?? {}).join(', ') || 'none'})…`);
	npm(['install', '--ignore-scripts', '--omit=dev', '--omit=peer', '--no-package-lock', '--install-strategy=shallow', '--prefer-offline'], work);
	fs.mkdirSync(path.join(work, 'node_modules'), { recursive: true });
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	try {
		fs.renameSync(work, dir);
	} catch (error) {
		if (!fs.existsSync(path.join(dir, '.complete'))) throw error; // another run won the race
		fs.rmSync(work, { recursive: true, force: true });
	}
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
		const deps = productionDependencies(installed.dependencies, log);
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
