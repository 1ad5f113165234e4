import { mapOrderToSalesOrder } from '../../nodes/AmazonSeller/mapping/salesOrder';
import { loadModel } from '../support/models';

/**
 * Every Order example in Amazon's Orders API 2026-01-01 model (searchOrders and getOrder,
 * examples and sandbox responses) maps and reconciles with its grandTotal.
 */
function modelOrders(): Array<[string, unknown]> {
	const model = loadModel('orders_2026-01-01.json');
	const orders: Array<[string, unknown]> = [];
	for (const [path, methods] of Object.entries<any>(model.paths)) {
		const ok = methods.get?.responses?.['200'];
		if (!ok) continue;
		const bodies = [ok.examples?.['application/json'], ...(ok['x-amzn-api-sandbox']?.static ?? []).map((entry: any) => entry.response)];
		for (const body of bodies.filter(Boolean)) {
			const found = body.orders ?? (body.order ? [body.order] : []);
			for (const order of found) orders.push([`${path} ${order.orderId}`, order]);
		}
	}
	return orders;
}

describe('Orders API 2026-01-01 model examples', () => {
	const orders = modelOrders();

	test('the model has order examples to map', () => {
		expect(orders.length).toBeGreaterThanOrEqual(5);
	});

	test.each(orders)('%s maps and reconciles with grandTotal', (_name, example) => {
		const order = mapOrderToSalesOrder(example);
		const report = `${order.reference}: ${JSON.stringify(order.reconciliation)}`;
		expect({ report, status: order.reconciliation.status }).toEqual({ report, status: 'matched' });
		expect(order.reconciliation.expected?.amount).toBe((example as any).proceeds.grandTotal.amount);
		expect(order.lines.filter((line) => line.type === 'product')).toHaveLength((example as any).orderItems.length);
	});
});
