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
 */
import type { CallOptions, SpApiRequest } from '../transport/client';
import { RateBudgetError, SpApiError } from '../transport/errors';
import type { OperationName } from '../transport/operations';
import { Cursor, OVERLAP_MS } from './cursor';
import { isoOf } from './observations';
import { readOrdersReport } from './reportRows';
import type { FulfilledBy, OrderObservation } from './types';

export const ORDERS_REPORT_TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL';
/** Changes waiting above which a report is cheaper than paging (about an hour of searchOrders). */
export const REPORT_BACKLOG_THRESHOLD = 1_500;
/**
 * Changes an hour searchOrders can keep up with (20 calls an hour, about 80 changes each). Above
 * it the trigger only falls further behind, so a backlog of a few pages is enough to switch.
 */
export const SEARCH_CAPACITY_PER_HOUR = 1_500;
const MIN_REPORT_BACKLOG = 200;
/** Amazon's longest range for this report. */
export const REPORT_MAX_RANGE_MS = 30 * 24 * 3600_000;
export const REPORT_GIVE_UP_MS = 2 * 3600_000;
/** Amazon takes minutes to build the report: asking sooner only spends calls. */
const FIRST_CHECK_AFTER_MS = 90_000;
export const REPORT_RETRY_AFTER_MS = 3600_000;
/** Amazon takes at most 25 marketplaces per report. */
const MAX_REPORT_MARKETPLACES = 25;

export interface ReportDeps {
	call<T>(operation: OperationName, request: SpApiRequest, options: CallOptions): Promise<T>;
	download(url: string, compressionAlgorithm?: string): Promise<string>;
	tokensNow(operation: OperationName): number;
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

/** Whether this poll should work on a report rather than page searchOrders. */
export function wantsReport(cursor: Cursor, nowMs: number): boolean {
	if (cursor.report) return true;
	if (cursor.reportFailedMs !== undefined && nowMs - cursor.reportFailedMs < REPORT_RETRY_AFTER_MS) return false;
	const backlog = cursor.backlogEstimate(nowMs);
	if (cursor.needsReport || backlog > REPORT_BACKLOG_THRESHOLD) return true;
	return cursor.perHour > SEARCH_CAPACITY_PER_HOUR && backlog > MIN_REPORT_BACKLOG;
}

export async function advanceReport(cursor: Cursor, filter: ReportFilter, deps: ReportDeps): Promise<ReportStep> {
	try {
		return cursor.report ? await checkReport(cursor, filter, deps) : await requestReport(cursor, filter, deps);
	} catch (error) {
		if (error instanceof RateBudgetError || (error instanceof SpApiError && error.transient)) return 'budget';
		if (error instanceof SpApiError) {
			deps.warn(`The orders report failed (${error.code}: ${error.message}); reading with searchOrders instead for now`);
			cursor.noteReportFailure(deps.nowMs());
			return 'failed';
		}
		throw error;
	}
}

async function requestReport(cursor: Cursor, filter: ReportFilter, deps: ReportDeps): Promise<ReportStep> {
	if (deps.tokensNow('createReport') < 1) return 'budget';
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
	if (now - job.requestedMs < FIRST_CHECK_AFTER_MS) return 'waiting';
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
			cursor.commit({ afterMs: job.fromMs, beforeMs: job.toMs }, 0, true);
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
	if (deps.tokensNow('getReportDocument') < 1) return 'budget';
	const document = await deps.call<{ url?: string; compressionAlgorithm?: string }>(
		'getReportDocument',
		{ path: { reportDocumentId: report.reportDocumentId } },
		callOptions(deps),
	);
	if (!document.url) throw new SpApiError(`Report document ${report.reportDocumentId} has no URL`, { code: 'InvalidResponse' });
	const text = await deps.download(document.url, document.compressionAlgorithm);
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
	cursor.commit({ afterMs: job.fromMs, beforeMs: job.toMs }, wanted.length, true);
	return 'read';
}

function callOptions(deps: ReportDeps): CallOptions {
	return { maxWaitMs: 0, deadlineMs: Math.max(1_000, Math.min(60_000, deps.stopAtMs - deps.nowMs())), maxAttempts: 4 };
}
