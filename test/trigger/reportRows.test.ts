import { toItems } from '../../nodes/AmazonSeller/trigger/output';
import { readOrdersReport } from '../../nodes/AmazonSeller/trigger/reportRows';
import { ALL_ORDERS_COLUMNS } from '../../simulator/apis/reports';

const HEADER = ALL_ORDERS_COLUMNS.join('\t');

function row(values: Record<string, string>): string {
	return ALL_ORDERS_COLUMNS.map((c) => values[c] ?? '').join('\t');
}

const base = {
	'amazon-order-id': '302-1234567-7654321',
	'purchase-date': '2026-01-05T10:00:00+00:00',
	'last-updated-date': '2026-01-05T11:30:00+00:00',
	'order-status': 'Unshipped',
	'fulfillment-channel': 'Merchant',
	'sales-channel': 'Amazon.de',
	'ship-service-level': 'Standard',
	currency: 'EUR',
	'ship-city': 'Köln',
	'ship-postal-code': '50667',
	'ship-country': 'DE',
};

describe('orders report rows', () => {
	it('groups item rows into one order with the searchOrders fields the event rules read', () => {
		const text = [
			HEADER,
			row({ ...base, sku: 'MUG-1', asin: 'B000000001', 'product-name': 'Mug', quantity: '2', 'item-price': '23.80', 'item-tax': '3.80', 'shipping-price': '4.99', 'shipping-tax': '0.80' }),
			row({ ...base, sku: 'CUP-1', asin: 'B000000002', 'product-name': 'Cup', quantity: '1', 'item-price': '9.90', 'item-tax': '1.58', 'item-promotion-discount': '-1.00' }),
		].join('\n');
		const { observations, skippedRows } = readOrdersReport(text, { includeAddress: false });
		expect(skippedRows).toBe(0);
		expect(observations).toHaveLength(1);
		const [o] = observations;
		expect(o).toMatchObject({
			orderId: '302-1234567-7654321',
			status: 'UNSHIPPED',
			fulfilledBy: 'MERCHANT',
			marketplaceId: 'A1PA6795UKMFR9',
			source: 'report',
			createdMs: Date.UTC(2026, 0, 5, 10),
			updatedMs: Date.UTC(2026, 0, 5, 11, 30),
		});
		const items = o.order.orderItems as Array<Record<string, any>>;
		expect(items.map((i) => i.product.sellerSku)).toEqual(['MUG-1', 'CUP-1']);
		// EU prices include VAT: no TAX line on top, the discount is negative.
		expect(items[0].proceeds.proceedsTotal).toEqual({ amount: '28.79', currencyCode: 'EUR' });
		expect(items[1].proceeds.breakdowns.map((b: { type: string }) => b.type)).toEqual(['ITEM', 'DISCOUNT']);
		expect(items[0].product.price.unitPrice.amount).toBe('11.90');
		expect(o.order.recipient).toBeUndefined();
	});

	it('reads the status words Amazon writes into the flat file', () => {
		const statuses: Record<string, string | undefined> = {
			Pending: 'PENDING',
			Unshipped: 'UNSHIPPED',
			Shipping: 'PARTIALLY_SHIPPED',
			PartiallyShipped: 'PARTIALLY_SHIPPED',
			Shipped: 'SHIPPED',
			Complete: 'SHIPPED',
			Cancelled: 'CANCELLED',
			Canceled: 'CANCELLED',
			Unfulfillable: 'UNFULFILLABLE',
			Mystery: undefined,
		};
		const lines = Object.keys(statuses).map((s, i) => row({ ...base, 'amazon-order-id': `302-0000000-000000${i}`, 'order-status': s, 'fulfillment-channel': i % 2 ? 'AFN' : 'Amazon' }));
		const { observations } = readOrdersReport([HEADER, ...lines].join('\r\n'), { includeAddress: false });
		expect(observations.map((o) => o.status)).toEqual(Object.values(statuses));
		expect(new Set(observations.map((o) => o.fulfilledBy))).toEqual(new Set(['AMAZON']));
	});

	it('keeps the report address only when buyer data is opted in, and skips rows it cannot read', () => {
		const text = [HEADER, row(base), row({ ...base, 'amazon-order-id': '' }), row({ ...base, 'amazon-order-id': '302-9', 'purchase-date': 'yesterday' })].join('\n');
		const withAddress = readOrdersReport(text, { includeAddress: true });
		expect(withAddress.skippedRows).toBe(2);
		expect(withAddress.observations[0].order.recipient).toEqual({ deliveryAddress: { city: 'Köln', postalCode: '50667', countryCode: 'DE' } });
	});

	it('invents no order item ids (the report has none): mapped output says where to get the full order', () => {
		const text = [HEADER, row({ ...base, sku: 'MUG-1', quantity: '1', 'item-price': '11.90', 'item-tax': '1.90', 'shipping-price': '0.00' })].join('\n');
		const observations = readOrdersReport(text, { includeAddress: false }).observations;
		expect((observations[0].order.orderItems as Array<Record<string, unknown>>)[0].orderItemId).toBeUndefined();
		const [item] = toItems([{ event: 'newOrder', observation: observations[0] }], 'salesOrder');
		expect(item.json.salesOrder).toBeNull();
		expect(item.json.mappingError).toMatch(/orderItemId.*Order → Get/s);
		expect(item.json.order).toBe(observations[0].order);
	});
});
