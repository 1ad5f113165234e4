/**
 * Listings Items 2021-08-01: read one SKU, search by SKU, and patch quantities. Accepted patches,
 * like Amazon's, take effect a little later (seconds of simulator time), not in the response.
 */
import { MARKETPLACES } from '../data/marketplaces';
import {
	applyQuantity,
	invalidValue,
	notFoundIssue,
	planFulfillmentAvailability,
	productTypeIssue,
	recordQuantity,
	renderListingItem,
	type ListingIssue,
	type PlannedQuantity,
} from '../data/listingOps';
import type { Listing } from '../data/catalog';
import { apiError, type ApiResult, type Route, type RouteContext } from '../server';

const ITEM_DATA = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'];

function list(q: URLSearchParams, name: string): string[] | undefined {
	const all = q.getAll(name);
	return all.length ? all.join(',').split(',') : undefined;
}

/** Shared checks: the seller in the path is the caller, the marketplaces are the caller's. */
function common(ctx: RouteContext): { marketplaceIds: string[] } | ApiResult {
	if (ctx.params.sellerId !== ctx.account.sellerId) {
		return apiError(403, 'Unauthorized', 'Access to requested resource is denied.', '');
	}
	const marketplaceIds = list(ctx.query, 'marketplaceIds');
	if (!marketplaceIds) return ctx.invalid("Missing required parameter 'marketplaceIds'.");
	for (const id of marketplaceIds) {
		if (!MARKETPLACES[id] || !ctx.account.marketplaceIds.includes(id)) {
			return ctx.invalid(`Invalid value for parameter 'marketplaceIds': '${id}' is not a marketplace of this seller.`);
		}
	}
	return { marketplaceIds };
}

function includedOf(ctx: RouteContext, allowed: string[], dflt: string[]): Set<string> | ApiResult {
	const values = list(ctx.query, 'includedData') ?? dflt;
	for (const v of values) if (!allowed.includes(v)) return ctx.invalid(`Invalid value for parameter 'includedData': '${v}'.`);
	return new Set(values);
}

function getListingsItem(ctx: RouteContext): ApiResult {
	const c = common(ctx);
	if (!('marketplaceIds' in c)) return c;
	const included = includedOf(ctx, ITEM_DATA, ['summaries']);
	if (!(included instanceof Set)) return included;
	const listings = c.marketplaceIds
		.map((m) => ctx.sim.catalog.listing(ctx.account.sellerId, m, ctx.params.sku))
		.filter((l): l is Listing => !!l);
	if (!listings.length) {
		return apiError(404, 'NOT_FOUND', `SKU '${ctx.params.sku}' not found in marketplace ${c.marketplaceIds.join(',')}`);
	}
	return { status: 200, body: renderListingItem(listings, included) };
}

function patchListingsItem(ctx: RouteContext): ApiResult {
	const c = common(ctx);
	if (!('marketplaceIds' in c)) return c;
	const included = includedOf(ctx, ['identifiers', 'issues'], ['issues']);
	if (!(included instanceof Set)) return included;
	const mode = ctx.query.get('mode');
	if (mode !== null && mode !== 'VALIDATION_PREVIEW') return ctx.invalid(`Invalid value for parameter 'mode': '${mode}'.`);
	if (included.has('identifiers') && mode !== 'VALIDATION_PREVIEW') {
		return ctx.invalid("includedData 'identifiers' can only be requested when mode is VALIDATION_PREVIEW.");
	}
	const body = ctx.body;
	if (!body || typeof body !== 'object') return ctx.invalid('The request body must be a ListingsItemPatchRequest.');
	if (typeof body.productType !== 'string' || !body.productType) return ctx.invalid("Invalid body: missing required field 'productType'.");
	if (!Array.isArray(body.patches) || !body.patches.length) return ctx.invalid("Invalid body: field 'patches' must contain at least one patch.");

	const { sim, account, now } = ctx;
	const sku = ctx.params.sku;
	const submissionId = sim.rng.hex(32);
	const issues: ListingIssue[] = [];
	const plans: PlannedQuantity[] = [];
	const listings = c.marketplaceIds.map((m) => sim.catalog.listing(account.sellerId, m, sku)).filter((l): l is Listing => !!l);
	if (!listings.length) issues.push(notFoundIssue(sku, c.marketplaceIds));
	else if (listings[0].product.productType !== body.productType) issues.push(productTypeIssue(body.productType, listings[0].product.productType));
	else {
		for (const [i, patch] of body.patches.entries()) {
			if (!patch || !['add', 'replace', 'merge', 'delete'].includes(patch.op) || typeof patch.path !== 'string') {
				return ctx.invalid(`Invalid body: patches.${i} needs an op (add, replace, merge, delete) and a path.`);
			}
			if (!patch.path.startsWith('/attributes/')) {
				issues.push(invalidValue(patch.path, `The path '${patch.path}' is not a listing attribute path (/attributes/...).`));
				continue;
			}
			if (patch.path === '/attributes/fulfillment_availability') {
				if (patch.op === 'delete') {
					issues.push(invalidValue('fulfillment_availability', 'fulfillment_availability cannot be deleted; set quantity 0 instead.'));
					continue;
				}
				const planned = planFulfillmentAvailability(sim, account.sellerId, sku, c.marketplaceIds, patch.value);
				issues.push(...planned.issues);
				plans.push(...planned.plans);
			}
			// Other attributes (price, title...) are accepted and not modelled.
		}
	}
	const errors = issues.filter((i) => i.severity === 'ERROR');
	const response: Record<string, unknown> = {
		sku,
		status: errors.length ? 'INVALID' : mode === 'VALIDATION_PREVIEW' ? 'VALID' : 'ACCEPTED',
		submissionId,
	};
	if (included.has('issues')) response.issues = issues;
	if (included.has('identifiers')) response.identifiers = listings.map((l) => ({ marketplaceId: l.marketplaceId, asin: l.product.asin }));
	if (!errors.length && mode !== 'VALIDATION_PREVIEW') {
		for (const plan of plans) recordQuantity(sim, plan, now, 'patchListingsItem');
		// Accepted submissions are processed asynchronously; reads shortly after may show the old value.
		const delay = 5_000 + Math.floor(sim.rng.next() * 25_000);
		sim.scheduler.at(now + delay, (t) => {
			for (const plan of plans) applyQuantity(sim, plan, t, 'patchListingsItem');
		});
	}
	return { status: 200, body: response };
}

