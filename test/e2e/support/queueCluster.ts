/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Queue-mode e2e environment: the SP-API simulator (real clock), a queue-mode cluster (Redis with
 * its append-only file, Postgres 17, n8n main and N workers, our package in every process; see
 * scripts/n8n/queue-cluster.ts), an owner with an API key and a credential for the simulator, plus
 * what the tests measure: a steady order flow with the events Amazon should produce, the events the
 * trigger emitted (read from Postgres, so crashed executions count too), and the ERP's rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../../nodes/AmazonSeller/transport/clock';
import { startSimulator, type SimOrder, type Simulator, type SimulatorOptions } from '../../../simulator';
import { N8nApi } from '../../../scripts/n8n/api';
import { POLL_LINE, QueueCluster, type QueueClusterOptions } from '../../../scripts/n8n/queue-cluster';
import { importCredential, importWorkflow, withCredential } from '../../../scripts/n8n/workflows';
import { simulatorCredentials } from '../../support/simulatorCredentials';

export { QueueCluster, DURABLE_CURSOR_ENV, POLL_LINE } from '../../../scripts/n8n/queue-cluster';

export const US = 'ATVPDKIKX0DER';
export const EXAMPLE_FILE = path.join(__dirname, '..', '..', '..', 'examples', '1-amazon-to-erp-data-tables.json');
export const TRIGGER = 'Amazon Seller Trigger';
export const SETUP_TRIGGER = 'Set up ERP tables (run once)';

export interface QueueE2e {
	sim: Simulator;
	cluster: QueueCluster;
	api: N8nApi;
	credential: { id: string; name: string };
	/** Imports a workflow (our credential on the Amazon nodes) under `id`; main must be running (it is). */
	importWorkflow(workflow: any, id: string): Promise<string>;
	/** Logs in again (after a main restart) and keeps the API key. */
	relogin(): Promise<void>;
	stop(opts?: { failed?: boolean }): Promise<void>;
}

export interface QueueE2eOptions {
	cluster?: QueueClusterOptions;
	simulator?: SimulatorOptions;
	log?: (message: string) => void;
}

export async function startQueueE2e(options: QueueE2eOptions = {}): Promise<QueueE2e> {
	const log = options.log ?? ((m: string) => console.log(`[queue e2e] ${m}`));
	const sim = await startSimulator({ clock: systemClock, seedOrders: 3, ...(options.simulator ?? {}) });
	const cluster = new QueueCluster({ log, ...(options.cluster ?? {}) });
	try {
		await cluster.start();
		const credential = await importCredential(
			cluster.mainInstance,
			{ id: 'amzsimqueue', name: 'Amazon Seller (simulator NA)' },
			simulatorCredentials(sim, 'na') as unknown as Record<string, unknown>,
		);
		const api = new N8nApi(cluster.url);
		await api.login(cluster.mainInstance.owner.email, cluster.mainInstance.owner.password);
		await api.createApiKey('queue-e2e');
		return {
			sim,
			cluster,
			api,
			credential,
			async importWorkflow(workflow, id) {
				return await importWorkflow(cluster.mainInstance, withCredential(workflow, credential), id);
			},
			async relogin() {
				await api.login(cluster.mainInstance.owner.email, cluster.mainInstance.owner.password);
			},
			async stop({ failed = false } = {}) {
				await cluster.stop({ failed });
				await sim.close();
			},
		};
	} catch (error) {
		await cluster.stop({ failed: true });
		await sim.close();
		throw error;
	}
}

