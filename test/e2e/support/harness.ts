/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * One e2e environment: the SP-API simulator on the real clock (n8n polls in real time) and a real
 * n8n with our built package, an owner, an API key and a credential pointing at the simulator.
 */
import net from 'node:net';
import { systemClock } from '../../../nodes/AmazonSeller/transport/clock';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../simulator';
import { N8nApi } from '../../../scripts/n8n/api';
import { simulatorCredentials } from '../../support/simulatorCredentials';
import { prepareN8n, type N8nInstance, type N8nOptions } from '../../../scripts/n8n/start-n8n';
import { CREDENTIAL_TYPE, PACKAGE_NAME, executeWorkflow, importCredential, importWorkflow, withCredential } from '../../../scripts/n8n/workflows';

export { CREDENTIAL_TYPE, withCredential };
export const PACKAGE = PACKAGE_NAME;
export const ACTION_NODE = `${PACKAGE}.amazonSeller`;
export const TRIGGER_NODE = `${PACKAGE}.amazonSellerTrigger`;

function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A base port with `count` free consecutive ports (n8n, its task broker, the CLI's task broker). */
export async function freePorts(count = 3): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const base = 20_000 + Math.floor(Math.random() * 20_000);
		let ok = true;
		for (let i = 0; i < count && ok; i++) ok = await portFree(base + i);
		if (ok) return base;
	}
	throw new Error('No free block of ports on 127.0.0.1');
}

export function simulatorCredentialData(sim: Simulator, account: 'na' | 'eu' | 'fe' = 'na'): Record<string, string> {
	return { ...simulatorCredentials(sim, account) } as unknown as Record<string, string>;
}

export interface E2eEnv {
	sim: Simulator;
	n8n: N8nInstance;
	api: N8nApi;
	credential: { id: string; name: string };
	/** Imports a workflow with the CLI (credentials referenced by name get the simulator credential). */
	importWorkflow(workflow: any): Promise<string>;
	/** `n8n execute --id` (the workflow needs a Manual Trigger); returns the run data and the saved execution. */
	execute(workflowId: string): Promise<{ run: any; execution: any }>;
	stop(): Promise<void>;
}

export interface E2eOptions {
	simulator?: SimulatorOptions;
	n8n?: N8nOptions;
	/** Start the n8n server (default true); false only prepares it (CLI use before the first start). */
	start?: boolean;
}

let importCounter = 0;

export async function startE2e(options: E2eOptions = {}): Promise<E2eEnv> {
	const sim = await startSimulator({ clock: systemClock, ...(options.simulator ?? {}) });
	let n8n: N8nInstance | undefined;
	try {
		const port = await freePorts(3);
		n8n = await prepareN8n({ port, log: (m) => console.log(`[n8n] ${m}`), ...(options.n8n ?? {}) });
		const credential = await importCredential(
			n8n,
			{ id: `amzsim${Math.random().toString(36).slice(2, 10)}`, name: 'Amazon Seller (simulator NA)' },
			simulatorCredentialData(sim),
		);
		const api = new N8nApi(n8n.url);
		const instance = n8n;
		const env: E2eEnv = {
			sim,
			n8n,
			api,
			credential,
			async importWorkflow(workflow) {
				const id = workflow.id ?? `e2ewf${Date.now().toString(36)}${importCounter++}`;
				return await importWorkflow(instance, withCredential(workflow, credential), id);
			},
			async execute(workflowId) {
				const run = await executeWorkflow(instance, workflowId);
				let execution: any;
				if (instance.child && api.apiKey) {
					const executions = await api.executions({ workflowId, includeData: true, max: 1 });
					execution = executions[0];
				}
				return { run, execution };
			},
			async stop() {
				await instance.stop();
				await sim.close();
			},
		};
		if (options.start !== false) await startServer(env);
		return env;
	} catch (error) {
		await n8n?.stop();
		await sim.close();
		throw error;
	}
}

/** Starts (or restarts) the n8n server and logs the owner in with an API key. */
export async function startServer(env: E2eEnv): Promise<void> {
	await env.n8n.start();
	await env.api.login(env.n8n.owner.email, env.n8n.owner.password);
	if (!env.api.apiKey) await env.api.createApiKey('e2e');
}

/** Output items of a node in a run returned by `n8n execute --rawOutput`. */
export function runOutput(run: any, nodeName: string, outputIndex = 0): any[] {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`Node "${nodeName}" did not run; ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')}`);
	return runs.flatMap((r: any) => (r.data?.main?.[outputIndex] ?? []).map((item: any) => item.json));
}

/** Polls `check` until it returns a value (not undefined), bounded in time and attempts. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, { timeoutMs = 120_000, intervalMs = 1000 } = {}): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			last = error;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A Manual Trigger → one node workflow, for running an action with `n8n execute`. */
export function manualWorkflow(name: string, nodes: any[], extraConnections: Record<string, any> = {}): any {
	const trigger = { id: 'manual', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [trigger, ...nodes.map((n, i) => ({ id: n.id ?? `node${i}`, typeVersion: 1, position: [220 * (i + 1), 0], ...n }))];
	const connections: Record<string, any> = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections: { ...connections, ...extraConnections }, settings: { executionOrder: 'v1' } };
}
