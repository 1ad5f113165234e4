/**
 * One poll of the Amazon Seller Trigger: read the trigger's position from static data, read the
 * order changes Amazon's budget allows (searchOrders windows, or the orders report for a large
 * backlog), turn them into events exactly once, and save the new position in the same step as
 * the items are returned, so that n8n commits both together (see docs/trigger.md).
 *
 * The position is only written at the end of a poll that did not throw. n8n 2.40 stages a poll's
 * static data and commits it with the execution the poll starts (or, for a poll that emits
 * nothing, on its own); a poll that throws commits nothing. Older n8n versions keep the object in
 * memory and save it when the poll emits. Either way a failed poll leaves the position where it
 * was and the next poll reads the same changes again.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getSpApiClient } from '../transport';
import type { SpApiClient } from '../transport/client';
import { getClock } from '../transport/clock';
import { RateBudgetError, SpApiError, toNodeError } from '../transport/errors';
import { checkMarketplaces, participatingMarketplaces } from './accountCheck';
import { EventCollector } from './collector';
import { Cursor } from './cursor';
import type { TriggerOptions } from './options';
import { readTriggerOptions, TriggerInputError } from './options';
import type { SearchOrders, StreamFilter, StreamResult } from './orderStream';
import { readStream } from './orderStream';
import { toItems } from './output';
import { noteTriggerPoll, shortestPollIntervalMs, STEADY_INTERVAL_MS } from './readPolicy';
import type { ReportStep } from './reportPath';
import { advanceReport, wantsReport } from './reportPath';
import { fetchTestEvents } from './testEvent';

/** Where the position lives in the node's static data. */
export const CURSOR_KEY = 'amazonOrders';
/** Scheduled polls failing for a transient reason this long surface as an error (the position is kept). */
export const FAILING_ALERT_MS = 3600_000;
/** A fresh trigger starts this far back at most, to cover the gap between activation and its first saved poll. */
const MAX_INITIAL_LOOKBACK_MS = 3600_000;
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

