// Starts real n8n from the cache with a throwaway user folder, an owner account set by environment,
// and our built package installed as a community package. Returns a handle to run CLI commands,
// restart and stop it. Manual try: npx ts-node --transpile-only scripts/n8n/start-n8n.ts [port]
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { N8nLayout } from './config';
import { ensureN8n } from './ensure-n8n';
import { installPackageIntoUserFolder } from './package-install';
import { PortInUseError, portInUseIn, requirePortFree } from './ports';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface CliResult {
	code: number;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface N8nOptions {
	/** Editor/REST port (default 5678). */
	port?: number;
	/** Task runner broker port of the server (default port + 1). */
	brokerPort?: number;
	/** Task runner broker port of CLI commands (default port + 2). */
	cliBrokerPort?: number;
	/** Default: a fresh temp folder, deleted by stop(). */
	userFolder?: string;
	keepUserFolder?: boolean;
	/** Where n8n's output (and that of CLI commands) goes; default n8n.log in the user folder. Kept by stop() when outside it. */
	logFile?: string;
	owner?: Partial<Owner>;
	/** Package to install as a community package (default: this repo, built); null for none. */
	packageDir?: string | null;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	encryptionKey?: string;
	readyTimeoutMs?: number;
	layout?: N8nLayout;
	log?: (message: string) => void;
}

export const DEFAULT_OWNER: Readonly<Owner> = Object.freeze({
	email: 'demo@example.com',
	password: 'Demo-password-1',
	firstName: 'Demo',
	lastName: 'Seller',
});

/** n8n servers started by this process: ended when it exits, so none outlives a crashed test run. */
const liveServers = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of liveServers) child.kill('SIGKILL');
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bcryptHash(installDir: string, password: string): string {
	const bcrypt = createRequire(path.join(installDir, 'package.json'))('bcryptjs');
	return bcrypt.hashSync(password, 10);
}

/** n8n settings for a quiet, offline, loopback-only instance. */
function baseEnv(o: {
	userFolder: string;
	port: number;
	brokerPort: number;
	owner: Owner;
	passwordHash: string;
	encryptionKey: string;
}): NodeJS.ProcessEnv {
	const { userFolder, port, brokerPort, owner, passwordHash, encryptionKey } = o;
	const env = { ...process.env };
	// Do not leak npm's, jest's or an outer n8n's variables into n8n (n8n refuses to load nodes when NODE_ENV=test).
	for (const key of Object.keys(env)) if (/^(npm_|N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_)/.test(key)) delete env[key];
	delete env.NODE_ENV;
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: passwordHash,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// This module only fetches a public catalogue from the internet.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL || 'info',
		N8N_LOG_OUTPUT: 'console',
		NODE_OPTIONS: '--max-old-space-size=4096',
	};
}

export class N8nInstance {
	readonly url: string;
	readonly layout: N8nLayout;
	readonly port: number;
	readonly brokerPort: number;
	readonly cliBrokerPort: number;
	readonly owner: Owner;
	readonly userFolder: string;
	readonly ownsUserFolder: boolean;
	keepUserFolder: boolean;
	readonly logFile: string;
	readonly env: NodeJS.ProcessEnv;
	readonly readyTimeoutMs: number;
	child: ChildProcess | undefined;
	starts = 0;
	/** Milliseconds the last start() took until n8n answered. */
	lastStartMs = 0;

	constructor(o: {
		layout: N8nLayout;
		port: number;
		brokerPort: number;
		cliBrokerPort: number;
		owner: Owner;
		userFolder: string;
		ownsUserFolder: boolean;
		keepUserFolder: boolean;
		logFile?: string;
		env: NodeJS.ProcessEnv;
		readyTimeoutMs: number;
	}) {
		this.layout = o.layout;
		this.port = o.port;
		this.brokerPort = o.brokerPort;
		this.cliBrokerPort = o.cliBrokerPort;
		this.owner = o.owner;
		this.userFolder = o.userFolder;
		this.ownsUserFolder = o.ownsUserFolder;
		this.keepUserFolder = o.keepUserFolder;
		this.logFile = o.logFile ?? path.join(o.userFolder, 'n8n.log');
		this.env = o.env;
		this.readyTimeoutMs = o.readyTimeoutMs;
		this.url = `http://localhost:${this.port}`;
	}

