/**
 * Above what searchOrders can page (about 2,000 changes an hour), the trigger reads Amazon's orders
 * report instead: a seller's peak hour, or a large backfill, is still ingested within the hour,
 * exactly once, with a handful of calls.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { PollHarness } from '../support/pollHarness';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { countBy, DAY, HOUR, MINUTE, simulatorOnVirtualClock, type SimSetup } from './support';

let setup: SimSetup;
afterEach(async () => await setup.close());

const ALL = ['newOrder', 'orderCanceled', 'orderUpdated'];

function latencies(items: Array<{ item: INodeExecutionData; at: number }>, created: (id: string) => number): number[] {
	const first = new Map<string, number>();
	for (const { item, at } of items) if (!first.has(String(item.json.orderId))) first.set(String(item.json.orderId), at);
	return [...first].map(([id, at]) => at - created(id)).sort((a, b) => a - b);
}

it('a peak hour of 10,000 new orders is ingested within the hour through the orders report, once each', async () => {
	setup = await simulatorOnVirtualClock(61);
	const { sim, clock } = setup;
	const h = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: ALL } });
	await h.activate();
	const life = sim.orders.lifecycle({ count: 10_000, over: HOUR, account: 'na', cancelRate: 0 });
	const delivered: Array<{ item: INodeExecutionData; at: number }> = [];
	const steps = new Set<string>();
	const end = clock.now() + HOUR + 30 * MINUTE;
	while (clock.now() < end) {
		await clock.sleep(MINUTE);
		const { items } = await h.poll();
		for (const item of items ?? []) delivered.push({ item, at: clock.now() });
		if (h.lastPollReport?.report) steps.add(String(h.lastPollReport.report));
	}
	const created = (id: string) => sim.orders.record(id)!.createdTime;
	const lat = latencies(delivered, created);
	const calls = sim.calls.filter((c) => !['lwaToken', 'download'].includes(c.operation));
	const byOperation = Object.fromEntries(countBy(calls, (c) => c.operation));
	console.log(
		`peak hour: ${life.orderIds.length} orders, ${lat.length} ingested; time from placement to event p50 ${(lat[lat.length >> 1] / MINUTE).toFixed(1)} min, ` +
			`p95 ${(lat[Math.floor(lat.length * 0.95)] / MINUTE).toFixed(1)} min, max ${(lat[lat.length - 1] / MINUTE).toFixed(1)} min; ` +
			`SP-API calls ${calls.length} (${JSON.stringify(byOperation)}), ${(calls.length / lat.length).toFixed(4)} per order; 429s ${sim.calls.filter((c) => c.status === 429).length}`,
	);
	expect(steps).toContain('read');
	expect(lat).toHaveLength(life.orderIds.length);
	expect(lat[lat.length - 1]).toBeLessThan(HOUR);
	const versions = delivered.map(({ item }) => `${item.json.orderId}|${item.json.lastUpdatedTime}`);
	expect(new Set(versions).size).toBe(versions.length);
	expect(sim.calls.filter((c) => c.status === 429)).toEqual([]);
});

it('a backfill of 5,000 orders over ten days uses the report, then carries on with searchOrders: every one-time event once', async () => {
	setup = await simulatorOnVirtualClock(62);
	const { sim, clock } = setup;
	sim.orders.generate({ count: 5_000, account: 'na', createdAt: [clock.now() - 10 * DAY, clock.now() - 5 * MINUTE] });
	const startDate = new Date(clock.now() - 10 * DAY - HOUR).toISOString();
	const h = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: ['newOrder', 'orderCanceled'], options: { startDate } } });
	const activationStarted = clock.now();
	await h.activate();
	// Activation asks for the report but does not wait for Amazon to build it.
	expect(clock.now() - activationStarted).toBeLessThan(MINUTE);
	const steps: string[] = [];
	const end = clock.now() + 2 * HOUR;
	while (clock.now() < end) {
		await clock.sleep(MINUTE);
		await h.poll();
		steps.push(String(h.lastPollReport?.report ?? h.lastPollReport?.stop));
	}
	const orders = sim.orders.all();
	const ready = orders.filter((o) => o.status === 'SHIPPED' || (o.fulfilledBy === 'MERCHANT' && ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(o.status)));
	const cancelled = orders.filter((o) => o.status === 'CANCELLED');
	const byEvent = (event: string) => h.items.filter((i) => i.json.event === event).map((i) => String(i.json.orderId)).sort();
	expect(steps).toContain('read');
	expect(byEvent('newOrder')).toEqual(ready.map((o) => o.orderId).sort());
	expect(byEvent('orderCanceled')).toEqual(cancelled.map((o) => o.orderId).sort());
	expect(h.items.every((i) => i.json.source === 'report' || i.json.source === 'searchOrders')).toBe(true);
	const searchCalls = sim.calls.filter((c) => c.operation === 'searchOrders').length;
	console.log(`backfill: ${orders.length} orders, ${h.items.length} events, ${searchCalls} searchOrders calls, reports: ${sim.calls.filter((c) => c.operation === 'createReport').length}`);
});
