/**
 * Starting the trigger, the editor's test button, and failing well: wrong setups are refused at
 * activation with a message naming what to fix, the first activation does not replay history,
 * a test event never moves the position, transient failures keep it, and no secret leaks.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { CURSOR_KEY, FAILING_ALERT_MS } from '../../nodes/AmazonSeller/trigger/poll';
import { PollHarness } from '../support/pollHarness';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { DAY, HOUR, MINUTE, simulatorOnVirtualClock, type SimSetup } from './support';

let setup: SimSetup;
beforeEach(async () => {
	setup = await simulatorOnVirtualClock(31);
});
afterEach(async () => await setup.close());

const harness = (parameters: Record<string, unknown> = {}, credentials = {}) =>
	new PollHarness({
		credentials: simulatorCredentials(setup.sim, 'na', credentials),
		parameters: { events: ['newOrder', 'orderCanceled', 'orderUpdated'], ...parameters },
	});

async function pollFor(h: PollHarness, ms: number): Promise<void> {
	const end = setup.clock.now() + ms;
	while (setup.clock.now() < end) {
		await setup.clock.sleep(MINUTE);
		await h.poll();
	}
}

function secretsIn(text: string): string[] {
	const a = setup.sim.accounts.na;
	return [a.clientSecret, a.refreshToken, 'Atza|'].filter((s) => text.includes(s));
}

describe('activation refuses a setup that cannot work, saying what to fix', () => {
	it.each([
		['a revoked refresh token', () => setup.sim.auth.revoke('na'), {}, {}, /refresh token \(invalid_grant\)/],
		['a credential for the wrong region', () => {}, {}, { region: 'eu' }, /Amazon denied access.*Region/s],
		['a marketplace of another region', () => {}, { options: { marketplaceIds: ['A1PA6795UKMFR9'] } }, {}, /amazon\.de \(A1PA6795UKMFR9\) is in Europe, but the credential's region is North America/],
		['a marketplace the account does not sell in', () => {}, { options: { marketplaceIds: ['A2Q3Y263D00KWC'] } }, {}, /does not sell in amazon\.com\.br/],
		['no event selected', () => {}, { events: [] }, {}, /Select at least one event/],
		['a start date in the future', () => {}, { options: { startDate: '2030-01-01T00:00:00Z' } }, {}, /Start Date .* is in the future/],
	])('%s', async (_name, arrange, parameters, credentials, message) => {
		arrange();
		const h = harness(parameters, credentials);
		const error = await h.activate().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error).toBeDefined();
		expect(`${error!.message} ${error!.description ?? ''}`).toMatch(message);
		expect(secretsIn(`${error!.message} ${error!.description ?? ''} ${JSON.stringify(error)}`)).toEqual([]);
	});
});

describe('first activation', () => {
	it('starts from now: three days of existing orders are not replayed; orders from then on are', async () => {
		setup.sim.orders.generate({ count: 200, account: 'na' });
		const h = harness();
		await h.activate();
		await pollFor(h, 30 * MINUTE);
		expect(h.items).toEqual([]);

		const order = setup.sim.orders.create({ account: 'na', fulfilledBy: 'MERCHANT' });
		await pollFor(h, 10 * MINUTE);
		setup.sim.orders.transition(order.orderId, 'UNSHIPPED');
		await pollFor(h, 15 * MINUTE);
		expect(h.items.map((i) => [i.json.orderId, i.json.event])).toEqual([
			[order.orderId, 'orderUpdated'],
			[order.orderId, 'newOrder'],
		]);
	});

	it('with a Start Date, backfills: every order placed since then that is ready is a New Order, once', async () => {
		const { sim, clock } = setup;
		sim.orders.generate({ count: 300, account: 'na', createdAt: [clock.now() - 3 * DAY, clock.now() - 10 * MINUTE] });
		const startDate = new Date(clock.now() - 2 * DAY).toISOString();
		const h = harness({ events: ['newOrder', 'orderCanceled'], options: { startDate } });
		await h.activate();
		await pollFor(h, 2 * HOUR);
		const since = Date.parse(startDate);
		const expected = sim.orders
			.all()
			.filter((o) => o.createdTime >= since && (o.status === 'SHIPPED' || (o.fulfilledBy === 'MERCHANT' && ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(o.status))))
			.map((o) => o.orderId)
			.sort();
		const newOrders = h.items.filter((i) => i.json.event === 'newOrder').map((i) => String(i.json.orderId));
		expect(newOrders.sort()).toEqual(expected);
		expect(expected.length).toBeGreaterThan(50);
		const cancelled = sim.orders.all().filter((o) => o.createdTime >= since && o.status === 'CANCELLED').length;
		expect(h.items.filter((i) => i.json.event === 'orderCanceled')).toHaveLength(cancelled);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('shows a few recent orders, labelled with their events, and never moves the position', async () => {
		const { sim } = setup;
		const h = harness();
		await h.activate();
		const life = sim.orders.lifecycle({ count: 40, over: 40 * MINUTE, account: 'na' });
		await pollFor(h, 45 * MINUTE);
		expect(life.orderIds).toHaveLength(40);
		const stored = JSON.stringify(h.stored);
		const calls = sim.calls.length;

		const items = (await h.manual()) as INodeExecutionData[];
		expect(items.length).toBeGreaterThan(0);
		expect(items.length).toBeLessThanOrEqual(5);
		for (const item of items) {
			expect(['newOrder', 'orderCanceled', 'orderUpdated']).toContain(item.json.event);
			expect(item.json.order).toMatchObject({ orderId: item.json.orderId });
		}
		expect(JSON.stringify(h.stored)).toBe(stored);
		expect(sim.calls.slice(calls).filter((c) => c.operation === 'searchOrders').length).toBeLessThanOrEqual(3);
		// The scheduled trigger delivers those orders itself, before and after the test event alike.
		await pollFor(h, 15 * MINUTE);
		expect(new Set(h.items.map((i) => i.json.orderId)).size).toBe(40);
		expect(new Set(h.items.map((i) => `${i.json.orderId}|${i.json.lastUpdatedTime}`)).size).toBe(h.items.length);
	});
});

describe('Fetch Test Event errors', () => {
	it('name the marketplace that cannot work', async () => {
		const wrongRegion = harness({ options: { marketplaceIds: ['A1PA6795UKMFR9'] } });
		await expect(wrongRegion.manual()).rejects.toThrow(/is in Europe, but the credential's region is North America/);
	});

	it('explain a revoked credential, without its secrets', async () => {
		setup.sim.auth.revoke('na');
		const error = await harness().manual().then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(/refresh token \(invalid_grant\)/);
		expect(secretsIn(`${error?.message} ${JSON.stringify(error)}`)).toEqual([]);
	});
});

describe('transient failures', () => {
	it('keep the position quietly, surface after an hour, and lose nothing once Amazon answers again', async () => {
		const { sim } = setup;
		const h = harness();
		await h.activate();
		await pollFor(h, 5 * MINUTE);
		const watermark = (h.storedNodeData()[CURSOR_KEY] as { watermarkMs: number }).watermarkMs;
		sim.orders.lifecycle({ count: 30, over: 30 * MINUTE, account: 'na' });
		sim.faults.add({ operation: 'searchOrders', kind: '503', probability: 1 });

		await pollFor(h, 50 * MINUTE);
		expect(h.errors).toEqual([]);
		expect((h.storedNodeData()[CURSOR_KEY] as { watermarkMs: number }).watermarkMs).toBe(watermark);

		await pollFor(h, FAILING_ALERT_MS);
		expect(h.errors.length).toBeGreaterThan(0);
		const alert = h.errors[h.errors.length - 1] as Error & { description?: string };
		expect(alert.description).toMatch(/has not answered for \d+ minutes.*keeps its position/);

		sim.faults.clear();
		await pollFor(h, 20 * MINUTE);
		expect(new Set(h.items.map((i) => i.json.orderId)).size).toBe(30);
		const logs = h.logs.map((l) => l.message).join('\n');
		expect(logs).toMatch(/keeps its position and reads again next poll/);
		expect(secretsIn(`${logs}\n${JSON.stringify(h.items)}\n${h.errors.map((e) => `${e.message} ${JSON.stringify(e)}`).join('\n')}`)).toEqual([]);
	});
});
