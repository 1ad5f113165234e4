/**
 * Steady state: the trigger polled 100 times on n8n's schedule while a few orders arrive between
 * polls. What it costs per poll, whether it ever draws a 429, and how long an order waits between
 * being placed and being emitted (Amazon only lists an order two minutes after it happened).
 */
import { Rng } from '../simulator/data/random';
import { freshSimulator, openTrigger, tally, type TriggerDriver } from './ingest';
import type { Simulator } from '../simulator';

const MINUTE = 60_000;
/** Amazon's searchOrders only covers changes at least two minutes old. */
const AMAZON_LAG_MS = 2 * MINUTE;
/** Polls after the measured ones, to collect orders placed just before the end. */
const FLUSH_POLLS = 15;

export interface SteadyOptions {
	polls?: number;
	pollIntervalMs?: number;
	/** Orders placed between two polls: uniformly 1..maxOrdersPerPoll. */
	maxOrdersPerPoll?: number;
	seed?: number;
	open?: (sim: Simulator, pollIntervalMs: number) => Promise<TriggerDriver>;
}

export interface SteadyResult {
	polls: number;
	pollIntervalMs: number;
	placed: number;
	/** Placed orders emitted by the end of the run. */
	delivered: number;
	/** Placed orders never emitted, even after the closing polls. */
	missed: number;
	duplicates: number;
	pollErrors: number;
	calls: number;
	byOperation: Record<string, number>;
	tokenCalls: number;
	throttled: number;
	callsPerPoll: number;
	/** One searchOrders page a poll, or what the usage plan sustains (rate × interval) when polls come faster. */
	boundCallsPerPoll: number;
	/** Longest wait from an order being placed to it being emitted (virtual seconds). */
	maxLatencySeconds: number;
	meanLatencySeconds: number;
	/** Amazon's 2-minute listing lag plus the time between two reads (the poll interval, or 1/rate of searchOrders if longer). */
	boundLatencySeconds: number;
}

export async function benchSteadyState(options: SteadyOptions = {}): Promise<SteadyResult> {
	const polls = options.polls ?? 100;
	const interval = options.pollIntervalMs ?? 5 * MINUTE;
	const maxPerPoll = options.maxOrdersPerPoll ?? 5;
	const seed = options.seed ?? 20260106;
	const rng = new Rng(seed);
	const sim = await freshSimulator(seed);
	try {
		const trigger = await (options.open ?? openTrigger)(sim, interval); // a running trigger
		const clock = sim.clock;
		const start = clock.now();
		sim.resetCalls();
		const placedAt = new Map<string, number>();
		const deliveredAt = new Map<string, number>();
		let duplicates = 0;
		const record = (ids: string[]) => {
			for (const id of ids) {
				if (!placedAt.has(id)) continue;
				if (deliveredAt.has(id)) duplicates++;
				else deliveredAt.set(id, clock.now());
			}
		};
		let lastPollAt = start;
		for (let i = 1; i <= polls; i++) {
			const tick = start + i * interval;
			// A few orders arrive at random moments before this poll's tick.
			const arrivals = Array.from({ length: rng.int(1, maxPerPoll) }, () => tick - interval + 1 + Math.floor(rng.next() * (interval - 1))).sort((a, b) => a - b);
			for (const at of arrivals) {
				if (at > clock.now()) await clock.sleep(at - clock.now());
				const [order] = sim.orders.generate({ count: 1, account: 'na', marketplaces: sim.accounts.na.marketplaceIds, createdAt: at, fulfilledBy: 'MERCHANT', statuses: ['UNSHIPPED'] });
				placedAt.set(order.orderId, at);
			}
			if (tick > clock.now()) await clock.sleep(tick - clock.now());
			lastPollAt = clock.now();
			record(await trigger.poll());
		}
		const t = tally(sim.calls);
		// No more orders: a few more polls (not counted above) deliver what the last ones could not see yet.
		for (let i = 1; i <= FLUSH_POLLS && deliveredAt.size < placedAt.size; i++) {
			await clock.sleep(lastPollAt + i * interval - clock.now());
			record(await trigger.poll());
		}
		const latencies = [...deliveredAt].map(([id, at]) => (at - placedAt.get(id)!) / 1000);
		const plan = sim.usagePlans.searchOrders;
		// One search a poll, or what the usage plan sustains when polls come faster than one per 1/rate s.
		const sustainable = (plan.rate * interval) / 1000;
		const readEvery = Math.max(interval, 1000 / plan.rate);
		return {
			polls,
			pollIntervalMs: interval,
			placed: placedAt.size,
			delivered: deliveredAt.size,
			missed: placedAt.size - deliveredAt.size,
			duplicates,
			pollErrors: trigger.errors.length,
			...t,
			callsPerPoll: t.calls / polls,
			boundCallsPerPoll: Math.min(1, sustainable),
			maxLatencySeconds: latencies.length ? Math.max(...latencies) : 0,
			meanLatencySeconds: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : 0,
			boundLatencySeconds: (AMAZON_LAG_MS + readEvery) / 1000,
		};
	} finally {
		await sim.close();
	}
}
