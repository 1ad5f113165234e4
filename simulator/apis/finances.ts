/**
 * Finances 2024-06-19: listTransactions, listBalances, listSummary.
 *
 * listTransactions follows the model's rules: postedAfter is required unless a related identifier
 * is given; both bounds must be more than two minutes old, postedBefore later than postedAfter and
 * defaulting to now − 2 min; ranges over 180 days answer an empty list; only ORDER_ID and
 * FINANCIAL_EVENT_GROUP_ID filter. A posted range is paged window by window (14 days each, up to
 * 100 transactions a page), so pages can be short or empty while a nextToken follows — clients must
 * page until nextToken is absent. Tokens repeat-the-arguments bound and expire after an hour.
 * As documented, asking for marketplaceId=ATVPDKIKX0DER leaves out US merchant-fulfilled orders.
 */
import { MARKETPLACES } from '../data/marketplaces';
import { DAY } from '../data/finance/rules';
import type { MoneyTransaction, SettlementPeriod } from '../data/finance/types';
import { amountNumber, breakdownTree, componentsOf, isoMs, renderTransaction } from '../data/finance/views2024';
import { currenciesOf } from '../data/finance/ledger';
import type { ApiResult, Route, RouteContext } from '../server';
import { parseIsoDate } from './orders';
import { isApiResult, issueToken, querySignature, readToken } from './pageTokens';

export const FINANCE_TOKEN_TTL = 3600_000;
const TWO_MINUTES = 120_000;
const MAX_RANGE = 180 * DAY;
const WINDOW = 14 * DAY;
const PAGE = 100;
const TRANSACTION_STATUSES = ['DEFERRED', 'RELEASED', 'DEFERRED_RELEASED'];
const FILTERING_IDENTIFIERS = ['ORDER_ID', 'FINANCIAL_EVENT_GROUP_ID'];
const US = 'ATVPDKIKX0DER';

/** Posting order; ties keep the order Amazon posted them in (sort is stable). */
function byPosted(a: MoneyTransaction, b: MoneyTransaction): number {
	return a.postedAt - b.postedAt;
}

/** Parses an optional date-time bound that must be more than two minutes old. */
export function bound(ctx: RouteContext, name: string): number | undefined | ApiResult {
	const raw = ctx.query.get(name);
	if (raw === null) return undefined;
	const ms = parseIsoDate(raw);
	if (ms === undefined) return ctx.invalid(`Invalid value for parameter '${name}': must be an ISO 8601 date-time.`);
	if (ms > ctx.now - TWO_MINUTES) return ctx.invalid(`${name} must be more than two minutes before the time of the request.`);
	return ms;
}

function listTransactions(ctx: RouteContext): ApiResult {
	const { sim, account, query: q, now } = ctx;
	sim.finance.sync();
	const name = q.get('relatedIdentifierName');
	const value = q.get('relatedIdentifierValue');
	if ((name === null) !== (value === null)) return ctx.invalid('relatedIdentifierName and relatedIdentifierValue must be given together.');
	if (name !== null && !FILTERING_IDENTIFIERS.includes(name)) {
		return ctx.invalid(`Invalid value for parameter 'relatedIdentifierName': only ${FILTERING_IDENTIFIERS.join(' and ')} can filter transactions.`);
	}
	const after = bound(ctx, 'postedAfter');
	if (isApiResult(after)) return after;
	if (after === undefined && name === null) return ctx.invalid("Missing required parameter 'postedAfter' (required when no related identifier is given).");
	const beforeGiven = bound(ctx, 'postedBefore');
	if (isApiResult(beforeGiven)) return beforeGiven;
	const status = q.get('transactionStatus');
	if (status !== null && !TRANSACTION_STATUSES.includes(status)) {
		return ctx.invalid(`Invalid value for parameter 'transactionStatus': '${status}' is not one of ${TRANSACTION_STATUSES.join(', ')}.`);
	}
	const marketplaceId = q.get('marketplaceId');
	if (marketplaceId !== null && !account.marketplaceIds.includes(marketplaceId)) {
		return ctx.invalid(`Invalid value for parameter 'marketplaceId': the seller does not sell in marketplace '${marketplaceId}'.`);
	}

	const signature = querySignature(q, ['nextToken']);
	let state = { o: 0, w: 0, b: undefined as number | undefined };
	const tokenRaw = q.get('nextToken');
	if (tokenRaw !== null) {
		const read = readToken(ctx, tokenRaw, 'nextToken', signature, FINANCE_TOKEN_TTL);
		if (isApiResult(read)) return read;
		state = { o: read.o, w: read.w ?? 0, b: read.b };
	}
	const latest = Math.floor((now - TWO_MINUTES) / 1000) * 1000;
	const before = state.b ?? beforeGiven ?? latest;
	if (after !== undefined && before <= after) return ctx.invalid('postedBefore must be later than postedAfter.');
	if (after !== undefined && before - after > MAX_RANGE) return { status: 200, body: { payload: { transactions: [] } } };

	let source: readonly MoneyTransaction[];
	if (name === 'ORDER_ID') source = sim.finance.byOrderId(value!);
	else if (name === 'FINANCIAL_EVENT_GROUP_ID') source = sim.finance.periods.find((p) => p.groupId === value && p.sellerId === account.sellerId)?.transactions ?? [];
	else source = sim.finance.transactions;
	const matches = source
		.filter(
			(t) =>
				t.sellerId === account.sellerId &&
				(after === undefined || t.postedAt >= after) &&
				t.postedAt < before &&
				(status === null || t.status === status) &&
				(marketplaceId === null || (t.marketplaceId === marketplaceId && !(marketplaceId === US && t.fulfillment === 'MFN'))),
		)
		.sort(byPosted);

	// A posted range is served window by window; without one, the whole result is one window.
	const windows = after !== undefined ? Math.max(1, Math.ceil((before - after) / WINDOW)) : 1;
	const inWindow =
		after !== undefined ? matches.filter((t) => t.postedAt >= after + state.w * WINDOW && t.postedAt < Math.min(before, after + (state.w + 1) * WINDOW)) : matches;
	const page = inWindow.slice(state.o, state.o + PAGE);
	const payload: Record<string, unknown> = { transactions: page.map(renderTransaction) };
	let next: { o: number; w: number } | undefined;
	if (state.o + PAGE < inWindow.length) next = { o: state.o + PAGE, w: state.w };
	else if (state.w + 1 < windows) next = { o: 0, w: state.w + 1 };
	if (next) payload.nextToken = issueToken(ctx, signature, { ...next, b: before });
	return { status: 200, body: { payload } };
}

