import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ItemRunner } from '../../nodes/AmazonSeller/actions/itemRunner';
import { InputError, orderSubject } from '../../nodes/AmazonSeller/rules/inputError';
import { RateBudgetError, SpApiError } from '../../nodes/AmazonSeller/transport';
import { createExecuteContext } from '../support/executeContext';

const ORDERS = ['111-0000001-0000001', '111-0000002-0000002', '111-0000003-0000003', '111-0000004-0000004'];

function runnerFor(orderIds: Array<string | undefined>, continueOnFail = false): ItemRunner {
	const ctx = createExecuteContext({ parameters: {}, items: orderIds.map((orderId) => ({ json: { orderId } })), continueOnFail });
	return new ItemRunner(ctx, ctx.getInputData());
}

/** Reads each item's orderId, refusing empty ones, as an operation's `read` would. */
function readOrders(runner: ItemRunner) {
	return runner.read(
		(itemIndex) => {
			const orderId = runner.items[itemIndex].json.orderId as string | undefined;
			if (!orderId) throw new InputError('Order ID', 'Order ID is empty');
			return { orderId };
		},
		{ subject: ({ orderId }) => orderSubject(orderId) },
	);
}

const amazonSaid = (status: number, message = 'Invalid input') => new SpApiError(message, { code: 'InvalidInput', statusCode: status, operation: 'confirmShipment' });

describe('the item runner: one loop for every operation', () => {
	it('checks every item before anything is sent, and lists every problem', () => {
		const runner = runnerFor([ORDERS[0], undefined, ORDERS[2], undefined]);
		let error: NodeOperationError | undefined;
		try {
			readOrders(runner);
		} catch (caught) {
			error = caught as NodeOperationError;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Item 1: Order ID is empty (and 1 more item with bad input)');
		expect(error!.context.itemIndex).toBe(1);
		expect(error!.description).toContain('2 items with bad input; nothing was sent to Amazon.');
		expect(error!.description).toContain('Item 3: Order ID is empty (field: Order ID)');
	});

	it('with Continue On Fail, bad items become their error and good items go on', async () => {
		const runner = runnerFor([ORDERS[0], undefined, ORDERS[2]], true);
		const checked = readOrders(runner);
		expect(checked.map((c) => c.itemIndex)).toEqual([0, 2]);
		await runner.each(checked, async ({ itemIndex, value }) => runner.ok(itemIndex, { orderId: value.orderId, status: 'confirmed' }));
		const [out] = runner.output();
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toBe('Item 1: Order ID is empty');
		expect(out[1].json.errorDetails).toContain('Field: Order ID.');
		expect(out[2].json).toEqual({ orderId: ORDERS[2], status: 'confirmed' });
	});

	it('items that pass every check may still fail across items (the same order twice)', () => {
		const runner = runnerFor([ORDERS[0], ORDERS[0]], true);
		const checked = runner.read((itemIndex) => runner.items[itemIndex].json.orderId as string, {
			*across(all) {
				const seen = new Set<string>();
				for (const { itemIndex, value } of all) {
					if (seen.has(value)) yield [itemIndex, new InputError('Order ID', `Order ${value} is also in an earlier item`, { orderId: value })];
					seen.add(value);
				}
			},
		});
		expect(checked.map((c) => c.itemIndex)).toEqual([0]);
		expect(runner.output()[0].find((o) => (o.pairedItem as { item: number }).item === 1)?.json.error).toBe(`Item 1 (order ${ORDERS[0]}): Order ${ORDERS[0]} is also in an earlier item`);
	});

	it('without Continue On Fail, the first failure stops the run and says how the others fared', async () => {
		const runner = runnerFor(ORDERS);
		const sent: number[] = [];
		await runner.each(readOrders(runner), async ({ itemIndex }) => {
			sent.push(itemIndex);
			if (itemIndex === 1) throw amazonSaid(400, 'The order has already shipped');
			runner.ok(itemIndex, { done: true });
		});
		expect(sent).toEqual([0, 1]); // items 2 and 3 were never sent
		let error: NodeApiError | undefined;
		try {
			runner.output();
		} catch (caught) {
			error = caught as NodeApiError;
		}
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error!.message).toBe(`Item 1 (order ${ORDERS[1]}): Amazon confirmShipment: The order has already shipped [InvalidInput]`);
		expect(error!.context.itemIndex).toBe(1);
		expect(error!.description).toContain('1 of 4 items failed; 1 went through (done or skipped); 2 were not sent.');
	});

	it('with Continue On Fail, a per-item failure does not stop the others', async () => {
		const runner = runnerFor(ORDERS, true);
		await runner.each(readOrders(runner), async ({ itemIndex }) => {
			if (itemIndex === 1) throw amazonSaid(400);
			runner.ok(itemIndex, { done: true });
		});
		const [out] = runner.output();
		expect(out.map((o) => (o.json.error ? 'error' : 'ok'))).toEqual(['ok', 'error', 'ok', 'ok']);
		expect(out[1].json.amazonErrorCode).toBe('InvalidInput');
	});

	it('with Continue On Fail, a failure every call would meet stops new work and marks the rest not sent', async () => {
		const runner = runnerFor(ORDERS, true);
		const sent: number[] = [];
		await runner.each(readOrders(runner), async ({ itemIndex }) => {
			sent.push(itemIndex);
			if (itemIndex === 1) throw new RateBudgetError('confirmShipment', 120_000, true);
			runner.ok(itemIndex, { done: true });
		});
		expect(sent).toEqual([0, 1]);
		const [out] = runner.output();
		expect(out[2].json.error).toMatch(/^Item 2 \(order 111-0000003-0000003\): not sent, because an earlier call to Amazon failed/);
		expect(out[3].json.error).toMatch(/not sent/);
	});

	it('a batch failure fails each of its items; a failed item reports its error only, never a partial list', async () => {
		const runner = runnerFor([ORDERS[0], ORDERS[1], ORDERS[2]], true);
		readOrders(runner);
		const batches = [[0, 1], [1, 2]];
		await runner.eachBatch(batches, (batch) => batch, async (batch) => {
			if (batch.includes(2)) throw amazonSaid(400);
			for (const itemIndex of batch) runner.ok(itemIndex, { from: 'first batch' });
		});
		const [out] = runner.output();
		expect(out.map((o) => [o.pairedItem, o.json.error ? 'error' : o.json.from])).toEqual([
			[{ item: 0 }, 'first batch'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'error'],
		]);
	});

	it('pairs a result with every item that asked for it, and routes to a second output', async () => {
		const runner = runnerFor([ORDERS[0], ORDERS[1]]);
		runner.useOutputs(2);
		runner.ok(0, { sku: 'MUG' }, { pairedWith: [0, 1] });
		runner.ok(1, [{ a: 1 }, { a: 2 }], { output: 1 });
		const [first, second] = runner.output();
		expect(first).toEqual([{ json: { sku: 'MUG' }, pairedItem: [{ item: 0 }, { item: 1 }] }]);
		expect(second.map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
	});
});
