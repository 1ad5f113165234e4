import { mapOrderToSalesOrder, OrderMappingError } from '../../nodes/AmazonSeller/mapping/salesOrder';
import { caught, fixture } from './helpers';

/** Bad input is refused with an OrderMappingError naming the field and, when known, the order. */
const failure = (input: unknown) => caught(() => mapOrderToSalesOrder(input), OrderMappingError);

const v0 = () => fixture('v0-us-fbm-multi-item.json');
const v2026 = () => fixture('2026-us-fbm-multi-item-tip.json');

describe('bad orders', () => {
	test.each([
		['a string', 'hello'],
		['a number', 42],
		['an unrelated object', { id: 7, name: 'invoice' }],
		['null', null],
	])('%s is not an order', async (_name, input) => {
		expect((await failure(input)).reason).toMatch(/^is not an Amazon order: expected orderId .* or AmazonOrderId/);
	});

	test('a list of orders asks for one order per item', async () => {
		const error = await failure({ orders: [v2026(), v2026()] });
		expect(error.path).toBe('orders');
		expect(error.reason).toMatch(/holds a list of 2 orders; map one order per item/);
	});

	test('a v0 order without its items says where items come from', async () => {
		const { OrderItems: _items, ...order } = v0();
		const error = await failure(order);
		expect(error).toMatchObject({ path: 'OrderItems', orderId: '112-4830291-5567213' });
		expect(error.reason).toMatch(/getOrderItems/);
	});

	test('a 2026 order without orderItems', async () => {
		const { orderItems: _items, ...order } = v2026();
		expect(await failure(order)).toMatchObject({ path: 'orderItems', reason: 'is missing', orderId: '111-5820394-7712036' });
	});

	test('an order with an empty item list', async () => {
		expect(await failure({ ...v0(), OrderItems: [] })).toMatchObject({ path: 'OrderItems', orderId: '112-4830291-5567213' });
	});

	test('an unknown currency', async () => {
		const order = v0();
		order.OrderTotal.CurrencyCode = 'XYZ';
		expect(await failure(order)).toMatchObject({ path: 'OrderTotal.CurrencyCode', orderId: '112-4830291-5567213' });
		expect((await failure(order)).message).toMatch(/unknown currency "XYZ"/);
	});

	test('an amount in another currency than the order', async () => {
		const order = v2026();
		order.orderItems[1].proceeds.breakdowns[0].subtotal.currencyCode = 'EUR';
		expect(await failure(order)).toMatchObject({
			path: 'orderItems[1].proceeds.breakdowns[0].subtotal.currencyCode',
			reason: 'is EUR but the order is in USD',
		});
	});

	test.each([[-1], [1.5], ['two']])('quantity %p', async (quantity) => {
		const order = v0();
		order.OrderItems[1].QuantityOrdered = quantity;
		const error = await failure(order);
		expect(error.path).toBe('OrderItems[1].QuantityOrdered');
		expect(error.message).toBe(`OrderItems[1].QuantityOrdered: must be a whole number of 0 or more, got ${JSON.stringify(quantity)} (order 112-4830291-5567213)`);
	});

	test('a negative quantity in the 2026 shape', async () => {
		const order = v2026();
		order.orderItems[0].quantityOrdered = -2;
		expect((await failure(order)).path).toBe('orderItems[0].quantityOrdered');
	});

	test('an unreadable date', async () => {
		const order = v0();
		order.PurchaseDate = '14/03/2025';
		expect(await failure(order)).toMatchObject({ path: 'PurchaseDate', reason: 'must be an ISO 8601 date-time, got "14/03/2025"' });
	});

	test('an amount that is not a decimal', async () => {
		const order = v0();
		order.OrderItems[0].ItemTax.Amount = '3,30';
		expect((await failure(order)).path).toBe('OrderItems[0].ItemTax.Amount');
	});

	test('a 2026 order without the FULFILLMENT section cannot tell FBA from FBM', async () => {
		const { fulfillment: _fulfillment, ...order } = v2026();
		expect((await failure(order)).reason).toMatch(/includedData FULFILLMENT/);
	});

	test('an unknown v0 fulfilment channel', async () => {
		expect(await failure({ ...v0(), FulfillmentChannel: 'XYZ' })).toMatchObject({ path: 'FulfillmentChannel' });
	});
});
