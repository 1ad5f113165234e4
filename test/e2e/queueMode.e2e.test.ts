/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * n8n's queue mode for real, set up by the test on this machine (scripts/n8n/queue-infra.ts installs
 * Redis and Postgres 17 into the cache; scripts/n8n/queue-cluster.ts runs them, n8n main and two
 * workers, our package in every process). The Amazon → ERP example runs under a live order flow
 * while main restarts once (during a poll) and a worker is killed mid-execution twice; then concurrent webhook
 * executions run Order → Get on both workers. The figures (orders Amazon has vs ERP rows, events
 * lost and doubled, executions per worker, which process polled) are printed.
 *
 * About 10 minutes on a warm cache: cluster start ≈ 1–1.5 min, then Amazon's timing (an order shows
 * up ≈ 3 min after it is placed, and searchOrders allows one search per 3 min, so each fault waits
 * for the next execution). The first run on a fresh machine adds ≈ 5–10 s for Redis and Postgres
 * (apt and npm downloads) on top of the n8n install.
 */
import {
	OrderFlow,
	compareErp,
	emittedEvents,
	erpRows,
	killWorkerMidExecution,
	publishExample,
	simulatorCalls,
	startQueueE2e,
	tally,
	waitForPoll,
	waitForTriggerToPass,
	type QueueE2e,
} from './support/queueCluster';

const WORKFLOW_ID = 'queuee2eamzerp1';
const GET_WORKFLOW_ID = 'queuee2egetord1';
// Orders are placed for FLOW_MS; SETTLE_MS bounds the wait for the trigger to read past the last one.
const FLOW_MS = 3.5 * 60_000;
const SETTLE_MS = 6 * 60_000;

let env: QueueE2e;
let failed = false;

beforeAll(async () => {
	// Concurrency 3 per worker: concurrent jobs have to spread over both workers.
	env = await startQueueE2e({ cluster: { workers: 2, workerConcurrency: 3 } });
	await publishExample(env, WORKFLOW_ID);
	await env.importWorkflow(getOrderByWebhook(), GET_WORKFLOW_ID);
	await env.api.activateWorkflow(GET_WORKFLOW_ID);
}, 6 * 60_000);

afterAll(async () => {
	if (failed && env) console.log(env.cluster.describeLogs(25));
	await env?.stop({ failed });
}, 2 * 60_000);

