/**
 * The orders report path (Reports API 2021-06-30, GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL).
 *
 * searchOrders sustains about 20 calls an hour per seller, so about 2,000 changes an hour at best.
 * When more changes are waiting than that (a large backfill, a seller's peak hour, a trigger that
 * was off), the trigger asks Amazon for one report covering everything from the watermark to the
 * settled end, and reads it when it is done: a few calls for any number of orders. The report is
 * a snapshot of each order as it is when the report is built, so it is read like a single
 * searchOrders window: its orders go through the same event rules and the watermark moves to the
 * report's end. Orders changed after that end come from the next window, as always.
 *
 * While a report is being built the trigger does not page searchOrders (the report will cover
 * it). A report Amazon cancels has no data (Amazon cancels empty reports); a FATAL one, a failed
 * request the transport cannot retry, or one not done after REPORT_GIVE_UP_MS sends the trigger
 * back to searchOrders for REPORT_RETRY_AFTER_MS.
 *
 * A poll that finds a report pending waits for it a while (never the poll that asked for it, which
 * may be the one n8n runs at activation and awaits), checking more slowly as the report ages.
 */
import { Cursor, OVERLAP_MS } from './cursor';
import { isoOf } from './observations';
import { readOrdersReport } from './reportRows';
import type { FulfilledBy, OrderObservation } from './types';
import type { CallOptions, OperationName, SpApiRequest } from '../transport';
import { RateBudgetError, SpApiError } from '../transport';

export const ORDERS_REPORT_TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL';
/**
 * New changes one searchOrders window brings on average (a window holds about 80 results, some of
 * them the overlap read again): what each call the budget allows can page.
 */
export const CHANGES_PER_CALL = 70;
/** Below this a backlog is never worth a report: a few windows read it sooner. */
export const MIN_REPORT_BACKLOG = 200;
/** Amazon's longest range for this report. */
export const REPORT_MAX_RANGE_MS = 30 * 24 * 3600_000;
export const REPORT_GIVE_UP_MS = 2 * 3600_000;
export const REPORT_RETRY_AFTER_MS = 3600_000;
/** Amazon takes at most 25 marketplaces per report. */
const MAX_REPORT_MARKETPLACES = 25;

export interface ReportDeps {
	call<T>(operation: OperationName, request: SpApiRequest, options: CallOptions): Promise<T>;
	download(url: string, compressionAlgorithm?: string): Promise<string>;
	tokensNow(operation: OperationName): number | Promise<number>;
	nowMs(): number;
	stopAtMs: number;
	handle(observations: OrderObservation[]): void;
	warn(message: string): void;
}

export interface ReportFilter {
	/** The marketplaces to report on (the selection, or every marketplace of the account). */
	marketplaceIds: string[];
	/** Empty: both. The report holds both; the other channel is dropped here. */
	fulfilledBy: FulfilledBy[];
	includeAddress: boolean;
}

export type ReportStep = 'requested' | 'waiting' | 'read' | 'failed' | 'budget';

/**
 * Whether the trigger should work on a report rather than page searchOrders: a report is in the
 * works, or more changes are waiting than the searchOrders calls the account can spend now can
 * page (`spendableCalls`, the bucket less the reserve). With a full burst a backlog of about a
 * thousand changes is still paged at once; a trigger that keeps falling behind has no burst
 * left, and switches at a few pages.
 */
export function wantsReport(cursor: Cursor, nowMs: number, spendableCalls: number): boolean {
	if (cursor.report) return true;
	if (cursor.reportFailedMs !== undefined && nowMs - cursor.reportFailedMs < REPORT_RETRY_AFTER_MS) return false;
	if (cursor.needsReport) return true;
	return cursor.backlogEstimate(nowMs) > Math.max(MIN_REPORT_BACKLOG, Math.max(0, spendableCalls) * CHANGES_PER_CALL);
}

export async function advanceReport(cursor: Cursor, filter: ReportFilter, deps: ReportDeps): Promise<ReportStep> {
	// Amazon's failures are steps of their own; anything else (a bug) propagates to the poll.
	return await (cursor.report ? checkReport(cursor, filter, deps) : requestReport(cursor, filter, deps)).catch(async (error: unknown) => {
		if (error instanceof RateBudgetError || (error instanceof SpApiError && error.transient)) return 'budget' as const;
		if (!(error instanceof SpApiError)) return await Promise.reject(error);
		deps.warn(`The orders report failed (${error.code}: ${error.message}); reading with searchOrders instead for now`);
		cursor.noteReportFailure(deps.nowMs());
		return 'failed' as const;
	});
}

