/**
 * `npm run bench`: every benchmark on the simulator's virtual clock, printed as a table and written
 * to docs/benchmarks.md. Each figure comes from this run and sits next to the bound Amazon's
 * published usage plans put on it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { OPERATIONS } from '../nodes/AmazonSeller/transport/operations';
import { setClock, systemClock } from '../nodes/AmazonSeller/transport/clock';
import { benchConfirmShipment, type ConfirmShipmentBenchResult } from './confirmShipment';
import { benchFbmQuantity, type FbmQuantityBenchResult } from './fbmQuantity';
import { benchFinanceOps, type FinanceOpsBenchResult } from './financeOps';
import { benchIngest, minSeconds, runBaselineIngest, runTriggerIngest, type IngestResult, type IngestRun } from './ingest';
import { benchMapper } from './mapper';
import { benchMoneyEvents, moneyRows } from './moneyEvents';
import { benchQueueBudget, type QueueBudgetRun } from './queueBudget';
import { readQueueE2eRecord, renderQueueE2e } from './queueE2eRecord';
import { benchSettlement, type SettlementBenchResult } from './settlement';
import { benchSteadyState, type SteadyResult } from './steadyState';
import { fixed, int, machine, ratio, renderMarkdown, renderTable, seconds, verdict, type Row } from './report';

const ORDERS = 10_000;
const SKUS = 10_000;
const SHIPMENTS = 500;
/** Backlogs below and around the trigger's switch to the orders report, where paging searchOrders is the floor. */
const SMALL_BACKLOGS = [300, 1_000];
/** Orders a day for the money events' month (the simulator refunds 10 % of them). */
const MONEY_VOLUMES = [1_000, 200];
const MINUTE = 60_000;

type MapperResult = Awaited<ReturnType<typeof benchMapper>>;

const log = (line: string) => process.stderr.write(line + '\n');

function opsList(byOperation: Record<string, number>): string {
	return Object.entries(byOperation).map(([op, n]) => `${op} ${int(n)}`).join(', ') || 'none';
}

function ingestRows(r: IngestResult): Row[] {
	const group = `Order ingest: ${int(r.orders)} new FBM orders across Amazon.com, .ca and .com.mx; trigger polled every ${r.pollIntervalMs / MINUTE} min`;
	const { trigger: ours, baseline: base } = r;
	const perOrder = (n: number) => n / r.orders;
	const rows: Row[] = [];
	for (const run of [ours, base]) {
		const who = run.client === 'trigger' ? 'Our trigger' : 'Per-order v0 baseline';
		const lost = run.delivered < r.orders ? `; only ${int(run.delivered)} of ${int(r.orders)} orders delivered` : '';
		rows.push(
			{ group, figure: `${who}: API calls`, measured: int(run.calls), bound: int(run.boundCalls), ratio: ratio(run.calls, run.boundCalls, 2), note: `${opsList(run.byOperation)}; +${run.tokenCalls} LWA token` },
			{
				group,
				figure: `${who}: calls per order`,
				measured: fixed(perOrder(run.calls), 4),
				bound: fixed(perOrder(run.boundCalls), 4),
				ratio: ratio(run.calls, run.boundCalls, 2),
				note: run.client === 'trigger' ? verdict(perOrder(run.calls) <= 0.011, 'calls per order ≤ 0.011') : 'what existing connectors do',
			},
			{
				group,
				figure: `${who}: time to drain (simulated)`,
				measured: seconds(run.drainSeconds),
				bound: seconds(run.boundSeconds),
				ratio: ratio(run.drainSeconds, run.boundSeconds, 3),
				note: run.client === 'trigger' ? verdict(run.drainSeconds <= run.boundSeconds * 1.05, 'within 5 % of the floor of the path it took') + `; path: ${run.path}` : `path: ${run.path}`,
			},
			{
				group,
				figure: `${who}: 429s received`,
				measured: int(run.throttled),
				bound: '0',
				ratio: '—',
				note: verdict(run.throttled === 0 && !lost, '0') + lost + (run.duplicates ? `; ${run.duplicates} delivered twice` : '') + (run.pollErrors ? `; ${run.pollErrors} failed polls` : ''),
			},
		);
	}
	const fewer = base.calls / Math.max(1, ours.calls);
	rows.push(
		{
			group,
			figure: 'Our trigger: time to drain vs paging searchOrders',
			measured: seconds(ours.drainSeconds),
			bound: seconds(ours.searchBoundSeconds),
			ratio: ratio(ours.drainSeconds, ours.searchBoundSeconds, 4),
			note: `the published-limit floor for reading ${int(r.orders)} orders page by page (100 pages)`,
		},
		{ group, figure: 'Baseline calls ÷ our calls', measured: `${fixed(fewer, 1)}×`, bound: '90×', ratio: ratio(fewer, 90, 2), note: verdict(fewer >= 90, '≥ 90× fewer calls than the baseline') },
		{
			group,
			figure: 'Baseline drain time ÷ ours',
			measured: `${fixed(base.drainSeconds / Math.max(1e-9, ours.drainSeconds), 1)}×`,
			bound: '—',
			ratio: '—',
			note: 'above 1: ours drains sooner',
		},
	);
	return rows;
}