const BALANCE_TYPES = ['AVAILABLE', 'RESERVED', 'TOTAL', 'DEFERRED', 'ACCOUNT_LEVEL_RESERVE'];
const ACCOUNT_TYPE = 'Standard Orders';

function currencyAmount(minor: number, code: string): { currencyAmount: number; currencyCode: string } {
	return { currencyAmount: amountNumber(minor), currencyCode: code };
}

/** The seller's currencies restricted to the requested marketplaces, with their home marketplace. */
function currencyScope(ctx: RouteContext): Array<{ currency: string; home: string }> | ApiResult {
	const ids = ctx.query.getAll('marketplaceIds').join(',').split(',').filter(Boolean);
	for (const id of ids) {
		if (!ctx.account.marketplaceIds.includes(id)) return ctx.invalid(`Invalid value for parameter 'marketplaceIds': the seller does not sell in marketplace '${id}'.`);
	}
	return currenciesOf(ctx.account)
		.map((currency) => ({ currency, home: ctx.account.marketplaceIds.find((id) => MARKETPLACES[id].currency === currency)! }))
		.filter((c) => !ids.length || ids.some((id) => MARKETPLACES[id].currency === c.currency));
}

function listBalances(ctx: RouteContext): ApiResult {
	const { sim, account, query: q, now } = ctx;
	sim.finance.sync();
	const scope = currencyScope(ctx);
	if (isApiResult(scope)) return scope;
	const type = q.get('balanceType');
	if (type !== null && !BALANCE_TYPES.includes(type)) return ctx.invalid(`Invalid value for parameter 'balanceType': '${type}' is not one of ${BALANCE_TYPES.join(', ')}.`);
	const accountType = q.get('accountType');
	if (accountType !== null && accountType !== ACCOUNT_TYPE) return { status: 200, body: { balances: [] } };
	const asOfRaw = q.get('asOfDate');
	const at = asOfRaw === null ? now : Date.parse(`${asOfRaw}T23:59:59.999Z`);
	if (Number.isNaN(at)) return ctx.invalid("Invalid value for parameter 'asOfDate': must be an ISO 8601 date.");
	const balances = scope.map(({ currency, home }) => {
		let available = 0;
		let deferred = 0;
		for (const t of sim.finance.transactions) {
			if (t.sellerId !== account.sellerId || t.currency !== currency || t.postedAt > at) continue;
			const period = t.settlement;
			if (t.releasedAt !== undefined && t.releasedAt <= at && period) {
				if (period.status === 'Open' || period.end > at) available += t.total;
			} else if (t.deferral) deferred += t.total;
		}
		const node = (balanceType: string, minor: number, children?: Array<Record<string, unknown>>) => {
			const out: Record<string, unknown> = { balanceType, amount: currencyAmount(minor, currency) };
			if (children) out.balances = children;
			return out;
		};
		const tree = node('TOTAL', available + deferred, [node('AVAILABLE', available), node('RESERVED', deferred, [node('DEFERRED', deferred), node('ACCOUNT_LEVEL_RESERVE', 0)])]);
		const find = (n: Record<string, unknown>): Record<string, unknown> | undefined =>
			n.balanceType === type ? n : ((n.balances as Array<Record<string, unknown>> | undefined) ?? []).map(find).find(Boolean);
		const chosen = type === null ? tree : find(tree)!;
		const out: Record<string, unknown> = { partnerMetadata: { partnerId: account.sellerId, accountType: ACCOUNT_TYPE, marketplaceId: home }, ...chosen };
		if (asOfRaw === null) out.lastUpdatedTime = isoMs(now);
		else out.asOfDate = isoMs(at);
		return out;
	});
	return { status: 200, body: { balances } };
}

