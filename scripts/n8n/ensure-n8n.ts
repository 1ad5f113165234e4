// Installs Node 24 and n8n into the cache outside the repo if missing, and returns their paths.
// Idempotent; a lock keeps two runs (demo and tests, or two terminals) from installing at once.
// Usage: npx ts-node --transpile-only scripts/n8n/ensure-n8n.ts   (prints the install folder; exits 1 with a reason on failure)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	FIRST_INSTALL_COST,
	N8N_VERSION,
	NODE_VERSION,
	OVERRIDES,
	cacheRoot,
	cleanNpmEnv,
	installDir,
	installKey,
	layout,
	nodePackageName,
	type N8nLayout,
} from './config';

type Log = (message: string) => void;

const LOCK_WAIT_MS = 25 * 60_000;
const LOCK_STALE_MS = 40 * 60_000;
const INSTALL_TIMEOUT_MS = 30 * 60_000;
const REBUILD_TIMEOUT_MS = 15 * 60_000;

function isComplete(l: N8nLayout): boolean {
	return fs.existsSync(l.marker) && fs.existsSync(l.nodeBin) && fs.existsSync(l.n8nBin);
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireLock(lockDir: string, log: Log): Promise<() => void> {
	const deadline = Date.now() + LOCK_WAIT_MS;
	let announced = 0;
	for (let attempt = 0; Date.now() < deadline && attempt < 2000; attempt++) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(
				path.join(lockDir, 'owner.json'),
				JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
			);
			return () => fs.rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let owner: { pid: number; host: string } | undefined;
		try {
			owner = JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8'));
		} catch {
			owner = undefined; // being written right now, or a crash between mkdir and write
		}
		const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0);
		const stale =
			(owner && owner.host === os.hostname() && !pidAlive(owner.pid)) ||
			(!owner && age > 60_000) ||
			age > LOCK_STALE_MS;
		if (stale) {
			log(`Removing stale install lock ${lockDir}`);
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) {
			log(`Another run (pid ${owner?.pid ?? '?'}) is installing n8n; waiting for it (first install: ${FIRST_INSTALL_COST})…`);
			announced = Date.now();
		} else if (Date.now() - announced >= 60_000) {
			log(`… still waiting for the other run's n8n install`);
			announced = Date.now();
		}
		await sleep(2000);
	}
	throw new Error(`Timed out after ${LOCK_WAIT_MS / 60_000} min waiting for the n8n install lock ${lockDir}`);
}

