/**
 * Requests, checks and reads the returns reports (returns.ts says which and when), like the orders
 * report path (reportPath.ts): createReport in one poll, getReport on the following polls until
 * Amazon has built it (a poll never waits), then getReportDocument and the download. A report
 * Amazon cancels has no data; a FATAL one, or one not done after two hours, is given up and asked
 * for again at the next interval (its range overlaps the next one's, so nothing is lost).
 */
import { ReportFormatError } from '../../amazon/flatFile';
import type { ReturnsReportType } from '../../amazon/returnsReport';
import { parseReturnsReport } from '../../amazon/returnsReport';
import { SpApiError } from '../../transport';
import { isoOf } from '../observations';
import type { MoneyCalls, MoneyStop } from './calls';
import { callOptions, deadline, isTransient, mayCall, MoneyReadError, readFormat } from './calls';
import type { ReturnState, ReturnsJob } from './returns';
import { RETURNS_REPORT_GIVE_UP_MS } from './returns';
import type { ReturnFound } from './types';

export interface ReturnRead {
	events: ReturnFound[];
	calls: number;
	/** Per report type, what this poll did with it. */
	steps: Partial<Record<ReturnsReportType, 'requested' | 'waiting' | 'read' | 'cancelled' | 'failed' | MoneyStop>>;
	failure?: SpApiError;
}

export async function readReturns(state: ReturnState, types: ReturnsReportType[], marketplaceIds: string[], intervalMs: number, deps: MoneyCalls): Promise<ReturnRead> {
	const read: ReturnRead = { events: [], calls: 0, steps: {} };
	state.watchOnly(types);
	for (const type of types) {
		try {
			const job = state.job(type);
			if (job) read.steps[type] = await advance(state, type, job, deps, read);
			else if (state.wantsRequest(type, deps.nowMs(), intervalMs)) read.steps[type] = await request(state, type, marketplaceIds, deps, read);
		} catch (error) {
			if (!isTransient(error)) throw error instanceof SpApiError ? new MoneyReadError('Order Returned', error) : error;
			read.steps[type] = 'transient';
			read.failure = error as SpApiError;
		}
	}
	return read;
}

async function request(state: ReturnState, type: ReturnsReportType, marketplaceIds: string[], deps: MoneyCalls, read: ReturnRead): Promise<ReturnRead['steps'][ReturnsReportType]> {
	// The account's marketplaces could not be read this poll: ask next poll.
	if (!marketplaceIds.length) return 'transient';
	const allowed = await mayCall(deps, 'createReport');
	if (allowed !== true) return allowed;
	const now = deps.nowMs();
	const { fromMs, toMs } = state.rangeFor(now);
	read.calls++;
	const body = await deps.call<{ reportId?: string }>(
		'createReport',
		// Amazon takes at most 25 marketplaces per report.
		{ body: { reportType: type, dataStartTime: isoOf(fromMs), dataEndTime: isoOf(toMs), marketplaceIds: marketplaceIds.slice(0, 25) } },
		callOptions(deps),
	);
	if (!body.reportId) throw new SpApiError('Amazon accepted the returns report request without a report id', { code: 'InvalidResponse', transient: true });
	state.requested(type, { reportId: body.reportId, fromMs, toMs, requestedMs: now });
	return 'requested';
}

async function advance(state: ReturnState, type: ReturnsReportType, job: ReturnsJob, deps: MoneyCalls, read: ReturnRead): Promise<ReturnRead['steps'][ReturnsReportType]> {
	const allowed = await mayCall(deps, 'getReport');
	if (allowed !== true) return allowed;
	read.calls++;
	const report = await deps.call<{ processingStatus?: string; reportDocumentId?: string }>('getReport', { path: { reportId: job.reportId } }, callOptions(deps));
	const now = deps.nowMs();
	switch (report.processingStatus) {
		case 'DONE':
			break;
		case 'CANCELLED':
			// Amazon cancels a report that has no data: no returns in its range.
			state.finished(type, now);
			return 'cancelled';
		case 'FATAL':
			deps.warn(`Amazon could not build returns report ${job.reportId} (${type}, FATAL); it is asked for again later`);
			state.finished(type, now);
			return 'failed';
		default:
			if (now - job.requestedMs > RETURNS_REPORT_GIVE_UP_MS) {
				deps.warn(`Returns report ${job.reportId} (${type}) is still not done after ${Math.round((now - job.requestedMs) / 60_000)} minutes; it is asked for again later`);
				state.finished(type, now);
				return 'failed';
			}
			return 'waiting';
	}
	if (!report.reportDocumentId) throw new SpApiError(`Report ${job.reportId} is DONE without a document`, { code: 'InvalidResponse', transient: true });
	const mayDownload = await mayCall(deps, 'getReportDocument');
	if (mayDownload !== true) return mayDownload;
	read.calls++;
	const document = await deps.call<{ url?: string; compressionAlgorithm?: string }>('getReportDocument', { path: { reportDocumentId: report.reportDocumentId } }, callOptions(deps));
	if (!document.url) throw new SpApiError(`Report document ${report.reportDocumentId} has no URL`, { code: 'InvalidResponse', transient: true });
	read.calls++;
	const text = await deps.download(document.url, document.compressionAlgorithm, deadline(deps));
	const returns = await readFormat(() => parseReturnsReport(text, type));
	if (returns instanceof ReportFormatError) {
		deps.warn(`Returns report ${job.reportId} (${type}) could not be read (${returns.message}); it is asked for again later`);
		state.finished(type, now);
		return 'failed';
	}
	for (const ret of returns) if (state.admit(ret) === 'emit') read.events.push({ event: 'orderReturned', ret });
	state.finished(type, now);
	return 'read';
}
