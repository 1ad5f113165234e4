/**
 * Orders API 2026-01-01: searchOrders and getOrder.
 *
 * searchOrders follows the documented window rules (exactly one of createdAfter/lastUpdatedAfter;
 * the `...Before` bound at least two minutes in the past, defaulting to now − 2 min and echoed back)
 * and paginates with an opaque token bound to the query. In the default 'live' mode the token is an
 * offset into a re-run query, so an order that changes between pages leaves the window and shifts
 * the rest by one — clients must not assume a stable result set.
 */
import { MARKETPLACES } from '../data/marketplaces';
import { INCLUDED_DATA, iso, renderOrder } from '../data/orderViews';
import type { SimOrder } from '../data/orders';
import type { SimContext } from '../context';
import { apiError, type ApiResult, type Route, type RouteContext } from '../server';

const TWO_MINUTES = 2 * 60_000;
const TOKEN_TTL = 24 * 3600_000;
const FULFILLMENT_STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'];
const FULFILLED_BY = ['MERCHANT', 'AMAZON'];
/** Parameters a follow-up page may change; everything else must be repeated verbatim. */
const PAGE_FREE_PARAMS = new Set(['paginationToken', 'maxResultsPerPage', 'includedData']);

interface PageToken {
	v: 1;
	/** seller */
	s: string;
	/** query signature */
	q: string;
	/** offset of the next page */
	o: number;
	/** issued at */
	t: number;
	/** the effective ...Before bound of the first page */
	b: number;
	/** snapshot id in snapshot mode */
	n?: string;
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseIsoDate(value: string): number | undefined {
	if (!ISO_RE.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

function list(q: URLSearchParams, name: string): string[] | undefined {
	const all = q.getAll(name);
	if (!all.length) return undefined;
	return all.join(',').split(',');
}

function includedSet(ctx: RouteContext): Set<string> | ApiResult {
	const values = list(ctx.query, 'includedData') ?? [];
	for (const v of values) {
		if (!(INCLUDED_DATA as readonly string[]).includes(v)) {
			return ctx.invalid(`Invalid value for parameter 'includedData': '${v}' is not one of ${INCLUDED_DATA.join(', ')}.`);
		}
	}
	return new Set(values);
}

function signature(q: URLSearchParams): string {
	const entries: string[] = [];
	for (const key of [...new Set(q.keys())].sort()) {
		if (PAGE_FREE_PARAMS.has(key)) continue;
		entries.push(`${key}=${q.getAll(key).join(',')}`);
	}
	return entries.join('&');
}

function encodeToken(t: PageToken): string {
	return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(raw: string): PageToken | undefined {
	try {
		const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (t && t.v === 1 && typeof t.o === 'number' && typeof t.q === 'string') return t as PageToken;
	} catch {
		/* not ours */
	}
	return undefined;
}

interface SearchFilter {
	sellerId: string;
	field: 'createdTime' | 'lastUpdatedTime';
	after: number;
	before: number;
	marketplaces: Set<string>;
	statuses?: Set<string>;
	fulfilledBy?: Set<string>;
}

/** All matching orders, oldest change first; cached until the order book changes. */
function runQuery(sim: SimContext, f: SearchFilter, cacheKey: string): SimOrder[] {
	const cache = sim.scratch.get('searchOrders.cache') as { key: string; version: number; result: SimOrder[] } | undefined;
	if (cache && cache.key === cacheKey && cache.version === sim.orders.version) return cache.result;
	const result = sim.orders
		.all()
		.filter(
			(o) =>
				o.sellerId === f.sellerId &&
				f.marketplaces.has(o.marketplaceId) &&
				o[f.field] >= f.after &&
				o[f.field] <= f.before &&
				(!f.statuses || f.statuses.has(o.status)) &&
				(!f.fulfilledBy || f.fulfilledBy.has(o.fulfilledBy)),
		)
		.sort((a, b) => a.lastUpdatedTime - b.lastUpdatedTime || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
	sim.scratch.set('searchOrders.cache', { key: cacheKey, version: sim.orders.version, result });
	return result;
}

function searchOrders(ctx: RouteContext): ApiResult {
	const { query: q, now, account, sim } = ctx;
	const included = includedSet(ctx);
	if (!(included instanceof Set)) return included;

	const createdAfterRaw = q.get('createdAfter');
	const createdBeforeRaw = q.get('createdBefore');
	const updatedAfterRaw = q.get('lastUpdatedAfter');
	const updatedBeforeRaw = q.get('lastUpdatedBefore');
	if ((createdAfterRaw === null) === (updatedAfterRaw === null)) {
		return ctx.invalid('Exactly one of createdAfter and lastUpdatedAfter must be provided.');
	}
	if (createdAfterRaw !== null && (updatedBeforeRaw !== null)) {
		return ctx.invalid('lastUpdatedBefore cannot be combined with createdAfter.');
	}
	if (updatedAfterRaw !== null && createdBeforeRaw !== null) {
		return ctx.invalid('createdBefore cannot be combined with lastUpdatedAfter.');
	}
	const byCreated = createdAfterRaw !== null;
	const afterName = byCreated ? 'createdAfter' : 'lastUpdatedAfter';
	const beforeName = byCreated ? 'createdBefore' : 'lastUpdatedBefore';
	const after = parseIsoDate((byCreated ? createdAfterRaw : updatedAfterRaw)!);
	if (after === undefined) return ctx.invalid(`Invalid value for parameter '${afterName}': must be an ISO 8601 date-time.`);
	const beforeRaw = byCreated ? createdBeforeRaw : updatedBeforeRaw;
	const latest = Math.floor((now - TWO_MINUTES) / 1000) * 1000;
	let before = latest;
	if (beforeRaw !== null) {
		const parsed = parseIsoDate(beforeRaw);
		if (parsed === undefined) return ctx.invalid(`Invalid value for parameter '${beforeName}': must be an ISO 8601 date-time.`);
		if (parsed > now - TWO_MINUTES) {
			return ctx.invalid(`${beforeName} must be at least two minutes before the time of the request.`);
		}
		before = parsed;
	}
	if (before < after) {
		return ctx.invalid(
			beforeRaw !== null
				? `${beforeName} must be equal to or after ${afterName}.`
				: `${afterName} must be at least two minutes before the time of the request.`,
		);
	}

	const maxRaw = q.get('maxResultsPerPage');
	let pageSize = 100;
	if (maxRaw !== null) {
		if (!/^\d+$/.test(maxRaw) || Number(maxRaw) < 1 || Number(maxRaw) > 100) {
			return ctx.invalid(`Invalid value for parameter 'maxResultsPerPage': must be an integer between 1 and 100.`);
		}
		pageSize = Number(maxRaw);
	}
	const marketplaceIds = list(q, 'marketplaceIds');
	if (marketplaceIds && marketplaceIds.length > 50) return ctx.invalid(`Invalid value for parameter 'marketplaceIds': at most 50 values.`);
	for (const id of marketplaceIds ?? []) {
		if (!MARKETPLACES[id]) return ctx.invalid(`Invalid value for parameter 'marketplaceIds': '${id}' is not a valid marketplace id.`);
		if (!account.marketplaceIds.includes(id)) {
			return ctx.invalid(`Invalid value for parameter 'marketplaceIds': the seller does not participate in marketplace '${id}'.`);
		}
	}
	const statuses = list(q, 'fulfillmentStatuses');
	for (const s of statuses ?? []) {
		if (!FULFILLMENT_STATUSES.includes(s)) return ctx.invalid(`Invalid value for parameter 'fulfillmentStatuses': '${s}'.`);
	}
	const fulfilledBy = list(q, 'fulfilledBy');
	for (const s of fulfilledBy ?? []) {
		if (!FULFILLED_BY.includes(s)) return ctx.invalid(`Invalid value for parameter 'fulfilledBy': '${s}'.`);
	}

	const sig = signature(q);
	const tokenRaw = q.get('paginationToken');
	let offset = 0;
	let snapshotId: string | undefined;
	if (tokenRaw !== null) {
		const token = decodeToken(tokenRaw);
		if (!token || token.s !== account.sellerId) return ctx.invalid(`Invalid value for parameter 'paginationToken'.`);
		if (now - token.t > TOKEN_TTL) return ctx.invalid(`The paginationToken has expired (token expired). Start a new search.`);
		if (token.q !== sig) {
			return ctx.invalid('The request parameters must match those of the request that returned the paginationToken.');
		}
		offset = token.o;
		before = token.b;
		snapshotId = token.n;
	}

	const filter: SearchFilter = {
		sellerId: account.sellerId,
		field: byCreated ? 'createdTime' : 'lastUpdatedTime',
		after,
		before,
		marketplaces: new Set(marketplaceIds ?? account.marketplaceIds),
		statuses: statuses ? new Set(statuses) : undefined,
		fulfilledBy: fulfilledBy ? new Set(fulfilledBy) : undefined,
	};
	let matches: SimOrder[];
	const snapshots = snapshotStore(sim);
	if (sim.paginationMode === 'snapshot') {
		if (snapshotId && snapshots.has(snapshotId)) {
			matches = snapshots.get(snapshotId)!.orders;
		} else if (snapshotId) {
			return ctx.invalid('The paginationToken has expired (token expired). Start a new search.');
		} else {
			matches = [...runQuery(sim, filter, `${account.sellerId}|${sig}|${before}`)];
			snapshotId = sim.rng.hex(16);
			snapshots.set(snapshotId, { orders: matches, expiresAt: now + TOKEN_TTL });
		}
	} else {
		matches = runQuery(sim, filter, `${account.sellerId}|${sig}|${before}`);
	}
	for (const [id, snap] of snapshots) if (snap.expiresAt < now) snapshots.delete(id);

	const page = matches.slice(offset, offset + pageSize);
	const body: Record<string, unknown> = { orders: page.map((o) => renderOrder(o, included, now)) };
	if (offset + pageSize < matches.length) {
		const next: PageToken = { v: 1, s: account.sellerId, q: sig, o: offset + pageSize, t: now, b: before };
		if (sim.paginationMode === 'snapshot') next.n = snapshotId;
		body.pagination = { nextToken: encodeToken(next) };
	}
	body[byCreated ? 'createdBefore' : 'lastUpdatedBefore'] = iso(before);
	return { status: 200, body };
}

function snapshotStore(sim: SimContext): Map<string, { orders: SimOrder[]; expiresAt: number }> {
	let s = sim.scratch.get('searchOrders.snapshots') as Map<string, { orders: SimOrder[]; expiresAt: number }> | undefined;
	if (!s) {
		s = new Map();
		sim.scratch.set('searchOrders.snapshots', s);
	}
	return s;
}

function getOrder(ctx: RouteContext): ApiResult {
	const included = includedSet(ctx);
	if (!(included instanceof Set)) return included;
	const order = ctx.sim.orders.record(ctx.params.orderId);
	if (!order || order.sellerId !== ctx.account.sellerId) {
		return apiError(404, 'NotFound', `Order ${ctx.params.orderId} was not found.`);
	}
	return { status: 200, body: { order: renderOrder(order, included, ctx.now) } };
}

export const ordersRoutes: Route[] = [
	{
		method: 'GET',
		path: '/orders/2026-01-01/orders',
		operation: 'searchOrders',
		arrays: ['fulfillmentStatuses', 'marketplaceIds', 'fulfilledBy', 'includedData'],
		handler: searchOrders,
	},
	{
		method: 'GET',
		path: '/orders/2026-01-01/orders/{orderId}',
		operation: 'getOrder',
		arrays: ['includedData'],
		handler: getOrder,
	},
];
