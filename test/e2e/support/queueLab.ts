/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Measurements of what n8n 2.40.7's queue mode does under faults, with the Amazon → ERP example and
 * a live order flow. One scenario per run (one cluster at a time), figures printed as JSON and kept
 * in the cluster's work folder. Used to write docs/scale-out.md ("What n8n 2.40.7 does").
 *
 *   npx ts-node --transpile-only test/e2e/support/queueLab.ts <scenario> [--durable] [--flow-min 6]
 *
 * Scenarios: worker-kill, main-restart, redis-restart, postgres-restart, static-data.
 */
import { DURABLE_CURSOR_ENV } from '../../../scripts/n8n/queue-cluster';
import {
	OrderFlow,
	TRIGGER,
	compareErp,
	emittedEvents,
	erpRows,
	killWorkerMidExecution,
	publishExample,
	startQueueE2e,
	tally,
	triggerItemsOf,
	waitForPoll,
	type QueueE2e,
} from './queueCluster';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WORKFLOW_ID = 'queuelab0000001';
const CURSOR_NODE_KEY = `node:${TRIGGER}`;

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The trigger's position as stored: workflow static data (default engine) and poller_state (durable cursors). */
async function position(env: QueueE2e): Promise<{ staticWatermark?: number; pollerWatermark?: number; staticGlobal?: any }> {
	const stat = await env.cluster.staticData(WORKFLOW_ID).catch(() => undefined);
	const node = stat?.[CURSOR_NODE_KEY];
	const cursorOf = (o: any) => (o ? (Object.values(o).find((v: any) => v && typeof v === 'object' && 'watermarkMs' in v) as any) : undefined);
	const pollers = await env.cluster.pollerState(WORKFLOW_ID);
	const pollerCursor = pollers[0] ? (typeof pollers[0].cursor === 'string' ? JSON.parse(pollers[0].cursor) : pollers[0].cursor) : undefined;
	return {
		staticWatermark: cursorOf(node)?.watermarkMs,
		pollerWatermark: cursorOf(pollerCursor)?.watermarkMs,
		staticGlobal: stat?.global,
	};
}

/** What became of an execution a fault hit: its row, its stored data, the trigger items left in it. */
async function inspectExecution(env: QueueE2e, id: number, since: number): Promise<any> {
	const row = (await env.cluster.executionRows(WORKFLOW_ID)).find((r) => r.id === id);
	const data = await env.cluster.executionData(id).catch(() => undefined);
	const triggerItems = triggerItemsOf(data).length;
	return {
		id,
		status: row?.status,
		finished: row?.finished,
		stoppedAfterKillS: row?.stoppedAt ? Math.round((new Date(row.stoppedAt).getTime() - since) / 100) / 10 : null,
		nodesWithData: Object.keys(data?.resultData?.runData ?? {}),
		triggerItems,
		error: data?.resultData?.error?.message?.slice(0, 200),
	};
}

async function retry(env: QueueE2e, id: number): Promise<any> {
	try {
		const result = await env.api.rest('POST', `/executions/${id}/retry`, { loadWorkflow: false }, { timeoutMs: 120_000 });
		return { ok: true, result: typeof result === 'object' ? JSON.stringify(result).slice(0, 300) : result };
	} catch (error) {
		return { ok: false, error: (error as Error).message.slice(0, 300) };
	}
}

