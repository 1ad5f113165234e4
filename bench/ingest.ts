/**
 * Order ingest: a backlog of new orders across the three North American marketplaces, drained once
 * by our trigger (its real poll(), through the poll harness) and once by the per-order v0 baseline,
 * each on a fresh simulator with the same seed and its own virtual clock. Calls, 429s and the time
 * to drain are read from the simulator's own call log, and set against the minimum Amazon's
 * published usage plans allow for the path each client took.
 */
import type { CallRecord, Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setClock } from '../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../simulator/virtualClock';
import { resetPacing } from '../nodes/AmazonSeller/transport/pacing';
import { ingestV0 } from './baseline/ingest';
import { V0OrdersClient } from './baseline/v0Client';
import { int } from './report';
import { trackIo } from '../nodes/AmazonSeller/transport/clock';
import { getToken, sp } from '../test/simulator.helpers';
import { PollHarness } from '../test/support/pollHarness';
import { simulatorCredentials } from '../test/support/simulatorCredentials';

const MINUTE = 60_000;
/** searchOrders and getOrders both return at most 100 orders a page. */
export const PAGE_SIZE = 100;
/** How long the trigger has been running before the backlog lands (its first poll sets the cursor). */
const BEFORE_BACKLOG_MS = 15 * MINUTE;
/** A drain that has not finished after this much virtual time is reported as stuck, not waited on. */
const GIVE_UP_MS = 7 * 24 * 60 * MINUTE;

/** Our trigger as n8n runs it: poll() with the workflow's static data kept between polls. */
export interface TriggerDriver {
	/** One scheduled poll at the current virtual time; the Amazon order ids of the items it emitted. */
	poll(): Promise<string[]>;
	/** Polls that failed (n8n records them as failed executions). */
	readonly errors: Error[];
}

/**
 * The real AmazonSellerTrigger.poll() in n8n's poll context (the trigger's poll harness), watching
 * New Order on the simulator's NA account in every marketplace it sells in. Opening it activates
 * the workflow (n8n's test poll, which stores nothing unless it emits) and runs the first scheduled
 * poll, which stores the trigger's starting point: from then on it is a running trigger.
 */
export async function openTrigger(sim: Simulator, pollIntervalMs = MINUTE): Promise<TriggerDriver> {
	const minutes = Math.max(1, Math.round(pollIntervalMs / MINUTE));
	const harness = new PollHarness({
		credentials: simulatorCredentials(sim, 'na'),
		parameters: { events: ['newOrder'], options: {} },
		pollTimes: { item: [minutes === 1 ? { mode: 'everyMinute' } : { mode: 'everyX', value: minutes, unit: 'minutes' }] },
	});
	await harness.activate();
	await harness.poll();
	return {
		errors: harness.errors,
		async poll() {
			const outcome = await harness.poll();
			return (outcome.items ?? []).map((item) => String(item.json.orderId));
		},
	};
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
	/** The floor for paging searchOrders through the whole backlog (the published-limit minimum for any search-based reader). */
	searchBoundSeconds: number;
	polls?: number;
	/** Polls that failed. */
	pollErrors?: number;
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

/**
 * The backlog: `count` new merchant-fulfilled orders, paid and waiting to ship (what an ERP has to
 * act on, and what New Order announces), placed over the last minutes and all old enough for Amazon
 * to list (2-minute rule).
 */
function placeBacklog(sim: Simulator, count: number, since: number): Set<string> {
	const from = since + MINUTE;
	const to = sim.clock.now() - 3 * MINUTE;
	const ids = new Set<string>();
	for (let i = 0; i < count; i++) {
		// Evenly spread, each order's last change its payment (lastUpdatedTime = createdTime); the
		// simulator spreads them over the account's marketplaces as Amazon sales are (mostly .com).
		const at = Math.round(from + ((to - from) * i) / Math.max(1, count - 1));
		ids.add(sim.orders.create({ account: 'na', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', createdAt: at, lastUpdatedAt: at }).orderId);
	}
	return ids;
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
 * The orders-report path: per report createReport, getReport, getReportDocument and the download.
 * None of them is rate-limited for a handful of reports, so the floor is the time Amazon takes to
 * build the report(s) the trigger asked for (createdTime → processingEndTime, read back from the
 * simulator after the run).
 */
async function reportPathBound(sim: Simulator, t: CallTally): Promise<{ seconds: number; calls: number; basis: string }> {
	const ids = new Set<string>();
	for (const c of sim.calls) {
		const m = c.operation === 'getReport' ? /\/reports\/([^/]+)$/.exec(c.path) : null;
		if (m) ids.add(m[1]);
	}
	let processing = 0;
	if (ids.size) {
		const token = await trackIo(getToken(sim, 'na'));
		for (const id of ids) {
			const res = await trackIo(sp(sim, token, `/reports/2021-06-30/reports/${id}`));
			const body = res.body as { createdTime?: string; processingEndTime?: string };
			if (body.createdTime && body.processingEndTime) processing += (Date.parse(body.processingEndTime) - Date.parse(body.createdTime)) / 1000;
		}
	}
	const reports = t.byOperation.createReport ?? 1;
	return {
		seconds: processing,
		calls: 4 * reports,
		basis: `${reports} orders report${reports === 1 ? '' : 's'}: createReport, getReport, getReportDocument and the download each; no rate-limit wait, so the floor is Amazon's time to build the report (${int(processing)} s here)`,
	};
}

export async function runTriggerIngest(options: IngestOptions & { open?: (sim: Simulator, pollIntervalMs: number) => Promise<TriggerDriver> } = {}): Promise<IngestRun> {
	const count = options.orders ?? 10_000;
	const interval = options.pollIntervalMs ?? MINUTE;
	const sim = await freshSimulator(options.seed ?? 20260105);
	try {
		// A running trigger (its starting point stored), with nothing on Amazon yet.
		const trigger = await (options.open ?? openTrigger)(sim, interval);
		const since = sim.clock.now();
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
			if (polls % 500 === 0) options.log?.(`  trigger: poll ${polls}, ${seen.size}/${backlog.size} orders`);
			// n8n runs the next poll at the next scheduled tick after this one finished.
			nextTick = start + (Math.floor((sim.clock.now() - start) / interval) + 1) * interval;
		}
		const t = tally(sim.calls);
		const viaReport = (t.byOperation.createReport ?? 0) > 0;
		const bound = viaReport ? await reportPathBound(sim, t) : searchPathBound(sim, count);
		const searches = t.byOperation.searchOrders ?? 0;
		const offset = (op: string) => {
			const call = sim.calls.find((c) => c.operation === op);
			return call ? `${int((call.at - start) / 1000)} s` : '?';
		};
		const path = viaReport
			? `orders report, requested at +${offset('createReport')} after ${searches} searchOrders windows, read at +${offset('getReportDocument')}`
			: `${searches} searchOrders windows`;
		return {
			client: 'trigger',
			path,
			...t,
			delivered: seen.size,
			duplicates,
			drainSeconds: (lastDelivery - start) / 1000,
			boundSeconds: bound.seconds,
			boundCalls: bound.calls,
			boundBasis: bound.basis,
			searchBoundSeconds: searchPathBound(sim, count).seconds,
			polls,
			pollErrors: trigger.errors.length,
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
			searchBoundSeconds: searchPathBound(sim, count).seconds,
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
