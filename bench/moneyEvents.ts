/**
 * The trigger's money events over a simulated month: SP-API calls per Order Refunded event and per
 * Payout, at a given order volume (the simulator refunds 10 % of shipped orders, most after a
 * return, some in part, and charges back 1 %). The real trigger runs in n8n's poll context
 * (test/support/pollHarness.ts) every 10 minutes, with Payout and Order Refunded selected, on the
 * simulator's North American account (USD, CAD and MXN settlements).
 *
 * So that the month is a steady one, the account already has 20 days of shipped orders when the
 * trigger is activated (their refunds keep coming); then orders keep arriving for the month.
 *
 * Run only this: npx ts-node --transpile-only --prefer-ts-exts bench/moneyEvents.ts [orders per day ...]
 */
import { performance } from 'perf_hooks';

import { POLL_REPORT_LOG } from '../nodes/AmazonSeller/trigger/poll';
import type { MoneyReport } from '../nodes/AmazonSeller/trigger/money/pollMoney';
import { setClock, systemClock } from '../nodes/AmazonSeller/transport/clock';
import { PollHarness } from '../test/support/pollHarness';
import { simulatorCredentials } from '../test/support/simulatorCredentials';
import { freshSimulator } from './ingest';
import { fixed, int, renderTable, type Row } from './report';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MONTH_DAYS = 30;

export interface MoneyBenchResult {
	ordersPerDay: number;
	days: number;
	refunds: number;
	/** Refunds and chargebacks Amazon posted in the month (the simulator's records). */
	refundsPosted: number;
	refundCalls: number;
	/** Transactions of every kind Amazon posted in the month: what listTransactions has to page through. */
	transactionsPosted: number;
	payouts: number;
	settlementsClosed: number;
	payoutCalls: number;
	getReportsCalls: number;
	throttled: number;
	duplicates: number;
	pollErrors: number;
	realSeconds: number;
}

export async function benchMoneyEvents(ordersPerDay: number, seed = 20260201): Promise<MoneyBenchResult> {
	const started = performance.now();
	const sim = await freshSimulator(seed);
	try {
		const clock = sim.clock;
		const now = clock.now();
		sim.orders.generate({ count: ordersPerDay * 20, account: 'na', createdAt: [now - 20 * DAY, now - 60 * MINUTE], statuses: ['SHIPPED'] });
		const harness = new PollHarness({
			credentials: simulatorCredentials(sim, 'na'),
			parameters: { events: ['payout', 'orderRefunded'] },
			pollTimes: { item: [{ mode: 'everyX', value: 10, unit: 'minutes' }] },
		});
		await harness.activate();
		const from = clock.now();
		sim.orders.lifecycle({ count: ordersPerDay * MONTH_DAYS, over: MONTH_DAYS * DAY, account: 'na' });
		sim.resetCalls();
		const end = from + MONTH_DAYS * DAY;
		while (clock.now() < end) {
			await clock.sleep(10 * MINUTE);
			await harness.poll();
		}
		const reports = harness.logs.filter((l) => l.message === POLL_REPORT_LOG && l.meta?.money).map((l) => l.meta!.money as MoneyReport);
		const items = harness.items;
		const ids = items.map((i) => String(i.json.eventId));
		const month = sim.finance.transactions({ account: 'na' }).filter((t) => t.postedAt >= from && t.postedAt < end);
		const posted = month.filter((t) => t.kind === 'Refund' || t.kind === 'Chargeback');
		return {
			ordersPerDay,
			days: MONTH_DAYS,
			refunds: items.filter((i) => i.json.event === 'orderRefunded').length,
			refundsPosted: posted.length,
			refundCalls: reports.reduce((s, r) => s + (r.refunds?.calls ?? 0), 0),
			transactionsPosted: month.length,
			payouts: items.filter((i) => i.json.event === 'payout').length,
			settlementsClosed: sim.finance.periods({ account: 'na', status: 'Closed' }).filter((p) => p.end >= from && p.end < end).length,
			payoutCalls: reports.reduce((s, r) => s + (r.payouts?.calls ?? 0), 0),
			getReportsCalls: sim.calls.filter((c) => c.operation === 'getReports').length,
			throttled: sim.calls.filter((c) => c.status === 429).length,
			duplicates: ids.length - new Set(ids).size,
			pollErrors: harness.errors.length,
			realSeconds: (performance.now() - started) / 1000,
		};
	} finally {
		await sim.close();
		setClock(systemClock);
	}
}

export function moneyRows(results: MoneyBenchResult[]): Row[] {
	const group = `Money events: Payout and Order Refunded over a simulated month, trigger polled every 10 min (10 % of orders refunded, 1 % charged back)`;
	const rows: Row[] = [];
	for (const r of results) {
		const perRefund = r.refundCalls / Math.max(1, r.refunds);
		// The floor at one read an hour: 24 listTransactions calls a day, or every posting of the month once at 100 a page.
		const floorCalls = Math.max(24 * r.days, Math.ceil(r.transactionsPosted / 100));
		const floor = floorCalls / Math.max(1, r.refunds);
		rows.push(
			{
				group,
				figure: `${int(r.ordersPerDay)} orders a day: calls per Order Refunded event`,
				measured: fixed(perRefund, 3),
				bound: fixed(floor, 3),
				ratio: fixed(perRefund / floor, 2) + '×',
				note:
					`${int(r.refundCalls)} listTransactions calls for ${int(r.refunds)} refunds (Amazon posted ${int(r.refundsPosted)} refunds and chargebacks among ${int(r.transactionsPosted)} transactions in the month); ` +
					`bound: one read an hour or every transaction once, 100 a page; ${r.duplicates} emitted twice, ${int(r.throttled)} 429s, ${r.pollErrors} failed polls`,
			},
			{
				group,
				figure: `${int(r.ordersPerDay)} orders a day: calls per Payout`,
				measured: fixed(r.payoutCalls / Math.max(1, r.payouts), 1),
				bound: '—',
				ratio: '—',
				note: `${int(r.payoutCalls)} calls for ${r.payouts} payouts (${r.settlementsClosed} settlements closed): ${int(r.getReportsCalls)} getReports checks (one every 4 h for all currencies) + per payout getReportDocument, the download and listFinancialEventGroups`,
			},
		);
	}
	return rows;
}

if (require.main === module) {
	const volumes = process.argv.slice(2).map(Number).filter((n) => n > 0);
	void (async () => {
		const results: MoneyBenchResult[] = [];
		for (const perDay of volumes.length ? volumes : [1_000, 200]) {
			process.stderr.write(`money events: ${perDay} orders a day…\n`);
			const result = await benchMoneyEvents(perDay);
			process.stderr.write(`  ${fixed(result.realSeconds, 1)} s real time\n`);
			results.push(result);
		}
		process.stdout.write(renderTable(moneyRows(results)) + '\n');
	})().catch((error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	});
}
