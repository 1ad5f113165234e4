import { DateTime } from 'luxon';

import { anyCalls, callsTo, failure, jsonOf, runOrderNode, unshippedOrder, useOrderSimulator } from './harness';

const { sim, clock } = useOrderSimulator(303);

const isoAgo = (ms: number) => DateTime.fromMillis(clock().now() - ms, { zone: 'utc' }).toISO() as string;
const HOUR = 3_600_000;
const WINDOW = 5 * HOUR + 17 * 60_000;

describe('Get on the simulator', () => {
	it('gets an order with the chosen data sets, paired with its input item', async () => {
		const order = unshippedOrder(sim(), [2]);
		const output = await runOrderNode(sim(), 'get', { orderId: order.orderId, options: { includedData: ['FULFILLMENT', 'RECIPIENT'] } });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			orderId: order.orderId,
			fulfillment: { fulfillmentStatus: 'UNSHIPPED', fulfilledBy: 'MERCHANT' },
			recipient: expect.any(Object),
			orderItems: [expect.objectContaining({ orderItemId: order.items[0].orderItemId, quantityOrdered: 2 })],
		});
		expect(callsTo(sim(), 'getOrder')[0].query).toEqual({ includedData: ['FULFILLMENT', 'RECIPIENT'] });
	});

	it('rejects a malformed order id before any call, and reports an unknown one as Amazon\'s answer', async () => {
		const bad = await failure(runOrderNode(sim(), 'get', { orderId: 'ABC-1234567-1234567' }));
		expect(bad.message).toBe('Item 0: Order ID "ABC-1234567-1234567" is not an Amazon order id (3-7-7 digits, e.g. 902-1106328-1059050)');
		expect(anyCalls(sim())).toBe(0);

		const output = await runOrderNode(sim(), 'get', { orderId: '111-0000000-0000000' }, { continueOnFail: true });
		expect(output[0].json.error).toMatch(/^Item 0 \(order 111-0000000-0000000\): Amazon getOrder: .*not found/i);
	});
});

describe('Get Many on the simulator', () => {
	it('searches by creation date with exactly one of the two date kinds, up to the limit', async () => {
		// A window of its own (other tests' orders sit on whole hours before their "now").
		const created = Array.from({ length: 7 }, () => unshippedOrder(sim(), [1], { createdAt: clock().now() - WINDOW }));
		const output = await runOrderNode(sim(), 'getMany', {
			dateFilter: 'created',
			createdAfter: isoAgo(WINDOW + 1000),
			createdBefore: isoAgo(WINDOW - 60_000),
			returnAll: false,
			limit: 5,
		});
		expect(output).toHaveLength(5);
		expect(output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(jsonOf(output).every((order) => created.some((c) => c.orderId === order.orderId))).toBe(true);
		const [call] = callsTo(sim(), 'searchOrders');
		expect(call.query.createdAfter).toBeDefined();
		expect(call.query.lastUpdatedAfter).toBeUndefined();
		expect(call.query.maxResultsPerPage).toBe('5');
	});

	it('returns all pages, passing Amazon\'s token and the same filters each time', async () => {
		const start = clock().now();
		for (let i = 0; i < 130; i++) unshippedOrder(sim(), [1], { createdAt: start - WINDOW + i * 1000 });
		const output = await runOrderNode(sim(), 'getMany', {
			dateFilter: 'created',
			createdAfter: isoAgo(WINDOW + 1000),
			createdBefore: isoAgo(WINDOW - 200_000),
			returnAll: true,
			filters: { fulfilledBy: ['MERCHANT'] },
		});
		expect(output).toHaveLength(130);
		expect(new Set(jsonOf(output).map((order) => order.orderId)).size).toBe(130);
		const calls = callsTo(sim(), 'searchOrders');
		expect(calls).toHaveLength(2);
		expect(calls[1].query.paginationToken).toBeDefined();
		expect(calls[1].query.createdAfter).toBe(calls[0].query.createdAfter);
		expect(calls[1].query.fulfilledBy).toEqual(['MERCHANT']);
		expect(sim().validationErrors).toEqual([]);
	});

	it('moves a Before of "now" back 2 minutes instead of letting Amazon refuse it', async () => {
		unshippedOrder(sim(), [1], { createdAt: clock().now() - HOUR });
		await runOrderNode(sim(), 'getMany', { dateFilter: 'created', createdAfter: isoAgo(2 * HOUR), createdBefore: isoAgo(0), returnAll: true });
		const [call] = callsTo(sim(), 'searchOrders');
		expect(Date.parse(call.query.createdBefore as string)).toBe(clock().now() - 2 * 60_000);
		expect(call.status).toBe(200);
	});

	it('searches by last update, with status and marketplace filters', async () => {
		const order = unshippedOrder(sim(), [1], { createdAt: clock().now() - 30 * HOUR });
		sim().orders.transition(order.orderId, 'SHIPPED', clock().now() - HOUR);
		const output = await runOrderNode(sim(), 'getMany', {
			dateFilter: 'lastUpdated',
			lastUpdatedAfter: isoAgo(2 * HOUR),
			returnAll: true,
			filters: { fulfillmentStatuses: ['SHIPPED'], marketplaceIds: 'ATVPDKIKX0DER' },
		});
		expect(jsonOf(output).map((o) => o.orderId)).toContain(order.orderId);
		const [call] = callsTo(sim(), 'searchOrders');
		expect(call.query).toMatchObject({ lastUpdatedAfter: expect.any(String), fulfillmentStatuses: ['SHIPPED'], marketplaceIds: ['ATVPDKIKX0DER'] });
		expect(call.query.createdAfter).toBeUndefined();
	});

	it('rejects a start less than 2 minutes ago before calling Amazon', async () => {
		const error = await failure(runOrderNode(sim(), 'getMany', { dateFilter: 'created', createdAfter: isoAgo(30_000), returnAll: true }));
		expect(error.message).toMatch(/^Item 0: Created After .* is less than 2 minutes ago/);
		expect(anyCalls(sim())).toBe(0);
	});
});