function summaryOf(ctx: RouteContext, txs: readonly MoneyTransaction[], currency: string, home: string, start: number, end: number, period?: SettlementPeriod): Record<string, unknown> {
	const out: Record<string, unknown> = {
		partnerMetadata: { partnerId: ctx.account.sellerId, accountType: ACCOUNT_TYPE, marketplaceId: home },
		netProceeds: currencyAmount(
			txs.reduce((s, t) => s + t.total, 0),
			currency,
		),
	};
	if (period) {
		out.relatedIdentifiers = [
			{ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: period.settlementId },
			{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: period.groupId },
		];
	}
	out.breakdowns = breakdownTree(
		txs.flatMap((t) => componentsOf(t)),
		currency,
	);
	out.periodStart = isoMs(start);
	out.periodEnd = isoMs(end);
	return out;
}

/**
 * One summary per settlement period (SETTLEMENT_ID picks one), or, with periodStart/periodEnd, one
 * per currency over the transactions posted in those days.
 */
function listSummary(ctx: RouteContext): ApiResult {
	const { sim, account, query: q, now } = ctx;
	sim.finance.sync();
	const scope = currencyScope(ctx);
	if (isApiResult(scope)) return scope;
	const name = q.get('relatedIdentifierName');
	const value = q.get('relatedIdentifierValue');
	if ((name === null) !== (value === null)) return ctx.invalid('relatedIdentifierName and relatedIdentifierValue must be given together.');
	if (name !== null && name !== 'SETTLEMENT_ID') return ctx.invalid("Invalid value for parameter 'relatedIdentifierName': the only possible value is SETTLEMENT_ID.");
	const accountType = q.get('accountType');
	if (accountType !== null && accountType !== ACCOUNT_TYPE) return { status: 200, body: { summaries: [] } };
	const startRaw = q.get('periodStart');
	const endRaw = q.get('periodEnd');
	const start = startRaw === null ? undefined : Date.parse(`${startRaw}T00:00:00Z`);
	const end = endRaw === null ? undefined : Date.parse(`${endRaw}T23:59:59.999Z`);
	if (start !== undefined && end !== undefined && end < start) return ctx.invalid('periodEnd must not be before periodStart.');
	const homes = new Map(scope.map((c) => [c.currency, c.home]));
	let summaries: Array<Record<string, unknown>>;
	if (name !== null || (start === undefined && end === undefined)) {
		summaries = sim.finance.periods
			.filter((p) => p.sellerId === account.sellerId && homes.has(p.currency) && (name === null || p.settlementId === value))
			.map((p) => summaryOf(ctx, p.transactions, p.currency, homes.get(p.currency)!, p.start, p.status === 'Open' ? now : p.end, p));
	} else {
		const from = start ?? 0;
		const to = end ?? now;
		summaries = scope.map(({ currency, home }) =>
			summaryOf(
				ctx,
				sim.finance.transactions.filter((t) => t.sellerId === account.sellerId && t.currency === currency && t.postedAt >= from && t.postedAt <= to),
				currency,
				home,
				from,
				Math.min(to, now),
			),
		);
	}
	const signature = querySignature(q, ['nextToken']);
	let offset = 0;
	const tokenRaw = q.get('nextToken');
	if (tokenRaw !== null) {
		const read = readToken(ctx, tokenRaw, 'nextToken', signature, FINANCE_TOKEN_TTL);
		if (isApiResult(read)) return read;
		offset = read.o;
	}
	const body: Record<string, unknown> = { summaries: summaries.slice(offset, offset + PAGE) };
	if (offset + PAGE < summaries.length) body.nextToken = issueToken(ctx, signature, { o: offset + PAGE });
	return { status: 200, body };
}

export const financesRoutes: Route[] = [
	{ method: 'GET', path: '/finances/2024-06-19/transactions', operation: 'listTransactions', handler: listTransactions },
	{ method: 'GET', path: '/finances/2024-06-19/balances', operation: 'listBalances', arrays: ['marketplaceIds'], handler: listBalances },
	{ method: 'GET', path: '/finances/2024-06-19/summary', operation: 'listSummary', arrays: ['marketplaceIds'], handler: listSummary },
];
