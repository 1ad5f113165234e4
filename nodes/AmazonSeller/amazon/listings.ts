/**
 * What a listing lookup (searchListingsItems / getListingsItem with summaries and
 * fulfillmentAvailability) says about one SKU in one marketplace: its product type, and whether
 * Amazon fulfills the offer. No n8n imports.
 */
import { MERCHANT_CHANNEL } from '../rules/fbmQuantity';

/** searchListingsItems accepts at most 20 identifiers per call (and returns at most 20 per page). */
export const SKUS_PER_LISTING_SEARCH = 20;

/** The parts of a Listings Items 2021-08-01 `Item` this module reads. */
export interface ListingsItem {
	sku: string;
	summaries?: Array<{ marketplaceId?: string; productType?: string }>;
	fulfillmentAvailability?: Array<{ fulfillmentChannelCode?: string; quantity?: number }>;
	productTypes?: Array<{ marketplaceId?: string; productType?: string }>;
}

export interface ListingFacts {
	found: boolean;
	productType?: string;
	/** Every fulfillment channel code on the offer, e.g. ['DEFAULT'] or ['AMAZON_EU']. */
	channels: string[];
	/** Any channel other than DEFAULT: Amazon holds (or will hold) the stock. */
	amazonFulfilled: boolean;
}

export const NOT_FOUND: ListingFacts = { found: false, channels: [], amazonFulfilled: false };

export function listingFacts(item: ListingsItem | undefined, marketplaceId: string): ListingFacts {
	if (!item) return NOT_FOUND;
	const forMarketplace = <T extends { marketplaceId?: string }>(list: T[] | undefined) =>
		list?.find((entry) => entry.marketplaceId === marketplaceId) ?? (list?.length === 1 && !list[0].marketplaceId ? list[0] : undefined);
	const productType = forMarketplace(item.summaries)?.productType ?? forMarketplace(item.productTypes)?.productType;
	const channels = [...new Set((item.fulfillmentAvailability ?? []).map((f) => f.fulfillmentChannelCode).filter((c): c is string => !!c))];
	return { found: true, productType, channels, amazonFulfilled: channels.some((c) => c !== MERCHANT_CHANNEL) };
}

/**
 * Pairs the SKUs asked for with the items Amazon returned: the exact SKU, or else the one item
 * whose SKU differs only in letter case (should Amazon echo it back in its own spelling).
 */
export function matchListings(skus: string[], items: ListingsItem[]): Map<string, ListingsItem> {
	const exact = new Map(items.map((item) => [item.sku, item]));
	const folded = new Map<string, ListingsItem[]>();
	for (const item of items) {
		const key = item.sku.toLowerCase();
		folded.set(key, [...(folded.get(key) ?? []), item]);
	}
	const out = new Map<string, ListingsItem>();
	for (const sku of skus) {
		const match = exact.get(sku) ?? (folded.get(sku.toLowerCase())?.length === 1 ? folded.get(sku.toLowerCase())![0] : undefined);
		if (match) out.set(sku, match);
	}
	return out;
}

/**
 * identifiers go to Amazon comma-separated, so a SKU containing a comma cannot be searched for;
 * those are looked up one by one with getListingsItem.
 */
export function searchableBySku(sku: string): boolean {
	return !sku.includes(',');
}