/** Runs one install step, its output and its start and duration in the log; resolves with its seconds. */
function run(
	cmd: string,
	args: string[],
	{ cwd, env, logFile, timeoutMs }: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeoutMs: number },
): Promise<number> {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		const started = Date.now();
		fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}    # ${new Date(started).toISOString()}\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const seconds = () => Math.round((Date.now() - started) / 1000);
		child.on('error', (error) => {
			clearTimeout(timer);
			fs.closeSync(out);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			fs.writeSync(out, `# ${signal ? `killed by ${signal}` : `exit ${code}`} after ${seconds()} s\n`);
			fs.closeSync(out);
			if (code === 0) resolve(seconds());
			else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ? `killed by ${signal}` : `exit ${code}`})`));
		});
	});
}

/** Logs "still installing" once a minute, so a long first install does not look hung. Returns a stop function. */
function heartbeat(log: Log, what: () => string): () => void {
	const started = Date.now();
	const timer = setInterval(() => log(`… still ${what()} (${Math.round((Date.now() - started) / 60_000)} min so far)`), 60_000);
	timer.unref();
	return () => clearInterval(timer);
}

export function tail(file: string, lines = 40): string {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

async function install(finalDir: string, log: Log): Promise<void> {
	const root = path.dirname(finalDir);
	const work = `${finalDir}.partial-${process.pid}`;
	const logFile = `${finalDir}.install.log`;
	// We hold the lock, so any partial folder is a leftover of an interrupted run.
	for (const name of fs.readdirSync(root)) {
		if (name.startsWith(`${path.basename(finalDir)}.partial-`)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
	}
	fs.mkdirSync(work, { recursive: true });
	fs.writeFileSync(logFile, `n8n ${N8N_VERSION} + Node ${NODE_VERSION} install, ${new Date().toISOString()}\n`);
	fs.writeFileSync(
		path.join(work, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-amazon-seller-real-n8n',
				private: true,
				description: 'Real n8n for the demo and end-to-end tests of n8n-nodes-amazon-seller (cache, not a project)',
				dependencies: { n8n: N8N_VERSION, [nodePackageName()]: NODE_VERSION },
				overrides: OVERRIDES,
			},
			null,
			2,
		),
	);
	// The user's npmrc may point nodedir at the machine's (older) Node headers; use Node 24's own.
	const l = layout(work);
	const npmEnv = cleanNpmEnv({ npm_config_loglevel: 'warn' });
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	log(`Installing n8n ${N8N_VERSION} and Node ${NODE_VERSION} into ${root}, first time only: ${FIRST_INSTALL_COST}. Log: ${logFile}`);
	const started = Date.now();
	let step = 'downloading n8n and its dependencies (npm install)';
	const stopHeartbeat = heartbeat(log, () => step);
	const seconds: Record<string, number> = {};
	try {
		seconds.npmInstall = await run(npm, ['install', '--ignore-scripts', '--no-package-lock'], {
			cwd: work,
			env: npmEnv,
			logFile,
			timeoutMs: INSTALL_TIMEOUT_MS,
		});
		if (!fs.existsSync(l.nodeBin)) throw new Error(`Node binary missing after install: ${l.nodeBin}`);
		log(`Packages installed in ${seconds.npmInstall} s; building sqlite3 for Node ${NODE_VERSION}…`);
		step = 'building sqlite3 from source';
		// sqlite3's prebuilt binaries come from outside the registry; build it from source (N-API).
		seconds.sqlite3Build = await run(npm, ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
			cwd: work,
			env: {
				...npmEnv,
				PATH: `${path.dirname(l.nodeBin)}${path.delimiter}${process.env.PATH}`,
				npm_config_nodedir: l.nodeHome,
				npm_config_build_from_source: 'true',
			},
			logFile,
			timeoutMs: REBUILD_TIMEOUT_MS,
		});
		await run(l.nodeBin, ['-e', "require('sqlite3'); require('n8n/package.json')"], {
			cwd: work,
			env: process.env,
			logFile,
			timeoutMs: 60_000,
		});
	} catch (error) {
		stopHeartbeat();
		const detail = tail(logFile);
		fs.rmSync(work, { recursive: true, force: true });
		throw new Error(
			`Installing n8n ${N8N_VERSION} failed: ${error.message}\nFull log: ${logFile}\n--- last lines ---\n${detail}\n---\n` +
				'Needs the npm registry, a C/C++ toolchain, make and python3 (for sqlite3), and ~3 GB free.',
		);
	}
	stopHeartbeat();
	fs.writeFileSync(
		l.marker,
		JSON.stringify(
			{ n8n: N8N_VERSION, node: NODE_VERSION, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), steps: seconds },
			null,
			2,
		),
	);
	fs.rmSync(finalDir, { recursive: true, force: true });
	fs.renameSync(work, finalDir);
	log(`n8n ${N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s (${seconds.npmInstall} s npm install, ${seconds.sqlite3Build} s sqlite3); later runs reuse it`);
}

/** Makes sure n8n is installed in the cache; returns { dir, nodeBin, n8nBin, nodeHome }. */
export async function ensureN8n({ log = (m: string) => console.error(`[ensure-n8n] ${m}`) }: { log?: Log } = {}): Promise<N8nLayout> {
	const finalDir = installDir();
	let l = layout(finalDir);
	if (isComplete(l)) return l;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const release = await acquireLock(path.join(cacheRoot(), `${installKey()}.lock`), log);
	try {
		l = layout(finalDir);
		if (isComplete(l)) return l; // the run we waited for finished it
		await install(finalDir, log);
		l = layout(finalDir);
		if (!isComplete(l)) throw new Error(`n8n install at ${finalDir} is incomplete after installing`);
		return l;
	} finally {
		release();
	}
}

if (require.main === module) {
	ensureN8n()
		.then((l) => {
			console.log(l.dir);
		})
		.catch((error) => {
			console.error(`[ensure-n8n] ${error.message}`);
			process.exit(1);
		});
}
