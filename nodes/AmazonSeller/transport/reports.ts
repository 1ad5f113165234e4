/**
 * Reports 2021-06-30 as the money side uses it:
 * - `findReports`: getReports over every page. Amazon keeps reports findable for 90 days, refuses
 *   a createdSince further back, and wants a later page's nextToken as the ONLY parameter; both
 *   rules are kept here, the first checked before anything is sent. This is how settlement reports
 *   (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2) are found: Amazon generates one per closed
 *   settlement period and refuses to create them on request.
 * - `readReportDocument`: getReportDocument, then the download from the pre-signed URL (gzip when
 *   Amazon says so), as text.
 * - `requestReport` / `waitForReport`: createReport and the wait for it (getReport, checked at
 *   growing intervals and for a bounded time), for reports that are requested (returns).
 */
import { attempt } from '../amazon/attempt';
import { ReportFormatError } from '../amazon/flatFile';
import type { SpApiClient } from './client';
import { getClock } from './clock';
import { SpApiError } from './errors';

export const REPORT_RETENTION_MS = 90 * 24 * 3600_000;
/**
 * createdSince for "as far back as Amazon allows": 90 days less a few minutes, so that a clock a
 * little behind Amazon's does not turn it into a refused request.
 */
export const RETENTION_MARGIN_MS = 10 * 60_000;
/** Largest getReports page. */
const PAGE_SIZE = 100;
/** Amazon's limits on getReports filters. */
const MAX_REPORT_TYPES = 10;
const MAX_MARKETPLACES = 10;
export type ReportProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';

/** A report as Amazon describes it (Reports 2021-06-30 `Report`). */
export interface AmazonReport {
	reportId: string;
	reportType: string;
	processingStatus: ReportProcessingStatus | string;
	createdTime?: string;
	dataStartTime?: string;
	dataEndTime?: string;
	processingStartTime?: string;
	processingEndTime?: string;
	marketplaceIds?: string[];
	reportDocumentId?: string;
	reportScheduleId?: string;
}

export interface FindReportsQuery {
	reportTypes: string[];
	/** ISO 8601 or epoch ms; at most 90 days back (Amazon's default when absent). */
	createdSince?: string | number;
	createdUntil?: string | number;
	/** Reports of any of these marketplaces. */
	marketplaceIds?: string[];
	processingStatuses?: ReportProcessingStatus[];
	/** Stop once this many reports are found (they come newest first). */
	limit?: number;
}

/** The earliest createdSince Amazon accepts now, with a margin (see RETENTION_MARGIN_MS). */
export function oldestCreatedSince(nowMs: number): number {
	return nowMs - REPORT_RETENTION_MS + RETENTION_MARGIN_MS;
}

/**
 * Every report matching the query, newest first, over all of getReports' pages. Throws before
 * sending anything when the query breaks one of Amazon's rules (createdSince over 90 days back,
 * createdUntil before createdSince, too many types or marketplaces).
 */
export async function findReports(client: SpApiClient, query: FindReportsQuery): Promise<AmazonReport[]> {
	const first = reportsQuery(query, getClock().now());
	const limit = query.limit ?? Infinity;
	const reports: AmazonReport[] = [];
	let nextToken: string | undefined;
	do {
		// A later page carries its token alone: Amazon fails a request that repeats the filters.
		const request = nextToken === undefined ? first : { nextToken };
		const { body } = await client.call<{ reports?: AmazonReport[]; nextToken?: string }>('getReports', { query: request });
		reports.push(...(body.reports ?? []));
		nextToken = body.nextToken || undefined;
	} while (nextToken && reports.length < limit);
	return reports.slice(0, limit);
}

function reportsQuery(query: FindReportsQuery, now: number): Record<string, string | string[] | number> {
	const types = [...new Set(query.reportTypes.map((type) => type.trim()).filter(Boolean))];
	if (types.length === 0) throw invalid('getReports needs at least one report type');
	if (types.length > MAX_REPORT_TYPES) throw invalid(`getReports takes at most ${MAX_REPORT_TYPES} report types; ${types.length} were given`);
	const marketplaceIds = [...new Set(query.marketplaceIds ?? [])];
	if (marketplaceIds.length > MAX_MARKETPLACES) throw invalid(`getReports takes at most ${MAX_MARKETPLACES} marketplaces; ${marketplaceIds.length} were given`);
	const out: Record<string, string | string[] | number> = { reportTypes: types, pageSize: Math.min(PAGE_SIZE, query.limit ?? PAGE_SIZE) };
	const since = query.createdSince === undefined ? undefined : toMs(query.createdSince, 'createdSince');
	const until = query.createdUntil === undefined ? undefined : toMs(query.createdUntil, 'createdUntil');
	if (since !== undefined) {
		if (since < now - REPORT_RETENTION_MS) {
			throw invalid(
				`createdSince ${iso(since)} is more than 90 days ago: Amazon keeps reports findable for 90 days and refuses an earlier createdSince`,
				'ReportRetention',
			);
		}
		out.createdSince = iso(since);
	}
	if (until !== undefined) {
		if (since !== undefined && until < since) throw invalid(`createdUntil ${iso(until)} is before createdSince ${iso(since)}`);
		out.createdUntil = iso(until);
	}
	if (marketplaceIds.length) out.marketplaceIds = marketplaceIds;
	if (query.processingStatuses?.length) out.processingStatuses = [...new Set(query.processingStatuses)];
	return out;
}

