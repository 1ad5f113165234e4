/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Every action of the Amazon Seller node, run by real n8n (`n8n execute` on a Manual Trigger
 * workflow) against the simulator, checked in n8n's output, in the execution read back through the
 * public API, and in the simulator's state.
 */
import { ACTION_NODE, manualWorkflow, runOutput, startE2e, waitFor, type E2eEnv } from './support/harness';

const US = 'ATVPDKIKX0DER';
let env: E2eEnv;

beforeAll(async () => {
	env = await startE2e();
});

afterAll(async () => {
	await env?.stop();
});

function amazon(name: string, parameters: Record<string, unknown>): any {
	return { name, type: ACTION_NODE, parameters };
}

async function run(name: string, nodes: any[]): Promise<{ run: any; execution: any }> {
	const id = await env.importWorkflow(manualWorkflow(name, nodes));
	const result = await env.execute(id);
	expect(result.run.data.resultData.error).toBeUndefined();
	// The same execution, as the public API returns it.
	expect(result.execution).toBeDefined();
	expect(result.execution.workflowId).toBe(id);
	expect(result.execution.status).toBe('success');
	expect(result.execution.mode).toBe('cli');
	return result;
}

/** NA orders of the simulator that are merchant-fulfilled and still unshipped, oldest first. */
function unshippedFbm(): any[] {
	return env.sim.orders
		.all()
		.filter((o) => o.account === 'na' && o.marketplaceId === US && o.fulfilledBy === 'MERCHANT' && o.status === 'UNSHIPPED')
		.sort((a, b) => a.createdTime - b.createdTime);
}

test('Order > Get returns the order with its items', async () => {
	const order = env.sim.orders.all().find((o) => o.account === 'na' && o.marketplaceId === US)!;
	const { run: r, execution } = await run('e2e Get', [amazon('Get Order', { resource: 'order', operation: 'get', orderId: order.orderId })]);
	const [out] = runOutput(r, 'Get Order');
	expect(out.orderId).toBe(order.orderId);
	expect(JSON.stringify(out)).toContain(order.items[0].orderItemId);
	expect(execution.data.resultData.runData['Get Order'][0].data.main[0][0].json.orderId).toBe(order.orderId);
});

test('Order > Get Many searches orders by creation date', async () => {
	const { run: r } = await run('e2e Get Many', [
		amazon('Get Many Orders', {
			resource: 'order',
			operation: 'getMany',
			dateFilter: 'created',
			createdAfter: '={{ $now.minus({ days: 5 }).toISO() }}',
			returnAll: false,
			limit: 10,
			filters: { fulfilledBy: 'MERCHANT' },
		}),
	]);
	const out = runOutput(r, 'Get Many Orders');
	expect(out.length).toBeGreaterThan(0);
	expect(out.length).toBeLessThanOrEqual(10);
	const known = new Set(env.sim.orders.all().map((o) => o.orderId));
	for (const o of out) expect(known.has(o.orderId)).toBe(true);
});

test('Order > Confirm Shipment ships an FBM order', async () => {
	const order = unshippedFbm()[0];
	expect(order).toBeDefined();
	const { run: r } = await run('e2e Confirm Shipment', [
		amazon('Confirm Shipment', {
			resource: 'order',
			operation: 'confirmShipment',
			orderId: order.orderId,
			carrierCode: 'UPS',
			trackingNumber: '1Z999AA10123456784',
			packageReferenceId: '1',
			itemsToShip: 'allUnshipped',
		}),
	]);
	const [out] = runOutput(r, 'Confirm Shipment');
	expect(JSON.stringify(out)).toContain(order.orderId);
	const shipment = env.sim.state.shipments.find((s) => s.orderId === order.orderId);
	expect(shipment).toMatchObject({ carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', packageReferenceId: '1' });
	expect(env.sim.orders.record(order.orderId)!.status).toBe('SHIPPED');
});

test('Order > Cancel cancels an FBM order through the acknowledgement feed', async () => {
	const order = unshippedFbm()[0];
	expect(order).toBeDefined();
	const { run: r } = await run('e2e Cancel', [
		amazon('Cancel Order', {
			resource: 'order',
			operation: 'cancel',
			orderId: order.orderId,
			cancelScope: 'order',
			cancelReason: 'NoInventory',
			options: { waitForProcessing: true, waitMinutes: 6 },
		}),
	]);
	const [out] = runOutput(r, 'Cancel Order');
	expect(JSON.stringify(out)).toContain(order.orderId);
	expect(env.sim.state.cancellations.some((c) => c.orderId === order.orderId)).toBe(true);
	expect(env.sim.orders.record(order.orderId)!.status).toBe('CANCELLED');
});

test('Inventory > Update FBM Quantity sets the listing quantity', async () => {
	const listing = env.sim.listings.all('na', US).find((l) => l.channelCode === 'DEFAULT')!;
	expect(listing).toBeDefined();
	const quantity = listing.quantity + 7;
	const { run: r } = await run('e2e Update FBM Quantity', [
		amazon('Update FBM Quantity', {
			resource: 'inventory',
			operation: 'updateFbmQuantity',
			marketplaceId: US,
			sku: listing.sku,
			quantity,
		}),
	]);
	const [out] = runOutput(r, 'Update FBM Quantity');
	expect(JSON.stringify(out)).toContain(listing.sku);
	// Amazon applies an accepted patch a little later (the simulator: 5–30 s).
	await waitFor(`${listing.sku} quantity ${quantity}`, async () => (env.sim.listings.quantity('na', US, listing.sku) === quantity ? true : undefined), { timeoutMs: 60_000 });
});

test('Inventory > Get FBA Inventory lists FBA stock', async () => {
	const { run: r } = await run('e2e Get FBA Inventory', [
		amazon('Get FBA Inventory', { resource: 'inventory', operation: 'getFbaInventory', marketplaceId: US, scope: 'all', returnAll: true }),
	]);
	const out = runOutput(r, 'Get FBA Inventory');
	const fbaSkus = env.sim.listings
		.all('na', US)
		.filter((l) => l.fba)
		.map((l) => l.sku);
	expect(out.length).toBeGreaterThan(0);
	for (const item of out) expect(fbaSkus).toContain(item.sellerSku ?? item.sku);
});

test('Sales Order > Map Order to Sales Order maps an order read by Get', async () => {
	const order = env.sim.orders.all().find((o) => o.account === 'na' && o.marketplaceId === US && o.status !== 'PENDING')!;
	const { run: r } = await run('e2e Map', [
		amazon('Get Order', { resource: 'order', operation: 'get', orderId: order.orderId }),
		amazon('Map Order to Sales Order', { resource: 'salesOrder', operation: 'map' }),
	]);
	const [out] = runOutput(r, 'Map Order to Sales Order');
	expect(out.reference).toBe(order.orderId);
	expect(out.lines.filter((l: any) => l.type === 'product').map((l: any) => l.sku)).toEqual(
		expect.arrayContaining(order.items.map((i) => i.sku)),
	);
	expect(out.reconciliation.ok).toBe(true);
});
