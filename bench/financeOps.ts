/**
 * The money operations on the simulator's virtual clock, run through the real Amazon Seller node:
 * - Get Settlement: calls to read a small settlement and a 10,000-line one (target: the same calls,
 *   getReports + getReportDocument + the download, whatever the size);
 * - Get Transactions: listTransactions calls to page through N transactions of a posted range, set
 *   against the fewest pages Amazon's paging allows (it serves a range in 14-day windows, up to 100
 *   transactions a page, at least one page a window) and the time its usage plan allows.
 *
 * Run directly: npx ts-node --transpile-only --prefer-ts-exts bench/financeOps.ts [lines]   (prints JSON)
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { getClock, setClock } from '../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../simulator/virtualClock';
import { OPERATIONS } from '../nodes/AmazonSeller/transport/operations';
import { resetPacing } from '../nodes/AmazonSeller/transport/pacing';
import { startSimulator, type Simulator } from '../simulator';
import { runNode } from '../test/support/executeContext';
import { simulatorCredentials } from '../test/support/simulatorCredentials';

// By its file name: a plain '…/AmazonSeller.node' makes Node's resolver (ts-node) pick the codex JSON beside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AmazonSeller } = require('../nodes/AmazonSeller/AmazonSeller.node.ts') as typeof import('../nodes/AmazonSeller/AmazonSeller.node');

const DAY = 86_400_000;
const US = 'ATVPDKIKX0DER';
/** Amazon's listTransactions paging, as its model documents it and the simulator serves it. */
const WINDOW_MS = 14 * DAY;
const PAGE = 100;

export interface SettlementReadRun {
	label: string;
	settlementId: string;
	lines: number;
	/** SP-API calls plus document downloads, by operation. */
	byOperation: Record<string, number>;
	calls: number;
}

export interface FinanceOpsBenchResult {
	reads: SettlementReadRun[];
	transactions: {
		transactions: number;
		days: number;
		calls: number;
		/** Fewest listTransactions pages Amazon's paging allows for this range. */
		floorCalls: number;
		simulatedSeconds: number;
		floorSeconds: number;
		throttled: number;
	};
	validationErrors: number;
}

async function run(sim: Simulator, resource: string, operation: string, parameters: Record<string, unknown>): Promise<INodeExecutionData[]> {
	const [output] = await runNode(new AmazonSeller(), {
		parameters: { resource, operation, ...parameters },
		credentials: simulatorCredentials(sim, 'na'),
	});
	return output;
}

function tally(sim: Simulator): { byOperation: Record<string, number>; calls: number } {
	const byOperation: Record<string, number> = {};
	for (const call of sim.calls) if (call.operation !== 'lwaToken') byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1;
	return { byOperation, calls: Object.values(byOperation).reduce((a, b) => a + b, 0) };
}

/** Ships FBA orders into the open USD period until it holds about `lines` settlement lines, then closes it. */
function bigSettlement(sim: Simulator, clock: VirtualClock, lines: number): string {
	const open = sim.finance.periods({ account: 'na', currency: 'USD', status: 'Open' })[0];
	const rowsSoFar = () => countRows(sim, open.settlementId);
	for (let round = 0; round < 20 && rowsSoFar() < lines; round++) {
		// An FBA order brings about seven rows; some of its money is held back (DD7) and lands later.
		const orders = Math.ceil((lines - rowsSoFar()) / 5);
		sim.orders.generate({ count: orders, account: 'na', marketplaces: [US], fulfilledBy: 'AMAZON', statuses: ['SHIPPED'], createdAt: [open.start + 60_000, clock.now() - 3 * 3600_000] });
		clock.advance(60_000);
	}
	return sim.finance.closePeriod('na', 'USD').settlementId;
}

/** Rows the settlement report of a period will have: one per amount of each of its transactions. */
function countRows(sim: Simulator, settlementId: string): number {
	return sim.finance
		.transactions({ settlementId })
		.reduce((sum, t) => sum + t.fees.length + t.items.reduce((n, item) => n + item.components.length, 0), 0);
}

