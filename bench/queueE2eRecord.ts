/**
 * The queue-mode e2e test's figures (real n8n: main + 2 workers, Redis, Postgres), kept in
 * bench/recorded/queue-mode-e2e.json by `QUEUE_E2E_RECORD=1 npm run test:e2e -- queueMode` and
 * shown in docs/benchmarks.md. They take 20–30 minutes of wall-clock time, so `npm run bench`
 * renders the last recorded run instead of re-running it, and says so with its date.
 */
import * as fs from 'fs';
import * as path from 'path';

export const QUEUE_E2E_RECORD = path.join(__dirname, 'recorded', 'queue-mode-e2e.json');

interface PerFault {
	fault: string;
	at: string;
	unconfirmed: number;
	deliveredOnce: number;
	doubled: number;
	lost: number;
}

export interface QueueE2eRecord {
	date: string;
	machine: string;
	setup: string;
	orders: number;
	canceled: number;
	erp: { rows: number; missing: number; doubled: number };
	events: { expected: number; delivered: number; lost: number; onlyInFailed: number; inTwoSuccessful: number };
	perFault: PerFault[];
	triggerExecutions: Record<string, number>;
	dataReplacedByError: number;
	allDeliveredAfter: string;
	executionsPerWorker: Record<string, number>;
	concurrentGets: { executions: number; ordersEach: number; workers: string[]; getOrderCalls: number; throttled: number };
	pollLogLines: Record<string, number>;
	packageLoaded: Record<string, boolean>;
	mainRestart: { duringPoll: boolean; downS: number; at: string };
}

export function readQueueE2eRecord(file = QUEUE_E2E_RECORD): QueueE2eRecord | undefined {
	return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as QueueE2eRecord) : undefined;
}

/** Markdown lines for docs/benchmarks.md. */
export function renderQueueE2e(r: QueueE2eRecord): string[] {
	const kills = r.perFault.filter((f) => f.fault.startsWith('worker')).length;
	const pollers = Object.entries(r.pollLogLines).filter(([, n]) => n > 0).map(([name]) => name);
	return [
		'',
		`### Queue mode in real n8n: ${kills} worker kills and 1 main restart under a live order flow (recorded e2e run)`,
		'',
		`Recorded ${r.date} by \`QUEUE_E2E_RECORD=1 npm run test:e2e -- queueMode\` (\`QUEUE_E2E_KILLS\` sets the kills; CI runs 3), not re-run by \`npm run bench\`. ${r.setup}. Machine: ${r.machine}.`,
		'',
		'| Fault | At | Events unconfirmed right after it | Delivered once since | Doubled | Lost |',
		'| --- | --- | --- | --- | --- | --- |',
		...r.perFault.map((f) => `| ${f.fault} | ${f.at} | ${f.unconfirmed} | ${f.deliveredOnce} | ${f.doubled} | ${f.lost} |`),
		'',
		'| Figure | Measured |',
		'| --- | --- |',
		`| Orders Amazon has | ${r.orders} (${r.canceled} canceled) |`,
		`| ERP sales-order rows | ${r.erp.rows}; missing ${r.erp.missing}; doubled ${r.erp.doubled} |`,
		`| Events expected / delivered / lost / doubled | ${r.events.expected} / ${r.events.delivered} / ${r.events.lost} / ${r.events.inTwoSuccessful} |`,
		`| Trigger executions | ${Object.entries(r.triggerExecutions).map(([k, v]) => `${v} ${k}`).join(', ')}; ${r.dataReplacedByError} with their data replaced by n8n's error |`,
		`| Every event in the ERP | ${r.allDeliveredAfter} after the flow began |`,
		`| Executions per worker | ${Object.entries(r.executionsPerWorker).map(([k, v]) => `${k} ${v}`).join(', ')} |`,
		`| Concurrent actions (one budget via Redis) | ${r.concurrentGets.executions} × ${r.concurrentGets.ordersEach} Order → Get on ${[...new Set(r.concurrentGets.workers)].join(' and ')}: ${r.concurrentGets.getOrderCalls} getOrder calls, ${r.concurrentGets.throttled} × 429 |`,
		`| Processes that polled | ${pollers.join(', ') || 'none'} (poll log lines ${Object.entries(r.pollLogLines).map(([k, v]) => `${k} ${v}`).join(', ')}) |`,
		`| Package loaded | ${Object.entries(r.packageLoaded).map(([k, v]) => `${k} ${v ? 'yes' : 'no'}`).join(', ')} |`,
		`| Main restart | at ${r.mainRestart.at}, ${r.mainRestart.duringPoll ? 'during a poll' : 'between polls'}, down ${r.mainRestart.downS.toFixed(1)} s |`,
	];
}
