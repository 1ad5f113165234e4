import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/AmazonSeller/transport/operations';
import { anyCalls, callsTo, credentialsFor, failure, runOrderNode, unshippedOrder, useOrderSimulator } from './harness';
import { definitionValidator } from '../support/models';

const { sim, clock } = useOrderSimulator(101);

const ship = (orderId: string, extra: IDataObject = {}) => ({
	orderId,
	carrierCode: 'UPS',
	trackingNumber: `1Z${orderId.replace(/-/g, '')}`,
	packageReferenceId: '1',
	...extra,
});

describe('Confirm Shipment on the simulator', () => {
	it('ships every unshipped item by default; the order ends up SHIPPED with the package and tracking', async () => {
		const order = unshippedOrder(sim(), [2, 1]);
		const output = await runOrderNode(sim(), 'confirmShipment', ship(order.orderId, { shippingMethod: 'UPS Ground' }));

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			orderId: order.orderId,
			status: 'confirmed',
			marketplaceId: 'ATVPDKIKX0DER',
			carrierCode: 'UPS',
			items: order.items.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
		});
		const record = sim().orders.record(order.orderId);
		expect(record?.status).toBe('SHIPPED');
		expect(record?.packages).toEqual([expect.objectContaining({ packageReferenceId: '1', carrierCode: 'UPS', shippingMethod: 'UPS Ground', trackingNumber: `1Z${order.orderId.replace(/-/g, '')}` })]);
		expect(sim().validationErrors).toEqual([]);
	});

	it('ships a chosen part; a second package ships the rest', async () => {
		const order = unshippedOrder(sim(), [3]);
		const [line] = order.items;
		await runOrderNode(sim(), 'confirmShipment', { ...ship(order.orderId), itemsToShip: 'selected', items: { item: [{ orderItemId: line.orderItemId, quantity: 1 }] } });
		expect(sim().orders.record(order.orderId)?.status).toBe('PARTIALLY_SHIPPED');

		const rest = await runOrderNode(sim(), 'confirmShipment', ship(order.orderId, { packageReferenceId: '2', trackingNumber: 'SECOND' }));
		expect(rest[0].json.items).toEqual([{ orderItemId: line.orderItemId, quantity: 2 }]);
		expect(sim().orders.record(order.orderId)?.status).toBe('SHIPPED');
	});

	it('takes items from JSON, as an ERP delivery gives them, with "Other" carrier and its name', async () => {
		const order = unshippedOrder(sim(), [1, 1]);
		const lines = order.items.map((item) => ({ orderItemId: item.orderItemId, quantity: 1 }));
		await runOrderNode(sim(), 'confirmShipment', {
			...ship(order.orderId),
			carrierCode: 'Other',
			carrierName: 'Speedy Couriers',
			itemsToShip: 'json',
			itemsJson: JSON.stringify(lines),
		});
		const [sent] = callsTo(sim(), 'confirmShipment');
		expect(sent.body).toMatchObject({ packageDetail: { carrierCode: 'Other', carrierName: 'Speedy Couriers', orderItems: lines } });
		expect(sim().orders.record(order.orderId)?.status).toBe('SHIPPED');
	});

	describe('bad input is rejected with the item, order and field named, and nothing is sent', () => {
		const order = () => unshippedOrder(sim(), [2]);

		it.each([
			['unknown carrier', { carrierCode: 'Pony Express' }, /Carrier "Pony Express" is not one of Amazon's carrier codes/],
			['"Other" without a name', { carrierCode: 'Other', carrierName: '' }, /Carrier Name is empty/],
			['future ship date', { shipDate: '2026-02-01T00:00:00Z' }, /Ship Date .* is in the future/],
			['non-numeric package reference', { packageReferenceId: 'box-A' }, /Package Reference "box-A" is not a positive whole number/],
			['empty tracking number', { trackingNumber: '' }, /Tracking Number is empty/],
		])('%s: no call at all', async (_case, change, message) => {
			const { orderId } = order();
			const error = await failure(runOrderNode(sim(), 'confirmShipment', { ...ship(orderId), ...change }));
			expect(error.message).toMatch(new RegExp(`^Item 0 \\(order ${orderId}\\): `));
			expect(error.message).toMatch(message);
			expect(error.context?.itemIndex).toBe(0);
			expect(anyCalls(sim())).toBe(0);
		});

		it('a 5,000-character tracking number: refused before any call, naming item, order and field', async () => {
			const o = order();
			const error = await failure(runOrderNode(sim(), 'confirmShipment', { ...ship(o.orderId), trackingNumber: '1Z'.repeat(2500) }));
			expect(error.message).toMatch(new RegExp(`^Item 0 \\(order ${o.orderId}\\): Tracking Number is 5000 characters long; Amazon takes at most 50`));
			expect(error.description).toContain('Field: Tracking Number.');
			expect(anyCalls(sim())).toBe(0);
		});

		it('malformed order id (not 3-7-7 digits): no call at all', async () => {
			const error = await failure(runOrderNode(sim(), 'confirmShipment', ship('1234567')));
			expect(error.message).toBe('Item 0: Order ID "1234567" is not an Amazon order id (3-7-7 digits, e.g. 902-1106328-1059050)');
			expect(anyCalls(sim())).toBe(0);
		});

		it.each([
			['quantity above what remains', (o: { items: Array<{ orderItemId: string }> }) => ({ itemsToShip: 'selected', items: { item: [{ orderItemId: o.items[0].orderItemId, quantity: 3 }] } }), /Quantity 3 .* above the 2 unit\(s\) still to ship/],
			['unknown order item', () => ({ itemsToShip: 'selected', items: { item: [{ orderItemId: '99999999999999', quantity: 1 }] } }), /Order item 99999999999999 is not in order/],
		])('%s: the order is read, no shipment is sent', async (_case, change, message) => {
			const o = order();
			const error = await failure(runOrderNode(sim(), 'confirmShipment', { ...ship(o.orderId), ...change(o) }));
			expect(error.message).toMatch(message);
			expect(error.message).toContain(`Item 0 (order ${o.orderId})`);
			expect(callsTo(sim(), 'getOrder')).toHaveLength(1);
			expect(callsTo(sim(), 'confirmShipment')).toHaveLength(0);
		});

		it('Amazon-fulfilled order: no shipment is sent', async () => {
			const fba = unshippedOrder(sim(), [1], { fulfilledBy: 'AMAZON' });
			const error = await failure(runOrderNode(sim(), 'confirmShipment', ship(fba.orderId)));
			expect(error.message).toMatch(/fulfilled by Amazon \(FBA\)/);
			expect(callsTo(sim(), 'confirmShipment')).toHaveLength(0);
		});

		it('one bad item among good ones stops the run before any shipment is confirmed', async () => {
			const orders = [order(), order(), order()];
			const error = await failure(
				runOrderNode(sim(), 'confirmShipment', { ...ship(''), orderId: (i: number) => orders[i].orderId, trackingNumber: (i: number) => (i === 2 ? ' ' : `T${i}`) }, { items: [{ json: {} }, { json: {} }, { json: {} }] }),
			);
			expect(error.message).toContain(`Item 2 (order ${orders[2].orderId}): Tracking Number is empty`);
			expect(anyCalls(sim())).toBe(0);
			expect(orders.map((o) => sim().orders.record(o.orderId)?.status)).toEqual(['UNSHIPPED', 'UNSHIPPED', 'UNSHIPPED']);
		});
	});

	it('with Continue On Fail, a bad item gets its error on its own output item and the others ship', async () => {
		const orders = [unshippedOrder(sim()), unshippedOrder(sim())];
		const output = await runOrderNode(
			sim(),
			'confirmShipment',
			{ ...ship(''), orderId: (i: number) => orders[i].orderId, carrierCode: (i: number) => (i === 0 ? 'Carrier Pigeon' : 'USPS'), trackingNumber: 'T' },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json.error).toMatch(`Item 0 (order ${orders[0].orderId}): Carrier "Carrier Pigeon"`);
		expect(output[1].json).toMatchObject({ status: 'confirmed', carrierCode: 'USPS' });
		expect(sim().orders.record(orders[0].orderId)?.status).toBe('UNSHIPPED');
		expect(sim().orders.record(orders[1].orderId)?.status).toBe('SHIPPED');
	});

	it('a re-run with "Skip Already Confirmed" answers "alreadyConfirmed" without sending; without it, a clear error', async () => {
		const order = unshippedOrder(sim());
		await runOrderNode(sim(), 'confirmShipment', ship(order.orderId));
		sim().resetCalls();

		const again = await runOrderNode(sim(), 'confirmShipment', { ...ship(order.orderId), options: { skipAlreadyConfirmed: true } });
		expect(again[0].json).toMatchObject({ orderId: order.orderId, status: 'alreadyConfirmed', message: expect.stringMatching(/Package 1 .* already confirmed/) });
		expect(callsTo(sim(), 'confirmShipment')).toHaveLength(0);

		const error = await failure(runOrderNode(sim(), 'confirmShipment', ship(order.orderId)));
		expect(error.message).toMatch(/already confirmed/);
		expect((error as { description?: string }).description).toMatch(/Skip Already Confirmed/);
	});

	it("reports Amazon's own refusal as an API error on its item, naming the order", async () => {
		const output = await runOrderNode(sim(), 'confirmShipment', ship('111-1111111-1111111'), { continueOnFail: true });
		expect(output[0].json.error).toMatch(/^Item 0 \(order 111-1111111-1111111\): Amazon getOrder: .*not found/i);
		expect(output[0].json.amazonErrorCode).toBe('NotFound');
	});

	it('never shows a secret in errors or output', async () => {
		const credentials = credentialsFor(sim());
		const output = await runOrderNode(sim(), 'confirmShipment', ship('111-1111111-1111111'), { continueOnFail: true });
		const revoked = { ...credentials, refreshToken: 'Atzr|IwEBrevoked-token-000000000000000000000000' };
		const lwaError = await failure(runOrderNode(sim(), 'confirmShipment', ship(unshippedOrder(sim()).orderId), { credentials: revoked }));
		const text = JSON.stringify(output) + lwaError.message + JSON.stringify(lwaError) + String((lwaError as { description?: string }).description);
		for (const secret of [credentials.clientSecret, credentials.refreshToken, revoked.refreshToken]) expect(text).not.toContain(secret);
		expect(text).not.toMatch(/Atz[ar]\|/);
		expect(lwaError.message).toMatch(/refresh token/);
	});

	describe('pacing: many items in one execution stay under 2/s, burst 10, without a single 429', () => {
		const { rate, burst } = OPERATIONS.confirmShipment;

		function expectWithinUsagePlan(times: number[]): void {
			const start = times[0];
			times.forEach((at, index) => {
				// Call number index+1 may not come before the bucket could have granted it.
				const earliest = start + Math.max(0, (index + 1 - burst) / rate) * 1000;
				expect(at).toBeGreaterThanOrEqual(earliest - 1);
			});
		}

		it('40 orders with items and marketplace given (no order reads)', async () => {
			const orders = Array.from({ length: 40 }, () => unshippedOrder(sim(), [1]));
			const started = clock().now();
			const output = await runOrderNode(
				sim(),
				'confirmShipment',
				{
					...ship(''),
					orderId: (i: number) => orders[i].orderId,
					trackingNumber: (i: number) => `T${i}`,
					marketplaceId: 'ATVPDKIKX0DER',
					itemsToShip: 'json',
					itemsJson: (i: number) => [{ orderItemId: orders[i].items[0].orderItemId, quantity: 1 }],
					options: { verifyOrder: false },
				},
				{ items: orders.map(() => ({ json: {} })) },
			);
			const calls = callsTo(sim(), 'confirmShipment');
			expect(output.every((item) => item.json.status === 'confirmed')).toBe(true);
			expect(calls).toHaveLength(40);
			expect(sim().calls.filter((call) => call.status === 429)).toHaveLength(0);
			expectWithinUsagePlan(calls.map((call) => call.at));
			// (40 - 10) / 2 = 15 s of Amazon's budget; the pacing should not waste much beyond it.
			expect(calls[39].at - started).toBeLessThanOrEqual(16_000);
			expect(orders.every((o) => sim().orders.record(o.orderId)?.status === 'SHIPPED')).toBe(true);
		});

		it('40 orders read first (getOrder: 0.5/s, burst 30), then confirmed, still without a 429', async () => {
			const orders = Array.from({ length: 40 }, () => unshippedOrder(sim(), [1]));
			await runOrderNode(sim(), 'confirmShipment', { ...ship(''), orderId: (i: number) => orders[i].orderId }, { items: orders.map(() => ({ json: {} })) });
			expect(sim().calls.filter((call) => call.status === 429)).toHaveLength(0);
			expect(callsTo(sim(), 'getOrder')).toHaveLength(40);
			expectWithinUsagePlan(callsTo(sim(), 'confirmShipment').map((call) => call.at));
			expect(orders.every((o) => sim().orders.record(o.orderId)?.status === 'SHIPPED')).toBe(true);
		});
	});
});