/** Webhook → Order → Get: a production webhook in queue mode is enqueued by main and run by a worker. */
function getOrderByWebhook(): any {
	return {
		name: 'Queue e2e: Order → Get by webhook',
		nodes: [
			{
				id: '0b5e1d6a-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '0b5e1d6a-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'POST', path: 'queue-e2e-get-order', responseMode: 'onReceived', options: {} },
			},
			{
				id: '0b5e1d6a-0000-4000-8000-000000000002',
				name: 'Get Order',
				type: 'n8n-nodes-amazon-seller.amazonSeller',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.body.orderId }}' },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Get Order', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

test('the Amazon → ERP example in queue mode: live flow, 1 main restart, 2 worker kills', async () => {
	try {
		await liveFlowWithFaults();
	} catch (error) {
		failed = true; // keeps the work folder and prints the logs' tails
		throw error;
	}
}, 22 * 60_000);

async function liveFlowWithFaults(): Promise<void> {
	const { cluster, sim, api } = env;
	const t0 = Date.now();
	const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
	const flow = new OrderFlow(sim, { perMinute: 4, cancelEvery: 4, cancelAfterMs: 30_000 }).start();
	setTimeout(() => flow.stop(), FLOW_MS).unref();
	const kills: any[] = [];
	let mainRestart: any;
	try {
		// Main restarts while it polls (a deploy), before the first orders are due.
		const polled = await waitForPoll(cluster, { timeoutMs: 90_000 });
		const t = Date.now();
		await cluster.restartMain({ mode: 'graceful' });
		await env.relogin();
		mainRestart = { duringPoll: polled, downS: (Date.now() - t) / 1000, at: elapsed() };
		// The first orders reach n8n after Amazon's search delay (~3 min): a worker takes that execution and dies,
		// then one takes the next (Amazon's search budget: about 3 min later) and dies too.
		for (const [delayMs, timeoutMs] of [[100, 6 * 60_000], [250, 4 * 60_000]]) {
			const kill = await killWorkerMidExecution(cluster, { delayMs, timeoutMs });
			if (!kill) {
				console.log(`No execution reached a worker in ${timeoutMs / 60_000} min. Simulator calls: ${JSON.stringify(simulatorCalls(sim))}; orders placed: ${flow.orders.length}`);
				break;
			}
			kills.push({ ...kill, at: elapsed() });
			await cluster.startWorker(kill.worker);
		}
		expect(kills.length).toBeGreaterThanOrEqual(1);
	} finally {
		flow.stop();
	}
	// Bounded wait until the trigger has read past the flow's last change (a lost event never comes).
	while (Date.now() - t0 < FLOW_MS + 35_000) await new Promise((r) => setTimeout(r, 1000));
	flow.close();
	const expected = flow.expectedEvents();
	const passed = await waitForTriggerToPass(cluster, WORKFLOW_ID, flow.lastChangeAt, SETTLE_MS);
	// The execution that carries the last events may still be running.
	await new Promise((r) => setTimeout(r, 10_000));

	// Concurrent action executions: 8 webhook calls at once, Order → Get on the workers.
	const orderIds = flow.orders.map((o) => o.orderId);
	const openOrderIds = flow.openOrderIds();
	const webhookStart = (await cluster.executionRows(GET_WORKFLOW_ID)).length;
	const answers = await Promise.all(
		orderIds.slice(0, 8).map((orderId) =>
			fetch(`${cluster.url}/webhook/queue-e2e-get-order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId }) }).then((r) => r.status),
		),
	);
	const getRuns = await waitForExecutions(GET_WORKFLOW_ID, webhookStart + answers.length, 120_000);

	const { items, unreadable } = await emittedEvents(cluster, WORKFLOW_ID);
	const final = tally(expected, items);
	const erp = compareErp(openOrderIds, await erpRows(api, 'erp_sales_orders'));
	const rows = await cluster.executionRows(WORKFLOW_ID);
	const statuses: Record<string, number> = {};
	for (const r of rows.filter((x) => x.mode !== 'manual')) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
	const byWorker = cluster.executionCountsByWorker();
	const polls = cluster.pollCounts();
	const loaded = Object.fromEntries(cluster.processes().map((p) => [p.name, /Loaded all credentials and nodes from n8n-nodes-amazon-seller/.test(p.logText())]));
	const getByWorker: Record<string, number> = {};
	const workerOf = cluster.executionsByWorker();
	for (const r of getRuns) getByWorker[workerOf.get(r.id) ?? 'unknown'] = (getByWorker[workerOf.get(r.id) ?? 'unknown'] ?? 0) + 1;

	console.log(
		[
			'Queue mode figures (n8n 2.40.7, main + 2 workers, Redis AOF, Postgres 17):',
			`  open orders Amazon has:   ${erp.amazon} (+ ${flow.canceled.size} canceled)   ERP sales-order rows: ${erp.erpRows}   missing in ERP: ${erp.missing.length}   doubled: ${erp.doubled.length}`,
			`  events expected:          ${final.expected}   delivered: ${final.delivered}   lost: ${final.lost.length}   only in failed executions: ${final.onlyInFailed.length}   duplicated: ${final.duplicated.length}`,
			`  trigger executions:       ${JSON.stringify(statuses)}; data unreadable (replaced by an error): ${unreadable.length}`,
			`  executions per worker:    ${JSON.stringify(byWorker)}; webhook Order → Get runs per worker: ${JSON.stringify(getByWorker)} (HTTP ${answers.join(',')})`,
			`  poll log lines:           ${JSON.stringify(polls)}`,
			`  package loaded:           ${JSON.stringify(loaded)}`,
			`  worker kills:             ${JSON.stringify(kills.map((k) => ({ worker: k.worker, execution: k.executionId, at: k.at })))}`,
			`  main restart:             ${JSON.stringify(mainRestart)}; trigger read past the last change: ${passed}`,
			`  Amazon calls:             ${JSON.stringify(simulatorCalls(sim))}`,
			`  lost: ${final.lost.join(', ') || '-'}; ERP missing: ${erp.missing.join(', ') || '-'}`,
			`  cluster start: ${JSON.stringify(cluster.timings)}; logs ${cluster.logDir}`,
		].join('\n'),
	);

	// What holds on n8n 2.40.7 today.
	expect(polls.main).toBeGreaterThan(0);
	for (const w of cluster.workers) expect(polls[w.name]).toBe(0);
	expect(loaded).toEqual(Object.fromEntries(cluster.processes().map((p) => [p.name, true])));
	expect(answers.every((s) => s === 200)).toBe(true);
	expect(getRuns.every((r) => r.status === 'success')).toBe(true);
	for (const w of cluster.workers) expect((byWorker[w.name] ?? 0) + (getByWorker[w.name] ?? 0)).toBeGreaterThan(0);
	// Every open order a successful execution delivered is in the ERP, and never twice (upserts keyed by order id).
	const deliveredOrders = [...new Set(items.filter((i) => i.status === 'success' && i.event === 'newOrder').map((i) => i.orderId))].filter((id) => openOrderIds.includes(id));
	expect(deliveredOrders.filter((id) => erp.missing.includes(id))).toEqual([]);
	expect(erp.doubled).toEqual([]);

	// TODO(lead): safety net — once the package re-announces what a worker kill lost, assert exactly once:
	// expect(final.lost).toEqual([]);
	// expect(final.onlyInFailed).toEqual([]);
	// expect(final.duplicated).toEqual([]);
	// expect(erp.missing).toEqual([]);
}

/** Waits until the workflow has at least `count` finished executions; returns them. */
async function waitForExecutions(workflowId: string, count: number, timeoutMs: number): Promise<any[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await env.cluster.executionRows(workflowId);
		const done = rows.filter((r) => ['success', 'error', 'crashed', 'canceled'].includes(r.status));
		if (done.length >= count || Date.now() > deadline) return done;
		await new Promise((r) => setTimeout(r, 1000));
	}
}
