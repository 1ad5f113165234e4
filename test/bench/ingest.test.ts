/**
 * A small run of the order-ingest benchmark (bench/ingest.ts): the same backlog drained by our
 * trigger through its real poll() and by the per-order v0 baseline, each on its own simulator.
 * Behaviour only — who calls Amazon how often, and that nobody is throttled — never timings.
 */
import { runBaselineIngest, runTriggerIngest } from '../../bench/ingest';
import { benchSteadyState } from '../../bench/steadyState';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';

const ORDERS = 300;

afterAll(() => setClock(systemClock));

describe('order ingest benchmark (small)', () => {
	it('delivers every order with far fewer calls than the per-order baseline, and neither draws a 429', async () => {
		const ours = await runTriggerIngest({ orders: ORDERS, seed: 7 });
		const baseline = await runBaselineIngest({ orders: ORDERS, seed: 7 });

		expect(ours.delivered).toBe(ORDERS);
		expect(ours.duplicates).toBe(0);
		expect(ours.pollErrors).toBe(0);
		expect(baseline.delivered).toBe(ORDERS);

		// The baseline is the per-order pattern: every order costs a getOrderItems call.
		expect(baseline.byOperation.getOrderItems).toBe(ORDERS);
		expect(baseline.byOperation.getOrders).toBe(Math.ceil(ORDERS / 100));
		// Ours reads whole orders a page at a time and never asks per order.
		expect(ours.byOperation.getOrderItems ?? 0).toBe(0);
		expect(ours.byOperation.getOrder ?? 0).toBe(0);
		expect(ours.calls * 10).toBeLessThan(baseline.calls);

		expect(ours.throttled).toBe(0);
		expect(baseline.throttled).toBe(0);
	});

	it('keeps polling without a 429 or a lost order when n8n polls faster than Amazon allows searches', async () => {
		const steady = await benchSteadyState({ polls: 20, pollIntervalMs: 60_000, seed: 11 });
		expect(steady.throttled).toBe(0);
		expect(steady.pollErrors).toBe(0);
		expect(steady.delivered).toBe(steady.placed);
		expect(steady.duplicates).toBe(0);
		// One search per ~179 s at most: fewer calls than polls.
		expect(steady.byOperation.searchOrders).toBeLessThan(steady.polls);
	});
});
