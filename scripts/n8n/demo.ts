/**
 * `npm run demo`: the package in real n8n against the SP-API simulator, ready to click through.
 *
 * Builds the package, makes sure n8n is installed (first time: config.ts FIRST_INSTALL_COST), starts the
 * simulator (a child process placing a few orders a minute, mixed FBA/FBM, some canceled later) and
 * n8n with a throwaway user folder and our package, creates a credential for the simulator's NA
 * seller and the example workflows through n8n's public API, sets up the stand-in ERP tables and
 * publishes the Amazon → ERP workflow. Prints the editor URL and the login. Ctrl-C stops everything
 * it started; the logs of n8n and the simulator stay in the cache (printed at start and at stop).
 *
 * Settings (environment): see DEMO_SETTINGS below and the README.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { N8nApi } from './api';
import { REPO_ROOT, cacheRoot } from './config';
import { ensureN8n } from './ensure-n8n';
import { PortInUseError, portInUseIn, requirePortFree } from './ports';
import { prepareN8n, type N8nInstance } from './start-n8n';
import { CREDENTIAL_TYPE, withCredential } from './workflows';

const log = (m: string) => console.log(`[demo] ${m}`);
/**
 * Examples the demo runs live: their "set up" trigger creates the stand-in ERP tables, then they
 * are published. `everyMinutes` replaces a daily schedule so the demo fills the table while you
 * watch (the simulator closes a settlement every few minutes in demo mode).
 */
const LIVE_EXAMPLES: Array<{ file: string; setup: string; everyMinutes?: number }> = [
	{ file: '1-amazon-to-erp-data-tables.json', setup: 'Set up ERP tables (run once)' },
	{ file: '5-amazon-payout-to-erp-journal.json', setup: 'Set up journal tables (run once)', everyMinutes: 5 },
];
const TRIGGER_EXAMPLE = LIVE_EXAMPLES[0].file;

/** The workflow with its Schedule Trigger firing every `minutes` minutes. */
function everyMinutes<T extends { nodes: Array<{ type: string; parameters: Record<string, unknown> }> }>(workflow: T, minutes: number): T {
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.parameters = { rule: { interval: [{ field: 'minutes', minutesInterval: minutes }] } };
	}
	return workflow;
}

/** Demo runs whose logs are kept (the oldest go). */
const KEPT_LOG_RUNS = 10;

/** The demo's settings: name, default, meaning (the README's table says the same). */
export const DEMO_SETTINGS = {
	DEMO_N8N_PORT: { default: '5678', what: 'n8n editor and REST API; its task broker takes the next port' },
	DEMO_SIM_PORT: { default: '4010', what: 'SP-API simulator' },
	DEMO_FLOW: { default: '4', what: 'new orders a minute the simulator places' },
	DEMO_KEEP: { default: '', what: '1 keeps the n8n user folder (database, settings) after Ctrl-C' },
} as const;

export interface DemoConfig {
	n8nPort: number;
	brokerPort: number;
	simPort: number;
	flow: number;
	keepUserFolder: boolean;
}

/** Reads the DEMO_* variables; a bad value is an error naming the variable. Pure. */
export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
	const port = (name: 'DEMO_N8N_PORT' | 'DEMO_SIM_PORT') => {
		const raw = env[name] || DEMO_SETTINGS[name].default;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 1 || n > 65534) throw new Error(`${name} must be a port number (1-65534), not "${raw}"`);
		return n;
	};
	const n8nPort = port('DEMO_N8N_PORT');
	const simPort = port('DEMO_SIM_PORT');
	const flowRaw = env.DEMO_FLOW || DEMO_SETTINGS.DEMO_FLOW.default;
	const flow = Number(flowRaw);
	if (!Number.isFinite(flow) || flow < 0) throw new Error(`DEMO_FLOW must be a number of orders a minute (0 or more), not "${flowRaw}"`);
	const config = { n8nPort, brokerPort: n8nPort + 1, simPort, flow, keepUserFolder: env.DEMO_KEEP === '1' };
	if (simPort === n8nPort || simPort === config.brokerPort) {
		throw new Error(`DEMO_SIM_PORT (${simPort}) collides with n8n's ports (${n8nPort} and ${config.brokerPort}, from DEMO_N8N_PORT)`);
	}
	return config;
}

/** A port error told with the demo variable that moves that port; other errors unchanged. */
export function withDemoSetting(error: unknown, config: DemoConfig): unknown {
	if (!(error instanceof PortInUseError)) return error;
	if (error.port === config.simPort) return error.withSetting('DEMO_SIM_PORT');
	if (error.port === config.n8nPort) return error.withSetting('DEMO_N8N_PORT');
	if (error.port === config.brokerPort) return error.withSetting('DEMO_N8N_PORT (the task broker takes the next port)');
	return error;
}

interface SimAccount {
	key: string;
	sellerId: string;
	clientId: string;
	clientSecret: string;
	refreshToken: string;
}