/** The Amazon → ERP example, imported, its tables set up ("Execute workflow" on the setup trigger) and published. */
export async function publishExample(env: QueueE2e, id: string, edit: (workflow: any) => any = (w) => w): Promise<string> {
	const workflow = edit(JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8')));
	await env.importWorkflow(workflow, id);
	const setup = await env.api.runManually(id, SETUP_TRIGGER);
	if (setup.status !== 'success') throw new Error(`Setting up the ERP tables failed: ${JSON.stringify(setup.data?.resultData?.error ?? setup.status)}`);
	await env.api.activateWorkflow(id);
	return id;
}

/**
 * A steady, known order flow on the simulator's NA account (US, merchant-fulfilled, paid at once, so
 * each order is one New Order event), with every `cancelEvery`-th order canceled by the buyer
 * `cancelAfterMs` later (one Order Canceled event). Records the events Amazon should produce.
 */
export class OrderFlow {
	readonly orders: SimOrder[] = [];
	readonly canceled = new Set<string>();
	/** When the flow last changed an order (placed or canceled), ms. */
	lastChangeAt = 0;
	private timers: NodeJS.Timeout[] = [];
	private interval: NodeJS.Timeout | undefined;

	constructor(
		private readonly sim: Simulator,
		private readonly o: { perMinute: number; cancelEvery?: number; cancelAfterMs?: number },
	) {}

	start(): this {
		const place = () => {
			const order = this.sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED' });
			this.orders.push(order);
			this.lastChangeAt = Date.now();
			const every = this.o.cancelEvery ?? 0;
			if (every > 0 && this.orders.length % every === 0) {
				const timer = setTimeout(() => {
					try {
						this.sim.orders.transition(order.orderId, 'CANCELLED');
						this.canceled.add(order.orderId);
						this.lastChangeAt = Date.now();
					} catch {}
				}, this.o.cancelAfterMs ?? 40_000);
				this.timers.push(timer);
			}
		};
		place();
		this.interval = setInterval(place, 60_000 / this.o.perMinute);
		return this;
	}

	stop(): void {
		if (this.interval) clearInterval(this.interval);
		this.interval = undefined;
	}

	/** Stops placing and canceling. */
	close(): void {
		this.stop();
		for (const t of this.timers) clearTimeout(t);
	}

	/**
	 * The events Amazon's data implies: New Order for each order still open, Order Canceled for each
	 * canceled one. An order canceled this soon is usually first seen canceled (the trigger reads
	 * changes at least 2.5 min old), which announces no New Order: see optionalEvents().
	 */
	expectedEvents(): string[] {
		return [...this.openOrderIds().map((id) => `${id}:newOrder`), ...[...this.canceled].map((id) => `${id}:orderCanceled`)];
	}

	/** New Order of a canceled order: right if the trigger saw it open first, not required. */
	optionalEvents(): string[] {
		return [...this.canceled].map((id) => `${id}:newOrder`);
	}

	/** Orders not canceled: each must end up as one sales order in the ERP. */
	openOrderIds(): string[] {
		return this.orders.map((o) => o.orderId).filter((id) => !this.canceled.has(id));
	}

	/** When each order was placed (ISO), for attributing a lost event to a fault. */
	timeline(): Array<{ orderId: string; placedAt: string; canceled: boolean }> {
		return this.orders.map((o) => ({ orderId: o.orderId, placedAt: new Date(o.createdTime).toISOString(), canceled: this.canceled.has(o.orderId) }));
	}
}

export interface EmittedItem {
	eventId: string;
	orderId: string;
	event: string;
	executionId: number;
	status: string;
}

/**
 * Every item the trigger emitted, over all executions of the workflow, read from n8n's database:
 * from the trigger's run data, or, for an execution that never ran on a worker, from the stack of
 * nodes still to run (main stores the poll's items there). `unreadable` lists executions whose data
 * holds neither (n8n replaced it with an error).
 */
export async function emittedEvents(cluster: QueueCluster, workflowId: string): Promise<{ items: EmittedItem[]; unreadable: number[] }> {
	const items: EmittedItem[] = [];
	const unreadable: number[] = [];
	for (const row of await cluster.executionRows(workflowId)) {
		if (row.mode === 'manual' || row.mode === 'retry') continue;
		const data = await cluster.executionData(row.id).catch(() => undefined);
		const outputs = triggerItemsOf(data);
		if (!outputs.length) {
			unreadable.push(row.id);
			continue;
		}
		for (const item of outputs) {
			items.push({ eventId: item.json.eventId, orderId: item.json.orderId, event: item.json.event, executionId: row.id, status: row.status });
		}
	}
	return { items, unreadable };
}

/** The trigger's items in an execution's stored data (run data, or the stack still to run); [] when gone. */
export function triggerItemsOf(data: any): any[] {
	const ran = data?.resultData?.runData?.[TRIGGER] as any[] | undefined;
	if (ran?.length) return ran.flatMap((run) => run.data?.main?.[0] ?? []);
	const pending = (data?.executionData?.nodeExecutionStack ?? []).filter((e: any) => e?.node?.name === TRIGGER);
	return pending.flatMap((e: any) => e.data?.main?.[0] ?? []);
}

export interface Tally {
	expected: number;
	/** Expected events seen in a successful execution. */
	delivered: number;
	/** Expected events in no execution at all (or only in one whose data is gone). */
	lost: string[];
	/** Events emitted more than once (over all executions). */
	duplicated: string[];
	/** Expected events seen only in failed/crashed executions. */
	onlyInFailed: string[];
}

export function tally(expected: string[], items: EmittedItem[]): Tally {
	const byEvent = new Map<string, EmittedItem[]>();
	for (const i of items) byEvent.set(i.eventId, [...(byEvent.get(i.eventId) ?? []), i]);
	const ok = (i: EmittedItem) => i.status === 'success';
	const lost = expected.filter((e) => !byEvent.has(e));
	const onlyInFailed = expected.filter((e) => byEvent.has(e) && !byEvent.get(e)!.some(ok));
	const duplicated = [...byEvent.entries()].filter(([, list]) => list.length > 1).map(([e]) => e);
	return { expected: expected.length, delivered: expected.filter((e) => byEvent.get(e)?.some(ok)).length, lost, duplicated, onlyInFailed };
}

/** Rows of an ERP table (n8n Data Table) by name, over the public API. */
export async function erpRows(api: N8nApi, name: string): Promise<any[]> {
	const table = await api.dataTableByName(name);
	if (!table) throw new Error(`No data table ${name}`);
	return await api.dataTableRows(table.id);
}

/** Orders Amazon has vs sales-order rows the ERP has: missing, doubled. */
export function compareErp(orderIds: string[], rows: any[]): { amazon: number; erpRows: number; missing: string[]; doubled: string[] } {
	const count = new Map<string, number>();
	for (const r of rows) count.set(r.amazonOrderId, (count.get(r.amazonOrderId) ?? 0) + 1);
	return {
		amazon: orderIds.length,
		erpRows: rows.length,
		missing: orderIds.filter((id) => !count.has(id)),
		doubled: [...count.entries()].filter(([, n]) => n > 1).map(([id]) => id),
	};
}

/**
 * Waits for a worker to take an execution (its "Worker started execution N" log line, watched every
 * 20 ms), then kills it after `delayMs`. Returns the execution and the worker, or undefined on timeout.
 */
export async function killWorkerMidExecution(
	cluster: QueueCluster,
	{ delayMs = 150, timeoutMs = 240_000, workers }: { delayMs?: number; timeoutMs?: number; workers?: number[] } = {},
): Promise<{ executionId: number; worker: number; killedAt: number; startedLogAt: number } | undefined> {
	const candidates = (workers ?? cluster.workers.map((w) => w.index)).map((i) => cluster.worker(i));
	const offsets = new Map(candidates.map((w) => [w.index, w.process.logSize()]));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		for (const w of candidates) {
			if (!w.process.running) continue;
			const { text, offset } = w.process.logSince(offsets.get(w.index) ?? 0);
			offsets.set(w.index, offset);
			const started = /Worker started execution (\d+) \(job \d+\)/.exec(text);
			if (started) {
				const startedLogAt = Date.now();
				if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
				await cluster.killWorker(w.index);
				return { executionId: Number(started[1]), worker: w.index, killedAt: Date.now(), startedLogAt };
			}
		}
		await new Promise((r) => setTimeout(r, 20));
	}
	return undefined;
}