async function requestReport(cursor: Cursor, filter: ReportFilter, deps: ReportDeps): Promise<ReportStep> {
	if ((await deps.tokensNow('createReport')) < 1) return 'budget';
	const now = deps.nowMs();
	if (!cursor.nextWindow(now)) return 'read';
	const fromMs = cursor.watermarkMs - OVERLAP_MS;
	const toMs = Math.min(Cursor.settledBefore(now), fromMs + REPORT_MAX_RANGE_MS);
	const marketplaceIds = filter.marketplaceIds.slice(0, MAX_REPORT_MARKETPLACES);
	if (filter.marketplaceIds.length > MAX_REPORT_MARKETPLACES) {
		deps.warn(`An orders report covers at most ${MAX_REPORT_MARKETPLACES} marketplaces; reading with searchOrders instead`);
		cursor.noteReportFailure(now);
		return 'failed';
	}
	const body = await deps.call<{ reportId?: string }>(
		'createReport',
		{ body: { reportType: ORDERS_REPORT_TYPE, dataStartTime: isoOf(fromMs), dataEndTime: isoOf(toMs), marketplaceIds } },
		callOptions(deps),
	);
	if (!body.reportId) throw new SpApiError('Amazon accepted the report request without a report id', { code: 'InvalidResponse' });
	cursor.report = { reportId: body.reportId, fromMs, toMs, requestedMs: now };
	return 'requested';
}

async function checkReport(cursor: Cursor, filter: ReportFilter, deps: ReportDeps): Promise<ReportStep> {
	const job = cursor.report!;
	const now = deps.nowMs();
	const report = await deps.call<{ processingStatus?: string; reportDocumentId?: string }>(
		'getReport',
		{ path: { reportId: job.reportId } },
		callOptions(deps),
	);
	switch (report.processingStatus) {
		case 'DONE':
			break;
		case 'CANCELLED':
			// Amazon cancels a report that has no data: the range holds no changes.
			cursor.report = undefined;
			cursor.needsReport = false;
			cursor.deepReadPending = false;
			cursor.commit({ afterMs: job.fromMs, beforeMs: job.toMs }, 0, true, now);
			return 'read';
		case 'FATAL':
			deps.warn(`Amazon could not build orders report ${job.reportId} (FATAL); reading with searchOrders instead for now`);
			cursor.noteReportFailure(now);
			return 'failed';
		default:
			if (now - job.requestedMs > REPORT_GIVE_UP_MS) {
				deps.warn(`Orders report ${job.reportId} is still not done after ${Math.round((now - job.requestedMs) / 60_000)} minutes; reading with searchOrders instead for now`);
				cursor.noteReportFailure(now);
				return 'failed';
			}
			return 'waiting';
	}
	if (!report.reportDocumentId) throw new SpApiError(`Report ${job.reportId} is DONE without a document`, { code: 'InvalidResponse' });
	if ((await deps.tokensNow('getReportDocument')) < 1) return 'budget';
	const document = await deps.call<{ url?: string; compressionAlgorithm?: string }>(
		'getReportDocument',
		{ path: { reportDocumentId: report.reportDocumentId } },
		callOptions(deps),
	);
	if (!document.url) throw new SpApiError(`Report document ${report.reportDocumentId} has no URL`, { code: 'InvalidResponse' });
	let text: string;
	try {
		text = await deps.download(document.url, document.compressionAlgorithm);
	} catch (error) {
		// S3 answers 500/503 now and then, and a document URL lives five minutes: try again with a fresh
		// URL next time (a report that never downloads gives up after REPORT_GIVE_UP_MS).
		deps.warn(`Downloading orders report ${job.reportId} failed (${(error as Error).message}); trying again next poll`);
		return 'budget';
	}
	const { observations, skippedRows } = readOrdersReport(text, { includeAddress: filter.includeAddress });
	if (skippedRows) deps.warn(`${skippedRows} rows of orders report ${job.reportId} had no order id or dates and were skipped`);
	const wanted = observations.filter(
		(o) =>
			(!filter.fulfilledBy.length || (o.fulfilledBy !== undefined && filter.fulfilledBy.includes(o.fulfilledBy))) &&
			(o.marketplaceId === undefined || filter.marketplaceIds.includes(o.marketplaceId)),
	);
	deps.handle(wanted);
	cursor.report = undefined;
	cursor.needsReport = false;
	cursor.deepReadPending = false;
	cursor.commit({ afterMs: job.fromMs, beforeMs: job.toMs }, wanted.length, true, now);
	return 'read';
}

function callOptions(deps: ReportDeps): CallOptions {
	return { maxWaitMs: 0, deadlineMs: Math.max(1_000, Math.min(60_000, deps.stopAtMs - deps.nowMs())), maxAttempts: 4 };
}

/**
 * The pause before the next status check of a report `ageMs` old: a tenth of its age, at least 5 s
 * and at most 30 s, so a report is read within about 10 % of the time Amazon took to build it,
 * with a handful of checks whether that is one minute or fifteen.
 */
export function reportWaitMs(ageMs: number): number {
	return Math.round(Math.min(30_000, Math.max(5_000, ageMs / 10)));
}
