/**
 * Finances v0: listFinancialEventGroups, listFinancialEventsByGroupId, listFinancialEventsByOrderId,
 * listFinancialEvents. Groups are the settlement periods (newest first); events are the released
 * transactions — as documented, deferred events stay out of every event list until released, and
 * then appear with their original PostedDate (a poller that only looks forward in PostedDate misses
 * them). Date rules as in the model: bounds more than two minutes old, "Before" after "After",
 * PostedBefore only with PostedAfter, more than 180 days apart answers nothing. NextTokens are bound
 * to the query (MaxResultsPerPage may change) and expire after an hour.
 */
import { DAY } from '../data/finance/rules';
import type { MoneyTransaction } from '../data/finance/types';
import { financialEvents, renderGroup } from '../data/finance/viewsV0';
import { apiError, type ApiResult, type Route, type RouteContext } from '../server';
import { bound, FINANCE_TOKEN_TTL } from './finances';
import { isApiResult, issueToken, querySignature, readToken } from './pageTokens';

const TWO_MINUTES = 120_000;
const MAX_RANGE = 180 * DAY;


function pageSize(ctx: RouteContext, fallback: number): number {
	const raw = ctx.query.get('MaxResultsPerPage');
	return raw === null ? fallback : Number(raw);
}

/** Pages `items` by NextToken; `render` builds the payload for one page. */
function paged<T>(ctx: RouteContext, items: readonly T[], size: number, render: (page: readonly T[]) => Record<string, unknown>): ApiResult {
	const signature = querySignature(ctx.query, ['NextToken', 'MaxResultsPerPage']);
	let offset = 0;
	const raw = ctx.query.get('NextToken');
	if (raw !== null) {
		const read = readToken(ctx, raw, 'NextToken', signature, FINANCE_TOKEN_TTL);
		if (isApiResult(read)) return read;
		offset = read.o;
	}
	const payload = render(items.slice(offset, offset + size));
	if (offset + size < items.length) payload.NextToken = issueToken(ctx, signature, { o: offset + size });
	return { status: 200, body: { payload } };
}

/** Posting order; ties keep the order Amazon posted them in (sort is stable). */
function byPosted(a: MoneyTransaction, b: MoneyTransaction): number {
	return a.postedAt - b.postedAt;
}

function listFinancialEventGroups(ctx: RouteContext): ApiResult {
	const { sim, account, now } = ctx;
	sim.finance.sync();
	const after = bound(ctx, 'FinancialEventGroupStartedAfter');
	if (isApiResult(after)) return after;
	const before = bound(ctx, 'FinancialEventGroupStartedBefore');
	if (isApiResult(before)) return before;
	if (after !== undefined && before !== undefined) {
		if (before <= after) return ctx.invalid('FinancialEventGroupStartedBefore must be after FinancialEventGroupStartedAfter.');
		if (before - after > MAX_RANGE) return { status: 200, body: { payload: { FinancialEventGroupList: [] } } };
	}
	const groups = sim.finance.periods
		.filter((p) => p.sellerId === account.sellerId && (after === undefined || p.start >= after) && (before === undefined || p.start < before))
		.sort((a, b) => b.start - a.start || (a.groupId < b.groupId ? -1 : 1));
	return paged(ctx, groups, pageSize(ctx, 10), (page) => ({ FinancialEventGroupList: page.map((p) => renderGroup(p, now)) }));
}

/** PostedAfter/PostedBefore as v0 reads them; `required` for listFinancialEvents. */
function postedRange(ctx: RouteContext, required: boolean): { after?: number; before?: number; empty?: boolean } | ApiResult {
	const after = bound(ctx, 'PostedAfter');
	if (isApiResult(after)) return after;
	const before = bound(ctx, 'PostedBefore');
	if (isApiResult(before)) return before;
	if (before !== undefined && after === undefined) return ctx.invalid('PostedBefore requires PostedAfter.');
	if (after === undefined) {
		if (required && ctx.query.get('NextToken') === null) return ctx.invalid("Missing required parameter 'PostedAfter'.");
		return {};
	}
	const end = before ?? Math.floor((ctx.now - TWO_MINUTES) / 1000) * 1000;
	if (end <= after) return ctx.invalid('PostedBefore must be later than PostedAfter.');
	return { after, before: end, empty: end - after > MAX_RANGE };
}

function eventsPage(ctx: RouteContext, txs: readonly MoneyTransaction[]): ApiResult {
	return paged(ctx, txs, pageSize(ctx, 100), (page) => ({ FinancialEvents: financialEvents(page) }));
}

function inRange(t: MoneyTransaction, r: { after?: number; before?: number }): boolean {
	return (r.after === undefined || t.postedAt >= r.after) && (r.before === undefined || t.postedAt < r.before);
}

function listFinancialEvents(ctx: RouteContext): ApiResult {
	const { sim, account } = ctx;
	sim.finance.sync();
	const range = postedRange(ctx, true);
	if (isApiResult(range)) return range;
	if (range.empty) return eventsPage(ctx, []);
	const txs = sim.finance.transactions.filter((t) => t.sellerId === account.sellerId && t.settlement && inRange(t, range)).sort(byPosted);
	return eventsPage(ctx, txs);
}

function listFinancialEventsByGroupId(ctx: RouteContext): ApiResult {
	const { sim, account } = ctx;
	sim.finance.sync();
	const group = sim.finance.periods.find((p) => p.groupId === ctx.params.eventGroupId && p.sellerId === account.sellerId);
	if (!group) return apiError(404, 'NotFound', `Financial event group ${ctx.params.eventGroupId} was not found.`);
	const range = postedRange(ctx, false);
	if (isApiResult(range)) return range;
	if (range.empty) return eventsPage(ctx, []);
	return eventsPage(ctx, group.transactions.filter((t) => inRange(t, range)).sort(byPosted));
}

function listFinancialEventsByOrderId(ctx: RouteContext): ApiResult {
	const { sim, account } = ctx;
	sim.finance.sync();
	const txs = sim.finance.byOrderId(ctx.params.orderId).filter((t) => t.sellerId === account.sellerId && t.settlement);
	return eventsPage(ctx, [...txs].sort(byPosted));
}

export const financesV0Routes: Route[] = [
	{ method: 'GET', path: '/finances/v0/financialEventGroups', operation: 'listFinancialEventGroups', handler: listFinancialEventGroups },
	{ method: 'GET', path: '/finances/v0/financialEventGroups/{eventGroupId}/financialEvents', operation: 'listFinancialEventsByGroupId', handler: listFinancialEventsByGroupId },
	{ method: 'GET', path: '/finances/v0/orders/{orderId}/financialEvents', operation: 'listFinancialEventsByOrderId', handler: listFinancialEventsByOrderId },
	{ method: 'GET', path: '/finances/v0/financialEvents', operation: 'listFinancialEvents', handler: listFinancialEvents },
];