/** Parses the simulator CLI's banner: its URL and each seller's credentials. */
export function parseSimulatorBanner(text: string): { url: string; accounts: Record<string, SimAccount> } | undefined {
	const url = /listening on (http:\/\/[^\s]+)/.exec(text)?.[1];
	if (!url) return undefined;
	const accounts: Record<string, SimAccount> = {};
	const block = /^\[(\w+)\][^\n]*seller (\w+)[^\n]*\n\s*client id:\s*(\S+)\n\s*client secret:\s*(\S+)\n\s*refresh token:\s*(\S+)/gm;
	for (const m of text.matchAll(block)) {
		accounts[m[1]] = { key: m[1], sellerId: m[2], clientId: m[3], clientSecret: m[4], refreshToken: m[5] };
	}
	return accounts.na ? { url, accounts } : undefined;
}

export interface StartedSimulator {
	child: ChildProcess;
	url: string;
	na: SimAccount;
}

/**
 * Starts the simulator CLI as a child process, its port checked right before (another process may
 * have taken it during the first run's install), its output copied to logFile when given. A port
 * taken between the check and the listen is recognised in the child's output: both give
 * PortInUseError naming DEMO_SIM_PORT, never a stack trace.
 */
export async function startSimulator(port: number, flow: number, { logFile, timeoutMs = 90_000 }: { logFile?: string; timeoutMs?: number } = {}): Promise<StartedSimulator> {
	await requirePortFree(port, 'simulator', 'DEMO_SIM_PORT');
	return await spawnSimulator(port, flow, { logFile, timeoutMs });
}