describe('Confirm Shipment bodies against the official ordersV0 model', () => {
	it('every body sent is a valid ConfirmShipmentRequest', async () => {
		const validate = definitionValidator('ordersV0.json', 'ConfirmShipmentRequest');
		const a = unshippedOrder(sim(), [2]);
		const b = unshippedOrder(sim(), [1, 1]);
		await runOrderNode(sim(), 'confirmShipment', ship(a.orderId, { shippingMethod: 'Ground', options: { shipFromSupplySourceId: 'src-1' } }));
		await runOrderNode(sim(), 'confirmShipment', {
			...ship(b.orderId, { carrierCode: 'Other', carrierName: 'Local Courier', shipDate: DateTime.fromMillis(clock().now() - 600_000).setZone('UTC+1').toISO() }),
			itemsToShip: 'selected',
			items: { item: [{ orderItemId: b.items[0].orderItemId, quantity: 1, transparencyCodes: 'AZ0000000001' }] },
		});
		const bodies = callsTo(sim(), 'confirmShipment').map((call) => call.body);
		expect(bodies).toHaveLength(2);
		for (const body of bodies) expect(validate(body)).toBeUndefined();
		// The check can fail: a body without a tracking number is not a ConfirmShipmentRequest.
		expect(validate({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', shipDate: 'x', orderItems: [] } })).toBeDefined();
	});
});
