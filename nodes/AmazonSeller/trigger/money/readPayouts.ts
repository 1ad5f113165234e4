/**
 * Finds closed settlement periods and reads each one's settlement report once (payouts.ts says
 * why getReports): getReports (every page; a nextToken must be the only parameter), then per new
 * report getReportDocument and the download, parsed whole; then one listFinancialEventGroups for
 * the fund transfer status of the payouts found in this poll. A report that cannot be read yet
 * (budget, poll time, a failure) is read by the next poll.
 */
import type { PayoutSummary } from '../../amazon/finances';
import { readFinancialEventGroups } from '../../amazon/finances';
import { ReportFormatError } from '../../amazon/flatFile';
import { parseSettlementReport, SETTLEMENT_REPORT_TYPE, type SettlementReport } from '../../amazon/settlementReport';
import { SpApiError } from '../../transport';
import { isoOf, parseTime } from '../observations';
import type { MoneyCalls, MoneyStop } from './calls';
import { callOptions, deadline, isTransient, mayCall, MoneyReadError, readFormat } from './calls';
import type { ListedReport, PayoutState } from './payouts';
import { groupFor, listedSettlementReports } from './payouts';
import type { PayoutFound } from './types';

/** getReports pages one check reads at most (100 reports a page: years of settlements). */
const MAX_LIST_PAGES = 5;
/** v0 groups are listed this long before the earliest period found, so its group is on the first page. */
const GROUP_LOOKBACK_MS = 24 * 3600_000;

export interface PayoutRead {
	events: PayoutFound[];
	calls: number;
	stop: 'done' | MoneyStop;
	failure?: SpApiError;
}

export async function readPayouts(state: PayoutState, marketplaceIds: string[], deps: MoneyCalls): Promise<PayoutRead> {
	const read: PayoutRead = { events: [], calls: 0, stop: 'done' };
	const soft = (stop: MoneyStop, failure?: SpApiError): PayoutRead => {
		state.checked(deps.nowMs(), false);
		return Object.assign(read, { stop }, failure ? { failure } : {});
	};
	try {
		// 1. Which settlement reports are there?
		const listed: ListedReport[] = [];
		let nextToken: string | undefined;
		for (let page = 0; page < MAX_LIST_PAGES; page++) {
			const allowed = await mayCall(deps, 'getReports');
			if (allowed !== true) return soft(allowed);
			read.calls++;
			const query = nextToken
				? { nextToken }
				: { reportTypes: [SETTLEMENT_REPORT_TYPE], processingStatuses: ['DONE'], createdSince: isoOf(state.createdSince(deps.nowMs())), pageSize: 100 };
			const body = await deps.call<{ reports?: unknown[]; nextToken?: string }>('getReports', { query }, callOptions(deps));
			listed.push(...listedSettlementReports(body));
			nextToken = typeof body.nextToken === 'string' && body.nextToken ? body.nextToken : undefined;
			if (!nextToken) break;
		}

		// 2. Each new one, oldest first.
		const found: Array<{ report: SettlementReport; listed: ListedReport }> = [];
		let complete = true;
		for (const report of state.toRead(listed, marketplaceIds)) {
			const allowed = await mayCall(deps, 'getReportDocument');
			if (allowed !== true) {
				read.stop = allowed;
				complete = false;
				break;
			}
			// A transient failure only stops this poll: what was read so far still goes out, this report is read next poll.
			const text = await downloadReport(report, deps, read).catch(async (error: unknown) => (isTransient(error) ? (error as SpApiError) : await Promise.reject(error)));
			if (text instanceof SpApiError) {
				Object.assign(read, { stop: 'transient', failure: text });
				complete = false;
				break;
			}
			const parsed = await readFormat(() => parseSettlementReport(text));
			if (parsed instanceof ReportFormatError) {
				// Reading it again gives the same answer; the payout is not emitted (Get Settlement shows the file).
				deps.warn(`Settlement report ${report.reportId} could not be read (${parsed.message}); no Payout is emitted for it`);
				state.done(report);
				continue;
			}
			const settlementId = parsed.summary.settlementId;
			if (!state.settlementSeen(settlementId) && !found.some((f) => f.report.summary.settlementId === settlementId)) found.push({ report: parsed, listed: report });
			// A settlement whose report Amazon published again had its payout with the first one.
			state.done(report, settlementId);
		}

		// 3. The fund transfer of each payout found (best effort: without it the payout still goes out).
		const groups = found.length ? await eventGroups(found.map((f) => f.report), deps, read) : [];
		for (const { report, listed: entry } of found) {
			const group = groupFor(report.summary, groups);
			read.events.push({ event: 'payout', reportId: entry.reportId, marketplaceIds: entry.marketplaceIds, report, ...(group ? { group } : {}) });
		}
		state.checked(deps.nowMs(), complete);
		return read;
	} catch (error) {
		if (isTransient(error)) return soft('transient', error as SpApiError);
		throw error instanceof SpApiError ? new MoneyReadError('Payout', error) : error;
	}
}

async function downloadReport(report: ListedReport, deps: MoneyCalls, read: PayoutRead): Promise<string> {
	read.calls++;
	const document = await deps.call<{ url?: string; compressionAlgorithm?: string }>('getReportDocument', { path: { reportDocumentId: report.reportDocumentId } }, callOptions(deps));
	if (!document.url) throw new SpApiError(`Report document ${report.reportDocumentId} has no URL`, { code: 'InvalidResponse', transient: true });
	read.calls++;
	return await deps.download(document.url, document.compressionAlgorithm, deadline(deps));
}

async function eventGroups(reports: SettlementReport[], deps: MoneyCalls, read: PayoutRead): Promise<PayoutSummary[]> {
	const starts = reports.map((r) => parseTime(r.summary.start)).filter((ms): ms is number => ms !== undefined);
	if (!starts.length || (await mayCall(deps, 'listFinancialEventGroups')) !== true) return [];
	try {
		read.calls++;
		const body = await deps.call<unknown>(
			'listFinancialEventGroups',
			{ query: { FinancialEventGroupStartedAfter: isoOf(Math.min(...starts) - GROUP_LOOKBACK_MS), MaxResultsPerPage: 100 } },
			callOptions(deps),
		);
		return readFinancialEventGroups(body);
	} catch (error) {
		// The transfer status is a bonus: the payout goes out without it.
		deps.warn(`Could not read the fund transfer status of ${reports.length} payout(s) (${(error as Error).message})`);
		return [];
	}
}