/** getReportDocument and the document's text (unzipped when Amazon compressed it). */
export async function readReportDocument(client: SpApiClient, reportDocumentId: string, options: { signal?: AbortSignal } = {}): Promise<string> {
	const { body } = await client.call<{ url?: string; compressionAlgorithm?: string }>('getReportDocument', { path: { reportDocumentId } });
	if (!body.url) throw new SpApiError(`Report document ${reportDocumentId} has no download URL`, { code: 'InvalidResponse', operation: 'getReportDocument' });
	return await client.download(body.url, body.compressionAlgorithm, { signal: options.signal });
}

/** Reads a report document with `parse`; a format error becomes one naming the report. */
export function parseReport<T>(reportId: string, what: string, text: string, parse: (text: string) => T): T {
	const read = attempt(() => parse(text));
	if (read.ok) return read.value;
	if (read.error instanceof ReportFormatError) {
		throw new SpApiError(`${what} ${reportId} could not be read: ${read.error.message}`, { code: 'ReportFormat', operation: 'getReportDocument' });
	}
	throw read.error;
}

export interface ReportRequest {
	reportType: string;
	marketplaceIds: string[];
	dataStartTime?: string;
	dataEndTime?: string;
	reportOptions?: Record<string, string>;
}

/** createReport; returns the report id. */
export async function requestReport(client: SpApiClient, request: ReportRequest): Promise<string> {
	const { body } = await client.call<{ reportId?: string }>('createReport', { body: request });
	if (!body.reportId) throw new SpApiError('Amazon accepted the report request without a report id', { code: 'InvalidResponse', operation: 'createReport' });
	return String(body.reportId);
}

/**
 * When to look at a report again: the first look after 10 s, then at growing gaps (×1.5) up to a
 * minute. Amazon builds most reports in one to a few minutes: about 6 getReport calls for a report
 * done in two minutes, 15 for one done in ten (getReport allows 2 a second).
 */
export const REPORT_POLL = { firstMs: 10_000, factor: 1.5, maxMs: 60_000 } as const;

export interface ReportWait {
	/** The report as last seen: DONE, CANCELLED, FATAL, or still IN_QUEUE / IN_PROGRESS when the wait ended. */
	report: AmazonReport;
	/** Amazon finished it (DONE, CANCELLED or FATAL). */
	finished: boolean;
}

/** Checks the report until Amazon finishes it or `waitMs` has passed (0: one look at once). */
export async function waitForReport(client: SpApiClient, reportId: string, options: { waitMs: number; signal?: AbortSignal; firstDelayMs?: number }): Promise<ReportWait> {
	const clock = getClock();
	const deadline = clock.now() + Math.max(0, options.waitMs);
	let delay = options.firstDelayMs ?? REPORT_POLL.firstMs;
	for (;;) {
		const at = Math.min(clock.now() + delay, deadline);
		if (at > clock.now()) await clock.sleep(at - clock.now(), options.signal);
		const { body } = await client.call<AmazonReport>('getReport', { path: { reportId } });
		const finished = ['DONE', 'CANCELLED', 'FATAL'].includes(body.processingStatus);
		if (finished || clock.now() >= deadline) return { report: { ...body, reportId: body.reportId ?? reportId }, finished };
		delay = Math.min(REPORT_POLL.maxMs, Math.max(REPORT_POLL.firstMs, delay) * REPORT_POLL.factor);
	}
}

function toMs(value: string | number, name: string): number {
	const ms = typeof value === 'number' ? value : Date.parse(value);
	if (!Number.isFinite(ms)) throw invalid(`${name} "${String(value)}" is not a date`);
	return ms;
}

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function invalid(message: string, code = 'InvalidInput'): SpApiError {
	return new SpApiError(message, { code, operation: 'getReports' });
}