function smallBacklogRows(runs: Array<{ ours: IngestRun; baseline: IngestRun; orders: number }>): Row[] {
	const group = 'Order ingest, smaller backlogs: against the searchOrders floor (⌈orders ÷ 100⌉ pages, all within the burst)';
	return runs.map(({ ours, baseline, orders }) => {
		const pages = Math.ceil(orders / 100);
		const drain = `drain ${seconds(ours.drainSeconds)} (floor ${seconds(ours.searchBoundSeconds)})`;
		return {
			group,
			figure: `${int(orders)} orders: our API calls`,
			measured: int(ours.calls),
			bound: int(pages),
			ratio: ratio(ours.calls, pages, 2),
			note:
				`${drain}; ${ours.path}; ${int(ours.throttled)} 429s; baseline ${int(baseline.calls)} calls ` +
				`(${fixed(baseline.calls / Math.max(1, ours.calls), 1)}× ours), drain ${seconds(baseline.drainSeconds)}` +
				(ours.delivered < orders ? `; only ${int(ours.delivered)} delivered` : ''),
		};
	});
}

function steadyRows(s: SteadyResult): Row[] {
	const group = `Steady state: ${s.polls} polls every ${s.pollIntervalMs / MINUTE} min, 1–5 new FBM orders between polls`;
	return [
		{
			group,
			figure: 'API calls per poll',
			measured: fixed(s.callsPerPoll, 2),
			bound: fixed(s.boundCallsPerPoll, 2),
			ratio: ratio(s.callsPerPoll, s.boundCallsPerPoll, 2),
			note: `${opsList(s.byOperation)}; +${s.tokenCalls} LWA token`,
		},
		{ group, figure: '429s received', measured: int(s.throttled), bound: '0', ratio: '—', note: verdict(s.throttled === 0, '0') + (s.pollErrors ? `; ${s.pollErrors} failed polls` : '') },
		{
			group,
			figure: 'Orders emitted',
			measured: `${int(s.delivered)} of ${int(s.placed)}`,
			bound: int(s.placed),
			ratio: ratio(s.delivered, s.placed, 2),
			note: `${s.missed} never emitted, ${s.duplicates} emitted twice`,
		},
		{
			group,
			figure: 'Longest wait, order placed → emitted',
			measured: seconds(s.maxLatencySeconds),
			bound: seconds(s.boundLatencySeconds),
			ratio: ratio(s.maxLatencySeconds, s.boundLatencySeconds, 2),
			note: `mean ${seconds(s.meanLatencySeconds)}`,
		},
	];
}

