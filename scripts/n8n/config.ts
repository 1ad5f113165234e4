// Versions and cache location of the real n8n that the demo and the end-to-end tests run.
// The cache lives outside the repo (about 3 GB), keyed by version, so a second run takes seconds.
import os from 'node:os';
import path from 'node:path';

export const N8N_VERSION = '2.40.7';
// n8n 2.36+ needs Node >= 24; the machine has Node 20. The npm package node-<platform>-<arch> ships the
// official Node binary and headers (the headers build sqlite3 for it) and has no install script.
export const NODE_VERSION = '24.21.0';
// Newer linkedom versions are not installable from the registry here; n8n works with this one.
export const OVERRIDES: Record<string, string> = { linkedom: '0.18.13' };

// What the first install of n8n costs, as measured on fresh 2-core machines: 405 s and 547 s (npm
// install, then sqlite3 built from source). The demo and the README say this; the install log and
// .complete.json record each step's seconds.
export const FIRST_INSTALL_COST = 'about 7 to 10 minutes and 3 GB';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function cacheRoot(): string {
	if (process.env.AMAZON_SELLER_N8N_CACHE) return path.resolve(process.env.AMAZON_SELLER_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-amazon-seller');
}

export function installKey(): string {
	return `n8n-${N8N_VERSION}-node-${NODE_VERSION}-${process.platform}-${process.arch}`;
}

export function installDir(): string {
	return path.join(cacheRoot(), installKey());
}

export function nodePackageName(): string {
	if (process.platform !== 'linux' && process.platform !== 'darwin') {
		throw new Error(`The real-n8n tooling supports Linux and macOS, not ${process.platform}`);
	}
	return `node-${process.platform}-${process.arch}`;
}

export interface N8nLayout {
	dir: string;
	nodeHome: string;
	nodeBin: string;
	n8nBin: string;
	marker: string;
}

/** Paths inside an install folder. */
export function layout(dir = installDir()): N8nLayout {
	const nodeHome = path.join(dir, 'node_modules', nodePackageName());
	return {
		dir,
		nodeHome,
		nodeBin: path.join(nodeHome, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.complete.json'),
	};
}

/** npm's environment without the variables of an enclosing `npm run`. */
export function cleanNpmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		...extra,
	};
	for (const key of Object.keys(env)) if (/^npm_(lifecycle|package)_/.test(key)) delete env[key];
	return env;
}