const IDENTIFIER_TYPES = ['ASIN', 'EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC'];

function searchListingsItems(ctx: RouteContext): ApiResult {
	const c = common(ctx);
	if (!('marketplaceIds' in c)) return c;
	const included = includedOf(ctx, ITEM_DATA, ['summaries']);
	if (!(included instanceof Set)) return included;
	const q = ctx.query;
	const identifiers = list(q, 'identifiers');
	const identifiersType = q.get('identifiersType');
	if (identifiers && !identifiersType) return ctx.invalid("identifiersType is required when identifiers are provided.");
	if (identifiersType && !identifiers) return ctx.invalid("identifiers are required when identifiersType is provided.");
	if (identifiersType && !IDENTIFIER_TYPES.includes(identifiersType)) return ctx.invalid(`Invalid value for parameter 'identifiersType': '${identifiersType}'.`);
	if (identifiers && identifiers.length > 20) return ctx.invalid("Invalid value for parameter 'identifiers': at most 20 values.");
	const pageSizeRaw = q.get('pageSize');
	const pageSize = pageSizeRaw === null ? 10 : Number(pageSizeRaw);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20) return ctx.invalid("Invalid value for parameter 'pageSize': must be between 1 and 20.");
	const sortBy = q.get('sortBy') ?? 'lastUpdatedDate';
	const sortOrder = q.get('sortOrder') ?? 'DESC';

	// Group the seller's listings by SKU across the requested marketplaces.
	const bySku = new Map<string, Listing[]>();
	for (const m of c.marketplaceIds) {
		for (const l of ctx.sim.catalog.listingsOf(ctx.account.sellerId, m)) {
			if (identifiers) {
				const key = identifiersType === 'SKU' ? l.sku : identifiersType === 'ASIN' ? l.product.asin : identifiersType === 'FNSKU' ? l.product.fnSku : undefined;
				if (!key || !identifiers.includes(key)) continue;
			}
			const arr = bySku.get(l.sku) ?? [];
			arr.push(l);
			bySku.set(l.sku, arr);
		}
	}
	const groups = [...bySku.values()];
	const keyOf = (g: Listing[]) => (sortBy === 'sku' ? g[0].sku : sortBy === 'createdDate' ? g[0].createdDate : Math.max(...g.map((l) => l.lastUpdatedDate)));
	groups.sort((a, b) => {
		const ka = keyOf(a);
		const kb = keyOf(b);
		const cmp = ka < kb ? -1 : ka > kb ? 1 : a[0].sku < b[0].sku ? -1 : 1;
		return sortOrder === 'ASC' ? cmp : -cmp;
	});
	const pageToken = q.get('pageToken');
	let offset = 0;
	if (pageToken !== null) {
		const parsed = /^p(\d+)$/.exec(Buffer.from(pageToken, 'base64url').toString('utf8'));
		if (!parsed) return ctx.invalid("Invalid value for parameter 'pageToken'.");
		offset = Number(parsed[1]);
	}
	const page = groups.slice(offset, offset + pageSize);
	const body: Record<string, unknown> = { numberOfResults: groups.length, items: page.map((g) => renderListingItem(g, included)) };
	const pagination: Record<string, string> = {};
	if (offset + pageSize < groups.length) pagination.nextToken = Buffer.from(`p${offset + pageSize}`).toString('base64url');
	if (offset > 0) pagination.previousToken = Buffer.from(`p${Math.max(0, offset - pageSize)}`).toString('base64url');
	if (Object.keys(pagination).length) body.pagination = pagination;
	return { status: 200, body };
}

export const listingsRoutes: Route[] = [
	{
		method: 'GET',
		path: '/listings/2021-08-01/items/{sellerId}/{sku}',
		operation: 'getListingsItem',
		arrays: ['marketplaceIds', 'includedData'],
		handler: getListingsItem,
	},
	{
		method: 'PATCH',
		path: '/listings/2021-08-01/items/{sellerId}/{sku}',
		operation: 'patchListingsItem',
		arrays: ['marketplaceIds', 'includedData'],
		handler: patchListingsItem,
	},
	{
		method: 'GET',
		path: '/listings/2021-08-01/items/{sellerId}',
		operation: 'searchListingsItems',
		arrays: ['marketplaceIds', 'includedData', 'identifiers', 'withIssueSeverity', 'withStatus', 'withoutStatus'],
		handler: searchListingsItems,
	},
];