function fbmRows(f: FbmQuantityBenchResult): Row[] {
	const group = `FBM quantities: ${int(f.skus)} SKUs in one marketplace, patches vs one JSON_LISTINGS_FEED`;
	const patchPlan = OPERATIONS.patchListingsItem;
	const lookupPlan = OPERATIONS.searchListingsItems;
	const lookupCalls = Math.ceil(f.skus / 20);
	const patchWrite = f.patch.simulatedSeconds - f.patch.lookupSeconds;
	const feedWrite = f.feed.simulatedSeconds - f.feed.lookupSeconds;
	const patchBound = minSeconds(patchPlan, f.skus);
	// One feed: createFeedDocument, the upload, createFeed, getFeed, getFeedDocument, the result download.
	const feedCalls = 6;
	return [
		{
			group,
			figure: 'Lookups first (both paths): calls',
			measured: int(f.patch.lookupCalls),
			bound: int(lookupCalls),
			ratio: ratio(f.patch.lookupCalls, lookupCalls, 2),
			note: `product type and FBA guard: searchListingsItems, 20 SKUs a call (feed run: ${int(f.feed.lookupCalls)})`,
		},
		{
			group,
			figure: 'Lookups first: time (simulated)',
			measured: seconds(f.patch.lookupSeconds),
			bound: seconds(minSeconds(lookupPlan, lookupCalls)),
			ratio: ratio(f.patch.lookupSeconds, minSeconds(lookupPlan, lookupCalls), 3),
			note: `searchListingsItems ${lookupPlan.rate}/s, burst ${lookupPlan.burst}`,
		},
		{ group, figure: 'Patches: write calls', measured: int(f.patch.calls), bound: int(f.skus), ratio: ratio(f.patch.calls, f.skus, 2), note: 'one patchListingsItem per SKU' },
		{
			group,
			figure: 'Patches: write time (simulated)',
			measured: seconds(patchWrite),
			bound: seconds(patchBound),
			ratio: ratio(patchWrite, patchBound, 3),
			note: `patchListingsItem ${patchPlan.rate}/s, burst ${patchPlan.burst}; ${int(f.patch.throttled)} 429s`,
		},
		{ group, figure: 'Feed: write calls', measured: int(f.feed.calls), bound: int(feedCalls), ratio: ratio(f.feed.calls, feedCalls, 2), note: opsList(f.feed.byOperation) },
		{
			group,
			figure: 'Feed: write time (simulated)',
			measured: seconds(feedWrite),
			bound: '—',
			ratio: '—',
			note: `no rate-limit wait for one feed: the time is Amazon processing it and the status polls; ${int(f.feed.throttled)} 429s`,
		},
		{
			group,
			figure: 'Patch write calls ÷ feed write calls',
			measured: `${fixed(f.patch.calls / Math.max(1, f.feed.calls), 0)}×`,
			bound: '—',
			ratio: '—',
			note: `whole run, patches ÷ feed: ${fixed(f.patch.simulatedSeconds / Math.max(1e-9, f.feed.simulatedSeconds), 2)}× the time`,
		},
	];
}

function confirmRows(c: ConfirmShipmentBenchResult): Row[] {
	const group = `Confirm Shipment: ${int(c.orders)} orders in one execution`;
	const plan = OPERATIONS.confirmShipment;
	const bound = minSeconds(plan, c.orders);
	return [
		{ group, figure: 'API calls', measured: int(c.calls), bound: int(c.orders), ratio: ratio(c.calls, c.orders, 2), note: `one confirmShipment per order; ${int(c.shipped)} shipped on Amazon` },
		{
			group,
			figure: 'Time (simulated)',
			measured: seconds(c.simulatedSeconds),
			bound: seconds(bound),
			ratio: ratio(c.simulatedSeconds, bound, 3),
			note: `confirmShipment ${plan.rate}/s, burst ${plan.burst}`,
		},
		{ group, figure: '429s received', measured: int(c.throttled), bound: '0', ratio: '—', note: verdict(c.throttled === 0, '0') },
	];
}

