/**
 * The money events' part of a scheduled poll (Payout, Order Refunded, Order Returned), run by
 * poll.ts AFTER the order stream, on what is left of n8n's poll time. It opens the money cursor
 * (moneyCursor.ts) from what poll.ts read from static data, runs the readers that are due, and
 * hands back the items, a report and the cursor to save under MONEY_CURSOR_KEY, which poll.ts
 * writes in the same step as the order cursor, so both commit with the execution.
 *
 * Cadence (reads happen at most this often, and sooner only to finish what a poll left undone):
 * - Payout: every 4 hours. Amazon closes a period about every 14 days and the bank deposit takes
 *   days to arrive, so 4 hours is a small delay; it is 6 getReports calls a day for every
 *   currency of the account.
 * - Order Refunded: every hour. A credit note is not urgent to the minute, and an hour of postings
 *   is one or a few listTransactions pages, however many refunds it holds.
 * - Order Returned: every hour per returns report. Each request is one createReport, of the 60 an
 *   hour (after a burst of 15) Amazon allows and the orders report path also uses: a reserve of the
 *   burst is always left to it.
 *
 * The order stream's budget is never touched: these use other operations (never searchOrders),
 * never wait for budget, and leave a reserve in every bucket they share.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { SpApiClient, SpApiError } from '../../transport';
import { getClock, toNodeError } from '../../transport';
import type { TriggerOptions } from '../options';
import { shortestPollIntervalMs } from '../readPolicy';
import type { MoneyCalls } from './calls';
import { MoneyReadError } from './calls';
import { MoneyCursor } from './moneyCursor';
import { toMoneyItems } from './output';
import { readPayouts, type PayoutRead } from './readPayouts';
import { readRefunds, type RefundRead } from './readRefunds';
import { readReturns, type ReturnRead } from './readReturns';
import { returnsReportTypes } from './returns';
import type { EmittedMoneyEvent } from './types';

const MINUTE = 60_000;
export const PAYOUT_INTERVAL_MS = 4 * 60 * MINUTE;
export const REFUND_INTERVAL_MS = 60 * MINUTE;
export const RETURNS_INTERVAL_MS = 60 * MINUTE;
/** A new money position starts this far back at most (n8n does not save what the activation poll stages). */
const MAX_INITIAL_LOOKBACK_MS = 60 * MINUTE;

export interface MoneyPollDeps {
	client: SpApiClient;
	options: TriggerOptions;
	/** The account's marketplaces (undefined when they could not be read this poll). */
	participating?: string[];
	/** What static data holds under MONEY_CURSOR_KEY. */
	stored: unknown;
	stopAtMs: number;
	warn(message: string): void;
}

/** What the money part of a poll did: logged with the poll's report (`money`), read by tests and the benchmark. */
export interface MoneyReport {
	events: number;
	calls: number;
	payouts?: Pick<PayoutRead, 'stop' | 'calls'> & { found: number };
	refunds?: Pick<RefundRead, 'stop' | 'calls' | 'transactions' | 'rangesCommitted'> & { found: number; watermarkMs: number };
	returns?: Pick<ReturnRead, 'steps' | 'calls'> & { found: number };
}

export interface MoneyPoll {
	events: EmittedMoneyEvent[];
	items: INodeExecutionData[];
	report: MoneyReport;
	/** The cursor to save under MONEY_CURSOR_KEY; undefined when nothing changed (or no money event is selected). */
	cursor?: IDataObject;
}

export async function pollMoney(ctx: IPollFunctions, deps: MoneyPollDeps): Promise<MoneyPoll> {
	const { options, client } = deps;
	const clock = getClock();
	const report: MoneyReport = { events: 0, calls: 0 };
	if (!options.moneyEvents.size && deps.stored === undefined) return { events: [], items: [], report };

	const nowMs = clock.now();
	const interval = shortestPollIntervalMs(ctx.getNodeParameter('pollTimes', {})) ?? MAX_INITIAL_LOOKBACK_MS;
	const startMs = options.startDate?.ms ?? nowMs - Math.min(interval, MAX_INITIAL_LOOKBACK_MS);
	const cursor = MoneyCursor.open(deps.stored, options.moneyEvents, startMs, options.startDate?.text);
	const calls: MoneyCalls = {
		call: async (operation, request, callOptions) => (await client.call(operation, request, callOptions)).body as never,
		download: async (url, compression, deadlineMs) => await client.download(url, compression, { deadlineMs, maxAttempts: 3 }),
		tokensNow: async (operation) => await client.available(operation),
		nowMs: () => clock.now(),
		stopAtMs: deps.stopAtMs,
		warn: deps.warn,
	};
	const marketplaces = options.marketplaceIds.length ? options.marketplaceIds : (deps.participating ?? []);
	const events: EmittedMoneyEvent[] = [];
	const failures: SpApiError[] = [];

	try {
		if (cursor.payouts?.isDue(clock.now(), PAYOUT_INTERVAL_MS)) {
			const read = await readPayouts(cursor.payouts, options.marketplaceIds, calls);
			events.push(...read.events);
			report.calls += read.calls;
			report.payouts = { stop: read.stop, calls: read.calls, found: read.events.length };
			if (read.failure) failures.push(read.failure);
		}
		if (cursor.refunds?.isDue(clock.now(), REFUND_INTERVAL_MS)) {
			const read = await readRefunds(cursor.refunds, { marketplaceIds: options.marketplaceIds, fulfilledBy: options.fulfilledBy }, calls);
			events.push(...read.events);
			report.calls += read.calls;
			report.refunds = {
				stop: read.stop,
				calls: read.calls,
				transactions: read.transactions,
				rangesCommitted: read.rangesCommitted,
				found: read.events.length,
				watermarkMs: cursor.refunds.watermarkMs,
			};
			if (read.failure) failures.push(read.failure);
		}
		if (cursor.returns) {
			// Without the account's marketplaces (not readable this poll) no report is asked for; pending ones are read.
			const read = await readReturns(cursor.returns, returnsReportTypes(options.fulfilledBy), marketplaces, RETURNS_INTERVAL_MS, calls);
			events.push(...read.events);
			report.calls += read.calls;
			if (read.calls || read.events.length) report.returns = { steps: read.steps, calls: read.calls, found: read.events.length };
			if (read.failure) failures.push(read.failure);
		}
	} catch (error) {
		// Not transient (a missing role, a rejected request): nothing of this poll is saved, the error shows in n8n.
		throw moneyError(ctx, error);
	}

	if (failures.length) deps.warn(`Amazon did not answer the money reads (${failures.map((f) => f.code).join(', ')}); they are tried again next poll`);
	report.events = events.length;
	return { events, items: toMoneyItems(events), report, cursor: cursor.changedJson() as unknown as IDataObject | undefined };
}

function moneyError(ctx: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (!(error instanceof MoneyReadError)) return toNodeError(ctx.getNode(), error);
	const nodeError = toNodeError(ctx.getNode(), error.failure);
	const role = error.failure.statusCode === 403 ? " The app needs Amazon's Finance and Accounting role for Payout and Order Refunded, and a role covering the returns reports for Order Returned." : '';
	nodeError.description = `While reading Amazon for the ${error.eventName} event.${role} Deselect the event to go on without it. ${nodeError.description ?? ''}`.trim();
	return nodeError;
}
