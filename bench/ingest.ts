/**
 * Order ingest: a backlog of new orders across the three North American marketplaces, drained once
 * by our trigger (its real poll(), through the poll harness) and once by the per-order v0 baseline,
 * each on a fresh simulator with the same seed and its own virtual clock. Calls, 429s and the time
 * to drain are read from the simulator's own call log, and set against the minimum Amazon's
 * published usage plans allow for the path each client took.
 */
import type { CallRecord, Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setClock, VirtualClock } from '../nodes/AmazonSeller/transport/clock';
import { resetPacing } from '../nodes/AmazonSeller/transport/pacing';
import { ingestV0 } from './baseline/ingest';
import { V0OrdersClient } from './baseline/v0Client';

const MINUTE = 60_000;
/** searchOrders and getOrders both return at most 100 orders a page. */
export const PAGE_SIZE = 100;
/** How long the trigger has been running before the backlog lands (its first poll sets the cursor). */
const BEFORE_BACKLOG_MS = 15 * MINUTE;
/** A drain that has not finished after this much virtual time is reported as stuck, not waited on. */
const GIVE_UP_MS = 7 * 24 * 60 * MINUTE;

/** Our trigger as n8n runs it: poll() with the workflow's static data kept between polls. */
export interface TriggerDriver {
	/** One poll at the current virtual time; the Amazon order ids of the orders it emitted. */
	poll(): Promise<string[]>;
}

/** The real AmazonSellerTrigger.poll() through the trigger's poll harness, watching new orders on the simulator's NA account. */
export async function openTrigger(sim: Simulator): Promise<TriggerDriver> {
	void sim;
	throw new Error('The trigger poll harness (test/support/pollHarness.ts) has not landed yet');
}

export interface Plan {
	rate: number;
	burst: number;
}

/** The least time `calls` requests of one operation can take from a full bucket: the burst, then one per 1/rate s. */
export function minSeconds(plan: Plan, calls: number): number {
	return Math.max(0, calls - plan.burst) / plan.rate;
}

export interface CallTally {
	/** SP-API requests plus document uploads/downloads (everything but Login with Amazon). */
	calls: number;
	byOperation: Record<string, number>;
	/** Login-with-Amazon token requests (not rate-limited SP-API calls; shown apart). */
	tokenCalls: number;
	/** 429 answers received. */
	throttled: number;
}

export function tally(calls: readonly CallRecord[]): CallTally {
	const t: CallTally = { calls: 0, byOperation: {}, tokenCalls: 0, throttled: 0 };
	for (const c of calls) {
		if (c.status === 429) t.throttled++;
		if (c.operation === 'lwaToken') {
			t.tokenCalls++;
			continue;
		}
		t.calls++;
		t.byOperation[c.operation] = (t.byOperation[c.operation] ?? 0) + 1;
	}
	return t;
}

export interface IngestRun extends CallTally {
	client: 'trigger' | 'baseline';
	/** Which reads the client used, e.g. "searchOrders" or "getOrders + getOrderItems". */
	path: string;
	/** Distinct backlog orders delivered. */
	delivered: number;
	/** Orders delivered more than once (should be 0). */
	duplicates: number;
	/** Virtual seconds from the backlog landing to the last order delivered. */
	drainSeconds: number;
	/** The least time Amazon's published limits allow for this path. */
	boundSeconds: number;
	/** The fewest calls this path can make for the backlog. */
	boundCalls: number;
	/** How the bound was computed. */
	boundBasis: string;
	polls?: number;
}

export interface IngestResult {
	orders: number;
	pollIntervalMs: number;
	trigger: IngestRun;
	baseline: IngestRun;
}

export interface IngestOptions {
	orders?: number;
	seed?: number;
	/** How often n8n runs the trigger's poll() (virtual). Default: every minute, n8n's shortest. */
	pollIntervalMs?: number;
	/** Report progress (for the CLI). */
	log?: (line: string) => void;
}

/** A simulator with an empty order book on a fresh virtual clock the transport uses too. */
export async function freshSimulator(seed: number): Promise<Simulator> {
	const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
	setClock(clock);
	resetPacing();
	return await startSimulator({ clock, seed, seedOrders: 0 });
}

/** The backlog: `count` new, paid orders over the last minutes, all old enough for Amazon to list (2-minute rule). */
function placeBacklog(sim: Simulator, count: number, since: number): Set<string> {
	const now = sim.clock.now();
	const orders = sim.orders.generate({
		count,
		account: 'na',
		marketplaces: sim.accounts.na.marketplaceIds,
		createdAt: [since + MINUTE, now - 3 * MINUTE],
		statuses: ['UNSHIPPED'],
	});
	return new Set(orders.map((o) => o.orderId));
}

async function advanceTo(sim: Simulator, at: number): Promise<void> {
	const now = sim.clock.now();
	if (at > now) await sim.clock.sleep(at - now);
}

function searchPathBound(sim: Simulator, orders: number): { seconds: number; calls: number; basis: string } {
	const plan = sim.usagePlans.searchOrders;
	const pages = Math.ceil(orders / PAGE_SIZE);
	return {
		seconds: minSeconds(plan, pages),
		calls: pages,
		basis: `${pages} searchOrders pages at ${plan.rate}/s, burst ${plan.burst}: (${pages} − ${plan.burst}) ÷ ${plan.rate}`,
	};
}