	/** n8n's log, from byte `from` on (default: all of it). */
	logText(from = 0): string {
		try {
			return fs.readFileSync(this.logFile).subarray(from).toString('utf8');
		} catch {
			return '';
		}
	}

	private logSize(): number {
		return fs.statSync(this.logFile, { throwIfNoEntry: false })?.size ?? 0;
	}

	/** The PortInUseError for a port n8n said it could not listen on, if it said so. */
	private portErrorIn(text: string): PortInUseError | undefined {
		const port = portInUseIn(text);
		if (port === undefined) return undefined;
		return new PortInUseError(port, this.roleOf(port));
	}

	private roleOf(port: number): string {
		if (port === this.port) return 'n8n';
		if (port === this.brokerPort) return "n8n's task broker";
		if (port === this.cliBrokerPort) return "the n8n CLI's task broker";
		return 'n8n';
	}

	/** Runs an n8n CLI command (import:*, publish:workflow, execute, …) against this instance's database. */
	async cli(
		args: string[],
		{ timeoutMs = 180_000, input, extraEnv = {} }: { timeoutMs?: number; input?: string; extraEnv?: Record<string, string> } = {},
	): Promise<CliResult> {
		// `n8n execute` boots a task broker of its own (on cliBrokerPort): it must be free right now.
		if (args[0] === 'execute') await requirePortFree(this.cliBrokerPort, this.roleOf(this.cliBrokerPort));
		return await this.spawnCli(args, { timeoutMs, input, extraEnv });
	}

