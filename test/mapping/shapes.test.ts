import { mapOrderToSalesOrder } from '../../nodes/AmazonSeller/mapping/salesOrder';
import { fixture } from './helpers';

/** The stored forms of one order all map to the same sales order. */
describe('stored order forms', () => {
	const { OrderItems, ...order } = fixture('v0-us-fbm-multi-item.json');
	const reference = mapOrderToSalesOrder({ ...order, OrderItems });

	test.each([
		['{order, items}', { order, items: OrderItems }],
		['{Order, OrderItems}', { Order: order, OrderItems }],
		['{order: {...order, OrderItems}}', { order: { ...order, OrderItems } }],
		['getOrder and getOrderItems responses', { order: { payload: order }, items: { payload: { AmazonOrderId: order.AmazonOrderId, OrderItems } } }],
		['{payload: {...order, OrderItems}}', { payload: { ...order, OrderItems } }],
		['items as {OrderItems}', { order, orderItems: { OrderItems } }],
	])('v0 %s', (_name, input) => {
		expect(mapOrderToSalesOrder(input)).toEqual(reference);
	});

	test("the 2026-01-01 getOrder response {order}", () => {
		const order2026 = fixture('2026-us-fbm-multi-item-tip.json');
		expect(mapOrderToSalesOrder({ order: order2026 })).toEqual(mapOrderToSalesOrder(order2026));
	});

	test('the mapping does not change its input', () => {
		const input = fixture('2026-gb-fbm-gift-discounts.json');
		const copy = JSON.parse(JSON.stringify(input));
		mapOrderToSalesOrder(input);
		expect(input).toEqual(copy);
	});
});

describe('offers', () => {
	const input = fixture('v0-us-fbm-multi-item.json');

	test('mapped SKUs carry their ERP product on lines and moves; others are missing offers', () => {
		const order = mapOrderToSalesOrder(input, { offers: new Map([['MUG-BLUE-12OZ', 42]]), shippingProduct: 'SHIP' });
		expect(order.lines.map((line) => line.erpProduct)).toEqual([42, null, 'SHIP']);
		expect(order.fulfillment.moves.map((move) => move.erpProduct)).toEqual([42, null]);
		expect(order.missingOffers).toEqual([
			{ sku: 'COASTER-SET-4', asin: 'B0B9HF6T1K', title: 'Cork Coaster Set of 4, Round', orderItemId: '48213370551203' },
		]);
	});

	test('a fallback product fills the line but the SKU stays listed as missing', () => {
		const order = mapOrderToSalesOrder(input, { offers: new Map(), fallbackProduct: 'AMAZON-SALES' });
		expect(order.lines[0].erpProduct).toBe('AMAZON-SALES');
		expect(order.missingOffers.map((offer) => offer.sku)).toEqual(['MUG-BLUE-12OZ', 'COASTER-SET-4']);
	});

	test('without an offers table nothing is reported missing', () => {
		expect(mapOrderToSalesOrder(input).missingOffers).toEqual([]);
	});
});

describe('partner matching keys', () => {
	const input = fixture('v0-us-fbm-multi-item.json');

	test('the same buyer (name + anonymised email) gets the same key on another order', () => {
		const first = mapOrderToSalesOrder(input);
		const second = mapOrderToSalesOrder({ ...input, AmazonOrderId: '112-0000000-0000001', BuyerInfo: { ...input.BuyerInfo, BuyerName: ' daniel  OKAFOR ' } });
		expect(second.customer.matchingKey).toBe(first.customer.matchingKey);
	});

	test('another name with the same email is another partner, as in Odoo', () => {
		const first = mapOrderToSalesOrder(input);
		const other = mapOrderToSalesOrder({ ...input, BuyerInfo: { ...input.BuyerInfo, BuyerName: 'Ada Okafor' } });
		expect(other.customer.matchingKey).not.toBe(first.customer.matchingKey);
	});

	test('without an email, each order has its own partner rather than merging strangers', () => {
		const noEmail = { ...input, BuyerInfo: { BuyerName: 'Daniel Okafor' } };
		const first = mapOrderToSalesOrder(noEmail);
		const second = mapOrderToSalesOrder({ ...noEmail, AmazonOrderId: '112-0000000-0000002' });
		expect(first.customer.matchingKey).not.toBe(second.customer.matchingKey);
	});

	test('a different delivery address gives a delivery partner of its own', () => {
		const gift = mapOrderToSalesOrder(fixture('2026-gb-fbm-gift-discounts.json'));
		expect(gift.delivery.sameAsCustomer).toBe(false);
		expect(gift.delivery.matchingKey).not.toBe(gift.customer.matchingKey);
		const same = mapOrderToSalesOrder(input);
		expect(same.delivery.matchingKey).toBe(same.customer.matchingKey);
	});
});