/**
 * The orders-report path: one report (createReport, getReport until done, getReportDocument, the
 * download). None of those is rate-limited for a single report, so the only floor is the time
 * Amazon takes to produce the report, read from the getReport calls the trigger made.
 */
function reportPathBound(sim: Simulator, t: CallTally, start: number): { seconds: number; calls: number; basis: string } {
	const created = sim.calls.find((c) => c.operation === 'createReport' && c.at >= start);
	const lastStatus = [...sim.calls].reverse().find((c) => c.operation === 'getReportDocument' && c.at >= start);
	const processing = created && lastStatus ? (lastStatus.at - created.at) / 1000 : 0;
	const reports = t.byOperation.createReport ?? 1;
	return {
		seconds: processing,
		calls: 4 * reports,
		basis: `${reports} orders report(s): createReport, getReport, getReportDocument and the download each; time floor = Amazon's report processing`,
	};
}

export async function runTriggerIngest(options: IngestOptions & { open?: (sim: Simulator) => Promise<TriggerDriver> } = {}): Promise<IngestRun> {
	const count = options.orders ?? 10_000;
	const interval = options.pollIntervalMs ?? MINUTE;
	const sim = await freshSimulator(options.seed ?? 20260105);
	try {
		const trigger = await (options.open ?? openTrigger)(sim);
		const since = sim.clock.now();
		await trigger.poll(); // the first poll starts the cursor; nothing is there yet
		await advanceTo(sim, since + BEFORE_BACKLOG_MS);
		const backlog = placeBacklog(sim, count, since);
		sim.resetCalls();
		const start = sim.clock.now();
		const seen = new Set<string>();
		let duplicates = 0;
		let polls = 0;
		let lastDelivery = start;
		let nextTick = start;
		while (seen.size < backlog.size && sim.clock.now() - start < GIVE_UP_MS) {
			await advanceTo(sim, nextTick);
			const ids = await trigger.poll();
			polls++;
			for (const id of ids) {
				if (!backlog.has(id)) continue;
				if (seen.has(id)) duplicates++;
				else seen.add(id);
			}
			if (ids.length) lastDelivery = sim.clock.now();
			if (polls % 20 === 0) options.log?.(`  trigger: poll ${polls}, ${seen.size}/${backlog.size} orders`);
			// n8n runs the next poll at the next scheduled tick after this one finished.
			nextTick = start + (Math.floor((sim.clock.now() - start) / interval) + 1) * interval;
		}
		const t = tally(sim.calls);
		const viaReport = (t.byOperation.createReport ?? 0) > 0;
		const bound = viaReport ? reportPathBound(sim, t, start) : searchPathBound(sim, count);
		const reads = Object.keys(t.byOperation).filter((op) => op !== 'upload' && op !== 'download');
		return {
			client: 'trigger',
			path: reads.join(' + ') || 'none',
			...t,
			delivered: seen.size,
			duplicates,
			drainSeconds: (lastDelivery - start) / 1000,
			boundSeconds: bound.seconds,
			boundCalls: bound.calls,
			boundBasis: bound.basis,
			polls,
		};
	} finally {
		await sim.close();
	}
}

export async function runBaselineIngest(options: IngestOptions = {}): Promise<IngestRun> {
	const count = options.orders ?? 10_000;
	const sim = await freshSimulator(options.seed ?? 20260105);
	try {
		const since = sim.clock.now();
		await advanceTo(sim, since + BEFORE_BACKLOG_MS);
		const backlog = placeBacklog(sim, count, since);
		sim.resetCalls();
		const start = sim.clock.now();
		const client = new V0OrdersClient(sim, 'na');
		let delivered = 0;
		const result = await ingestV0(client, {
			marketplaceIds: sim.accounts.na.marketplaceIds,
			createdAfter: new Date(since).toISOString(),
			onOrder: (id) => {
				if (backlog.has(id)) delivered++;
				if (delivered % 2000 === 0) options.log?.(`  baseline: ${delivered}/${backlog.size} orders`);
			},
		});
		const end = sim.clock.now();
		const t = tally(sim.calls);
		const pages = Math.ceil(count / PAGE_SIZE);
		const plans = sim.usagePlans;
		const pagesSeconds = minSeconds(plans.getOrders, pages);
		const itemsSeconds = minSeconds(plans.getOrderItems, count);
		return {
			client: 'baseline',
			path: 'getOrders + getOrderItems',
			...t,
			delivered,
			duplicates: result.repeats,
			drainSeconds: (end - start) / 1000,
			boundSeconds: Math.max(pagesSeconds, itemsSeconds),
			boundCalls: pages + count,
			boundBasis:
				`${pages} getOrders pages (${plans.getOrders.rate}/s, burst ${plans.getOrders.burst}) overlapping ${count} getOrderItems ` +
				`(${plans.getOrderItems.rate}/s, burst ${plans.getOrderItems.burst}): the slower, (${count} − ${plans.getOrderItems.burst}) ÷ ${plans.getOrderItems.rate}`,
		};
	} finally {
		await sim.close();
	}
}

export async function benchIngest(options: IngestOptions = {}): Promise<IngestResult> {
	const orders = options.orders ?? 10_000;
	const trigger = await runTriggerIngest({ ...options, orders });
	const baseline = await runBaselineIngest({ ...options, orders });
	return {
		orders,
		pollIntervalMs: options.pollIntervalMs ?? MINUTE,
		trigger,
		baseline,
	};
}