const NON_PII_DATA = ['FULFILLMENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'PACKAGES', 'PAYMENT'];
/** Buyer, delivery address and the buyer's tax registration: personal data, only on request. */
const PII_DATA = ['BUYER', 'RECIPIENT', 'TAX'];

/** What one scheduled poll did, for logs, tests and the benchmark. */
export interface PollReport {
	events: number;
	calls: number;
	read: number;
	repeats: number;
	windowsCommitted: number;
	stop?: StreamResult['stop'];
	report?: ReportStep;
	watermarkMs: number;
}

let lastPollReport: PollReport | undefined;

/** The last scheduled poll's summary in this process (tests and the benchmark read it). */
export function getLastPollReport(): PollReport | undefined {
	return lastPollReport;
}

const intervalWarnings = new Set<string>();

export async function pollOrders(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const clock = getClock();
	const startedMs = clock.now();
	const options = readOptions(this, startedMs);
	const client = await getSpApiClient.call(this);
	const filter: StreamFilter = {
		marketplaceIds: options.marketplaceIds,
		fulfilledBy: options.fulfilledBy,
		includedData: options.includeBuyerData ? [...NON_PII_DATA, ...PII_DATA] : NON_PII_DATA,
	};
	const search: SearchOrders = async (query, callOptions) =>
		(await client.call<Record<string, unknown>>('searchOrders', { query }, callOptions)).body;

	if (this.getMode() === 'manual') {
		await checkAccount(this, client, options, true);
		try {
			const events = await fetchTestEvents(search, filter, options.events, options.fbaNewWhen, clock.now());
			return events.length ? [toItems(events, options.output)] : null;
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}

	warnAboutPollInterval(this);
	const participating = await checkAccount(this, client, options, false);
	const staticData = this.getWorkflowStaticData('node');
	const cursor = cursorFor(this, staticData[CURSOR_KEY], options, startedMs);
	const collector = new EventCollector(cursor, options.events, options.fbaNewWhen);
	const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS;
	const stopAtMs = startedMs + budgetMs - Math.min(budgetMs / 2, Math.max(5_000, budgetMs * 0.2));
	const warn = (message: string) => this.logger.warn(`Amazon Seller Trigger: ${message}`, { node: this.getNode().name });
	const report: PollReport = { events: 0, calls: 0, read: 0, repeats: 0, windowsCommitted: 0, watermarkMs: cursor.watermarkMs };
	let failure: SpApiError | undefined;

	try {
		const reportMarketplaces = options.marketplaceIds.length ? options.marketplaceIds : participating;
		// Reading one report and asking for the next in the same poll keeps a busy seller's latency to one report.
		for (let step = 0; step < 2 && reportMarketplaces && wantsReport(cursor, clock.now()); step++) {
			const outcome = await advanceReport(
				cursor,
				{ marketplaceIds: reportMarketplaces, fulfilledBy: options.fulfilledBy, includeAddress: options.includeBuyerData },
				{
					call: async (operation, request, callOptions) => (await client.call(operation, request, callOptions)).body as never,
					download: async (url, compression) => await client.download(url, compression),
					tokensNow: (operation) => client.availableNow(operation),
					nowMs: () => clock.now(),
					stopAtMs,
					handle: (observations) => collector.handle(observations),
					warn,
				},
			);
			report.report = report.report === 'read' ? 'read' : outcome;
			if (outcome !== 'read') break;
		}
		if (!cursor.report) {
			const stream = await readStream(cursor, filter, {
				search,
				tokensNow: () => client.availableNow('searchOrders'),
				sharers: noteTriggerPoll(client.accountKey, `${this.getWorkflow().id ?? ''}:${this.getNode().id}`, clock.now()),
				nowMs: () => clock.now(),
				stopAtMs,
				handle: (observations) => collector.handle(observations),
				warn,
			});
			report.calls = stream.calls;
			report.windowsCommitted = stream.windowsCommitted;
			report.stop = stream.stop;
			if (stream.stop === 'narrowestIncomplete') cursor.needsReport = true;
			failure = stream.error;
		}
	} catch (error) {
		// Not transient (a rejected request, a revoked credential): nothing is saved, the error shows in n8n.
		throw toNodeError(this.getNode(), error);
	}

	if (failure && report.windowsCommitted === 0) cursor.noteFailure(clock.now());
	else if (report.windowsCommitted > 0 || report.report === 'read') cursor.noteSuccess();
	if (failure) warn(`Amazon did not answer (${failure.code}); the trigger keeps its position and reads again next poll`);

	if (cursor.changed) staticData[CURSOR_KEY] = cursor.toJSON() as unknown as IDataObject;
	const events = collector.sorted();
	Object.assign(report, { events: events.length, read: collector.stats.read, repeats: collector.stats.repeats, watermarkMs: cursor.watermarkMs });
	lastPollReport = report;

	const failingSince = cursor.failingSinceMs;
	if (failure && failingSince !== undefined && clock.now() - failingSince > FAILING_ALERT_MS && events.length === 0) {
		const error = toNodeError(this.getNode(), failure);
		error.description = `Amazon has not answered for ${Math.round((clock.now() - failingSince) / 60_000)} minutes. The trigger keeps its position and catches up when Amazon answers again. ${error.description ?? ''}`.trim();
		throw error;
	}
	return events.length ? [toItems(events, options.output)] : null;
}

function readOptions(ctx: IPollFunctions, nowMs: number): TriggerOptions {
	try {
		return readTriggerOptions((name, fallback) => ctx.getNodeParameter(name, fallback), nowMs);
	} catch (error) {
		if (error instanceof TriggerInputError) throw new NodeOperationError(ctx.getNode(), error.message, { description: `Check the "${error.field}" parameter.` });
		throw error;
	}
}

/**
 * The saved position, or a new one: from the Start Date when set (a changed Start Date restarts
 * there), else from about now. A new position starts one poll interval back, because n8n does
 * not save what the poll at activation staged: the first scheduled poll creates it again, and
 * must still cover the time since activation.
 */
function cursorFor(ctx: IPollFunctions, stored: unknown, options: TriggerOptions, nowMs: number): Cursor {
	const existing = Cursor.load(stored);
	if (existing && (!options.startDate || existing.startDate === options.startDate.text)) return existing;
	if (options.startDate) return Cursor.fresh(options.startDate.ms, options.startDate.text);
	const interval = shortestPollIntervalMs(ctx.getNodeParameter('pollTimes', {})) ?? MAX_INITIAL_LOOKBACK_MS;
	return Cursor.fresh(nowMs - Math.min(interval, MAX_INITIAL_LOOKBACK_MS));
}

/**
 * The account's marketplaces (cached an hour), checked against the selection. Permanent problems
 * throw: at activation n8n then refuses to activate with this message. A transient failure only
 * stops the editor's test; a scheduled poll goes on without the list.
 */
async function checkAccount(ctx: IPollFunctions, client: SpApiClient, options: TriggerOptions, strict: boolean): Promise<string[] | undefined> {
	let participating: string[];
	try {
		participating = await participatingMarketplaces(client, getClock().now());
	} catch (error) {
		const transient = error instanceof RateBudgetError || (error instanceof SpApiError && error.transient);
		if (transient && !strict) return undefined;
		throw toNodeError(ctx.getNode(), error);
	}
	try {
		checkMarketplaces(options.marketplaceIds, participating, client.region);
	} catch (error) {
		if (error instanceof TriggerInputError) throw new NodeOperationError(ctx.getNode(), error.message, { description: `Check the "${error.field}" setting.` });
		throw error;
	}
	return participating;
}

/** Logs once per process and node when the poll interval is shorter than Amazon's budget sustains. */
function warnAboutPollInterval(ctx: IPollFunctions): void {
	const interval = shortestPollIntervalMs(ctx.getNodeParameter('pollTimes', {}));
	if (interval === undefined || interval >= STEADY_INTERVAL_MS) return;
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	if (intervalWarnings.has(key)) return;
	intervalWarnings.add(key);
	ctx.logger.warn(
		`Amazon Seller Trigger "${ctx.getNode().name}" polls every ${Math.round(interval / 1000)} s, but Amazon allows one order search per ${Math.round(STEADY_INTERVAL_MS / 1000)} s per seller account. Polls in between skip quietly (nothing is lost); polling every 3 minutes or more saves executions.`,
	);
}
