/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The Amazon → ERP example as a user runs it: tables set up with `n8n execute`, the workflow
 * published, `n8n start` polling the simulator in real time. New orders arrive, n8n is restarted
 * (an order arrives and another is canceled while it is down), and every order reaches the ERP
 * tables exactly once; each event runs once, read back from n8n's executions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startE2e, waitFor, type E2eEnv } from './support/harness';

const US = 'ATVPDKIKX0DER';
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', '1-amazon-to-erp-data-tables.json');
const TRIGGER = 'Amazon Seller Trigger';
// Amazon's 2-minute search delay, the trigger's settle margin and its 3-minute search budget.
const EVENT_TIMEOUT_MS = 9 * 60_000;

let env: E2eEnv;
let workflowId: string;

beforeAll(async () => {
	env = await startE2e({ simulator: { seedOrders: 10 } });
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	// The example polls every 3 minutes, as the node advises; the test polls every minute to stay
	// short (polls without budget skip quietly, which is part of what it checks).
	workflow.nodes.find((n: any) => n.name === TRIGGER).parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	workflowId = await env.importWorkflow(workflow);
	// "Execute workflow" on the setup trigger, as in the editor (`n8n execute` has no Data Tables).
	const setup = await env.api.runManually(workflowId, 'Set up ERP tables (run once)');
	expect(setup.status).toBe('success');
	expect(Object.keys(setup.data.resultData.runData)).toEqual(expect.arrayContaining(['Customers table', 'Sales orders table', 'Stock table']));
	// Publish, as the editor's Publish button does.
	await env.api.activateWorkflow(workflowId);
});

afterAll(async () => {
	await env?.stop();
});

/** Every item the trigger emitted, over all executions of the workflow. */
async function emitted(): Promise<any[]> {
	const executions = await env.api.executions({ workflowId, includeData: true });
	return executions.flatMap((e: any) =>
		(e.data?.resultData?.runData?.[TRIGGER] ?? []).flatMap((run: any) => (run.data?.main?.[0] ?? []).map((item: any) => ({ ...item.json, executionId: e.id, status: e.status }))),
	);
}

async function waitForEvents(eventIds: string[]): Promise<any[]> {
	return await waitFor(
		`events ${eventIds.join(', ')}`,
		async () => {
			const items = await emitted();
			const seen = new Set(items.map((i) => i.eventId));
			return eventIds.every((id) => seen.has(id)) ? items : undefined;
		},
		{ timeoutMs: EVENT_TIMEOUT_MS, intervalMs: 5000 },
	);
}

async function tableRows(name: string): Promise<any[]> {
	const table = await env.api.dataTableByName(name);
	expect(table).toBeDefined();
	return await env.api.dataTableRows(table.id);
}

test('the published workflow is active and polls', async () => {
	const workflows = await env.api.workflows();
	const wf = workflows.find((w: any) => w.id === workflowId);
	expect(wf.active).toBe(true);
	expect(env.n8n.logText()).not.toMatch(/There was a problem activating the workflow/);
});

test('new and canceled orders reach the ERP tables exactly once, across a restart', async () => {
	const fbmA = env.sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED' });
	const fbmB = env.sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', itemCount: 2 });
	const fba = env.sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'AMAZON', status: 'SHIPPED' });
	const pending = env.sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'PENDING' });

	const t0 = Date.now();
	await waitForEvents([`${fbmA.orderId}:newOrder`, `${fbmB.orderId}:newOrder`, `${fba.orderId}:newOrder`]);
	console.log(`first orders seen after ${((Date.now() - t0) / 1000).toFixed(0)} s`);

	// n8n goes down; meanwhile one order arrives and one is canceled by the buyer.
	await env.n8n.stopProcess();
	const fbmD = env.sim.orders.create({ account: 'na', marketplaceId: US, fulfilledBy: 'MERCHANT', status: 'UNSHIPPED' });
	env.sim.orders.transition(fbmB.orderId, 'CANCELLED');
	await env.n8n.start();
	console.log(`n8n restarted in ${(env.n8n.lastStartMs / 1000).toFixed(1)} s`);

	const t1 = Date.now();
	await waitForEvents([`${fbmD.orderId}:newOrder`, `${fbmB.orderId}:orderCanceled`]);
	console.log(`orders after the restart seen after ${((Date.now() - t1) / 1000).toFixed(0)} s`);
	// One more poll cycle, so a duplicate would have time to show up.
	await new Promise((r) => setTimeout(r, 75_000));

	const items = await emitted();
	const count = (eventId: string) => items.filter((i) => i.eventId === eventId).length;
	for (const o of [fbmA, fbmB, fba, fbmD]) expect(count(`${o.orderId}:newOrder`)).toBe(1);
	expect(count(`${fbmB.orderId}:orderCanceled`)).toBe(1);
	expect(items.some((i) => i.orderId === pending.orderId && i.event === 'newOrder')).toBe(false);
	const ids = items.map((i) => i.eventId);
	expect(new Set(ids).size).toBe(ids.length);
	// Only orders placed after activation produce one-time events.
	const ours = new Set([fbmA, fbmB, fba, fbmD, pending].map((o) => o.orderId));
	expect(items.filter((i) => !ours.has(i.orderId))).toEqual([]);

	const executions = await env.api.executions({ workflowId, includeData: false });
	expect(executions.filter((e: any) => e.status !== 'success')).toEqual([]);

	const orders = await tableRows('erp_sales_orders');
	for (const o of [fbmA, fbmB, fba, fbmD]) expect(orders.filter((r) => r.amazonOrderId === o.orderId)).toHaveLength(1);
	expect(orders.find((r) => r.amazonOrderId === fbmB.orderId).status).toBe('canceled');
	expect(orders.find((r) => r.amazonOrderId === fbmA.orderId).status).toBe('open');
	expect(orders.find((r) => r.amazonOrderId === fbmA.orderId).total).toBeGreaterThan(0);

	const lines = await tableRows('erp_sales_order_lines');
	const productLines = (orderId: string) => lines.filter((l) => l.amazonOrderId === orderId && l.type === 'product');
	expect(productLines(fbmB.orderId).map((l) => l.sku).sort()).toEqual(fbmB.items.map((i) => i.sku).sort());
	expect(productLines(fbmA.orderId)).toHaveLength(fbmA.items.length);

	const customers = await tableRows('erp_customers');
	const keys = orders.map((o) => o.customerKey);
	for (const key of keys) expect(customers.filter((c) => c.matchingKey === key)).toHaveLength(1);
}, 2 * EVENT_TIMEOUT_MS + 5 * 60_000);
