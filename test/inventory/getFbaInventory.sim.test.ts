import { NodeOperationError } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { callsOf, runInventory, spApiCalls, US, useSimulator } from './support';

const env = useSimulator(12);
let sim: Simulator;
beforeAll(() => {
	sim = env.sim;
});

const fbaSkus = (marketplaceId = US) =>
	sim.listings
		.all('na', marketplaceId)
		.filter((l) => l.fba)
		.map((l) => l.sku)
		.sort();

describe('Get FBA Inventory on the simulator', () => {
	it('returns one item per FBA SKU of the marketplace, with quantities to mirror', async () => {
		const output = await runInventory(sim, 'getFbaInventory', [{}], { options: { details: true } });
		expect(output.map((o) => o.json.sellerSku).sort()).toEqual(fbaSkus());
		for (const item of output) {
			const stock = sim.inventory.get('na', US, item.json.sellerSku as string)!;
			expect(item.json.marketplaceId).toBe(US);
			expect((item.json.inventoryDetails as { fulfillableQuantity: number }).fulfillableQuantity).toBe(stock.fulfillable);
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		expect(sim.validationErrors).toEqual([]);
	});

	it('follows nextToken over all pages, or stops calling once the limit is reached', async () => {
		sim.listings.generate({ account: 'na', marketplaceId: 'A1AM78C64UM0Y8', count: 120, prefix: 'PAGE', fbaEvery: 1 });
		const all = await runInventory(sim, 'getFbaInventory', [{}], { marketplaceId: 'A1AM78C64UM0Y8' });
		expect(all.filter((o) => String(o.json.sellerSku).startsWith('PAGE'))).toHaveLength(120);
		expect(callsOf(sim, 'getInventorySummaries')).toBe(Math.ceil(all.length / 50));
		sim.resetCalls();
		const some = await runInventory(sim, 'getFbaInventory', [{}], { marketplaceId: 'A1AM78C64UM0Y8', returnAll: false, limit: 60 });
		expect(some).toHaveLength(60);
		expect(callsOf(sim, 'getInventorySummaries')).toBe(2);
		expect(sim.validationErrors).toEqual([]);
	});

	it('stops at the limit', async () => {
		const output = await runInventory(sim, 'getFbaInventory', [{}], { returnAll: false, limit: 3 });
		expect(output).toHaveLength(3);
		expect(output[0].json.inventoryDetails).toBeUndefined();
	});

	it('reads the SKUs named by the items together and pairs each summary with the items that asked', async () => {
		const [a, b, c] = fbaSkus();
		const output = await runInventory(sim, 'getFbaInventory', [{ sku: a }, { sku: `${b}, ${a}` }, { sku: c }], {
			scope: 'skus',
			skus: (i: number) => [a, `${b}, ${a}`, c][i],
		});
		expect(callsOf(sim, 'getInventorySummaries')).toBe(1);
		const bySku = Object.fromEntries(output.map((o) => [o.json.sellerSku, o.pairedItem]));
		expect(bySku).toEqual({ [a]: [{ item: 0 }, { item: 1 }], [b]: { item: 1 }, [c]: { item: 2 } });
		expect(sim.calls.find((call) => call.operation === 'getInventorySummaries')?.query.sellerSkus).toEqual(expect.arrayContaining([a, b, c]));
	});

	it('checks every item before calling Amazon', async () => {
		const run = runInventory(sim, 'getFbaInventory', [{}, {}], { scope: 'skus', skus: (i: number) => ['MUG-01', ' , '][i] });
		await expect(run).rejects.toThrow(NodeOperationError);
		await expect(run).rejects.toThrow(/Item 1: SKU List/);
		expect(spApiCalls(sim)).toEqual([]);
	});

	it('refuses a "changed since" Amazon would reject, before calling', async () => {
		await expect(runInventory(sim, 'getFbaInventory', [{}], { options: { changedSince: '2024-01-01T00:00:00Z' } })).rejects.toThrow(/18 months/);
		expect(spApiCalls(sim)).toEqual([]);
	});

	it('returns only SKUs changed since a time', async () => {
		const [sku] = fbaSkus();
		const since = new Date(env.clock.now()).toISOString();
		env.clock.advance(60_000);
		sim.inventory.setFulfillable('na', US, sku, 77);
		const output = await runInventory(sim, 'getFbaInventory', [{}], { options: { changedSince: since } });
		expect(output.map((o) => o.json.sellerSku)).toEqual([sku]);
	});
});
