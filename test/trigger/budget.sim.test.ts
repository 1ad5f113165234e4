/**
 * Living inside Amazon's budget: searchOrders sustains one call per 179 s per seller and app, and
 * every trigger and node of the account shares it. One-minute polls must not draw a single 429,
 * two triggers on one account must both get everything, and a poll cut short (by the budget or by
 * n8n's poll time) must lose nothing.
 */
import { AmazonSellerTrigger } from '../../nodes/AmazonSeller/AmazonSellerTrigger.node';
import { PollHarness } from '../support/pollHarness';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { countBy, DAY, HOUR, MINUTE, simulatorOnVirtualClock, type SimSetup } from './support';

let setup: SimSetup;
afterEach(async () => await setup.close());

const events = ['newOrder', 'orderCanceled', 'orderUpdated'];

async function pollAll(harnesses: PollHarness[], ms: number, every = MINUTE): Promise<void> {
	const end = setup.clock.now() + ms;
	while (setup.clock.now() < end) {
		await setup.clock.sleep(every);
		for (const h of harnesses) await h.poll();
	}
}

it('a day of one-minute polls draws zero 429s and stays within the sustained rate', async () => {
	setup = await simulatorOnVirtualClock(41);
	const { sim } = setup;
	const h = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events } });
	await h.activate();
	const life = sim.orders.lifecycle({ count: 1_500, over: DAY, account: 'na' });
	await pollAll([h], DAY + 15 * MINUTE);

	const search = sim.calls.filter((c) => c.operation === 'searchOrders');
	const throttled = sim.calls.filter((c) => c.status === 429);
	const perHour = countBy(search, (c) => String(Math.floor(c.at / HOUR)));
	const busiestHour = Math.max(...perHour.values());
	const ingested = new Set(h.items.map((i) => i.json.orderId)).size;
	console.log(
		`a day of one-minute polls: ${search.length} searchOrders calls (busiest hour ${busiestHour}), 429s ${throttled.length}, ` +
			`${ingested} orders ingested, ${(sim.calls.filter((c) => c.operation !== 'lwaToken').length / ingested).toFixed(3)} SP-API calls per order`,
	);
	expect(throttled).toEqual([]);
	// Burst of 20 plus one call per 1/0.0056 s.
	expect(busiestHour).toBeLessThanOrEqual(20 + Math.ceil(3600 * 0.0056));
	expect(ingested).toBe(life.orderIds.length);
	expect(h.errors).toEqual([]);
});

it('two triggers of one account share its budget: no 429s, both get every event', async () => {
	setup = await simulatorOnVirtualClock(42);
	const { sim } = setup;
	const a = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events }, workflowId: 'wf-a' });
	const b = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events }, workflowId: 'wf-b' });
	await a.activate();
	await b.activate();
	const life = sim.orders.lifecycle({ count: 400, over: 6 * HOUR, account: 'na' });
	await pollAll([a, b], 12 * HOUR);

	expect(sim.calls.filter((c) => c.status === 429)).toEqual([]);
	const keys = (h: PollHarness) => h.items.map((i) => `${i.json.orderId}|${i.json.event}|${i.json.lastUpdatedTime}`).sort();
	expect(keys(a)).toEqual(keys(b));
	expect(new Set(a.items.map((i) => i.json.orderId)).size).toBe(life.orderIds.length);
	expect(new Set(keys(a)).size).toBe(a.items.length);
});

it('tells the user when the poll interval is shorter than the budget sustains', async () => {
	setup = await simulatorOnVirtualClock(43);
	const notice = new AmazonSellerTrigger().description.properties.find((p) => p.type === 'notice');
	expect(notice?.displayName).toMatch(/one order search every 3 minutes per seller account/);

	const everyMinute = new PollHarness({ credentials: simulatorCredentials(setup.sim, 'na'), parameters: { events }, workflowId: 'wf-1', nodeName: 'Every minute' });
	const every5 = new PollHarness({
		credentials: simulatorCredentials(setup.sim, 'na'),
		parameters: { events },
		workflowId: 'wf-5',
		nodeName: 'Every 5 minutes',
		pollTimes: { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] },
	});
	await everyMinute.activate();
	await every5.activate();
	await pollAll([everyMinute, every5], 10 * MINUTE);
	const warnings = (name: string) => everyMinute.logs.filter((l) => l.level === 'warn' && l.message.includes(`"${name}" polls every`));
	expect(warnings('Every minute').map((l) => l.message)).toEqual([expect.stringMatching(/polls every 60 s, but Amazon allows one order search per 179 s/)]);
	expect(warnings('Every 5 minutes')).toEqual([]);
});

it("a poll cut short by n8n's poll time keeps what it read and loses nothing", async () => {
	// Every request takes 2 s, and n8n gives a poll 10 s (less the trigger's margin for committing).
	setup = await simulatorOnVirtualClock(44, undefined, 'live', 2_000);
	const { sim, clock } = setup;
	sim.orders.generate({ count: 400, account: 'na', createdAt: [clock.now() - 10 * HOUR, clock.now() - 10 * MINUTE] });
	const h = new PollHarness({
		credentials: simulatorCredentials(sim, 'na'),
		parameters: { events, options: { startDate: new Date(clock.now() - 11 * HOUR).toISOString() } },
		pollBudgetMs: 10_000,
	});
	await h.activate();
	const stops: string[] = [];
	for (let i = 0; i < 24 * 60; i++) {
		await clock.sleep(MINUTE);
		await h.poll();
		stops.push(String(h.lastPollReport?.stop));
	}
	expect(stops).toContain('pollTime');
	expect(new Set(h.items.map((i) => i.json.orderId)).size).toBe(400);
	expect(new Set(h.items.map((i) => `${i.json.orderId}|${i.json.lastUpdatedTime}`)).size).toBe(h.items.length);
});

it('a poll started while the previous one still runs steps aside, so nothing is read and committed twice', async () => {
	setup = await simulatorOnVirtualClock(45);
	const { sim, clock } = setup;
	sim.orders.generate({ count: 3_000, account: 'na', createdAt: [clock.now() - 5 * HOUR, clock.now() - 10 * MINUTE] });
	const h = new PollHarness({
		credentials: simulatorCredentials(sim, 'na'),
		parameters: { events, options: { startDate: new Date(clock.now() - 6 * HOUR).toISOString() } },
	});
	await h.activate();
	let skipped = 0;
	for (let i = 0; i < 120; i++) {
		await clock.sleep(MINUTE);
		// n8n's next tick fires while this one is still waiting for Amazon.
		const [, second] = await Promise.all([h.poll(), h.poll()]);
		if (second.items === null && !second.committed) skipped++;
	}
	expect(skipped).toBeGreaterThan(0);
	const versions = h.items.map((i) => `${i.json.orderId}|${i.json.lastUpdatedTime}`);
	expect(new Set(versions).size).toBe(versions.length);
	expect(new Set(h.items.map((i) => i.json.orderId)).size).toBe(3_000);
});
