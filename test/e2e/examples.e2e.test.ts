/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The example workflows in examples/: every node type and version exists in n8n 2.40.7, every one
 * imports, and the Ship and Stock workflows do their job when run from "Run now" (as the editor's
 * Execute button does) against the stand-in ERP tables and the simulator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startE2e, waitFor, type E2eEnv } from './support/harness';

const US = 'ATVPDKIKX0DER';
const DIR = path.join(__dirname, '..', '..', 'examples');
const FILES = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
const byPrefix = (prefix: string) => {
	const file = FILES.find((f) => f.startsWith(prefix));
	if (!file) throw new Error(`examples/${prefix}* is missing`);
	return file;
};

let env: E2eEnv;
const ids: Record<string, string> = {};

beforeAll(async () => {
	env = await startE2e();
	for (const file of FILES) ids[file] = await env.importWorkflow(load(file));
	const setup = await env.api.runManually(ids[byPrefix('1-')], 'Set up ERP tables (run once)');
	expect(setup.status).toBe('success');
});

afterAll(async () => {
	await env?.stop();
});

test('there are the six examples', () => {
	expect(FILES).toHaveLength(6);
});

test('every node type and version in the examples is known to n8n', async () => {
	const known = new Map<string, Set<number>>();
	for (const t of await env.api.nodeTypes()) {
		const versions = Array.isArray(t.version) ? t.version : [t.version];
		known.set(t.name, new Set([...(known.get(t.name) ?? []), ...versions]));
	}
	const unknown: string[] = [];
	for (const file of FILES) {
		for (const node of load(file).nodes) {
			if (!known.get(node.type)?.has(node.typeVersion)) unknown.push(`${file}: ${node.name} (${node.type} v${node.typeVersion})`);
		}
	}
	expect(unknown).toEqual([]);
});

test('every example imports and keeps its nodes and connections', async () => {
	const workflows = await env.api.workflows();
	for (const file of FILES) {
		const wf = workflows.find((w: any) => w.id === ids[file]);
		expect(wf).toBeDefined();
		const source = load(file);
		expect(wf.nodes.map((n: any) => n.name).sort()).toEqual(source.nodes.map((n: any) => n.name).sort());
		expect(Object.keys(wf.connections).sort()).toEqual(Object.keys(source.connections).sort());
	}
});

test('Ship: a sales order marked shipped is confirmed on Amazon and marked confirmed', async () => {
	const order = env.sim.orders
		.all()
		.find((o) => o.account === 'na' && o.marketplaceId === US && o.fulfilledBy === 'MERCHANT' && o.status === 'UNSHIPPED')!;
	expect(order).toBeDefined();
	const table = await env.api.dataTableByName('erp_sales_orders');
	await env.api.insertDataTableRows(table.id, [
		{ amazonOrderId: order.orderId, marketplaceId: US, channel: 'FBM', status: 'shipped', carrier: 'USPS', trackingNumber: '9400111899223856926841', shipmentConfirmed: false },
	]);
	const run = await env.api.runManually(ids[byPrefix('2-')], 'Run now');
	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	expect(env.sim.state.shipments.find((s) => s.orderId === order.orderId)).toMatchObject({ carrierCode: 'USPS', trackingNumber: '9400111899223856926841' });
	const rows = await env.api.dataTableRows(table.id);
	expect(rows.find((r) => r.amazonOrderId === order.orderId).shipmentConfirmed).toBe(true);
	// A second run finds nothing left to confirm.
	const again = await env.api.runManually(ids[byPrefix('2-')], 'Run now');
	expect(again.status).toBe('success');
	expect(env.sim.state.shipments.filter((s) => s.orderId === order.orderId)).toHaveLength(1);
});

test('Stock: ERP quantities become the FBM listing quantities on Amazon', async () => {
	const listings = env.sim.listings
		.all('na', US)
		.filter((l) => l.channelCode === 'DEFAULT')
		.slice(0, 3);
	expect(listings.length).toBeGreaterThan(0);
	const table = await env.api.dataTableByName('erp_stock');
	await env.api.insertDataTableRows(
		table.id,
		listings.map((l, i) => ({ sku: l.sku, marketplaceId: US, quantity: 11 + i })),
	);
	const run = await env.api.runManually(ids[byPrefix('3-')], 'Run now');
	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
	// Amazon applies accepted patches a little later (the simulator: 5–30 s).
	await waitFor('the ERP quantities on Amazon', async () => (listings.every((l, i) => env.sim.listings.quantity('na', US, l.sku) === 11 + i) ? true : undefined), { timeoutMs: 60_000 });
});

test('Payout → ERP journal: the latest settlement of each currency booked once, balanced, deposit to the cent', async () => {
	const id = ids[byPrefix('5-')];
	expect((await env.api.runManually(id, 'Set up journal tables (run once)')).status).toBe('success');
	const closed = ['USD', 'CAD', 'MXN'].map((currency) => env.sim.finance.closePeriod('na', currency));
	for (let i = 0; i < 2; i++) {
		const run = await env.api.runManually(id, 'Run now');
		expect(run.data.resultData.error).toBeUndefined();
		expect(run.status).toBe('success');
	}
	const rows = await env.api.dataTableRows((await env.api.dataTableByName('erp_journal_entries')).id);
	// Upserts by settlement id: the second run booked nothing twice.
	for (const period of closed) expect(rows.filter((r: any) => r.settlementId === period.settlementId)).toHaveLength(1);
	for (const r of rows) {
		const period = env.sim.finance.periods({ account: 'na' }).find((p) => p.settlementId === r.settlementId)!;
		expect(r.deposit).toBe((period.total / 100).toFixed(2));
		expect(r.debit).toBe(r.credit);
		expect(r.balanced).toBe(true);
	}
});
