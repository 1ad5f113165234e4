import { readFinancialEventGroups, type PayoutSummary } from '../amazon/finances';
import { marketplaceById } from '../amazon/marketplaces';
import { parseSettlementReport, SETTLEMENT_REPORT_TYPE, type SettlementReport, type SettlementSummary } from '../amazon/settlementReport';
import type { SpApiClient } from './client';
import { getClock } from './clock';
import { SpApiError } from './errors';
import type { AmazonReport } from './reports';
import { findReports, oldestCreatedSince, parseReport, readReportDocument } from './reports';
import { transportState, type SettlementReportSummary } from './state';

/**
 * Finding a closed settlement: Amazon generates one GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2
 * report per closed settlement period and refuses to create one on request, so a settlement is
 * FOUND with getReports (reports of the last 90 days, newest first) and downloaded. Reading one
 * costs getReports (one page holds 100 reports: about seven months of a currency's settlements)
 * plus getReportDocument and one download, whatever the settlement's size.
 *
 * Amazon's report listing does not say which settlement a report holds; its document's summary
 * row does. Finding a settlement by id therefore reads candidates newest first until the summary
 * row matches, and remembers what each report held (reports never change; state.ts), so a
 * settlement is looked up once per process.
 */
export interface SettlementFilter {
	/** Reports of any of these marketplaces (getReports takes at most 10). */
	marketplaceIds?: string[];
	/** Only settlements in this currency (ISO 4217). */
	currency?: string;
}

export interface FoundSettlement {
	report: AmazonReport;
	settlement: SettlementReport;
}

function remember(client: SpApiClient, reportId: string, summary: SettlementSummary): void {
	transportState.settlementReports.set(`${client.accountKey}\u0001${reportId}`, { settlementId: summary.settlementId, currency: summary.currency, start: summary.start });
}

function recall(client: SpApiClient, reportId: string): SettlementReportSummary | undefined {
	return transportState.settlementReports.get(`${client.accountKey}\u0001${reportId}`);
}

/** The settlement reports Amazon still lists (90 days), newest first. */
export async function settlementReports(client: SpApiClient, filter: SettlementFilter): Promise<AmazonReport[]> {
	const reports = await findReports(client, {
		reportTypes: [SETTLEMENT_REPORT_TYPE],
		processingStatuses: ['DONE'],
		createdSince: oldestCreatedSince(getClock().now()),
		marketplaceIds: filter.marketplaceIds,
	});
	return reports.filter((report) => report.reportDocumentId).sort((a, b) => timeOf(b.createdTime) - timeOf(a.createdTime));
}

/** The newest closed settlement (in the currency and marketplaces asked for). */
export async function findLatestSettlement(client: SpApiClient, filter: SettlementFilter): Promise<FoundSettlement> {
	const reports = await settlementReports(client, filter);
	for (const report of reports) {
		// The report's marketplaces tell its currency without a download; a download confirms it.
		if (filter.currency && !mayHoldCurrency(client, report, filter.currency)) continue;
		const settlement = await readSettlement(client, report);
		if (!filter.currency || settlement.summary.currency === filter.currency) return { report, settlement };
	}
	throw notFound(`No closed settlement${describeFilter(filter)} was found among the ${reports.length} settlement report${reports.length === 1 ? '' : 's'} of the last 90 days`);
}

/**
 * The newest closed settlement of each currency (an account is paid out per currency: USD, CAD
 * and MXN settle apart), newest first. A report whose currency its marketplaces tell, or that was
 * read before, is downloaded only when it is the newest of its currency. None: an empty list.
 */
export async function findLatestSettlements(client: SpApiClient, filter: SettlementFilter): Promise<FoundSettlement[]> {
	const reports = await settlementReports(client, filter);
	const seen = new Set<string>();
	const found: FoundSettlement[] = [];
	for (const report of reports) {
		const known = recall(client, report.reportId)?.currency ?? currencyOf(report);
		if (filter.currency && known !== undefined && known !== filter.currency) continue;
		if (known !== undefined && seen.has(known)) continue;
		const settlement = await readSettlement(client, report);
		const currency = settlement.summary.currency;
		if ((filter.currency && currency !== filter.currency) || seen.has(currency)) continue;
		seen.add(currency);
		found.push({ report, settlement });
	}
	return found;
}

/**
 * The closed settlement with this settlement id (the settlement report's settlement-id). With
 * `summaryOnly` its lines are not read (they come back empty).
 */
export async function findSettlementById(client: SpApiClient, settlementId: string, filter: SettlementFilter, options: { summaryOnly?: boolean } = {}): Promise<FoundSettlement> {
	const reports = await settlementReports(client, filter);
	// Reports already read come first when they hold it, and are skipped when they do not.
	const ordered = [...reports.filter((r) => recall(client, r.reportId)?.settlementId === settlementId), ...reports.filter((r) => !recall(client, r.reportId))];
	for (const report of ordered) {
		if (filter.currency && !mayHoldCurrency(client, report, filter.currency)) continue;
		const text = await readReportDocument(client, report.reportDocumentId!);
		const head = readHead(text, report);
		remember(client, report.reportId, head);
		if (head.settlementId !== settlementId) continue;
		if (options.summaryOnly) return { report, settlement: { summary: head, lines: [], reconciliation: { ok: false, linesTotal: 0, totalAmount: head.totalAmount, difference: -head.totalAmount } } };
		return { report, settlement: parse(text, report) };
	}
	throw notFound(
		`Settlement ${settlementId} is not among the ${reports.length} settlement report${reports.length === 1 ? '' : 's'} Amazon lists for the last 90 days${describeFilter(filter)}. ` +
			'Amazon keeps settlement reports findable (getReports) for 90 days after it creates them; for an older settlement, download its flat file (V2) from Seller Central (Reports → Payments → All Statements) ' +
			'and read it with Map Payout to Journal Entry from a field, or check the id (it is the settlement-id of the report, not the financial event group id).',
	);
}