export async function benchFinanceOps(lines = 10_000): Promise<FinanceOpsBenchResult> {
	const previousClock = getClock();
	const clock = new VirtualClock(Date.UTC(2026, 2, 2, 12));
	setClock(clock);
	resetPacing();
	const sim = await startSimulator({ clock, seed: 600 });
	try {
		clock.advance(20 * DAY);
		const large = bigSettlement(sim, clock, lines);
		clock.advance(10 * 60_000);
		const small = sim.finance
			.periods({ account: 'na', status: 'Closed' })
			.filter((p) => p.settlementId !== large)
			.sort((a, b) => a.transactionIds.length - b.transactionIds.length)[0];

		const reads: SettlementReadRun[] = [];
		for (const [label, settlementId] of [
			['small', small.settlementId],
			['large', large],
		] as const) {
			// Each read as a first read in a fresh process would make it: the latest of its currency.
			const currency = sim.finance.periods({ account: 'na' }).find((p) => p.settlementId === settlementId)!.currency;
			const newest = sim.finance
				.periods({ account: 'na', currency, status: 'Closed' })
				.sort((a, b) => b.end - a.end)[0];
			if (newest.settlementId !== settlementId) throw new Error(`the ${label} settlement is not the latest ${currency} one`);
			sim.resetCalls();
			const [item] = await run(sim, 'finance', 'getSettlement', { settlement: 'latest', output: 'summary', filters: { currency } });
			const json = item.json as { settlementId: string; lines: unknown[]; reconciliation: { ok: boolean } };
			if (json.settlementId !== settlementId || !json.reconciliation.ok) throw new Error(`the ${label} settlement was not read whole`);
			reads.push({ label, settlementId, lines: json.lines.length, ...tally(sim) });
			clock.advance(5 * 60_000);
		}

		// Get Transactions over every day the simulator has books for.
		const days = 40;
		const after = clock.now() - days * DAY;
		const before = clock.now() - 2 * 60_000;
		const posted = sim.finance.transactions({ account: 'na' }).filter((t) => t.postedAt >= after && t.postedAt < before);
		let floorCalls = 0;
		for (let start = after; start < before; start += WINDOW_MS) {
			const inWindow = posted.filter((t) => t.postedAt >= start && t.postedAt < Math.min(before, start + WINDOW_MS)).length;
			floorCalls += Math.max(1, Math.ceil(inWindow / PAGE));
		}
		clock.advance(30 * 60_000);
		sim.resetCalls();
		const started = clock.now();
		const output = await run(sim, 'finance', 'getTransactions', {
			filterBy: 'postedRange',
			postedAfter: new Date(after).toISOString(),
			postedBefore: new Date(before).toISOString(),
			returnAll: true,
			filters: {},
		});
		const simulatedSeconds = (clock.now() - started) / 1000;
		if (output.length !== posted.length) throw new Error(`Get Transactions returned ${output.length} of ${posted.length} transactions`);
		const plan = OPERATIONS.listTransactions;
		return {
			reads,
			transactions: {
				transactions: output.length,
				days,
				calls: tally(sim).byOperation.listTransactions ?? 0,
				floorCalls,
				simulatedSeconds,
				floorSeconds: Math.max(0, floorCalls - plan.burst) / plan.rate,
				throttled: sim.calls.filter((call) => call.status === 429).length,
			},
			validationErrors: sim.validationErrors.length,
		};
	} finally {
		await sim.close();
		setClock(previousClock);
	}
}

if (require.main === module) {
	const lines = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 10_000);
	const realStart = Date.now();
	benchFinanceOps(lines)
		.then((result) => {
			console.log(JSON.stringify({ ...result, realSeconds: (Date.now() - realStart) / 1000 }, null, 2));
			process.exit(0);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
