/**
 * "Fetch Test Event" when only money events are selected: a few recent ones, labelled with their
 * event, read without touching the money position (manual runs never move the trigger).
 * - Order Refunded: refunds posted in the last 7 days (one listTransactions range, a few pages).
 * - Payout: the newest settlement report of the last 90 days.
 * - Order Returned: the returns of the newest returns report already built (the trigger asks for
 *   them every hour; building one takes minutes, too long for the editor to wait).
 */
import { parseReturnsReport, type ReturnsReportType } from '../../amazon/returnsReport';
import { parseSettlementReport, SETTLEMENT_REPORT_TYPE } from '../../amazon/settlementReport';
import type { SpApiClient } from '../../transport';
import { isoOf, parseTime } from '../observations';
import type { TriggerOptions } from '../options';
import { listedSettlementReports, REPORTS_RETENTION_MS } from './payouts';
import { refundFacts, RefundState } from './refunds';
import { returnsReportTypes } from './returns';
import type { EmittedMoneyEvent } from './types';

const DAY = 24 * 3600_000;
const COUNT = 5;
const MAX_PAGES = 3;
/** The editor waits for the test event; a longer wait for budget is reported instead. */
const CALL = { maxWaitMs: 20_000, deadlineMs: 60_000, maxAttempts: 3 };

export async function fetchMoneyTestEvents(client: SpApiClient, options: TriggerOptions, nowMs: number): Promise<EmittedMoneyEvent[]> {
	const events: EmittedMoneyEvent[] = [];
	if (options.moneyEvents.has('orderRefunded')) events.push(...(await recentRefunds(client, options, nowMs)));
	if (options.moneyEvents.has('payout')) events.push(...(await latestPayout(client, nowMs)));
	if (options.moneyEvents.has('orderReturned')) events.push(...(await latestReturns(client, options, nowMs)));
	return events;
}

async function recentRefunds(client: SpApiClient, options: TriggerOptions, nowMs: number): Promise<EmittedMoneyEvent[]> {
	const query = { postedAfter: isoOf(nowMs - 7 * DAY), postedBefore: isoOf(RefundState.settledBefore(nowMs)) };
	const found: Array<{ event: EmittedMoneyEvent; postedMs: number }> = [];
	let nextToken: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { body } = await client.call<{ payload?: { transactions?: unknown[]; nextToken?: string } }>('listTransactions', { query: nextToken ? { ...query, nextToken } : query }, CALL);
		for (const raw of body.payload?.transactions ?? []) {
			const facts = refundFacts(raw);
			if (!facts) continue;
			if (options.marketplaceIds.length && facts.marketplaceId && !options.marketplaceIds.includes(facts.marketplaceId)) continue;
			found.push({ event: { event: 'orderRefunded', orderId: facts.orderId, refundId: facts.refundId, transaction: raw as Record<string, unknown> }, postedMs: facts.postedMs });
		}
		nextToken = body.payload?.nextToken || undefined;
		if (!nextToken) break;
	}
	return found
		.sort((a, b) => b.postedMs - a.postedMs)
		.slice(0, COUNT)
		.map((f) => f.event);
}

async function latestPayout(client: SpApiClient, nowMs: number): Promise<EmittedMoneyEvent[]> {
	const { body } = await client.call<unknown>(
		'getReports',
		{ query: { reportTypes: [SETTLEMENT_REPORT_TYPE], processingStatuses: ['DONE'], createdSince: isoOf(nowMs - REPORTS_RETENTION_MS), pageSize: 10 } },
		CALL,
	);
	const newest = listedSettlementReports(body).sort((a, b) => b.createdMs - a.createdMs)[0];
	if (!newest) return [];
	const text = await download(client, newest.reportDocumentId);
	return [{ event: 'payout', reportId: newest.reportId, marketplaceIds: newest.marketplaceIds, report: parseSettlementReport(text) }];
}

async function latestReturns(client: SpApiClient, options: TriggerOptions, nowMs: number): Promise<EmittedMoneyEvent[]> {
	const types = returnsReportTypes(options.fulfilledBy);
	const { body } = await client.call<{ reports?: Array<Record<string, unknown>> }>(
		'getReports',
		{ query: { reportTypes: types, processingStatuses: ['DONE'], createdSince: isoOf(nowMs - 30 * DAY), pageSize: 10 } },
		CALL,
	);
	const newest = (body.reports ?? [])
		.filter((r) => typeof r.reportDocumentId === 'string' && types.includes(r.reportType as ReturnsReportType))
		.sort((a, b) => (parseTime(b.createdTime) ?? 0) - (parseTime(a.createdTime) ?? 0))[0];
	if (!newest) return [];
	const returns = parseReturnsReport(await download(client, newest.reportDocumentId as string), newest.reportType as ReturnsReportType);
	return returns
		.sort((a, b) => b.returnDate.localeCompare(a.returnDate))
		.slice(0, COUNT)
		.map((ret) => ({ event: 'orderReturned', ret }));
}

async function download(client: SpApiClient, reportDocumentId: string): Promise<string> {
	const { body } = await client.call<{ url?: string; compressionAlgorithm?: string }>('getReportDocument', { path: { reportDocumentId } }, CALL);
	if (!body.url) throw new Error(`Report document ${reportDocumentId} has no URL`);
	return await client.download(body.url, body.compressionAlgorithm);
}
