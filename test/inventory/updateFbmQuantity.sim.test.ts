import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import type { Simulator } from '../../simulator';
import { runNode } from '../support/executeContext';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { callsOf, CA, runInventory, spApiCalls, US, useSimulator } from './support';

const env = useSimulator(11);
let sim: Simulator;
beforeAll(() => {
	sim = env.sim;
});

const listingsOf = (marketplaceId: string, fba: boolean) =>
	sim.listings.all('na', marketplaceId).filter((l) => (l.channelCode !== 'DEFAULT') === fba);
const fbm = (marketplaceId = US) => listingsOf(marketplaceId, false);
const fba = (marketplaceId = US) => listingsOf(marketplaceId, true);
const sellerId = () => sim.accounts.na.sellerId;
const sentQuantities = () => sim.state.quantityUpdates.filter((u) => u.sellerId === sellerId());
/** Amazon applies accepted quantities a little later; a minute on, the listing shows them. */
const quantityLater = (marketplaceId: string, sku: string) => {
	env.clock.advance(60_000);
	return sim.listings.quantity('na', marketplaceId, sku);
};

describe('Update FBM Quantity on the simulator', () => {
	it('patches a few merchant SKUs, each item paired with its own result', async () => {
		const [a, b, c] = fbm();
		const before = sentQuantities().length;
		const output = await runInventory(sim, 'updateFbmQuantity', [
			{ sku: a.sku, quantity: 17 },
			{ sku: b.sku, quantity: 0 },
			{ sku: c.sku, quantity: '4' },
		]);
		expect(output.map((o) => [o.pairedItem, o.json.sku, o.json.status, o.json.via, o.json.productType])).toEqual([
			[{ item: 0 }, a.sku, 'updated', 'patch', a.product.productType],
			[{ item: 1 }, b.sku, 'updated', 'patch', b.product.productType],
			[{ item: 2 }, c.sku, 'updated', 'patch', c.product.productType],
		]);
		expect([quantityLater(US, a.sku), quantityLater(US, b.sku), quantityLater(US, c.sku)]).toEqual([17, 0, 4]);
		expect(sentQuantities().length - before).toBe(3);
		// Product types came from one search for all three SKUs, not a call per SKU.
		expect(callsOf(sim, 'searchListingsItems')).toBe(1);
		expect(callsOf(sim, 'getListingsItem')).toBe(0);
		expect(callsOf(sim, 'patchListingsItem')).toBe(3);
		expect(sim.validationErrors).toEqual([]);
	});

	it('never gives an FBA offer a merchant quantity: skipped with a warning on its item', async () => {
		const merchant = fbm()[3];
		const [amazon] = fba();
		const output = await runInventory(sim, 'updateFbmQuantity', [
			{ sku: amazon.sku, quantity: 50 },
			{ sku: merchant.sku, quantity: 8 },
		]);
		expect(output[0].json).toMatchObject({ sku: amazon.sku, status: 'skipped', reason: 'amazonFulfilled', fulfillmentChannels: [amazon.channelCode] });
		expect(output[0].json.warning).toContain('fulfilled by Amazon');
		expect(output[1].json).toMatchObject({ sku: merchant.sku, status: 'updated' });
		expect(sentQuantities().map((u) => u.sku)).not.toContain(amazon.sku);
		expect(sim.state.channelSwitches).toEqual([]);
		expect(sim.listings.get('na', US, amazon.sku)?.channelCode).toBe(amazon.channelCode);
	});

	it('sends to an FBA offer only when the user explicitly allows it', async () => {
		const amazon = fba()[1];
		const output = await runInventory(sim, 'updateFbmQuantity', [{ sku: amazon.sku, quantity: 2 }], { options: { allowAmazonFulfilled: true } });
		expect(output[0].json).toMatchObject({ status: 'updated', via: 'patch' });
		expect(sentQuantities().some((u) => u.sku === amazon.sku)).toBe(true);
	});

	it('checks every item before sending anything, and names item, SKU and field', async () => {
		const [a] = fbm();
		const run = runInventory(sim, 'updateFbmQuantity', [
			{ sku: a.sku, quantity: 5 },
			{ sku: 'LAMP-X', quantity: -3 },
			{ sku: '', quantity: 1 },
		]);
		await expect(run).rejects.toThrow(NodeOperationError);
		await run.catch((error: NodeOperationError) => {
			expect(error.message).toContain('Item 1 (SKU "LAMP-X"): Quantity must be a whole number of 0 or more, not -3');
			expect(error.description).toContain('Item 2: SKU is empty');
			expect(error.description).toContain('nothing was sent');
			expect(error.context.itemIndex).toBe(1);
		});
		expect(spApiCalls(sim)).toEqual([]);
	});

	it('with Continue On Fail, bad items carry their error and the good ones go through', async () => {
		const [a, b] = fbm();
		const output = await runInventory(
			sim,
			'updateFbmQuantity',
			[
				{ sku: a.sku, quantity: 2.5 },
				{ sku: b.sku, quantity: 9 },
				{ sku: b.sku, quantity: 9, marketplaceId: 'A1PA6795UKMFR9' },
			],
			{},
			{ continueOnFail: true },
		);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.error).toContain('Quantity must be a whole number');
		expect(output[1].json).toMatchObject({ sku: b.sku, status: 'updated' });
		expect(output[2].json.error).toContain('amazon.de');
		expect(sentQuantities().filter((u) => u.sku === a.sku && u.quantity === 2.5)).toEqual([]);
	});

	it('a failing expression fails its own item only', async () => {
		const [a, b] = fbm();
		const output = await runInventory(
			sim,
			'updateFbmQuantity',
			[{ sku: a.sku, quantity: 3 }, { sku: b.sku }],
			{
				quantity: (i: number) => {
					if (i === 1) throw new Error("Cannot read properties of undefined (reading 'free')");
					return 3;
				},
			},
			{ continueOnFail: true },
		);
		expect(output[0].json.status).toBe('updated');
		expect(output[1].json.error).toContain(`Item 1 (SKU "${b.sku}"): Quantity could not be evaluated`);
	});

	it('refuses two quantities for one SKU by default, and takes the last with "Last Item Wins"', async () => {
		const [a] = fbm(CA);
		const items = [
			{ sku: a.sku, quantity: 1, marketplaceId: CA },
			{ sku: a.sku, quantity: 6, marketplaceId: CA },
		];
		await expect(runInventory(sim, 'updateFbmQuantity', items)).rejects.toThrow(/appears in items 0, 1/);
		expect(spApiCalls(sim)).toEqual([]);

		const output = await runInventory(sim, 'updateFbmQuantity', items, { options: { duplicateSkus: 'lastWins' } });
		expect(output.map((o) => [o.json.status, o.json.reason])).toEqual([
			['skipped', 'duplicate'],
			['updated', undefined],
		]);
		expect(quantityLater(CA, a.sku)).toBe(6);
	});

	it('needs the Seller ID of the credential and sends nothing without it', async () => {
		const [a] = fbm();
		await expect(runInventory(sim, 'updateFbmQuantity', [{ sku: a.sku, quantity: 1 }], {}, { sellerId: '' })).rejects.toThrow(/no Seller ID/);
		expect(spApiCalls(sim)).toEqual([]);
	});

	it('puts Amazon\'s error for one SKU on that SKU\'s item', async () => {
		const [a, b] = fbm();
		const output = await runInventory(
			sim,
			'updateFbmQuantity',
			[
				{ sku: a.sku, quantity: 3 },
				{ sku: 'NO-SUCH-SKU-1', quantity: 3 },
				{ sku: b.sku, quantity: 3 },
			],
			{},
			{ continueOnFail: true },
		);
		expect(output[0].json.status).toBe('updated');
		expect(output[1].json.error).toContain('Item 1 (SKU "NO-SUCH-SKU-1"): this SKU has no listing in ATVPDKIKX0DER');
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[2].json.status).toBe('updated');
		expect(sentQuantities().map((u) => u.sku)).not.toContain('NO-SUCH-SKU-1');
	});

	it('without Continue On Fail, a SKU without a listing stops the run before anything is sent', async () => {
		const [a] = fbm();
		await expect(
			runInventory(sim, 'updateFbmQuantity', [
				{ sku: a.sku, quantity: 3 },
				{ sku: 'NO-SUCH-SKU-2', quantity: 3 },
			]),
		).rejects.toThrow(/NO-SUCH-SKU-2/);
		expect(callsOf(sim, 'patchListingsItem')).toBe(0);
	});

	it('goes by feed above the threshold and maps each message result back to its item', async () => {
		const skus = fbm().slice(0, 4);
		const items = [...skus.map((l, i) => ({ sku: l.sku, quantity: 30 + i })), { sku: 'GHOST-SKU', quantity: 1 }];
		const output = await runInventory(sim, 'updateFbmQuantity', items, { options: { feedThreshold: 2 } }, { continueOnFail: true });
		// The ghost has no listing and no product type: it fails before sending; the rest went in one feed.
		expect(output.slice(0, 4).map((o) => [o.json.status, o.json.via])).toEqual(Array(4).fill(['updated', 'feed']));
		expect(output[4].json.error).toContain('has no listing');
		expect(callsOf(sim, 'createFeed')).toBe(1);
		expect(callsOf(sim, 'patchListingsItem')).toBe(0);
		skus.forEach((l, i) => expect(quantityLater(US, l.sku)).toBe(30 + i));
		expect(sim.validationErrors).toEqual([]);
	});

	it('reports Amazon\'s per-message feed error on the right item', async () => {
		const [a, b] = fbm();
		const output = await runInventory(
			sim,
			'updateFbmQuantity',
			[
				{ sku: a.sku, quantity: 5 },
				{ sku: 'GHOST-SKU-2', quantity: 5 },
				{ sku: b.sku, quantity: 5 },
			],
			// Only the unlisted SKU gets a product type (per item, as an expression would give it).
			{ options: { feedThreshold: 1, productType: (i: number) => (i === 1 ? 'DRINKING_CUP' : '') } },
			{ continueOnFail: true },
		);
		expect(output[0].json).toMatchObject({ status: 'updated', via: 'feed' });
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[1].json.error).toMatch(/^Item 1 \(SKU "GHOST-SKU-2"\): Amazon rejected the quantity for ATVPDKIKX0DER: The SKU 'GHOST-SKU-2' does not exist/);
		expect(output[2].json).toMatchObject({ status: 'updated', via: 'feed' });
	});

	it('reports Amazon\'s patch error on the right item when the product type is given', async () => {
		const [a] = fbm();
		const output = await runInventory(
			sim,
			'updateFbmQuantity',
			[
				{ sku: 'GHOST-SKU-3', quantity: 5 },
				{ sku: a.sku, quantity: 5 },
			],
			{ options: { productType: a.product.productType } },
			{ continueOnFail: true },
		);
		expect(output[0].json.error).toMatch(/GHOST-SKU-3/);
		expect(output[0].json.error).not.toContain('has no listing');
		expect(output[1].json.status).toBe('updated');
	});

	it('by feed too, FBA SKUs receive no quantity; lookups go 20 SKUs a call', async () => {
		const volume = sim.listings.generate({ account: 'na', marketplaceId: US, count: 45, prefix: 'VOL', fbaEvery: 3 });
		const output = await runInventory(sim, 'updateFbmQuantity', volume.map((l) => ({ sku: l.sku, quantity: 12 })), { options: { feedThreshold: 10 } });
		expect(callsOf(sim, 'searchListingsItems')).toBe(3);
		expect(callsOf(sim, 'createFeed')).toBe(1);
		const sent = sentQuantities()
			.filter((u) => u.sku.startsWith('VOL') && u.via === 'JSON_LISTINGS_FEED')
			.map((u) => u.sku);
		const isFba = (sku: string) => volume.find((l) => l.sku === sku)!.channelCode !== 'DEFAULT';
		expect(sent).toHaveLength(30);
		expect(sent.filter(isFba)).toEqual([]);
		output.forEach((o, i) => expect(o.json.status).toBe(isFba(volume[i].sku) ? 'skipped' : 'updated'));
		expect(sim.state.channelSwitches.filter((c) => c.sku.startsWith('VOL'))).toEqual([]);
	});

	it('a feed Amazon has not finished gives each item "processing" with its feed and message id; Feed → Get Results collects them later', async () => {
		const lines = fbm(US).slice(0, 3);
		sim.setFeedTiming({ queuedMs: 60_000, processingMs: 20 * 60_000 });
		try {
			const output = await runInventory(sim, 'updateFbmQuantity', lines.map((l) => ({ sku: l.sku, quantity: 7 })), { options: { feedThreshold: 0, feedWaitMinutes: 2 } });
			expect(output.map((o) => o.json.status)).toEqual(['processing', 'processing', 'processing']);
			const feedId = output[0].json.feedId as string;
			expect(feedId).toEqual(expect.any(String));
			expect(output.map((o) => o.json.messageId)).toEqual([1, 2, 3]);
			expect(output[0].json.message).toMatch(/collect its results later/);

			env.clock.advance(30 * 60_000);
			const [collected] = await runNode(new AmazonSeller(), {
				parameters: { resource: 'feed', operation: 'getResults', feedId: (i: number) => output[i].json.feedId, messageId: (i: number) => output[i].json.messageId, waitMinutes: 0 },
				items: output.map((o) => ({ json: o.json })),
				credentials: simulatorCredentials(sim, 'na'),
			});
			expect(collected.map((o) => [o.json.sku, o.json.status, o.json.feedId, o.pairedItem])).toEqual(lines.map((l, i) => [l.sku, 'accepted', feedId, { item: i }]));
			expect(lines.map((l) => quantityLater(US, l.sku))).toEqual([7, 7, 7]);
		} finally {
			sim.setFeedTiming(undefined);
		}
	});

	it('updates several marketplaces in one run, each with its own lookups and writes', async () => {
		const [us] = fbm(US);
		const [ca] = fbm(CA);
		const output = await runInventory(sim, 'updateFbmQuantity', [
			{ sku: us.sku, quantity: 21, marketplaceId: US },
			{ sku: ca.sku, quantity: 22, marketplaceId: CA },
		]);
		expect(output.map((o) => [o.json.marketplaceId, o.json.status])).toEqual([
			[US, 'updated'],
			[CA, 'updated'],
		]);
		const searched = sim.calls.filter((c) => c.operation === 'searchListingsItems').map((c) => c.query.marketplaceIds);
		expect(searched).toEqual(expect.arrayContaining([[US], [CA]]));
		expect([quantityLater(US, us.sku), quantityLater(CA, ca.sku)]).toEqual([21, 22]);
	});

	it('sends the feeds of several marketplaces side by side, not one after the other', async () => {
		const items = [...fbm(US).slice(0, 3).map((l) => ({ sku: l.sku, quantity: 5, marketplaceId: US })), ...fbm(CA).slice(0, 3).map((l) => ({ sku: l.sku, quantity: 6, marketplaceId: CA }))];
		const output = await runInventory(sim, 'updateFbmQuantity', items, { options: { feedThreshold: 2 } });
		expect(output.map((o) => o.json.via)).toEqual(Array(6).fill('feed'));
		const created = sim.calls.filter((c) => c.operation === 'createFeed').map((c) => c.at);
		const firstPoll = Math.min(...sim.calls.filter((c) => c.operation === 'getFeed').map((c) => c.at));
		expect(created).toHaveLength(2);
		expect(Math.max(...created)).toBeLessThan(firstPoll);
	});

	it('stops calling when Amazon keeps failing, instead of repeating the error for every batch', async () => {
		sim.faults.add({ operation: 'searchListingsItems', kind: '503' });
		const volume = sim.listings.generate({ account: 'na', marketplaceId: CA, count: 200, prefix: 'DOWN' });
		const output = await runInventory(sim, 'updateFbmQuantity', volume.map((l) => ({ sku: l.sku, quantity: 1, marketplaceId: CA })), {}, { continueOnFail: true });
		const searchedBatches = new Set(sim.calls.filter((c) => c.operation === 'searchListingsItems').map((c) => String(c.query.identifiers)));
		expect(searchedBatches.size).toBeLessThan(10);
		expect(output).toHaveLength(200);
		expect(output.every((o) => typeof o.json.error === 'string')).toBe(true);
		expect(callsOf(sim, 'patchListingsItem') + callsOf(sim, 'createFeed')).toBe(0);
	});

	it('without Continue On Fail, says how the other items fared when one SKU fails at Amazon', async () => {
		const [a, b] = fbm();
		const error = await runInventory(
			sim,
			'updateFbmQuantity',
			[
				{ sku: a.sku, quantity: 2 },
				{ sku: 'GHOST-SKU-4', quantity: 2 },
				{ sku: b.sku, quantity: 2 },
			],
			{ options: { productType: (i: number) => (i === 1 ? a.product.productType : '') } },
		).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toContain('1 of 3 items failed; 2 went through (done or skipped).');
	});

	it('stays within the published patch rate: no 429 however many SKUs', async () => {
		const listings = fbm();
		await runInventory(sim, 'updateFbmQuantity', listings.map((l, i) => ({ sku: l.sku, quantity: i })), { options: { feedThreshold: 1000 } });
		const patches = sim.calls.filter((c) => c.operation === 'patchListingsItem');
		expect(patches.length).toBe(listings.length);
		expect(patches.filter((c) => c.status === 429)).toEqual([]);
		// Burst 5, then 5 per second: patch k (from 0) goes no earlier than (k - 4) / 5 s after the first.
		patches.forEach((c, k) => expect(c.at - patches[0].at).toBeGreaterThanOrEqual(Math.max(0, ((k - 4) / 5) * 1000) - 1));
	});

	it('keeps secrets out of errors', async () => {
		sim.faults.add({ operation: 'searchListingsItems', kind: '500' });
		const [a] = fbm();
		const output = await runInventory(sim, 'updateFbmQuantity', [{ sku: a.sku, quantity: 1 }], {}, { continueOnFail: true });
		const text = JSON.stringify(output);
		expect(output[0].json.error).toBeDefined();
		for (const secret of [sim.accounts.na.clientSecret, sim.accounts.na.refreshToken]) expect(text).not.toContain(secret);
		expect(callsOf(sim, 'patchListingsItem')).toBe(0);
	});

	it('throws NodeApiError with the item index when Amazon fails and Continue On Fail is off', async () => {
		sim.faults.add({ operation: 'patchListingsItem', kind: '500' });
		const [a] = fbm();
		const error = await runInventory(sim, 'updateFbmQuantity', [{ sku: a.sku, quantity: 1 }]).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.itemIndex).toBe(0);
	});
});