function mapperRows(m: MapperResult): Row[] {
	const group = `Mapper: ${int(m.orders)} orders to sales orders on one core`;
	const plan = OPERATIONS.searchOrders;
	// The fastest Amazon hands orders to any connector, sustained: 100 per searchOrders page.
	const amazonRate = plan.rate * 100;
	return [
		{
			group,
			figure: 'Orders per second',
			measured: int(m.ordersPerSecond),
			bound: `${fixed(amazonRate, 2)}/s`,
			ratio: ratio(m.ordersPerSecond, amazonRate, 0),
			note: `headroom over the fastest sustained order flow searchOrders allows (100 orders × ${plan.rate}/s)`,
		},
		{ group, figure: 'Peak memory (RSS)', measured: `${int(m.peakRssMb)} MB`, bound: '—', ratio: '—', note: 'whole process (ts-node included), measured before the simulator runs' },
	];
}

function settlementRows(r: SettlementBenchResult): Row[] {
	const group = 'Money side: settlement report parsed and mapped to a journal entry, refunds to credit notes, on one core';
	const target = 100_000;
	const rows: Row[] = r.runs.map((run) => ({
		group,
		figure: `${int(run.lines)}-line settlement, ${run.locale === 'eu' ? 'EU format (decimal commas)' : 'North American format'}: lines per second`,
		measured: int(run.linesPerSecond),
		bound: `${int(target)}/s`,
		ratio: ratio(run.linesPerSecond, target, 2),
		note:
			verdict(run.linesPerSecond >= target, '≥ 100,000 lines/s') +
			`; parse ${int(run.parseMs)} ms + map ${int(run.mapMs)} ms (CPU); streamed in 64 KiB chunks ${int(run.streamedLinesPerSecond)} lines/s; wall clock ${int(run.wallLinesPerSecond)} lines/s` +
			(run.balanced ? '' : '; DID NOT BALANCE'),
	}));
	rows.push(
		{
			group,
			figure: 'Memory for a 100,000-line settlement',
			measured: `${int(r.memory.reportHeapMb)} MB heap`,
			bound: '—',
			ratio: '—',
			note: `what the parsed report holds; fresh process peak RSS ${int(r.memory.peakRssMb)} MB, of which ${int(r.memory.rssAfterTextMb)} MB before parsing (ts-node and the 13.6 MB text)`,
		},
		{
			group,
			figure: 'Refunds mapped to credit notes per second',
			measured: int(r.creditNotes.perSecond),
			bound: '—',
			ratio: '—',
			note: `${int(r.creditNotes.refunds)} refunds of a generated settlement; ${int(r.creditNotes.odooPerSecond)}/s including the Odoo out_refund preset`,
		},
	);
	return rows;
}

function financeOpsRows(r: FinanceOpsBenchResult): Row[] {
	const group = 'Money operations on the simulator: Get Settlement and Get Transactions through the node';
	const [small, large] = r.reads;
	const plan = OPERATIONS.listTransactions;
	const t = r.transactions;
	const readRow = (run: FinanceOpsBenchResult['reads'][number]): Row => ({
		group,
		figure: `Get Settlement, ${int(run.lines)}-line settlement: calls`,
		measured: int(run.calls),
		bound: '3',
		ratio: ratio(run.calls, 3, 2),
		note: `${opsList(run.byOperation)}; found with getReports, never requested`,
	});
	return [
		readRow(small),
		readRow(large),
		{
			group,
			figure: 'Calls per settlement read: large ÷ small',
			measured: `${fixed(large.calls / Math.max(1, small.calls), 2)}×`,
			bound: '1×',
			ratio: ratio(large.calls, small.calls, 2),
			note: verdict(large.calls === small.calls, `equal for ${int(small.lines)} and ${int(large.lines)} lines`),
		},
		{
			group,
			figure: `Get Transactions, ${int(t.transactions)} transactions over ${t.days} days: listTransactions calls`,
			measured: int(t.calls),
			bound: int(t.floorCalls),
			ratio: ratio(t.calls, t.floorCalls, 2),
			note: `${fixed(t.transactions / Math.max(1, t.calls), 1)} transactions per call; the floor is Amazon's paging: 14-day windows, ≤ 100 a page, ≥ 1 page a window; ${int(t.throttled)} 429s`,
		},
		{
			group,
			figure: 'Get Transactions: time (simulated)',
			measured: seconds(t.simulatedSeconds),
			bound: seconds(t.floorSeconds),
			ratio: ratio(t.simulatedSeconds, t.floorSeconds, 3),
			note: `listTransactions ${plan.rate}/s, burst ${plan.burst}` + (r.validationErrors ? `; ${r.validationErrors} requests the models reject` : '; every request valid per the models'),
		},
	];
}

