/**
 * What the trigger asks Amazon for, checked against the simulator's call log: the selected
 * marketplaces and channel go into the searchOrders query (so the budget is not spent on orders
 * the user does not want), personal data only when opted in, and the mapped output.
 */
import type { IDataObject } from 'n8n-workflow';

import { isReady } from '../../nodes/AmazonSeller/trigger/events';
import { PollHarness } from '../support/pollHarness';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { HOUR, MINUTE, simulatorOnVirtualClock, type SimSetup } from './support';

const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const UK = 'A1F83G8C2ARO7P';

let setup: SimSetup;
beforeEach(async () => {
	setup = await simulatorOnVirtualClock(51);
});
afterEach(async () => await setup.close());

async function run(parameters: IDataObject, account: 'na' | 'eu', lifecycle: Parameters<SimSetup['sim']['orders']['lifecycle']>[0]) {
	const { sim, clock } = setup;
	const h = new PollHarness({ credentials: simulatorCredentials(sim, account), parameters });
	await h.activate();
	const life = sim.orders.lifecycle(lifecycle);
	const end = clock.now() + (lifecycle.over ?? 0) + 26 * HOUR;
	while (clock.now() < end) {
		await clock.sleep(MINUTE);
		await h.poll();
	}
	return { h, life, searches: sim.calls.filter((c) => c.operation === 'searchOrders') };
}

it('watches only the selected marketplaces, asking Amazon for just those', async () => {
	const { h, life, searches } = await run(
		{ events: ['newOrder', 'orderCanceled'], options: { marketplaceIds: [DE, FR] } },
		'eu',
		// No cancellations, so that New Order is exactly "shipped" (an FBM order cancelled after payment was new too).
		{ count: 300, over: 6 * HOUR, account: 'eu', marketplaces: [DE, FR, UK], cancelRate: 0 },
	);
	expect(searches.length).toBeGreaterThan(0);
	for (const call of searches) expect(call.query.marketplaceIds).toEqual([DE, FR]);
	const orders = life.orderIds.map((id) => setup.sim.orders.record(id)!);
	const wanted = orders.filter((o) => o.marketplaceId !== UK && isReady(o.status, o.fulfilledBy)).map((o) => o.orderId);
	const newOrders = h.items.filter((i) => i.json.event === 'newOrder');
	expect(newOrders.map((i) => i.json.orderId).sort()).toEqual(wanted.sort());
	expect(new Set(h.items.map((i) => i.json.marketplaceId))).toEqual(new Set([DE, FR]));
	expect(orders.some((o) => o.marketplaceId === UK)).toBe(true);
});

it.each([
	['merchant', 'MERCHANT'],
	['amazon', 'AMAZON'],
] as const)('Fulfilled By %s asks Amazon for that channel only', async (option, channel) => {
	const { h, life, searches } = await run({ events: ['newOrder'], options: { fulfilledBy: option } }, 'na', { count: 200, over: 4 * HOUR, account: 'na', cancelRate: 0 });
	for (const call of searches) expect(call.query.fulfilledBy).toEqual([channel]);
	const expected = life.orderIds.map((id) => setup.sim.orders.record(id)!).filter((o) => o.fulfilledBy === channel && isReady(o.status, o.fulfilledBy));
	expect(h.items.map((i) => i.json.orderId).sort()).toEqual(expected.map((o) => o.orderId).sort());
	expect(h.items.every((i) => i.json.fulfilledBy === channel)).toBe(true);
});

it('asks for buyer and recipient data only when opted in', async () => {
	const { sim, clock } = setup;
	const plain = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: ['newOrder'], options: { fulfilledBy: 'merchant' } }, workflowId: 'plain' });
	const withPii = new PollHarness({
		credentials: simulatorCredentials(sim, 'na'),
		parameters: { events: ['newOrder'], options: { fulfilledBy: 'merchant', includeBuyerData: true } },
		workflowId: 'pii',
	});
	await plain.activate();
	await withPii.activate();
	sim.orders.lifecycle({ count: 20, over: HOUR, account: 'na', fulfilledBy: 'MERCHANT' });
	const end = clock.now() + 3 * HOUR;
	while (clock.now() < end) {
		await clock.sleep(MINUTE);
		await plain.poll();
		await withPii.poll();
	}
	const all = sim.calls.filter((c) => c.operation === 'searchOrders').map((c) => c.query.includedData as string[]);
	expect(all.some((list) => list.includes('BUYER'))).toBe(true);
	expect(all.some((list) => !list.includes('BUYER') && !list.includes('RECIPIENT') && !list.includes('TAX') && list.includes('FULFILLMENT'))).toBe(true);
	expect(plain.items.length).toBeGreaterThan(0);
	for (const item of plain.items) {
		expect(item.json.order).not.toHaveProperty('buyer');
		expect(item.json.order).not.toHaveProperty('recipient');
	}
	expect(withPii.items.some((i) => (i.json.order as { recipient?: { deliveryAddress?: { addressLine1?: string } } }).recipient?.deliveryAddress?.addressLine1)).toBe(true);
});

it('gives mapped sales orders when asked', async () => {
	const { h } = await run({ events: ['newOrder'], options: { output: 'salesOrder', fulfilledBy: 'merchant' } }, 'na', {
		count: 20,
		over: HOUR,
		account: 'na',
		fulfilledBy: 'MERCHANT',
	});
	expect(h.items.length).toBeGreaterThan(0);
	for (const item of h.items) {
		expect(item.json).not.toHaveProperty('order');
		expect(item.json.salesOrder).toMatchObject({ reference: item.json.orderId });
	}
});