	private spawnCli(args: string[], { timeoutMs, input, extraEnv }: { timeoutMs: number; input?: string; extraEnv: Record<string, string> }): Promise<CliResult> {
		return new Promise((resolve, reject) => {
			// A CLI command boots its own task broker: keep it off the server's ports.
			const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(this.cliBrokerPort), ...extraEnv };
			const child = spawn(this.layout.nodeBin, [this.layout.n8nBin, ...args], {
				env,
				cwd: this.userFolder,
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d: Buffer) => (stdout += d));
			child.stderr.on('data', (d: Buffer) => (stderr += d));
			child.stdin.end(input ?? '');
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('exit', (code, signal) => {
				clearTimeout(timer);
				fs.appendFileSync(this.logFile, `\n$ n8n ${args.join(' ')} -> ${code ?? signal}\n${stdout}${stderr}\n`);
				resolve({ code: code ?? -1, signal, stdout, stderr });
			});
		});
	}

	/** Like cli(), but throws with the output when the command fails. */
	async cliOk(args: string[], opts?: Parameters<N8nInstance['cli']>[1]): Promise<CliResult> {
		const result = await this.cli(args, opts);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (${result.signal ?? `exit ${result.code}`}):\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	async start(): Promise<this> {
		if (this.child) throw new Error('n8n is already running');
		// Checked right before n8n starts (not minutes earlier): the ports may have been taken meanwhile.
		await requirePortFree(this.port, this.roleOf(this.port));
		await requirePortFree(this.brokerPort, this.roleOf(this.brokerPort));
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		const logFrom = this.logSize();
		const out = fs.openSync(this.logFile, 'a');
		fs.writeSync(out, `\n=== n8n start #${++this.starts} ${new Date().toISOString()} ===\n`);
		const child = spawn(this.layout.nodeBin, [this.layout.n8nBin, 'start'], {
			env: this.env,
			cwd: this.userFolder,
			stdio: ['ignore', out, out],
			// Same process group as ours: Ctrl-C in a terminal reaches n8n too. n8n ends its task runner on SIGTERM.
		});
		fs.closeSync(out);
		this.child = child;
		liveServers.add(child);
		child.on('exit', () => liveServers.delete(child));
		let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			if (this.child === child) this.child = undefined;
		});
		const started = Date.now();
		const deadline = started + this.readyTimeoutMs;
		for (let i = 0; Date.now() < deadline && i < 10_000; i++) {
			if (exited) break;
			try {
				// While booting, n8n answers every path with 200 "n8n is starting up"; ready means JSON settings.
				const res = await fetch(`${this.url}/rest/settings`, { signal: AbortSignal.timeout(2000) });
				const body = await res.text();
				if (res.ok && (res.headers.get('content-type') ?? '').includes('application/json') && body.includes('"data"')) {
					this.lastStartMs = Date.now() - started;
					return this;
				}
			} catch {}
			await sleep(300);
		}
		const thisStart = this.logText(logFrom);
		if (!exited) await this.stopProcess();
		// Another process took a port between the check above and n8n's listen.
		const portError = this.portErrorIn(thisStart);
		if (portError) throw portError;
		const tailLog = thisStart.split('\n').slice(-60).join('\n');
		throw new Error(
			`n8n did not become ready on ${this.url} within ${this.readyTimeoutMs / 1000} s` +
				(exited ? ` (exited: ${exited.signal ?? exited.code})` : '') +
				`\n--- ${this.logFile} ---\n${tailLog}`,
		);
	}

	async stopProcess(timeoutMs = 20_000): Promise<void> {
		const child = this.child;
		if (!child) return;
		const done = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const killed = await Promise.race([done.then(() => true), sleep(timeoutMs).then(() => false)]);
		if (!killed) {
			child.kill('SIGKILL');
			await Promise.race([done, sleep(5000)]);
		}
		this.child = undefined;
	}

	async restart(): Promise<this> {
		await this.stopProcess();
		return await this.start();
	}

	/** Stops n8n and deletes the throwaway user folder (unless keepUserFolder); a log file outside it stays. */
	async stop(): Promise<void> {
		await this.stopProcess();
		if (!this.keepUserFolder && this.ownsUserFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * Prepares an instance (folder, owner, package) without starting it, so workflows can be imported
 * and published with the CLI first. Options:
 *   port (5678), brokerPort (port + 1; the CLI uses port + 2), userFolder (fresh temp folder),
 *   owner ({ email, password, firstName, lastName }), packageDir (this repo; null = none),
 *   env (extra variables), readyTimeoutMs, keepUserFolder, logFile (default n8n.log in the user folder), log.
 */
export async function prepareN8n(options: N8nOptions = {}): Promise<N8nInstance> {
	const log = options.log ?? ((m: string) => console.error(`[n8n] ${m}`));
	const layout = options.layout ?? (await ensureN8n({ log }));
	const port = options.port ?? 5678;
	const brokerPort = options.brokerPort ?? port + 1;
	const cliBrokerPort = options.cliBrokerPort ?? port + 2;
	const owner = { ...DEFAULT_OWNER, ...(options.owner ?? {}) };
	const ownsUserFolder = !options.userFolder;
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-user-'));
	fs.mkdirSync(userFolder, { recursive: true });
	if (options.packageDir !== null) {
		installPackageIntoUserFolder(userFolder, { packageDir: options.packageDir, log });
	}
	const env = {
		...baseEnv({
			userFolder,
			port,
			brokerPort,
			owner,
			passwordHash: bcryptHash(layout.dir, owner.password),
			encryptionKey: options.encryptionKey ?? crypto.randomBytes(24).toString('hex'),
		}),
		...(options.env ?? {}),
	};
	return new N8nInstance({
		layout,
		port,
		brokerPort,
		cliBrokerPort,
		owner,
		userFolder,
		ownsUserFolder,
		keepUserFolder: Boolean(options.keepUserFolder),
		logFile: options.logFile,
		env,
		readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
	});
}

/** prepareN8n() and start(): resolves when n8n answers on its REST API. */
export async function startN8n(options: N8nOptions = {}): Promise<N8nInstance> {
	const instance = await prepareN8n(options);
	try {
		return await instance.start();
	} catch (error) {
		await instance.stop();
		throw error;
	}
}

async function main(): Promise<void> {
	const port = Number(process.argv[2] ?? 5678);
	const t0 = Date.now();
	const n8n = await startN8n({ port });
	console.log(`n8n ready at ${n8n.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s; login ${n8n.owner.email} / ${n8n.owner.password}. Ctrl-C stops.`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await n8n.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}