const NOTES = [
	"Bounds come from Amazon's published usage plans (rate per second, burst), as the simulator loads them from the official models: n calls of one operation take at least (n − burst) ÷ rate seconds from a full bucket. Ratios are measured ÷ bound.",
	'Order ingest: the backlog is on Amazon (every order at least 3 minutes old, so listable) when the drain starts; the drain ends with the poll that emits the last order. The trigger is polled on n8n\'s schedule: the next tick after the previous poll finished.',
	"Order ingest, searchOrders path: ⌈orders ÷ 100⌉ pages, so 100 pages for 10,000 orders: 20 at once, then one every 1/0.0056 s ≈ 179 s. For a large backlog the trigger takes the orders report instead (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL); its floor is four calls per report and Amazon's time to build the report, read back from the simulator. Both floors are shown.",
	'Order ingest, baseline: ⌈orders ÷ 100⌉ getOrders pages (0.0167/s, burst 20) overlap one getOrderItems per order (0.5/s, burst 30); the slower of the two is the floor. The baseline is paced at those rates (it never hammers), so its 429 count is 0 too.',
	"Calls count every SP-API request and document transfer, from the simulator's call log; Login-with-Amazon token requests are listed apart. 429s are counted from the same log: the simulator enforces the usage plans per account and operation.",
	'Steady state: the calls-per-poll floor is one searchOrders page a poll, or rate × interval when polls come faster than the usage plan sustains; the latency floor is Amazon\'s 2-minute listing lag plus the time between two reads. A few closing polls (not counted in calls per poll) collect orders placed just before the end.',
	'FBM quantities and Confirm Shipment run the real Amazon Seller node on the simulator (bench/fbmQuantity.ts, bench/confirmShipment.ts). FBM write calls leave out the product-type and FBA-guard lookups that both paths make first; those are shown on their own rows.',
	'Mapper: compared with the fastest sustained rate at which Amazon hands out orders (100 per searchOrders page), i.e. the headroom the mapper has.',
	'Money operations (bench/financeOps.ts): the real node on the simulator. Get Settlement reads the latest settlement of a currency, a small one and one of about 10,000 lines the bench ships into the open USD period and closes; Get Transactions pages a 40-day posted range.',
	'Money events (bench/moneyEvents.ts): the real trigger with Payout and Order Refunded, polled every 10 minutes for a simulated month on the NA account (USD, CAD, MXN settlements) that already has 20 days of shipped orders; calls are the money reads of the poll reports. Order Refunded reads listTransactions once an hour, so its cost per refund falls as volume grows until pages, not reads, set it.',
	'Money side (bench/settlement.ts): a deterministic 100,000-line GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 document, parsed and mapped to a journal entry (Generic, then the Odoo preset); figures are CPU time, best of 3, in a child process run with V8\'s --single-threaded, so one core does everything including garbage collection. Memory is measured in a fresh process given the text on stdin.',
];

/** Groups that can run alone (`npm run bench -- --only=financeOps`): printed, docs/benchmarks.md left as it is. */
function queueRows(runs: QueueBudgetRun[]): Row[] {
	const group = "Queue mode: one process vs main + 2 workers, 90 Order → Get calls of one account (getOrder 0.5/s, burst 30)";
	return runs.map((r) => ({
		group,
		figure: `${r.setup}: calls, 429s, time`,
		measured: `${int(r.calls)} calls, ${int(r.throttled)} × 429, ${seconds(r.seconds)}`,
		// A run Amazon refused calls of has no time to compare with the floor.
		bound: r.throttled === 0 ? seconds(r.floorSeconds) : '—',
		ratio: r.throttled === 0 ? ratio(r.seconds, r.floorSeconds, 2) : '—',
		note: r.throttled === 0
			? verdict(r.seconds <= r.floorSeconds * 1.1, 'target: 0 × 429, within 10 % of the floor')
			: `${int(r.throttled)} calls refused by Amazon: each process spent its own burst`,
	}));
}

