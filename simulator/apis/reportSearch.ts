/**
 * Reports 2021-06-30 getReports: how clients find the settlement reports Amazon generates (and any
 * other report). Rules from the model: reportTypes or nextToken is required; a nextToken must be
 * the only parameter (the token carries the filters); createdSince defaults to 90 days ago and may
 * not reach further back (reports are kept 90 days); createdUntil defaults to now; pageSize 1–100,
 * default 10. Newest reports first.
 */
import { DAY } from '../data/finance/rules';
import type { ApiResult, Route, RouteContext } from '../server';
import { parseIsoDate } from './orders';
import { isApiResult, issueToken, readToken } from './pageTokens';
import { renderReport, type SimReport } from './reports';

const RETENTION = 90 * DAY;
const TOKEN_TTL = 24 * 3600_000;

interface Filters {
	types: string[];
	statuses?: string[];
	marketplaces?: string[];
	since: number;
	until: number;
	pageSize: number;
}

function list(q: URLSearchParams, name: string): string[] | undefined {
	const all = q.getAll(name);
	return all.length ? all.join(',').split(',') : undefined;
}

function filtersOf(ctx: RouteContext): Filters | ApiResult {
	const q = ctx.query;
	const types = list(q, 'reportTypes');
	if (!types) return ctx.invalid('Either reportTypes or nextToken is required.');
	const sinceRaw = q.get('createdSince');
	const untilRaw = q.get('createdUntil');
	const since = sinceRaw === null ? ctx.now - RETENTION : parseIsoDate(sinceRaw);
	const until = untilRaw === null ? ctx.now : parseIsoDate(untilRaw);
	if (since === undefined) return ctx.invalid("Invalid value for parameter 'createdSince': must be an ISO 8601 date-time.");
	if (until === undefined) return ctx.invalid("Invalid value for parameter 'createdUntil': must be an ISO 8601 date-time.");
	if (since < ctx.now - RETENTION) return ctx.invalid('createdSince cannot be more than 90 days in the past.');
	if (until < since) return ctx.invalid('createdUntil must be after createdSince.');
	const size = q.get('pageSize');
	return { types, statuses: list(q, 'processingStatuses'), marketplaces: list(q, 'marketplaceIds'), since, until, pageSize: size === null ? 10 : Number(size) };
}

function getReports(ctx: RouteContext): ApiResult {
	const { sim, account, query: q } = ctx;
	sim.finance.sync();
	const tokenRaw = q.get('nextToken');
	let filters: Filters;
	let offset = 0;
	if (tokenRaw !== null) {
		if ([...q.keys()].some((k) => k !== 'nextToken')) {
			return ctx.invalid('nextToken must be the only parameter: the token already carries the filters of the first request.');
		}
		const read = readToken(ctx, tokenRaw, 'nextToken', '', TOKEN_TTL);
		if (isApiResult(read)) return read;
		filters = read.x as Filters;
		offset = read.o;
	} else {
		const f = filtersOf(ctx);
		if (isApiResult(f)) return f;
		filters = f;
	}
	const reports = [...sim.reports.values()]
		.map((r) => r as SimReport)
		.filter(
			(r) =>
				r.sellerId === account.sellerId &&
				filters.types.includes(r.reportType) &&
				(!filters.statuses || filters.statuses.includes(r.processingStatus)) &&
				(!filters.marketplaces || r.marketplaceIds.some((id) => filters.marketplaces!.includes(id))) &&
				r.createdTime >= filters.since &&
				r.createdTime <= filters.until,
		)
		.sort((a, b) => b.createdTime - a.createdTime || (a.reportId < b.reportId ? 1 : -1));
	const body: Record<string, unknown> = { reports: reports.slice(offset, offset + filters.pageSize).map(renderReport) };
	if (offset + filters.pageSize < reports.length) body.nextToken = issueToken(ctx, '', { o: offset + filters.pageSize, x: filters });
	return { status: 200, body };
}

export const reportSearchRoutes: Route[] = [
	{ method: 'GET', path: '/reports/2021-06-30/reports', operation: 'getReports', arrays: ['reportTypes', 'processingStatuses', 'marketplaceIds'], handler: getReports },
];
