import { VirtualClock } from '../simulator/virtualClock';
import { startSimulator, type Simulator } from '../simulator';
import { getToken, iso, sp } from './simulator.helpers';

describe('simulator: confirmShipment and the v0 reads', () => {
	let clock: VirtualClock;
	let sim: Simulator;
	let token: string;

	beforeEach(async () => {
		clock = new VirtualClock();
		sim = await startSimulator({ clock });
		token = await getToken(sim, 'na');
	});
	afterEach(async () => {
		await sim.close();
	});

	const confirm = (orderId: string, body: unknown) =>
		sp(sim, token, `/orders/v0/orders/${orderId}/shipmentConfirmation`, { method: 'POST', body });

	const pkg = (items: Array<{ orderItemId: string; quantity: number }>, ref = '1') => ({
		packageReferenceId: ref,
		carrierCode: 'UPS',
		carrierName: 'UPS',
		shippingMethod: 'UPS Ground',
		trackingNumber: '1Z999AA10123456784',
		shipDate: iso(clock.now() - 60_000),
		orderItems: items,
	});

	test('partial then full shipment moves the order to PARTIALLY_SHIPPED, then SHIPPED, with packages', async () => {
		const order = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', itemCount: 2, createdAt: clock.now() - 3600_000 });
		const [a, b] = order.items;
		clock.advance(60_000);
		const first = await confirm(order.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: a.orderItemId, quantity: a.quantity }]) });
		expect(first.status).toBe(204);
		expect(first.text).toBe('');
		let view: any = sim.orders.get(order.orderId);
		expect(view.fulfillment.fulfillmentStatus).toBe('PARTIALLY_SHIPPED');
		expect(view.lastUpdatedTime).toBe(iso(clock.now()));
		expect(view.packages).toHaveLength(1);
		expect(view.packages[0]).toMatchObject({ packageReferenceId: '1', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });
		const second = await confirm(order.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: b.orderItemId, quantity: b.quantity }], '2') });
		expect(second.status).toBe(204);
		view = sim.orders.get(order.orderId);
		expect(view.fulfillment.fulfillmentStatus).toBe('SHIPPED');
		expect(view.orderItems.every((i: any) => i.fulfillment.quantityUnfulfilled === 0)).toBe(true);
		expect(sim.state.shipments.map((s) => s.packageReferenceId)).toEqual(['1', '2']);
		// Retrying a confirmation that already went through exceeds what is left to ship.
		const again = await confirm(order.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: b.orderItemId, quantity: 1 }], '3') });
		expect(again.status).toBe(400);
		expect(again.body.errors[0].code).toBe('InvalidInput');
	});

	test('400s: quantity too high, unknown item, wrong marketplace, AFN, cancelled; 404 unknown order', async () => {
		const order = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', items: [{ quantity: 2 }], createdAt: clock.now() - 3600_000 });
		const item = order.items[0];
		const tooMany = await confirm(order.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: item.orderItemId, quantity: 3 }]) });
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.errors[0].message).toMatch(/exceeds/);
		const unknownItem = await confirm(order.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: '99999999999999', quantity: 1 }]) });
		expect(unknownItem.status).toBe(400);
		const wrongMp = await confirm(order.orderId, { marketplaceId: 'A2EUQ1WTGCTBG2', packageDetail: pkg([{ orderItemId: item.orderItemId, quantity: 1 }]) });
		expect(wrongMp.status).toBe(400);
		const afn = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'AMAZON', status: 'UNSHIPPED', createdAt: clock.now() - 3600_000 });
		const afnRes = await confirm(afn.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: afn.items[0].orderItemId, quantity: 1 }]) });
		expect(afnRes.status).toBe(400);
		const cancelled = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'CANCELLED', createdAt: clock.now() - 3600_000 });
		const cancelledRes = await confirm(cancelled.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: cancelled.items[0].orderItemId, quantity: 1 }]) });
		expect(cancelledRes.status).toBe(400);
		expect((await confirm('111-0000000-0000000', { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: '1', quantity: 1 }]) })).status).toBe(404);
		expect(sim.orders.record(order.orderId)!.status).toBe('UNSHIPPED');
	});

	test('the model rejects malformed bodies (bad shipDate, missing fields)', async () => {
		const order = sim.orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', createdAt: clock.now() - 3600_000 });
		const badDate = await confirm(order.orderId, {
			marketplaceId: 'ATVPDKIKX0DER',
			packageDetail: { ...pkg([{ orderItemId: order.items[0].orderItemId, quantity: 1 }]), shipDate: '02/21/2022' },
		});
		expect(badDate.status).toBe(400);
		expect(badDate.body.errors[0].message).toMatch(/shipDate/);
		const missing = await confirm(order.orderId, { packageDetail: pkg([{ orderItemId: order.items[0].orderItemId, quantity: 1 }]) });
		expect(missing.status).toBe(400);
		expect(missing.body.errors[0].message).toMatch(/marketplaceId/);
		const wrongType = await confirm(order.orderId, { marketplaceId: 'ATVPDKIKX0DER', packageDetail: pkg([{ orderItemId: order.items[0].orderItemId, quantity: '1' as any }]) });
		expect(wrongType.status).toBe(400);
		expect(sim.validationErrors.filter((e) => e.source === 'schema')).toHaveLength(3);
	});

	test('v0 getOrders / getOrderItems serve the same orders in v0 shapes', async () => {
		const r = await sp(sim, token, '/orders/v0/orders', { query: { MarketplaceIds: 'ATVPDKIKX0DER', LastUpdatedAfter: iso(clock.now() - 5 * 86400_000), MaxResultsPerPage: 5 } });
		expect(r.status).toBe(200);
		expect(r.headers['x-amzn-ratelimit-limit']).toBe('0.0167');
		const orders = r.body.payload.Orders;
		expect(orders).toHaveLength(5);
		expect(orders[0]).toMatchObject({ MarketplaceId: 'ATVPDKIKX0DER', SalesChannel: 'Amazon.com' });
		expect(r.body.payload.NextToken).toBeTruthy();
		const p2 = await sp(sim, token, '/orders/v0/orders', { query: { MarketplaceIds: 'ATVPDKIKX0DER', NextToken: r.body.payload.NextToken } });
		expect(p2.status).toBe(200);
		const items = await sp(sim, token, `/orders/v0/orders/${orders[0].AmazonOrderId}/orderItems`);
		expect(items.status).toBe(200);
		expect(items.body.payload.AmazonOrderId).toBe(orders[0].AmazonOrderId);
		expect(items.body.payload.OrderItems[0].SellerSKU).toBeTruthy();
		const m = sim.models!;
		expect(m.validateResponse(m.operation('GET', '/orders/v0/orders')!, 200, r.body)).toBeUndefined();
		expect(m.validateResponse(m.operation('GET', '/orders/v0/orders/{orderId}/orderItems')!, 200, items.body)).toBeUndefined();
		expect((await sp(sim, token, '/orders/v0/orders', { query: { LastUpdatedAfter: iso(clock.now() - 86400_000) } })).status).toBe(400);
	});
});
