/**
 * FBA Inventory v1 getInventorySummaries. Pages hold 50 summaries and, as documented, a nextToken
 * expires 30 seconds after it was issued.
 */
import type { Listing } from '../data/catalog';
import { iso } from '../data/orderViews';
import type { ApiResult, Route, RouteContext } from '../server';

const PAGE = 50;
const NEXT_TOKEN_TTL = 30_000;

function list(q: URLSearchParams, name: string): string[] | undefined {
	const all = q.getAll(name);
	return all.length ? all.join(',').split(',') : undefined;
}

function summary(l: Listing, details: boolean): Record<string, unknown> {
	const f = l.fba!;
	const reserved = f.pendingCustomerOrder + f.pendingTransshipment + f.fcProcessing;
	const researching = f.researching[0] + f.researching[1] + f.researching[2];
	const unfulfillable = f.customerDamaged + f.warehouseDamaged + f.carrierDamaged + f.defective + f.expired;
	const out: Record<string, unknown> = {
		asin: l.product.asin,
		fnSku: l.product.fnSku,
		sellerSku: l.sku,
		condition: l.product.conditionType === 'new_new' ? 'NewItem' : l.product.conditionType === 'used_like_new' ? 'UsedLikeNew' : 'Refurbished',
		lastUpdatedTime: iso(f.lastUpdated),
		productName: l.product.title,
		totalQuantity: f.fulfillable + reserved + researching + unfulfillable + f.inboundWorking + f.inboundShipped + f.inboundReceiving,
		stores: [],
	};
	if (details) {
		out.inventoryDetails = {
			fulfillableQuantity: f.fulfillable,
			inboundWorkingQuantity: f.inboundWorking,
			inboundShippedQuantity: f.inboundShipped,
			inboundReceivingQuantity: f.inboundReceiving,
			reservedQuantity: {
				totalReservedQuantity: reserved,
				pendingCustomerOrderQuantity: f.pendingCustomerOrder,
				pendingTransshipmentQuantity: f.pendingTransshipment,
				fcProcessingQuantity: f.fcProcessing,
			},
			researchingQuantity: {
				totalResearchingQuantity: researching,
				researchingQuantityBreakdown: [
					{ name: 'researchingQuantityInShortTerm', quantity: f.researching[0] },
					{ name: 'researchingQuantityInMidTerm', quantity: f.researching[1] },
					{ name: 'researchingQuantityInLongTerm', quantity: f.researching[2] },
				],
			},
			unfulfillableQuantity: {
				totalUnfulfillableQuantity: unfulfillable,
				customerDamagedQuantity: f.customerDamaged,
				warehouseDamagedQuantity: f.warehouseDamaged,
				distributorDamagedQuantity: 0,
				carrierDamagedQuantity: f.carrierDamaged,
				defectiveQuantity: f.defective,
				expiredQuantity: f.expired,
			},
		};
	}
	return out;
}

function getInventorySummaries(ctx: RouteContext): ApiResult {
	const { query: q, account, now } = ctx;
	if (q.get('granularityType') !== 'Marketplace') return ctx.invalid("Invalid value for parameter 'granularityType': must be Marketplace.");
	const granularityId = q.get('granularityId');
	const marketplaceIds = list(q, 'marketplaceIds');
	if (!granularityId) return ctx.invalid("Missing required parameter 'granularityId'.");
	if (!marketplaceIds) return ctx.invalid("Missing required parameter 'marketplaceIds'.");
	if (marketplaceIds.length !== 1) return ctx.invalid("Invalid value for parameter 'marketplaceIds': exactly one marketplace is supported.");
	const marketplaceId = marketplaceIds[0];
	if (!account.marketplaceIds.includes(marketplaceId)) return ctx.invalid(`Invalid value for parameter 'marketplaceIds': '${marketplaceId}'.`);
	if (granularityId !== marketplaceId) return ctx.invalid("granularityId must be the marketplace id given in marketplaceIds.");
	const detailsRaw = q.get('details');
	if (detailsRaw !== null && detailsRaw !== 'true' && detailsRaw !== 'false') return ctx.invalid("Invalid value for parameter 'details'.");
	const sellerSkus = list(q, 'sellerSkus');
	if (sellerSkus && sellerSkus.length > 50) return ctx.invalid("Invalid value for parameter 'sellerSkus': at most 50 SKUs.");
	const startRaw = q.get('startDateTime');
	const start = startRaw === null ? undefined : Date.parse(startRaw);
	if (startRaw !== null && Number.isNaN(start)) return ctx.invalid("Invalid value for parameter 'startDateTime'.");
	const sellerSku = q.get('sellerSku');

	let offset = 0;
	const nextRaw = q.get('nextToken');
	if (nextRaw !== null) {
		let token: { o: number; t: number; s: string } | undefined;
		try {
			token = JSON.parse(Buffer.from(nextRaw, 'base64url').toString('utf8'));
		} catch {
			token = undefined;
		}
		if (!token || token.s !== account.sellerId) return ctx.invalid("Invalid value for parameter 'nextToken'.");
		if (now - token.t > NEXT_TOKEN_TTL) return ctx.invalid('The nextToken has expired. Tokens are valid for 30 seconds.');
		offset = token.o;
	}
	let rows = ctx.sim.catalog.listingsOf(account.sellerId, marketplaceId).filter((l) => l.fba);
	// Precedence as documented: startDateTime, then sellerSkus, then sellerSku.
	if (start !== undefined) rows = rows.filter((l) => l.fba!.lastUpdated >= start);
	else if (sellerSkus) rows = rows.filter((l) => sellerSkus.includes(l.sku));
	else if (sellerSku) rows = rows.filter((l) => l.sku === sellerSku);
	rows.sort((a, b) => (a.sku < b.sku ? -1 : 1));
	const page = rows.slice(offset, offset + PAGE);
	const body: Record<string, unknown> = {
		payload: {
			granularity: { granularityType: 'Marketplace', granularityId },
			inventorySummaries: page.map((l) => summary(l, detailsRaw === 'true')),
		},
	};
	if (offset + PAGE < rows.length) {
		body.pagination = { nextToken: Buffer.from(JSON.stringify({ o: offset + PAGE, t: now, s: account.sellerId })).toString('base64url') };
	}
	return { status: 200, body };
}

export const fbaInventoryRoutes: Route[] = [
	{
		method: 'GET',
		path: '/fba/inventory/v1/summaries',
		operation: 'getInventorySummaries',
		arrays: ['sellerSkus', 'marketplaceIds'],
		handler: getInventorySummaries,
	},
];
