/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * n8n 2.40.7 in queue mode on this machine, as an admin runs it: Redis (append-only file on),
 * Postgres 17, one main (`n8n start`: editor, API, triggers) and N workers (`n8n worker`), each with
 * its own user folder holding our package in `~/.n8n/nodes` (what a custom Docker image or
 * `cd ~/.n8n/nodes && npm install n8n-nodes-amazon-seller` gives every container).
 *
 * Faults for tests: kill -9 a worker (its task runner too, like a crashed container) and start it
 * again, restart main, restart Redis, restart Postgres. Every process is started through
 * `setpriv --pdeathsig KILL`, so the kernel ends it if the test process dies, and stop() ends every
 * process tree; logs stay in a work folder outside the repo (printed on failure).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { N8nLayout } from './config';
import { ensureN8n } from './ensure-n8n';
import { asPostgresUser, ensureQueueInfra, type PostgresInstall, type RedisInstall } from './queue-infra';
import { prepareN8n, type N8nInstance } from './start-n8n';

type Log = (message: string) => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The four settings of n8n's durable poll cursors (cursor advance and execution row in one transaction). */
export const DURABLE_CURSOR_ENV: Readonly<Record<string, string>> = Object.freeze({
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
});

export interface QueueClusterOptions {
	/** First port of the cluster's block (default 5700, or AMAZON_SELLER_QUEUE_BASE_PORT). Uses base … base + 20 + 10 × workers. */
	basePort?: number;
	workers?: number;
	/** Jobs one worker runs at once (n8n's default is 10). */
	workerConcurrency?: number;
	/** Turn on n8n's durable poll cursors (DURABLE_CURSOR_ENV) in every process. */
	durableCursors?: boolean;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Work folder for data and logs (default: a new folder in the OS temp folder). */
	workDir?: string;
	/** Keep the work folder after stop() (it is always kept when stop({ failed: true })). */
	keepWorkDir?: boolean;
	log?: Log;
}

/** One process of the cluster, started through setpriv so that it dies with us. */
export class ManagedProcess {
	child: ChildProcess | undefined;
	starts = 0;
	private exitPromise: Promise<void> = Promise.resolve();

	constructor(
		readonly name: string,
		readonly logFile: string,
		private readonly command: () => { cmd: string; args: string[]; env: NodeJS.ProcessEnv; cwd: string },
	) {}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
	}

	start(): void {
		if (this.running) throw new Error(`${this.name} is already running`);
		const { cmd, args, env, cwd } = this.command();
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n=== ${this.name} start #${++this.starts} ${new Date().toISOString()} ===\n`);
		// --pdeathsig: the kernel SIGKILLs the process when ours dies (a crashed or killed test run).
		// A command that is already setpriv (Postgres as its own account) gets the flag itself: a second
		// setpriv changing the user would clear the parent-death signal.
		const argv = cmd === 'setpriv' ? ['--pdeathsig', 'KILL', ...args] : ['--pdeathsig', 'KILL', '--', cmd, ...args];
		const child = spawn('setpriv', argv, { env, cwd, stdio: ['ignore', out, out] });
		fs.closeSync(out);
		this.child = child;
		live.add(this);
		this.exitPromise = new Promise((resolve) => child.once('exit', () => resolve()));
		child.once('exit', (code, signal) => {
			fs.appendFileSync(this.logFile, `\n=== ${this.name} exited (${signal ?? code}) ${new Date().toISOString()} ===\n`);
		});
	}

	/** Sends a signal to the process and every descendant (n8n's task runner, Postgres' backends). */
	signalTree(signal: NodeJS.Signals): number[] {
		const pid = this.child?.pid;
		if (!pid || !this.running) return [];
		const pids = [...descendants(pid), pid];
		for (const p of pids) {
			try {
				process.kill(p, signal);
			} catch {}
		}
		return pids;
	}

	/** kill -9 of the whole tree: what a crashed container or an OOM kill of the pod does. Resolves when it is gone. */
	async crash(): Promise<number[]> {
		const pids = this.signalTree('SIGKILL');
		await this.waitExit(10_000);
		return pids;
	}

	async waitExit(timeoutMs: number): Promise<boolean> {
		if (!this.child) return true;
		return await Promise.race([this.exitPromise.then(() => true), sleep(timeoutMs).then(() => false)]);
	}

	/** Graceful stop (SIGTERM to the process; n8n stops its runner), SIGKILL of the tree after timeoutMs. */
	async stop(timeoutMs = 30_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		if (!this.running) return;
		this.child!.kill(signal);
		if (!(await this.waitExit(timeoutMs))) await this.crash();
		// A task runner whose parent was killed may linger: end the rest of the tree.
	}

	logText(): string {
		try {
			return fs.readFileSync(this.logFile, 'utf8').replace(ANSI, '');
		} catch {
			return '';
		}
	}

	/** Current size of the log (an offset for logSince). */
	logSize(): number {
		return fs.statSync(this.logFile, { throwIfNoEntry: false })?.size ?? 0;
	}

	/** What the log gained since `offset` (cheap to call often), and the new offset. */
	logSince(offset: number): { text: string; offset: number } {
		const size = this.logSize();
		if (size <= offset) return { text: '', offset: size };
		const fd = fs.openSync(this.logFile, 'r');
		try {
			const buffer = Buffer.alloc(size - offset);
			fs.readSync(fd, buffer, 0, buffer.length, offset);
			return { text: buffer.toString('utf8').replace(ANSI, ''), offset: size };
		} finally {
			fs.closeSync(fd);
		}
	}
}

