import { NodeHelpers, NodeOperationError, Workflow, type INode, type INodeExecutionData } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { runNode } from '../support/executeContext';
import { caught, fixture } from './helpers';

/**
 * Sales Order → Map Order to Sales Order through the node, as n8n runs it, with no credential:
 * per-item errors naming item, order and field; continue-on-fail; missing-offers routing.
 */
const base = { resource: 'salesOrder', operation: 'map' };
const items = (...orders: unknown[]): INodeExecutionData[] => orders.map((json) => ({ json: json as INodeExecutionData['json'] }));

async function run(parameters: Record<string, unknown>, input: INodeExecutionData[], continueOnFail = false) {
	return runNode(new AmazonSeller(), { parameters: { ...base, ...parameters }, items: input, continueOnFail });
}

const failure = (parameters: Record<string, unknown>, input: INodeExecutionData[]) => caught(() => run(parameters, input), NodeOperationError);

const multi = () => fixture('v0-us-fbm-multi-item.json');
const tip = () => fixture('2026-us-fbm-multi-item-tip.json');

describe('Map Order to Sales Order (node)', () => {
	test('maps each item without a credential and pairs each output with its input', async () => {
		const [output, second] = await run({}, items(multi(), tip()));
		expect(second).toBeUndefined();
		expect(output.map((entry) => [entry.json.reference, entry.pairedItem])).toEqual([
			['112-4830291-5567213', { item: 0 }],
			['111-5820394-7712036', { item: 1 }],
		]);
		expect(output[1].json.reconciliation).toMatchObject({ ok: true, status: 'matched' });
	});

	test('reads the order from a field path', async () => {
		const [output] = await run({ orderSource: 'field', orderField: 'body.orders[0]' }, items({ body: { orders: [tip()] } }));
		expect(output[0].json.reference).toBe('111-5820394-7712036');
	});

	test.each([
		['not an order', { id: 3 }, /^Item 1: the input is not an Amazon order/],
		['missing items', (({ OrderItems: _omit, ...order }) => order)(multi()), /^Item 1 \(order 112-4830291-5567213\): field "OrderItems" is missing/],
		['unknown currency', { ...multi(), OrderTotal: { CurrencyCode: 'ABC', Amount: '95.43' } }, /^Item 1 \(order 112-4830291-5567213\): field "OrderTotal.CurrencyCode" is an unknown currency "ABC"/],
		[
			'negative quantity',
			(() => {
				const order = tip();
				order.orderItems[1].quantityOrdered = -1;
				return order;
			})(),
			/^Item 1 \(order 111-5820394-7712036\): field "orderItems\[1\]\.quantityOrdered" must be a whole number of 0 or more, got -1$/,
		],
	])('%s: a clear error naming the item, order and field', async (_name, bad, message) => {
		const error = await failure({}, items(multi(), bad));
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
	});

	test('a field path is part of the field named in the error', async () => {
		const order = multi();
		order.OrderItems[1].QuantityOrdered = -3;
		const error = await failure({ orderSource: 'field', orderField: 'stored' }, items({ stored: order }));
		expect(error.message).toBe('Item 0 (order 112-4830291-5567213): field "stored.OrderItems[1].QuantityOrdered" must be a whole number of 0 or more, got -3');
	});

	test('a missing order field is named', async () => {
		const error = await failure({ orderSource: 'field', orderField: 'order' }, items({ other: 1 }));
		expect(error.message).toBe('Item 0: the field "order" is not in the input item');
	});

	test('an empty Order Field is an error, not the whole item read as the order', async () => {
		const error = await failure({ orderSource: 'field', orderField: '  ' }, items(tip()));
		expect(error.message).toBe('Item 0: Order Field is empty; give the path of the field, e.g. "order" or "body.order"');
	});

	test('with continue on fail, the error is on its own item and the others map', async () => {
		const [output] = await run({}, items(multi(), { nonsense: true }, tip()), true);
		expect(output).toHaveLength(3);
		expect(output.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.reference).toBe('112-4830291-5567213');
		expect(output[1].json.error).toMatch(/^Item 1: the input is not an Amazon order/);
		expect(output[1].json.reference).toBeUndefined();
		expect(output[2].json.reference).toBe('111-5820394-7712036');
	});

	describe('offers', () => {
		const table = { offer: [{ sku: 'MUG-BLUE-12OZ', product: '42' }, { sku: 'COASTER-SET-4', product: '43' }] };

		test('orders with a missing offer go to the second output; errors stay on the first', async () => {
			const [orders, missing] = await run(
				{ offerMapping: 'table', offers: table, routeMissingOffers: true },
				items(multi(), tip(), 'not an order'),
				true,
			);
			expect(orders.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
			expect(orders[0].json.missingOffers).toEqual([]);
			expect(orders[1].json.error).toBeDefined();
			expect(missing.map((entry) => entry.pairedItem)).toEqual([{ item: 1 }]);
			expect((missing[0].json.missingOffers as Array<{ sku: string }>).map((offer) => offer.sku)).toEqual(['GLOVES-GARDEN-L', 'TROWEL-SS']);
		});

		test('without routing, missing offers are listed and every order stays on one output', async () => {
			const result = await run({ offerMapping: 'table', offers: table }, items(multi(), tip()));
			expect(result).toHaveLength(1);
			expect(result[0]).toHaveLength(2);
			expect(result[0][1].json.missingOffers).toHaveLength(2);
		});

		test('offers from an input field, as an object or a list', async () => {
			const asObject = { ...multi(), erp: { offers: { 'MUG-BLUE-12OZ': 7, 'COASTER-SET-4': 8 } } };
			const asList = { ...multi(), erp: { offers: [{ sku: 'MUG-BLUE-12OZ', product: 7 }] } };
			const [output] = await run({ offerMapping: 'field', offersField: 'erp.offers' }, items(asObject, asList));
			const products = (index: number) => (output[index].json.lines as Array<{ erpProduct: unknown }>).map((line) => line.erpProduct);
			expect(products(0)).toEqual([7, 8, null]);
			expect(products(1)).toEqual([7, null, null]);
			expect(output[1].json.missingOffers).toHaveLength(1);
		});

		test('a malformed offers field is an error naming it', async () => {
			const error = await failure({ offerMapping: 'field', offersField: 'erp' }, items({ ...multi(), erp: [{ sku: 'A' }] }));
			expect(error.message).toBe('Item 0: field "erp[0].product" is missing');
		});
	});

	test('Odoo preset', async () => {
		const [output] = await run({ preset: 'odoo', options: { shippingProduct: '9' } }, items(fixture('v0-us-fbm-gift-wrap.json')));
		const json = output[0].json as any;
		expect(json.saleOrder.origin).toBe('Amazon Order 114-2038475-6619302');
		expect(json.saleOrderLines.map((line: any) => line.display_type)).toEqual([false, 'line_note', false, false]);
		expect(json.saleOrderLines[2].product_id).toBe(9);
		expect(json.reconciliation.ok).toBe(true);
	});

	describe('outputs', () => {
		const nodeType = new AmazonSeller();
		const outputsFor = (parameters: Record<string, unknown>) => {
			const node: INode = { id: '1', name: 'Amazon Seller', type: 'amazonSeller', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'] };
			const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return NodeHelpers.getNodeOutputs(workflow, node, nodeType.description);
		};

		test('a second "Missing Offers" output only when Map routes missing offers', () => {
			expect(outputsFor({ ...base, offerMapping: 'table', routeMissingOffers: true })).toEqual([
				{ type: 'main', displayName: 'Sales Orders' },
				{ type: 'main', displayName: 'Missing Offers' },
			]);
			expect(outputsFor({ ...base, offerMapping: 'none', routeMissingOffers: true })).toEqual([{ type: 'main' }]);
			expect(outputsFor({ ...base, offerMapping: 'table', routeMissingOffers: false })).toEqual([{ type: 'main' }]);
			expect(outputsFor({ resource: 'order', operation: 'get' })).toEqual([{ type: 'main' }]);
		});
	});
});
