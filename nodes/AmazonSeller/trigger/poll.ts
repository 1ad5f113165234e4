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

import { getSpApiClient } from '../transport';
import type { SpApiClient } from '../transport/client';
import { getClock } from '../transport/clock';
import type { SpApiError } from '../transport/errors';
import { toNodeError } from '../transport/errors';
import { EventCollector } from './collector';
import type { TriggerOptions } from './options';
import type { SearchOrders, StreamFilter, StreamResult } from './orderStream';
import { readStream } from './orderStream';
import { toItems } from './output';
import { checkAccount, cursorFor, readOptions, warnAboutPollInterval } from './pollSetup';
import { noteTriggerPoll, RESERVE_TOKENS } from './readPolicy';
import type { ReportDeps, ReportStep } from './reportPath';
import { advanceReport, reportWaitMs, wantsReport } from './reportPath';
import { fetchTestEvents } from './testEvent';

/** Where the position lives in the node's static data. */
export const CURSOR_KEY = 'amazonOrders';
/** Scheduled polls failing for a transient reason this long surface as an error (the position is kept). */
export const FAILING_ALERT_MS = 3600_000;
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;
/** Steps one poll takes at most (report checks while waiting, searchOrders runs). */
const MAX_STEPS = 200;
/** How long a poll waits for a report an earlier poll asked for. */
const MAX_REPORT_WAIT_MS = 2 * 60_000;

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
	// n8n starts the next tick even while a slow poll is still running; two polls of one node would
	// read the same changes and both commit them, so the later one steps aside.
	const pollKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	if (runningPolls.has(pollKey)) {
		this.logger.debug(`Amazon Seller Trigger: the previous poll of "${this.getNode().name}" is still running; skipping this one`);
		return null;
	}
	runningPolls.add(pollKey);
	try {
		return await scheduledPoll.call(this, client, options, filter, search, startedMs);
	} finally {
		runningPolls.delete(pollKey);
	}
}

const runningPolls = new Set<string>();

async function scheduledPoll(
	this: IPollFunctions,
	client: SpApiClient,
	options: TriggerOptions,
	filter: StreamFilter,
	search: SearchOrders,
	startedMs: number,
): Promise<INodeExecutionData[][] | null> {
	const clock = getClock();
	const participating = await checkAccount(this, client, options, false);
	const staticData = this.getWorkflowStaticData('node');
	const cursor = cursorFor(this, staticData[CURSOR_KEY], options, startedMs);
	const collector = new EventCollector(cursor, options.events, options.fbaNewWhen);
	const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS;
	const stopAtMs = startedMs + budgetMs - Math.min(budgetMs / 2, Math.max(5_000, budgetMs * 0.2));
	const warn = (message: string) => this.logger.warn(`Amazon Seller Trigger: ${message}`, { node: this.getNode().name });
	const report: PollReport = { events: 0, calls: 0, read: 0, repeats: 0, windowsCommitted: 0, watermarkMs: cursor.watermarkMs };
	let failure: SpApiError | undefined;

	const reportMarketplaces = options.marketplaceIds.length ? options.marketplaceIds : participating;
	const spendable = () => client.availableNow('searchOrders') - RESERVE_TOKENS;
	// Set when the report path cannot be used in this poll (its request failed): searchOrders goes on.
	let reportOff = false;
	const reportWanted = () => !reportOff && reportMarketplaces !== undefined && wantsReport(cursor, clock.now(), spendable());
	const reportDeps: ReportDeps = {
		call: async (operation, request, callOptions) => (await client.call(operation, request, callOptions)).body as never,
		download: async (url, compression) => await client.download(url, compression),
		tokensNow: (operation) => client.availableNow(operation),
		nowMs: () => clock.now(),
		stopAtMs,
		handle: (observations) => collector.handle(observations),
		warn,
	};
	// Only a report asked for by an earlier poll is waited for, and not for long: the poll at
	// activation (which n8n awaits) must not hang on Amazon building a report.
	const waitUntil = cursor.report ? Math.min(stopAtMs, clock.now() + MAX_REPORT_WAIT_MS) : 0;
	try {
		// Steps until there is nothing left this poll may do: a report to read, wait for or ask for,
		// then searchOrders windows after it (bounded; each step either moves on or stops the loop).
		for (let step = 0; step < MAX_STEPS; step++) {
			if (reportWanted()) {
				const filterForReport = { marketplaceIds: reportMarketplaces!, fulfilledBy: options.fulfilledBy, includeAddress: options.includeBuyerData };
				const outcome = await advanceReport(cursor, filterForReport, reportDeps);
				report.report = report.report === 'read' ? 'read' : outcome;
				if (outcome === 'read') continue;
				if (outcome === 'requested') break;
				if (outcome === 'waiting') {
					const wait = reportWaitMs(clock.now() - cursor.report!.requestedMs);
					if (clock.now() + wait >= waitUntil) break;
					await clock.sleep(wait);
					continue;
				}
				if (outcome === 'budget' && cursor.report) break;
				reportOff = true;
			}
			if (cursor.report) break;
			const stream = await readStream(cursor, filter, {
				search,
				tokensNow: () => client.availableNow('searchOrders'),
				sharers: noteTriggerPoll(client.accountKey, `${this.getWorkflow().id ?? ''}:${this.getNode().id}`, clock.now()),
				nowMs: () => clock.now(),
				stopAtMs,
				handle: (observations) => collector.handle(observations),
				warn,
				switchToReport: reportWanted,
			});
			report.calls += stream.calls;
			report.windowsCommitted += stream.windowsCommitted;
			report.stop = stream.stop;
			if (stream.stop === 'narrowestIncomplete' || cursor.deepReadPending) cursor.needsReport = true;
			failure = stream.error;
			if (!(stream.stop === 'report' || stream.stop === 'narrowestIncomplete' || cursor.deepReadPending) || !reportWanted()) break;
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