async function readSettlement(client: SpApiClient, report: AmazonReport): Promise<SettlementReport> {
	const text = await readReportDocument(client, report.reportDocumentId!);
	const settlement = parse(text, report);
	remember(client, report.reportId, settlement.summary);
	return settlement;
}

function parse(text: string, report: AmazonReport): SettlementReport {
	return parseReport(report.reportId, 'Settlement report', text, parseSettlementReport);
}

/** The header and summary row of a settlement report, without reading its lines. */
function readHead(text: string, report: AmazonReport): SettlementSummary {
	let end = -1;
	let rows = 0;
	// Blank lines are skipped by the reader: take lines until two hold something.
	for (let at = 0; rows < 2; ) {
		const next = text.indexOf('\n', at);
		const line = text.slice(at, next === -1 ? text.length : next);
		if (line.trim()) rows++;
		if (next === -1) {
			end = text.length;
			break;
		}
		end = next;
		at = next + 1;
	}
	return parse(text.slice(0, end), report).summary;
}

function mayHoldCurrency(client: SpApiClient, report: AmazonReport, currency: string): boolean {
	const seen = recall(client, report.reportId);
	if (seen) return seen.currency === currency;
	const currencies = (report.marketplaceIds ?? []).map((id) => marketplaceById(id)?.currency);
	// An unknown marketplace could be in any currency: read the report to know.
	if (currencies.length === 0 || currencies.some((c) => c === undefined)) return true;
	return currencies.includes(currency);
}

/** The one currency a report's marketplaces sell in; undefined when they do not tell (none, unknown, several). */
function currencyOf(report: AmazonReport): string | undefined {
	const currencies = new Set((report.marketplaceIds ?? []).map((id) => marketplaceById(id)?.currency));
	if (currencies.size !== 1 || currencies.has(undefined)) return undefined;
	return [...currencies][0];
}

function describeFilter(filter: SettlementFilter): string {
	const parts = [filter.currency ? `in ${filter.currency}` : '', filter.marketplaceIds?.length ? `for marketplace${filter.marketplaceIds.length > 1 ? 's' : ''} ${filter.marketplaceIds.join(', ')}` : ''];
	const text = parts.filter(Boolean).join(' ');
	return text ? ` ${text}` : '';
}

function notFound(message: string): SpApiError {
	return new SpApiError(message, { code: 'SettlementNotFound', operation: 'getReports' });
}

function timeOf(value: string | undefined): number {
	const ms = value ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? ms : 0;
}

// ——— a settlement's financial event group (Finances v0) ———

/** Groups opening this close to a settlement's start are its candidates. */
const GROUP_START_TOLERANCE_MS = 24 * 3600_000;

/**
 * The Finances v0 event group of a settlement. Finances 2024-06-19 lists a settlement's
 * transactions only by FINANCIAL_EVENT_GROUP_ID (SETTLEMENT_ID is on each transaction but cannot
 * filter), and Amazon's ids for the two differ. The group is the one that opened when the
 * settlement started, in its currency, and (closed) with its total as OriginalTotal.
 */
export async function eventGroupOf(client: SpApiClient, summary: SettlementSummary): Promise<PayoutSummary> {
	const start = Date.parse(summary.start);
	// Amazon wants both bounds more than two minutes before the request.
	const latest = getClock().now() - 2 * 60_000 - 1_000;
	const after = start - GROUP_START_TOLERANCE_MS;
	const before = Math.min(start + GROUP_START_TOLERANCE_MS, latest);
	const groups: PayoutSummary[] = [];
	if (before > after) {
		let nextToken: string | undefined;
		const query = { MaxResultsPerPage: 100, FinancialEventGroupStartedAfter: isoOf(after), FinancialEventGroupStartedBefore: isoOf(before) };
		do {
			const { body } = await client.call<{ payload?: { FinancialEventGroupList?: unknown[]; NextToken?: string } }>('listFinancialEventGroups', {
				query: nextToken ? { ...query, NextToken: nextToken } : query,
			});
			groups.push(...readFinancialEventGroups(body.payload?.FinancialEventGroupList ?? [], 'FinancialEventGroupList'));
			nextToken = body.payload?.NextToken || undefined;
		} while (nextToken);
	}
	const candidates = groups
		.filter((group) => group.originalTotal?.currency === summary.currency && group.start !== null)
		.sort((a, b) => Math.abs(Date.parse(a.start!) - start) - Math.abs(Date.parse(b.start!) - start));
	const exact = candidates.find((group) => group.originalTotal?.amount === summary.totalAmount);
	const found = exact ?? candidates[0];
	if (!found) {
		throw new SpApiError(
			`No Finances v0 financial event group in ${summary.currency} opened near settlement ${summary.settlementId}'s start (${summary.start}), so its transactions cannot be listed`,
			{ code: 'SettlementGroupNotFound', operation: 'listFinancialEventGroups', hint: 'Give the Financial Event Group ID instead (Filter By: Financial Event Group ID).' },
		);
	}
	return found;
}

function isoOf(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