// n8n colours its console log even into a file.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Every descendant pid of a process (from /proc), deepest first. */
function descendants(pid: number): number[] {
	let children: number[] = [];
	try {
		const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
		children = out.split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
	} catch {
		children = [];
	}
	return children.flatMap((c) => [...descendants(c), c]);
}

const live = new Set<ManagedProcess>();
process.once('exit', () => {
	for (const p of live) p.signalTree('SIGKILL');
});

function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function requireFree(port: number, what: string): Promise<void> {
	// A port just released by a killed process may take a moment.
	for (let i = 0; i < 20; i++) {
		if (await portFree(port)) return;
		await sleep(500);
	}
	throw new Error(`Port ${port} (${what}) is in use; set AMAZON_SELLER_QUEUE_BASE_PORT to another block of ports`);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, proc?: ManagedProcess): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (let i = 0; Date.now() < deadline && i < 100_000; i++) {
		if (proc && proc.child && !proc.running) break;
		try {
			if (await check()) return;
		} catch {}
		await sleep(300);
	}
	const tail = proc ? `\n--- ${proc.logFile} (last lines) ---\n${proc.logText().split('\n').slice(-40).join('\n')}` : '';
	throw new Error(`${what} not ready within ${timeoutMs / 1000} s${proc && !proc.running ? ' (it exited)' : ''}${tail}`);
}

export interface WorkerHandle {
	index: number;
	name: string;
	healthPort: number;
	brokerPort: number;
	instance: N8nInstance;
	process: ManagedProcess;
}

export interface ExecutionRow {
	id: number;
	workflowId: string;
	status: string;
	finished: boolean;
	mode: string;
	startedAt: Date | null;
	stoppedAt: Date | null;
	retryOf: string | null;
	retrySuccessId: string | null;
}

export interface PollCounts {
	/** Process name → number of poll log lines. */
	[process: string]: number;
}

/** Log lines that show a poll trigger ran in a process (n8n logs them at debug level). */
export const POLL_LINE = /Poll trigger initiated for workflow|Poll returned (?:new|no new) data|Poll is backing off/;

export class QueueCluster {
	readonly workDir: string;
	readonly logDir: string;
	readonly basePort: number;
	readonly redisPort: number;
	readonly postgresPort: number;
	readonly mainPort: number;
	readonly encryptionKey = crypto.randomBytes(24).toString('hex');
	redis!: ManagedProcess;
	postgres!: ManagedProcess;
	main!: ManagedProcess;
	mainInstance!: N8nInstance;
	workers: WorkerHandle[] = [];
	layout!: N8nLayout;
	infra!: { redis: RedisInstall; postgres: PostgresInstall };
	/** Seconds each start-up phase took. */
	readonly timings: Record<string, number> = {};
	private pg: any;
	private readonly log: Log;
	private stopped = false;