const ALONE: Record<string, () => Promise<Row[]>> = {
	financeOps: async () => financeOpsRows(await benchFinanceOps()),
	queue: async () => queueRows(await benchQueueBudget()),
};

async function main(): Promise<void> {
	const started = performance.now();
	const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
	if (only) {
		const names = only.split(',');
		const unknown = names.filter((name) => !ALONE[name]);
		if (unknown.length) throw new Error(`--only: unknown group ${unknown.join(', ')} (one of ${Object.keys(ALONE).join(', ')})`);
		const rows: Row[] = [];
		for (const name of names) rows.push(...(await ALONE[name]()));
		setClock(systemClock);
		process.stdout.write(renderTable(rows) + `\n\nReal time: ${fixed((performance.now() - started) / 1000, 1)} s (docs/benchmarks.md not written)\n`);
		return;
	}

	// The mapper first, so its peak memory is not inflated by the simulator runs that follow.
	log('mapper (100,000 orders)…');
	const mapper = mapperRows(await benchMapper());

	log('settlement report and credit notes (100,000 lines, child processes)…');
	const settlement = settlementRows(await benchSettlement());

	log(`order ingest (${int(ORDERS)} orders: trigger, then baseline)…`);
	const ingestResult = await benchIngest({ orders: ORDERS, pollIntervalMs: MINUTE, log });
	const ingest = ingestRows(ingestResult);
	const small: Array<{ ours: IngestRun; baseline: IngestRun; orders: number }> = [];
	for (const orders of SMALL_BACKLOGS) {
		small.push({ orders, ours: await runTriggerIngest({ orders }), baseline: await runBaselineIngest({ orders }) });
	}

	log('steady state (100 polls every 5 min, then every minute)…');
	const steady = [
		...steadyRows(await benchSteadyState({ polls: 100, pollIntervalMs: 5 * MINUTE })),
		...steadyRows(await benchSteadyState({ polls: 100, pollIntervalMs: MINUTE })),
	];

	log(`FBM quantities (${int(SKUS)} SKUs: patches, then feed)…`);
	const fbm = fbmRows(await benchFbmQuantity(SKUS));

	log(`confirm shipment (${SHIPMENTS} orders)…`);
	const confirm = confirmRows(await benchConfirmShipment(SHIPMENTS));

	log('money operations (settlement reads, transactions page-through)…');
	const financeOps = financeOpsRows(await benchFinanceOps());

	log(`money events (a month at ${MONEY_VOLUMES.join(' and ')} orders a day)…`);
	const moneyResults = [];
	// One at a time: each run installs its simulator's virtual clock for the whole process.
	for (const perDay of MONEY_VOLUMES) moneyResults.push(await benchMoneyEvents(perDay));
	const money = moneyRows(moneyResults);

	log('queue mode: one process vs main + 2 workers (a real Redis)…');
	const queue = queueRows(await benchQueueBudget());
	setClock(systemClock);

	const rows = [...ingest, ...smallBacklogRows(small), ...steady, ...fbm, ...confirm, ...queue, ...mapper, ...settlement, ...financeOps, ...money];
	const realSeconds = (performance.now() - started) / 1000;
	process.stdout.write(renderTable(rows) + `\n\nReal time: ${fixed(realSeconds, 1)} s\n`);
	const notes = [
		...NOTES,
		`This run's ingest floors: our trigger — ${ingestResult.trigger.boundBasis}; baseline — ${ingestResult.baseline.boundBasis}.`,
	];
	const recorded = readQueueE2eRecord();
	const doc = renderMarkdown({ rows, machine: machine(), realSeconds, notes, command: 'npm run bench', appendix: recorded ? renderQueueE2e(recorded) : [] });
	const out = path.join(__dirname, '..', 'docs', 'benchmarks.md');
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, doc);
	log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
	process.stderr.write(`${error?.stack ?? error}\n`);
	process.exit(1);
});