/** Waits until main writes a poll line (a poll has just started), or gives up after timeoutMs. */
export async function waitForPoll(cluster: QueueCluster, { timeoutMs = 180_000 }: { timeoutMs?: number } = {}): Promise<boolean> {
	let offset = cluster.main.logSize();
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const next = cluster.main.logSince(offset);
		offset = next.offset;
		if (POLL_LINE.test(next.text)) return true;
		await new Promise((r) => setTimeout(r, 50));
	}
	return false;
}

/** The simulator's calls by operation and HTTP status, e.g. { searchOrders: { 200: 4, 429: 1 } }: what n8n asked Amazon. */
export function simulatorCalls(sim: Simulator): Record<string, Record<number, number>> {
	const out: Record<string, Record<number, number>> = {};
	for (const c of sim.calls) {
		const byStatus = (out[c.operation] ??= {});
		byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
	}
	return out;
}

/** The trigger's watermark as stored by the default engine (workflow static data), or undefined. */
export async function triggerWatermark(cluster: QueueCluster, workflowId: string): Promise<number | undefined> {
	const data = await cluster.staticData(workflowId).catch(() => undefined);
	const node = data?.[`node:${TRIGGER}`];
	const cursor = node && (Object.values(node).find((v: any) => v && typeof v === 'object' && 'watermarkMs' in v) as any);
	return cursor?.watermarkMs;
}

/**
 * Events the trigger has emitted and the workflow has not confirmed yet (its delivery ledger as
 * stored in workflow static data): what a fault at this moment puts at risk.
 */
export async function unconfirmedEvents(cluster: QueueCluster, workflowId: string): Promise<string[]> {
	const data = await cluster.staticData(workflowId).catch(() => undefined);
	const node = data?.[`node:${TRIGGER}`];
	const cursors = node ? (Object.values(node).filter((v: any) => v && typeof v === 'object' && v.pending) as any[]) : [];
	return [...new Set(cursors.flatMap((c) => Object.keys(c.pending)))];
}

/**
 * Waits until the trigger's position has passed `ms` (every change before it was read and emitted,
 * or lost with an execution), bounded by timeoutMs. Returns whether it did.
 */
export async function waitForTriggerToPass(cluster: QueueCluster, workflowId: string, ms: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const watermark = await triggerWatermark(cluster, workflowId);
		if (watermark !== undefined && watermark > ms) return true;
		await new Promise((r) => setTimeout(r, 5000));
	}
	return false;
}
