import { anyCalls, callsTo, failure, runOrderNode, unshippedOrder, useOrderSimulator } from './harness';
import { definitionValidator } from '../support/models';

const { sim, clock } = useOrderSimulator(202);

const many = (n: number) => Array.from({ length: n }, () => ({ json: {} }));

/** Runs `hook` once, the first time the node waits after its feed was created. */
function whileFeedIsQueued(hook: () => void): () => void {
	const virtual = clock();
	const sleep = virtual.sleep.bind(virtual);
	let done = false;
	virtual.sleep = async (ms: number) => {
		if (!done && callsTo(sim(), 'createFeed').length) {
			done = true;
			hook();
		}
		return await sleep(ms);
	};
	return () => {
		virtual.sleep = sleep;
	};
}

describe('Cancel on the simulator', () => {
	it('cancels a whole order through one acknowledgement feed and returns Amazon\'s result', async () => {
		const order = unshippedOrder(sim(), [2, 1]);
		const output = await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'BuyerCanceled' });

		expect(output).toEqual([
			{
				json: {
					orderId: order.orderId,
					status: 'accepted',
					feedId: expect.any(String),
					messageId: 1,
					items: order.items.map((item) => ({ orderItemId: item.orderItemId, cancelReason: 'BuyerCanceled' })),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sim().orders.record(order.orderId)?.status).toBe('CANCELLED');
		expect(callsTo(sim(), 'createFeed')).toHaveLength(1);
		expect(callsTo(sim(), 'createFeed')[0].body).toMatchObject({ feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA', marketplaceIds: ['ATVPDKIKX0DER'] });
		expect(sim().validationErrors).toEqual([]);
	});

	it('cancels selected items only, each with its reason', async () => {
		const order = unshippedOrder(sim(), [1, 1]);
		const [first] = order.items;
		await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'items', items: { item: [{ orderItemId: first.orderItemId, cancelReason: 'NoInventory' }] } });
		const record = sim().orders.record(order.orderId);
		expect(record?.items.map((item) => item.cancelled)).toEqual([true, false]);
		expect(sim().state.cancellations.at(-1)).toMatchObject({ orderId: order.orderId, orderItemIds: [first.orderItemId], reason: 'NoInventory' });
	});

	it("puts every input item into one feed and maps each message's result back to its item", async () => {
		const orders = [unshippedOrder(sim(), [1]), unshippedOrder(sim(), [1]), unshippedOrder(sim(), [1])];
		// The second order ships while the feed waits in Amazon's queue: Amazon rejects that message only.
		const restore = whileFeedIsQueued(() => sim().orders.transition(orders[1].orderId, 'SHIPPED'));
		let output;
		try {
			output = await runOrderNode(sim(), 'cancel', { orderId: (i: number) => orders[i].orderId, cancelScope: 'order', cancelReason: 'NoInventory' }, { items: many(3), continueOnFail: true });
		} finally {
			restore();
		}
		expect(callsTo(sim(), 'createFeed')).toHaveLength(1);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.status).toBe('accepted');
		expect(output[2].json.status).toBe('accepted');
		expect(output[1].json.error).toMatch(new RegExp(`^Item 1 \\(order ${orders[1].orderId}\\): Amazon rejected the cancellation: .*already shipped`));
		expect(output[1].json.amazonErrorCode).toBe('18160');
		expect(orders.map((o) => sim().orders.record(o.orderId)?.status)).toEqual(['CANCELLED', 'SHIPPED', 'CANCELLED']);
	});

	it('without Continue On Fail, a rejected message fails the run on its item', async () => {
		const orders = [unshippedOrder(sim(), [1]), unshippedOrder(sim(), [1])];
		const restore = whileFeedIsQueued(() => sim().orders.transition(orders[1].orderId, 'SHIPPED'));
		try {
			const error = await failure(runOrderNode(sim(), 'cancel', { orderId: (i: number) => orders[i].orderId, cancelScope: 'order', cancelReason: 'NoInventory' }, { items: many(2) }));
			expect(error.message).toContain(`Item 1 (order ${orders[1].orderId})`);
			expect(error.context?.itemIndex).toBe(1);
		} finally {
			restore();
		}
	});

	it('a processed feed whose report cannot be downloaded is never called failed: each order "unknown", with the feed id', async () => {
		const order = unshippedOrder(sim(), [1]);
		sim().faults.add({ operation: 'download', kind: 'reset' });
		try {
			const output = await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory' });
			expect(output[0].json).toMatchObject({ orderId: order.orderId, status: 'unknown', feedId: expect.any(String), messageId: 1 });
			expect(output[0].json.message).toMatch(/Amazon processed feed \d+, but its processing report could not be read .*collect it later with the feed id/);
		} finally {
			sim().faults.clear();
		}
		// Amazon did cancel it: calling the item failed would have been wrong.
		expect(sim().orders.record(order.orderId)?.status).toBe('CANCELLED');
	});

	it('returns the feed id at once when not waiting for processing', async () => {
		const order = unshippedOrder(sim(), [1]);
		const output = await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory', options: { waitForProcessing: false } });
		expect(output[0].json).toMatchObject({ orderId: order.orderId, status: 'submitted', feedId: expect.any(String) });
		expect(callsTo(sim(), 'getFeed')).toHaveLength(0);
	});

	describe('bad input is rejected and nothing is sent', () => {
		it.each([
			['an unknown cancel reason', { cancelReason: 'ChangedMind' }, /Cancel Reason "ChangedMind" is not one of Amazon's reason codes/],
			['a malformed order id', { orderId: '12-34' }, /Order ID "12-34" is not an Amazon order id/],
			['items JSON without an order item id', { cancelScope: 'json', itemsJson: '[{"cancelReason": "NoInventory"}]' }, /Items \(JSON\), line 1 has no Order Item ID/],
		])('%s: no call at all', async (_case, change, message) => {
			const order = unshippedOrder(sim(), [1]);
			const error = await failure(runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory', ...change }));
			expect(error.message).toMatch(message);
			expect(error.message).toMatch(/^Item 0/);
			expect(anyCalls(sim())).toBe(0);
		});

		it.each([
			['Amazon-fulfilled', () => unshippedOrder(sim(), [1], { fulfilledBy: 'AMAZON' }), /fulfilled by Amazon/],
			['partly shipped', () => unshippedOrder(sim(), [1, 1], { status: 'PARTIALLY_SHIPPED' }), /refund the whole order/],
			['pending', () => unshippedOrder(sim(), [1], { status: 'PENDING' }), /payment is authorized/],
		])('an order that is %s: read, but no feed', async (_case, make, message) => {
			const order = make();
			const error = await failure(runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory' }));
			expect(error.message).toMatch(message);
			expect(callsTo(sim(), 'createFeedDocument')).toHaveLength(0);
			expect(callsTo(sim(), 'createFeed')).toHaveLength(0);
		});

		it('the same order twice in one run', async () => {
			const order = unshippedOrder(sim(), [1]);
			const error = await failure(runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory' }, { items: many(2) }));
			expect(error.message).toMatch(/Item 1 .*also canceled by item 0/);
			expect(anyCalls(sim())).toBe(0);
		});
	});

	it('a re-run with "Skip Already Canceled" answers "alreadyCanceled" without a new feed', async () => {
		const order = unshippedOrder(sim(), [1]);
		await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory' });
		sim().resetCalls();
		const again = await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory', options: { skipAlreadyCanceled: true } });
		expect(again[0].json).toEqual({ orderId: order.orderId, status: 'alreadyCanceled', message: `Order ${order.orderId} is already canceled` });
		expect(callsTo(sim(), 'createFeed')).toHaveLength(0);
	});
});

describe('Cancel requests against the official feeds model', () => {
	it('createFeedDocument and createFeed bodies are valid specifications', async () => {
		const order = unshippedOrder(sim(), [1]);
		await runOrderNode(sim(), 'cancel', { orderId: order.orderId, cancelScope: 'order', cancelReason: 'NoInventory', options: { waitForProcessing: false } });
		const documentSpec = definitionValidator('feeds_2021-06-30.json', 'CreateFeedDocumentSpecification');
		const feedSpec = definitionValidator('feeds_2021-06-30.json', 'CreateFeedSpecification');
		expect(documentSpec(callsTo(sim(), 'createFeedDocument')[0].body)).toBeUndefined();
		expect(feedSpec(callsTo(sim(), 'createFeed')[0].body)).toBeUndefined();
		expect(feedSpec({ feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA' })).toBeDefined();
	});
});
