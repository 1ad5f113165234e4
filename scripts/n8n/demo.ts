/**
 * `npm run demo`: the package in real n8n against the SP-API simulator, ready to click through.
 *
 * Builds the package, starts the simulator (a child process placing a few orders a minute, mixed
 * FBA/FBM, some canceled later), makes sure n8n is installed (first time: a few minutes), starts it
 * with a throwaway user folder and our package, imports a credential for the simulator's NA seller
 * and the example workflows, sets up the stand-in ERP tables and publishes the Amazon → ERP
 * workflow. Prints the editor URL and the login. Ctrl-C stops everything it started.
 *
 * Environment: DEMO_N8N_PORT (5678), DEMO_SIM_PORT (4010), DEMO_FLOW (orders a minute, 4),
 * DEMO_KEEP=1 keeps the n8n user folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { N8nApi } from './api';
import { REPO_ROOT } from './config';
import { ensureN8n } from './ensure-n8n';
import { prepareN8n, type N8nInstance } from './start-n8n';
import { importCredential, importWorkflow, withCredential } from './workflows';

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

interface SimAccount {
	key: string;
	sellerId: string;
	clientId: string;
	clientSecret: string;
	refreshToken: string;
}

function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function requireFree(port: number, what: string, envName: string): Promise<void> {
	if (!(await portFree(port))) throw new Error(`Port ${port} (${what}) is in use; set ${envName} to another port`);
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

function startSimulator(port: number, flow: number): Promise<{ child: ChildProcess; url: string; na: SimAccount }> {
	return new Promise((resolve, reject) => {
		const tsNode = path.join(REPO_ROOT, 'node_modules', '.bin', 'ts-node');
		const child = spawn(tsNode, ['--transpile-only', 'simulator/cli.ts', '--port', String(port), '--flow', String(flow)], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		const timer = setTimeout(() => fail(new Error(`The simulator printed no credentials within 90 s:\n${out}`)), 90_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			child.kill('SIGTERM');
			reject(error);
		};
		const onData = (d: Buffer) => {
			out += d;
			const parsed = parseSimulatorBanner(out);
			if (parsed && /order\(s\) a minute|State:/.test(out)) {
				clearTimeout(timer);
				child.stdout!.off('data', onData);
				child.stdout!.on('data', () => {}); // keep draining
				resolve({ child, url: parsed.url, na: parsed.accounts.na });
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (d: Buffer) => (out += d));
		child.on('exit', (code) => fail(new Error(`The simulator exited (${code}):\n${out}`)));
	});
}

async function main(): Promise<void> {
	const n8nPort = Number(process.env.DEMO_N8N_PORT ?? 5678);
	const simPort = Number(process.env.DEMO_SIM_PORT ?? 4010);
	const flow = Number(process.env.DEMO_FLOW ?? 4);
	await requireFree(n8nPort, 'n8n', 'DEMO_N8N_PORT');
	await requireFree(n8nPort + 1, 'n8n task broker', 'DEMO_N8N_PORT');
	await requireFree(simPort, 'simulator', 'DEMO_SIM_PORT');

	let sim: ChildProcess | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the simulator…');
		await n8n?.stop().catch(() => undefined);
		if (sim && sim.exitCode === null) sim.kill('SIGTERM');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		const t0 = Date.now();
		log('Building the package…');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
		const layout = await ensureN8n({ log });
		log(`Starting the SP-API simulator on port ${simPort} with ${flow} new order(s) a minute…`);
		const started = await startSimulator(simPort, flow);
		sim = started.child;

		n8n = await prepareN8n({ port: n8nPort, layout, keepUserFolder: process.env.DEMO_KEEP === '1', log });
		const credential = await importCredential(
			n8n,
			{ id: 'amazonSimulatorNA', name: 'Amazon Seller (simulator NA)' },
			{
				accountLabel: 'Simulator NA',
				region: 'na',
				environment: 'custom',
				customEndpoint: started.url,
				clientId: started.na.clientId,
				clientSecret: started.na.clientSecret,
				refreshToken: started.na.refreshToken,
				sellerId: started.na.sellerId,
			},
		);
		const examplesDir = path.join(REPO_ROOT, 'examples');
		const ids: Record<string, string> = {};
		for (const file of fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort()) {
			const live = LIVE_EXAMPLES.find((example) => example.file === file);
			let workflow = withCredential(JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')), credential);
			if (live?.everyMinutes) workflow = everyMinutes(workflow, live.everyMinutes);
			ids[file] = await importWorkflow(n8n, workflow, `demo${file.replace(/[^a-z0-9]/gi, '').slice(0, 10)}`);
		}
		log(`Starting n8n on port ${n8nPort}…`);
		await n8n.start();
		const api = new N8nApi(n8n.url);
		await api.login(n8n.owner.email, n8n.owner.password);
		await api.createApiKey('demo');
		for (const example of LIVE_EXAMPLES) {
			const id = ids[example.file];
			if (!id) continue;
			const setup = await api.runManually(id, example.setup);
			if (setup.status !== 'success') log(`${example.setup} (${example.file}) failed: ${JSON.stringify(setup.data?.resultData?.error ?? setup.status)}`);
			await api.activateWorkflow(id);
		}
		const erp = ids[TRIGGER_EXAMPLE];
		const ready = ((Date.now() - t0) / 1000).toFixed(0);
		console.log(
			[
				'',
				`n8n ${layout.dir.match(/n8n-([\d.]+)/)?.[1] ?? ''} with n8n-nodes-amazon-seller is ready (${ready} s).`,
				'',
				`  Editor:    ${n8n.url}${erp ? `/workflow/${erp}` : ''}`,
				`  Login:     ${n8n.owner.email}  /  ${n8n.owner.password}`,
				`  Simulator: ${started.url} (seller ${started.na.sellerId}, ${flow} new order(s) a minute)`,
				'',
				'The Amazon → ERP workflow is published: new orders show up under Executions and in the',
				'Data tables (erp_sales_orders, erp_sales_order_lines, erp_customers) about 3 minutes after',
				"they are placed (Amazon's search delay and budget). The simulator closes a settlement every few",
				'minutes: the payout workflow books each one in erp_journal_entries and erp_journal_lines. The Ship',
				'and Stock workflows run from their "Run now" trigger. Ctrl-C stops everything.',
				'',
			].join('\n'),
		);
		// Stay up until Ctrl-C; stop on our own if a child dies.
		n8n.child?.on('exit', () => {
			if (!stopping) {
				log('n8n exited; see its log above');
				void stop(1);
			}
		});
		sim.on('exit', () => {
			if (!stopping) {
				log('The simulator exited');
				void stop(1);
			}
		});
	} catch (error) {
		console.error(`[demo] ${(error as Error).message}`);
		if (n8n) console.error(n8n.logText().split('\n').slice(-30).join('\n'));
		await stop(1);
	}
}

if (require.main === module) void main();