/** startSimulator without the port check (tests use it to reach the child's own EADDRINUSE). */
export function spawnSimulator(port: number, flow: number, { logFile, timeoutMs = 90_000 }: { logFile?: string; timeoutMs?: number } = {}): Promise<StartedSimulator> {
	return new Promise((resolve, reject) => {
		const tsNode = path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node');
		const child = spawn(tsNode, ['--transpile-only', 'simulator/cli.ts', '--port', String(port), '--flow', String(flow)], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const sink = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
		let out = '';
		let settled = false;
		const timer = setTimeout(() => fail(new Error(`The simulator printed no credentials within ${timeoutMs / 1000} s:\n${out}`)), timeoutMs);
		const fail = (error: Error) => {
			clearTimeout(timer);
			if (settled) return;
			settled = true;
			if (child.exitCode === null) child.kill('SIGTERM');
			reject(error);
		};
		const onData = (d: Buffer) => {
			out += d;
			const parsed = parseSimulatorBanner(out);
			if (!settled && parsed && /order\(s\) a minute|State:/.test(out)) {
				settled = true;
				clearTimeout(timer);
				resolve({ child, url: parsed.url, na: parsed.accounts.na });
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (d: Buffer) => (out += d));
		if (sink) {
			child.stdout!.pipe(sink);
			child.stderr!.pipe(sink);
		}
		child.on('exit', (code) => {
			const taken = portInUseIn(out);
			fail(taken === port ? new PortInUseError(port, 'simulator', 'DEMO_SIM_PORT') : new Error(`The simulator exited (${code}):\n${out}`));
		});
	});
}

/** A fresh folder for this run's logs under the cache; the oldest runs' folders beyond KEPT_LOG_RUNS go. */
export function demoLogDir(root = path.join(cacheRoot(), 'demo-logs'), now = new Date()): string {
	fs.mkdirSync(root, { recursive: true });
	const stamp = now.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
	let dir = path.join(root, stamp);
	for (let i = 2; fs.existsSync(dir); i++) dir = path.join(root, `${stamp}-${i}`);
	fs.mkdirSync(dir);
	const runs = fs.readdirSync(root).sort();
	for (const old of runs.slice(0, Math.max(0, runs.length - KEPT_LOG_RUNS))) fs.rmSync(path.join(root, old), { recursive: true, force: true });
	return dir;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

async function main(): Promise<void> {
	let config: DemoConfig;
	try {
		config = readDemoConfig(process.env);
	} catch (error) {
		console.error(`[demo] ${(error as Error).message}`);
		process.exit(2);
	}
	const { n8nPort, brokerPort, simPort, flow } = config;
	let sim: ChildProcess | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	let logs: string | undefined;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		if (n8n || sim) log('Stopping n8n and the simulator…');
		await n8n?.stop().catch(() => undefined);
		if (sim && sim.exitCode === null) sim.kill('SIGTERM');
		if (n8n?.keepUserFolder) log(`n8n user folder kept (DEMO_KEEP=1): ${n8n.userFolder}`);
		const kept = logs ? fs.readdirSync(logs).map((f) => path.join(logs!, f)) : [];
		if (kept.length) log(`Logs kept: ${kept.join(' and ')}`);
		else if (logs) fs.rmSync(logs, { recursive: true, force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		// A port in use fails now rather than after a first install of several minutes; each port is
		// checked again right before its server starts.
		await requirePortFree(n8nPort, 'n8n', 'DEMO_N8N_PORT');
		await requirePortFree(brokerPort, "n8n's task broker", 'DEMO_N8N_PORT (the task broker takes the next port)');
		await requirePortFree(simPort, 'simulator', 'DEMO_SIM_PORT');
		logs = demoLogDir();
		const n8nLog = path.join(logs, 'n8n.log');
		const simLog = path.join(logs, 'simulator.log');
		log(`Logs of this run: ${logs}`);
		const t0 = Date.now();
		log('Building the package…');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
		const tBuilt = Date.now();
		const layout = await ensureN8n({ log });
		const tInstalled = Date.now();

		log(`Starting the SP-API simulator on port ${simPort} (${flow} new order(s) a minute) and n8n on port ${n8nPort}…`);
		const simStart = startSimulator(simPort, flow, { logFile: simLog }).then((s) => {
			sim = s.child;
			return s;
		});
		const n8nStart = prepareN8n({ port: n8nPort, brokerPort, layout, keepUserFolder: config.keepUserFolder, logFile: n8nLog, log }).then((instance) => {
			n8n = instance;
			return instance.start();
		});
		const [simResult, n8nResult] = await Promise.allSettled([simStart, n8nStart]);
		if (simResult.status === 'rejected') throw simResult.reason;
		if (n8nResult.status === 'rejected') throw n8nResult.reason;
		const started = simResult.value;
		const instance = n8nResult.value;
		const tStarted = Date.now();

		// Through the public API of the running n8n: no CLI boots (each costs about 5 s).
		const api = new N8nApi(instance.url);
		await api.login(instance.owner.email, instance.owner.password);
		await api.createApiKey('demo');
		const created = await api.createCredential({
			name: 'Amazon Seller (simulator NA)',
			type: CREDENTIAL_TYPE,
			data: {
				accountLabel: 'Simulator NA',
				region: 'na',
				environment: 'custom',
				customEndpoint: started.url,
				clientId: started.na.clientId,
				clientSecret: started.na.clientSecret,
				refreshToken: started.na.refreshToken,
				sellerId: started.na.sellerId,
			},
		});
		const credential = { id: String(created.id), name: String(created.name) };
		const examplesDir = path.join(REPO_ROOT, 'examples');
		const ids: Record<string, string> = {};
		for (const file of fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort()) {
			const live = LIVE_EXAMPLES.find((example) => example.file === file);
			let workflow = withCredential(JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')), credential);
			if (live?.everyMinutes) workflow = everyMinutes(workflow, live.everyMinutes);
			ids[file] = String((await api.createWorkflow(workflow)).id);
		}
		for (const example of LIVE_EXAMPLES) {
			const id = ids[example.file];
			if (!id) continue;
			const setup = await api.runManually(id, example.setup);
			if (setup.status !== 'success') log(`${example.setup} (${example.file}) failed: ${JSON.stringify(setup.data?.resultData?.error ?? setup.status)}`);
			await api.activateWorkflow(id);
		}
		const erp = ids[TRIGGER_EXAMPLE];
		const tReady = Date.now();
		console.log(
			[
				'',
				`n8n ${layout.dir.match(/n8n-([\d.]+)/)?.[1] ?? ''} with n8n-nodes-amazon-seller is ready in ${seconds(tReady - t0)}` +
					` (build ${seconds(tBuilt - t0)}, n8n install ${seconds(tInstalled - tBuilt)}, simulator and n8n start ${seconds(tStarted - tInstalled)},` +
					` credential, workflows and ERP tables ${seconds(tReady - tStarted)}).`,
				'',
				`  Editor:    ${instance.url}${erp ? `/workflow/${erp}` : ''}`,
				`  Login:     ${instance.owner.email}  /  ${instance.owner.password}`,
				`  Simulator: ${started.url} (NA seller ${started.na.sellerId}; ${flow} new order(s) a minute across its NA, EU and FE sellers)`,
				`  Logs:      ${n8nLog}`,
				`             ${simLog}`,
				'',
				'The demo imported the example workflows, ran their "Set up … tables (run once)" triggers and published',
				'Amazon → ERP and Amazon payout → ERP journal. New orders show up under Executions and in the Data',
				'tables (erp_sales_orders, erp_sales_order_lines, erp_customers) 3 to 6 minutes after they are placed:',
				'Amazon lists an order in searches about 2.5 minutes after a change, and the trigger polls every 3',
				"minutes (Amazon's search budget). The simulator closes a settlement every 10 minutes; the payout",
				'workflow (every 5 minutes here, daily as shipped) books each one in erp_journal_entries and',
				'erp_journal_lines. Ship and Stock run from their "Run now" trigger (their notes say what to put in',
				'the tables first). Ctrl-C stops everything; the logs stay.',
				'',
			].join('\n'),
		);
		// Stay up until Ctrl-C; stop on our own if a child dies.
		instance.child?.on('exit', () => {
			if (!stopping) {
				log(`n8n exited; its log: ${n8nLog}`);
				void stop(1);
			}
		});
		started.child.on('exit', () => {
			if (!stopping) {
				log(`The simulator exited; its log: ${simLog}`);
				void stop(1);
			}
		});
	} catch (error) {
		const explained = withDemoSetting(error, config);
		console.error(`[demo] ${(explained as Error).message}`);
		if (n8n && !(explained instanceof PortInUseError)) console.error(n8n.logText().split('\n').slice(-30).join('\n'));
		await stop(1);
	}
}

if (require.main === module) void main();