	constructor(readonly options: QueueClusterOptions = {}) {
		this.log = options.log ?? ((m: string) => console.error(`[queue] ${m}`));
		this.basePort = options.basePort ?? Number(process.env.AMAZON_SELLER_QUEUE_BASE_PORT ?? 5700);
		this.redisPort = this.basePort;
		this.postgresPort = this.basePort + 1;
		this.mainPort = this.basePort + 10;
		this.workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
		fs.mkdirSync(this.workDir, { recursive: true });
		// Postgres runs as an unprivileged account when we are root: it must reach its data folder.
		fs.chmodSync(this.workDir, 0o755);
		this.logDir = path.join(this.workDir, 'logs');
		fs.mkdirSync(this.logDir, { recursive: true });
	}

	get url(): string {
		return `http://localhost:${this.mainPort}`;
	}

	/** Environment shared by main and workers: queue mode, Redis, Postgres, one encryption key. */
	queueEnv(): Record<string, string> {
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgresPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			// Debug level: n8n logs polls and job hand-offs only there; the tests read them.
			N8N_LOG_LEVEL: 'debug',
			// Executions are kept (the tests read them back).
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			N8N_RUNNERS_ENABLED: 'true',
			...(this.options.durableCursors ? DURABLE_CURSOR_ENV : {}),
			...(this.options.env ?? {}),
		};
	}

	async start(): Promise<this> {
		const t0 = Date.now();
		let t = Date.now();
		this.layout = await ensureN8n({ log: this.log });
		this.infra = await ensureQueueInfra({ log: this.log });
		this.timings.provision = (Date.now() - t) / 1000;
		try {
			t = Date.now();
			await this.startRedis();
			this.timings.redis = (Date.now() - t) / 1000;
			t = Date.now();
			await this.initPostgres();
			await this.startPostgres();
			await this.createDatabase();
			this.timings.postgres = (Date.now() - t) / 1000;
			t = Date.now();
			await this.prepareMain();
			await this.startMain();
			this.timings.main = (Date.now() - t) / 1000;
			t = Date.now();
			for (let i = 1; i <= (this.options.workers ?? 2); i++) await this.prepareWorker(i);
			await Promise.all(this.workers.map((w) => this.startWorker(w.index)));
			this.timings.workers = (Date.now() - t) / 1000;
			this.timings.total = (Date.now() - t0) / 1000;
			this.log(`Queue cluster up in ${this.timings.total.toFixed(1)} s (${JSON.stringify(this.timings)}); logs in ${this.logDir}`);
			return this;
		} catch (error) {
			await this.stop({ failed: true });
			throw error;
		}
	}

	// --- Redis ---------------------------------------------------------------------------------

	private async startRedis(): Promise<void> {
		const { redis } = this.infra;
		const dir = path.join(this.workDir, 'redis');
		fs.mkdirSync(dir, { recursive: true });
		this.redis = new ManagedProcess('redis', path.join(this.logDir, 'redis.log'), () => ({
			cmd: redis.serverBin,
			args: [
				'--port', String(this.redisPort),
				'--bind', '127.0.0.1',
				'--dir', dir,
				// Production-like persistence: the append-only file, fsync every second; no RDB snapshots.
				'--appendonly', 'yes',
				'--appendfsync', 'everysec',
				'--save', '',
				'--daemonize', 'no',
				'--protected-mode', 'yes',
			],
			env: { ...process.env, LD_LIBRARY_PATH: [redis.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
			cwd: dir,
		}));
		await requireFree(this.redisPort, 'Redis');
		this.redis.start();
		await waitUntil('Redis', async () => (await this.redisCommand('PING')) === '+PONG', 30_000, this.redis);
	}

	/** One inline Redis command over a raw socket (no client library needed); returns the first reply line. */
	redisCommand(...args: string[]): Promise<string> {
		return new Promise((resolve, reject) => {
			const socket = net.connect(this.redisPort, '127.0.0.1');
			const payload = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
			let data = '';
			socket.setTimeout(5000, () => socket.destroy(new Error('Redis timeout')));
			socket.on('connect', () => socket.write(payload));
			socket.on('data', (d) => {
				data += d;
				if (data.includes('\r\n')) {
					socket.end();
					resolve(data.split('\r\n')[0]);
				}
			});
			socket.on('error', reject);
		});
	}

	/** Restarts Redis: 'graceful' (SIGTERM: the append-only file is flushed) or 'crash' (kill -9: up to 1 s of writes lost). */
	async restartRedis({ mode = 'graceful', downMs = 0 }: { mode?: 'graceful' | 'crash'; downMs?: number } = {}): Promise<void> {
		if (mode === 'crash') await this.redis.crash();
		else await this.redis.stop(20_000);
		if (downMs) await sleep(downMs);
		await requireFree(this.redisPort, 'Redis');
		this.redis.start();
		await waitUntil('Redis', async () => (await this.redisCommand('PING')) === '+PONG', 30_000, this.redis);
	}

	// --- Postgres ------------------------------------------------------------------------------

	private get pgData(): string {
		return path.join(this.workDir, 'postgres', 'data');
	}

	private async initPostgres(): Promise<void> {
		const { postgres } = this.infra;
		const dir = path.join(this.workDir, 'postgres');
		fs.mkdirSync(dir, { recursive: true });
		if (postgres.runAs) fs.chownSync(dir, postgres.runAs.uid, postgres.runAs.gid);
		const [cmd, args] = asPostgresUser(postgres.initdb, ['-D', this.pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], postgres.runAs);
		const logFile = path.join(this.logDir, 'postgres.log');
		try {
			const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
			fs.appendFileSync(logFile, `=== initdb ===\n${out}\n`);
		} catch (error) {
			throw new Error(`initdb failed: ${(error as any).stderr ?? (error as Error).message}`);
		}
		this.postgres = new ManagedProcess('postgres', logFile, () => {
			const [c, a] = asPostgresUser(
				postgres.postgres,
				['-D', this.pgData, '-p', String(this.postgresPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=100'],
				postgres.runAs,
			);
			return { cmd: c, args: a, env: { ...process.env, LC_ALL: 'C' }, cwd: dir };
		});
	}

	private async startPostgres(): Promise<void> {
		await requireFree(this.postgresPort, 'Postgres');
		this.postgres.start();
		await waitUntil(
			'Postgres',
			async () => {
				await this.query('SELECT 1', [], 'postgres');
				return true;
			},
			60_000,
			this.postgres,
		);
	}

	/**
	 * Restarts Postgres: 'fast' (SIGINT: clean shutdown, connections cut) or 'immediate'
	 * (SIGQUIT: crash-like, WAL recovery at start). downMs keeps it down that long.
	 */
	async restartPostgres({ mode = 'fast', downMs = 0 }: { mode?: 'fast' | 'immediate'; downMs?: number } = {}): Promise<void> {
		await this.closePg();
		await this.postgres.stop(30_000, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
		if (downMs) await sleep(downMs);
		await this.startPostgres();
	}

	private async createDatabase(): Promise<void> {
		await this.query('CREATE DATABASE n8n', [], 'postgres');
	}

	private pgModule(): any {
		return createRequire(path.join(this.layout.dir, 'package.json'))('pg');
	}

	/** A query against n8n's database (or another one) with n8n's own `pg` client. */
	async query<T = any>(sql: string, params: unknown[] = [], database = 'n8n'): Promise<T[]> {
		const { Client } = this.pgModule();
		if (database !== 'n8n') {
			const client = new Client({ host: '127.0.0.1', port: this.postgresPort, user: 'postgres', database, connectionTimeoutMillis: 3000 });
			await client.connect();
			try {
				return (await client.query(sql, params)).rows;
			} finally {
				await client.end();
			}
		}
		if (!this.pg) {
			const client = new Client({ host: '127.0.0.1', port: this.postgresPort, user: 'postgres', database: 'n8n', connectionTimeoutMillis: 3000 });
			client.on('error', () => {
				if (this.pg === client) this.pg = undefined;
			});
			await client.connect();
			this.pg = client;
		}
		try {
			return (await this.pg.query(sql, params)).rows;
		} catch (error) {
			if (/terminat|Connection|ECONN|not queryable/i.test((error as Error).message)) await this.closePg();
			throw error;
		}
	}

	private async closePg(): Promise<void> {
		const client = this.pg;
		this.pg = undefined;
		await client?.end().catch(() => undefined);
	}

	/** n8n's execution rows (newest last), optionally of one workflow. */
	async executionRows(workflowId?: string): Promise<ExecutionRow[]> {
		const rows = await this.query(
			`SELECT id, "workflowId", status, finished, mode, "startedAt", "stoppedAt", "retryOf", "retrySuccessId"
			   FROM execution_entity ${workflowId ? 'WHERE "workflowId" = $1' : ''} ORDER BY id`,
			workflowId ? [workflowId] : [],
		);
		return rows.map((r) => ({ ...r, id: Number(r.id) }));
	}

	/** The stored run data of an execution (n8n keeps it "flatted"), parsed. */
	async executionData(id: number): Promise<any> {
		const rows = await this.query<{ data: string }>('SELECT data FROM execution_data WHERE "executionId" = $1', [id]);
		if (!rows[0]) return undefined;
		const flatted = createRequire(path.join(this.layout.dir, 'package.json'))('flatted');
		return flatted.parse(rows[0].data);
	}

	/** The workflow's static data as stored (the default engine keeps trigger positions there). */
	async staticData(workflowId: string): Promise<any> {
		const rows = await this.query<{ staticData: any }>('SELECT "staticData" FROM workflow_entity WHERE id = $1', [workflowId]);
		const value = rows[0]?.staticData;
		return typeof value === 'string' ? JSON.parse(value) : value;
	}

	/** Durable poll cursors (poller_state), when that engine setting is on. */
	async pollerState(workflowId: string): Promise<any[]> {
		try {
			return await this.query('SELECT * FROM poller_state WHERE "workflowId" = $1', [workflowId]);
		} catch {
			return [];
		}
	}

	// --- n8n main and workers -------------------------------------------------------------------

	private async prepareMain(): Promise<void> {
		const userFolder = path.join(this.workDir, 'main');
		fs.mkdirSync(userFolder, { recursive: true });
		this.mainInstance = await prepareN8n({
			port: this.mainPort,
			brokerPort: this.mainPort + 1,
			cliBrokerPort: this.mainPort + 2,
			userFolder,
			keepUserFolder: true,
			layout: this.layout,
			encryptionKey: this.encryptionKey,
			env: this.queueEnv(),
			log: this.log,
		});
		const instance = this.mainInstance;
		this.main = new ManagedProcess('main', path.join(this.logDir, 'main.log'), () => ({
			cmd: instance.layout.nodeBin,
			args: [instance.layout.n8nBin, 'start'],
			env: instance.env,
			cwd: instance.userFolder,
		}));
	}

	async startMain(): Promise<void> {
		await requireFree(this.mainPort, 'n8n main');
		await requireFree(this.mainPort + 1, 'n8n main task broker');
		this.main.start();
		const t = Date.now();
		await waitUntil(
			'n8n main',
			async () => {
				const res = await fetch(`${this.url}/rest/settings`, { signal: AbortSignal.timeout(2000) });
				const body = await res.text();
				return res.ok && (res.headers.get('content-type') ?? '').includes('application/json') && body.includes('"data"');
			},
			240_000,
			this.main,
		);
		this.timings.lastMainStart = (Date.now() - t) / 1000;
	}

	/** Restarts main: 'graceful' (SIGTERM, as a deploy does) or 'crash' (kill -9 of main and its runner). */
	async restartMain({ mode = 'graceful', downMs = 0 }: { mode?: 'graceful' | 'crash'; downMs?: number } = {}): Promise<void> {
		if (mode === 'crash') await this.main.crash();
		else await this.main.stop(60_000);
		if (downMs) await sleep(downMs);
		await this.startMain();
	}

	private workerPorts(index: number): { healthPort: number; brokerPort: number } {
		const base = this.basePort + 20 + 10 * (index - 1);
		return { healthPort: base, brokerPort: base + 1 };
	}

	private async prepareWorker(index: number): Promise<WorkerHandle> {
		const { healthPort, brokerPort } = this.workerPorts(index);
		const name = `worker${index}`;
		const userFolder = path.join(this.workDir, name);
		fs.mkdirSync(userFolder, { recursive: true });
		const instance = await prepareN8n({
			port: healthPort,
			brokerPort,
			cliBrokerPort: brokerPort + 1,
			userFolder,
			keepUserFolder: true,
			layout: this.layout,
			encryptionKey: this.encryptionKey,
			env: {
				...this.queueEnv(),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
			log: this.log,
		});
		const concurrency = String(this.options.workerConcurrency ?? 10);
		const proc = new ManagedProcess(name, path.join(this.logDir, `${name}.log`), () => ({
			cmd: instance.layout.nodeBin,
			args: [instance.layout.n8nBin, 'worker', `--concurrency=${concurrency}`],
			env: instance.env,
			cwd: instance.userFolder,
		}));
		const handle = { index, name, healthPort, brokerPort, instance, process: proc };
		this.workers.push(handle);
		return handle;
	}

	worker(index: number): WorkerHandle {
		const w = this.workers.find((x) => x.index === index);
		if (!w) throw new Error(`No worker ${index}`);
		return w;
	}

	async startWorker(index: number): Promise<void> {
		const w = this.worker(index);
		await requireFree(w.healthPort, `${w.name} health check`);
		await requireFree(w.brokerPort, `${w.name} task broker`);
		w.process.start();
		await waitUntil(
			w.name,
			async () => {
				const res = await fetch(`http://127.0.0.1:${w.healthPort}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				return res.ok;
			},
			240_000,
			w.process,
		);
	}

	/** kill -9 of a worker and its task runner; returns the pids killed. */
	async killWorker(index: number): Promise<number[]> {
		return await this.worker(index).process.crash();
	}

	async restartWorker(index: number, { mode = 'crash' }: { mode?: 'graceful' | 'crash' } = {}): Promise<void> {
		const w = this.worker(index);
		if (mode === 'crash') await w.process.crash();
		else await w.process.stop(60_000);
		await this.startWorker(index);
	}

	// --- Reading the logs ---------------------------------------------------------------------

	processes(): ManagedProcess[] {
		return [this.main, ...this.workers.map((w) => w.process)].filter(Boolean);
	}

	/** How many poll log lines each n8n process wrote (only main should have any). */
	pollCounts(): PollCounts {
		const counts: PollCounts = {};
		for (const p of this.processes()) counts[p.name] = p.logText().split('\n').filter((l) => POLL_LINE.test(l)).length;
		return counts;
	}

	/** Execution id → worker name, from the workers' "Worker started execution N" lines. */
	executionsByWorker(): Map<number, string> {
		const map = new Map<number, string>();
		for (const w of this.workers) {
			for (const m of w.process.logText().matchAll(/Worker started execution (\d+) \(job (\d+)\)/g)) map.set(Number(m[1]), w.name);
		}
		return map;
	}

	/** Worker name → number of executions it started. */
	executionCountsByWorker(): Record<string, number> {
		const counts: Record<string, number> = Object.fromEntries(this.workers.map((w) => [w.name, 0]));
		for (const name of this.executionsByWorker().values()) counts[name] = (counts[name] ?? 0) + 1;
		return counts;
	}

	/** Where the logs are, with the last lines of each (for a failing test's message). */
	describeLogs(lines = 30): string {
		const parts = [`Queue cluster logs: ${this.logDir}`];
		for (const p of [this.redis, this.postgres, ...this.processes()].filter(Boolean)) {
			parts.push(`--- ${p.logFile} (last ${lines} lines) ---`, p.logText().trimEnd().split('\n').slice(-lines).join('\n'));
		}
		return parts.join('\n');
	}

	// --- Tear-down ----------------------------------------------------------------------------

	/**
	 * Stops every process (workers, main, then Redis and Postgres) and checks none is left. The work
	 * folder is deleted unless the run failed or keepWorkDir is set; its path is printed when kept.
	 */
	async stop({ failed = false }: { failed?: boolean } = {}): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await this.closePg();
		const n8nProcesses = this.processes();
		await Promise.all(n8nProcesses.map((p) => p.stop(20_000)));
		await this.redis?.stop(10_000);
		await this.postgres?.stop(20_000, 'SIGINT');
		const all = [this.redis, this.postgres, ...n8nProcesses].filter(Boolean);
		for (const p of all) {
			if (p.running) await p.crash();
			live.delete(p);
		}
		const left = all.filter((p) => p.running).map((p) => `${p.name} (pid ${p.pid})`);
		if (failed || this.options.keepWorkDir || left.length) {
			this.log(`Queue cluster stopped; work folder and logs kept in ${this.workDir}${left.length ? `; STILL RUNNING: ${left.join(', ')}` : ''}`);
		} else {
			fs.rmSync(this.workDir, { recursive: true, force: true });
		}
	}
}

/** Builds and starts a cluster; on failure everything started is stopped and the logs are kept. */
export async function startQueueCluster(options: QueueClusterOptions = {}): Promise<QueueCluster> {
	return await new QueueCluster(options).start();
}