async function main(): Promise<void> {
	const scenario = process.argv[2] ?? 'worker-kill';
	const durable = process.argv.includes('--durable');
	const flowMin = Number(arg('flow-min') ?? 6);
	const log = (m: string) => console.log(`[lab ${new Date().toISOString().slice(11, 19)}] ${m}`);
	const env = await startQueueE2e({ cluster: { durableCursors: durable, keepWorkDir: true, workers: 2 }, log });
	const { cluster } = env;
	const faults: any[] = [];
	const positions: any[] = [];
	let failed = false;
	try {
		await publishExample(env, WORKFLOW_ID, (w) => (scenario === 'static-data' ? withStaticDataWriter(w) : w));
		const activatedAt = Date.now();
		const flow = new OrderFlow(env.sim, { perMinute: 3, cancelEvery: 4, cancelAfterMs: 45_000 }).start();
		log(`${scenario} (${durable ? 'durable cursors' : 'default engine'}): workflow published, order flow started`);
		let watching = true;
		let maxWatermark = 0;
		const watcher = (async () => {
			let last: number | undefined;
			while (watching) {
				const p = await position(env).catch(() => undefined);
				maxWatermark = Math.max(maxWatermark, p?.staticWatermark ?? 0, p?.pollerWatermark ?? 0);
				const w = p?.staticWatermark;
				if (w !== undefined && last !== undefined && w < last) positions.push({ at: Date.now() - activatedAt, regressedFrom: last, to: w, global: p?.staticGlobal });
				if (w !== undefined) last = w;
				await sleep(500);
			}
		})();

		const flowEnd = activatedAt + flowMin * 60_000;
		if (scenario === 'worker-kill') {
			await sleep(150_000);
			for (let k = 0; k < 3 && Date.now() < flowEnd + 60_000; k++) {
				const delayMs = Math.floor(Math.random() * 400);
				const kill = await killWorkerMidExecution(cluster, { delayMs, timeoutMs: 200_000 });
				if (!kill) break;
				log(`killed worker${kill.worker} ${delayMs} ms after it started execution ${kill.executionId}`);
				const before = await position(env);
				faults.push({ kind: 'worker kill -9', delayMs, ...kill, positionAtKill: before });
				await sleep(5_000);
				await cluster.startWorker(kill.worker);
				await sleep(45_000);
			}
		} else if (scenario === 'main-restart') {
			await sleep(150_000);
			for (const mode of ['graceful', 'crash'] as const) {
				const polled = await waitForPoll(cluster, { timeoutMs: 120_000 });
				const t = Date.now();
				await cluster.restartMain({ mode });
				await env.relogin();
				faults.push({ kind: `main restart (${mode}) ${polled ? 'right after a poll started' : 'no poll seen'}`, at: t - activatedAt, downS: (Date.now() - t) / 1000 });
				log(`main restarted (${mode})`);
				await sleep(90_000);
			}
		} else if (scenario === 'redis-restart') {
			await sleep(150_000);
			for (const mode of ['graceful', 'crash'] as const) {
				const t = Date.now();
				await cluster.restartRedis({ mode, downMs: 5_000 });
				faults.push({ kind: `redis restart (${mode}, 5 s down, appendonly)`, at: t - activatedAt });
				log(`redis restarted (${mode})`);
				await sleep(100_000);
			}
		} else if (scenario === 'postgres-restart') {
			await sleep(150_000);
			for (const mode of ['fast', 'immediate'] as const) {
				const t = Date.now();
				await cluster.restartPostgres({ mode, downMs: 5_000 });
				faults.push({ kind: `postgres restart (${mode}, 5 s down)`, at: t - activatedAt });
				log(`postgres restarted (${mode})`);
				await sleep(100_000);
			}
		} else if (scenario === 'static-data') {
			// Wait for a worker's execution to write the workflow's static data (the Code node's note),
			// then restart main before main saves the trigger's position again.
			const deadline = Date.now() + 8 * 60_000;
			let seen: any;
			while (Date.now() < deadline) {
				const data = await env.cluster.staticData(WORKFLOW_ID).catch(() => undefined);
				if (data?.global) {
					seen = data;
					break;
				}
				await sleep(300);
			}
			const t = Date.now();
			await cluster.restartMain({ mode: 'graceful' });
			await env.relogin();
			await sleep(5_000);
			faults.push({
				kind: 'main restart (graceful) right after a worker wrote the workflow static data',
				at: t - activatedAt,
				storedBeforeRestart: seen,
				storedAfterRestart: await env.cluster.staticData(WORKFLOW_ID).catch(() => undefined),
			});
			log(`main restarted after the worker's write: ${JSON.stringify(seen)?.slice(0, 200)}`);
		}
		while (Date.now() < flowEnd) await sleep(1000);
		flow.stop();
		log('order flow stopped; waiting for the last events');
		await sleep(50_000); // pending cancellations
		flow.close();
		const expected = flow.expectedEvents();
		// Until the trigger's position (static data or poller_state) has passed the flow's last change: a lost event never comes.
		const deadline = Date.now() + 7 * 60_000;
		while (Date.now() < deadline) {
			// The highest position seen: a worker's static-data write can erase it from the row for a while.
			if (maxWatermark > flow.lastChangeAt) break;
			await sleep(2_000);
		}
		await sleep(65_000); // one more poll cycle, so a duplicate has time to show up
		watching = false;
		await watcher;

		const { items, unreadable } = await emittedEvents(cluster, WORKFLOW_ID);
		const final = tally(expected, items);
		const rows = await cluster.executionRows(WORKFLOW_ID);
		const statuses: Record<string, number> = {};
		for (const r of rows.filter((x) => x.mode !== 'manual')) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
		for (const f of faults.filter((x) => x.executionId)) {
			f.after = await inspectExecution(env, f.executionId, f.killedAt);
			f.retry = await retry(env, f.executionId);
		}
		await sleep(15_000);
		for (const f of faults.filter((x) => x.retry?.ok)) {
			const newest = (await cluster.executionRows(WORKFLOW_ID)).filter((r) => r.retryOf === String(f.executionId));
			f.retryExecutions = await Promise.all(newest.map((r) => inspectExecution(env, r.id, f.killedAt)));
		}
		const erp = compareErp(flow.openOrderIds(), await erpRows(env.api, 'erp_sales_orders'));
		const mainLog = cluster.main.logText();
		const report = {
			scenario,
			engine: durable ? `durable cursors (${Object.keys(DURABLE_CURSOR_ENV).join(', ')})` : 'default',
			events: { expected: final.expected, delivered: final.delivered, lost: final.lost, onlyInFailed: final.onlyInFailed, duplicated: final.duplicated },
			erp: { amazonOrders: erp.amazon, erpRows: erp.erpRows, missing: erp.missing, doubled: erp.doubled },
			executions: { total: rows.filter((x) => x.mode !== 'manual').length, statuses, unreadable, byWorker: cluster.executionCountsByWorker() },
			pollLines: cluster.pollCounts(),
			faults,
			orders: flow.timeline(),
			staticDataRegressions: positions,
			finalPosition: await position(env),
			mainLogLines: mainLog.split('\n').filter((l) => /stalled|crashed|dangling executions|ECONNREFUSED|terminat|lost connection|reconnect|unavailable|Database connection/i.test(l)).slice(0, 40).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').slice(0, 300)),
			workDir: cluster.workDir,
		};
		const text = JSON.stringify(report, null, 2);
		require('node:fs').writeFileSync(require('node:path').join(cluster.workDir, `result-${scenario}${durable ? '-durable' : ''}.json`), text);
		console.log(text);
	} catch (error) {
		failed = true;
		console.error(error);
		console.error(cluster.describeLogs(20));
	} finally {
		await env.stop({ failed });
	}
}

/** The example with a Code node after the trigger that keeps a note in the workflow's global static data. */
function withStaticDataWriter(workflow: any): any {
	const code = {
		id: 'c0de0000-0000-4000-8000-000000000001',
		name: 'Remember last order',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 600],
		parameters: {
			jsCode:
				"const s = $getWorkflowStaticData('global');\ns.lastOrder = $input.first().json.orderId;\ns.seen = (s.seen || 0) + $input.all().length;\nreturn $input.all();",
		},
	};
	workflow.nodes.push(code);
	const next = workflow.connections[TRIGGER];
	workflow.connections[TRIGGER] = { main: [[{ node: code.name, type: 'main', index: 0 }]] };
	workflow.connections[code.name] = next;
	return workflow;
}

if (require.main === module) void main();
