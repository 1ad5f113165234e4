/**
 * Quantity changes coming in through patchListingsItem or JSON_LISTINGS_FEED, checked the way the
 * Listings service checks them and recorded in sim.state for tests.
 */
import type { SimContext } from '../context';
import type { Listing } from './catalog';
import { MARKETPLACES } from './marketplaces';

export interface ListingIssue {
	code: string;
	message: string;
	severity: 'ERROR' | 'WARNING' | 'INFO';
	attributeNames?: string[];
	categories: string[];
}

export interface PlannedQuantity {
	listing: Listing;
	quantity: number;
	channelCode: string;
}

/**
 * Reads `fulfillment_availability` entries (from a patch value or an attributes object) into
 * per-listing quantities, or issues explaining why they cannot be applied.
 */
export function planFulfillmentAvailability(
	sim: SimContext,
	sellerId: string,
	sku: string,
	marketplaceIds: string[],
	entries: unknown,
): { plans: PlannedQuantity[]; issues: ListingIssue[] } {
	const issues: ListingIssue[] = [];
	const plans: PlannedQuantity[] = [];
	if (!Array.isArray(entries) || !entries.length) {
		issues.push(invalidValue('fulfillment_availability', "'fulfillment_availability' must be a non-empty list."));
		return { plans, issues };
	}
	for (const raw of entries) {
		const entry = raw as Record<string, unknown>;
		const channel = entry?.fulfillment_channel_code;
		if (typeof channel !== 'string' || !channel) {
			issues.push(missing('fulfillment_availability', "'fulfillment_channel_code' is required but not supplied."));
			continue;
		}
		const targetMarketplaces = typeof entry.marketplace_id === 'string' ? [entry.marketplace_id] : marketplaceIds;
		if (typeof entry.marketplace_id === 'string' && !marketplaceIds.includes(entry.marketplace_id)) {
			issues.push(invalidValue('fulfillment_availability', `The marketplace_id '${entry.marketplace_id}' is not one of the request's marketplaces.`));
			continue;
		}
		const isAfn = /^AMAZON_(NA|EU|JP|FE|IN)$/.test(channel);
		if (channel !== 'DEFAULT' && !isAfn) {
			issues.push(invalidValue('fulfillment_availability', `'${channel}' is not a valid fulfillment_channel_code.`));
			continue;
		}
		if (isAfn) {
			if (entry.quantity !== undefined) {
				issues.push(invalidValue('fulfillment_availability', 'The quantity of an Amazon-fulfilled (FBA) offer is managed by Amazon and cannot be set.'));
			}
			continue;
		}
		const q = entry.quantity;
		if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > 2_147_483_647) {
			issues.push(invalidValue('fulfillment_availability', "'quantity' must be a whole number of 0 or more."));
			continue;
		}
		for (const marketplaceId of targetMarketplaces) {
			const listing = sim.catalog.listing(sellerId, marketplaceId, sku);
			if (listing) plans.push({ listing, quantity: q, channelCode: channel });
		}
	}
	return { plans, issues };
}

/** Applies one planned quantity and records it (the state record is what tests assert on). */
export function applyQuantity(sim: SimContext, plan: PlannedQuantity, at: number, via: 'patchListingsItem' | 'JSON_LISTINGS_FEED'): void {
	const { listing, quantity, channelCode } = plan;
	if (listing.fba && channelCode === 'DEFAULT') {
		// Amazon converts the offer to merchant-fulfilled; almost certainly not what the seller wanted.
		sim.state.channelSwitches.push({ at, sellerId: listing.sellerId, marketplaceId: listing.marketplaceId, sku: listing.sku, from: listing.channelCode, to: 'DEFAULT' });
		listing.channelCode = 'DEFAULT';
		listing.fba = undefined;
	}
	listing.quantity = quantity;
	listing.lastUpdatedDate = at;
}

export function recordQuantity(sim: SimContext, plan: PlannedQuantity, at: number, via: 'patchListingsItem' | 'JSON_LISTINGS_FEED'): void {
	const { listing, quantity, channelCode } = plan;
	const bySeller = (sim.state.quantities[listing.sellerId] ??= {});
	const byMarketplace = (bySeller[listing.marketplaceId] ??= {});
	byMarketplace[listing.sku] = quantity;
	sim.state.quantityUpdates.push({ at, sellerId: listing.sellerId, marketplaceId: listing.marketplaceId, sku: listing.sku, quantity, via, channelCode });
}

export function notFoundIssue(sku: string, marketplaceIds: string[]): ListingIssue {
	return {
		code: '4000004',
		message: `The SKU '${sku}' does not exist in marketplace(s) ${marketplaceIds.join(', ')}. Provide the full set of attributes to create a listing.`,
		severity: 'ERROR',
		categories: ['INVALID_ATTRIBUTE'],
	};
}

export function productTypeIssue(given: string, actual: string): ListingIssue {
	return {
		code: '4000003',
		message: `The product type '${given}' does not match the product type '${actual}' of the existing listing.`,
		severity: 'ERROR',
		attributeNames: ['product_type'],
		categories: ['INVALID_ATTRIBUTE'],
	};
}

export function missing(attribute: string, message: string): ListingIssue {
	return { code: '90220', message, severity: 'ERROR', attributeNames: [attribute], categories: ['MISSING_ATTRIBUTE'] };
}

export function invalidValue(attribute: string, message: string): ListingIssue {
	return { code: '4000001', message, severity: 'ERROR', attributeNames: [attribute], categories: ['INVALID_ATTRIBUTE'] };
}

/** The Listings Items `Item` view of one SKU across the requested marketplaces. */
export function renderListingItem(listings: Listing[], included: Set<string>): Record<string, unknown> {
	const first = listings[0];
	const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const out: Record<string, unknown> = { sku: first.sku };
	if (included.has('summaries')) {
		out.summaries = listings.map((l) => ({
			marketplaceId: l.marketplaceId,
			asin: l.product.asin,
			productType: l.product.productType,
			conditionType: l.product.conditionType,
			// Without stock an FBM offer stays discoverable but cannot be bought.
			status: l.quantity > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'],
			...(l.fba && l.product.fnSku ? { fnSku: l.product.fnSku } : {}),
			itemName: l.product.title,
			createdDate: iso(l.createdDate),
			lastUpdatedDate: iso(l.lastUpdatedDate),
		}));
	}
	if (included.has('attributes')) {
		const currency = (l: Listing) => MARKETPLACES[l.marketplaceId].currency;
		out.attributes = {
			item_name: listings.map((l) => ({ value: l.product.title, language_tag: MARKETPLACES[l.marketplaceId].language, marketplace_id: l.marketplaceId })),
			condition_type: listings.map((l) => ({ value: l.product.conditionType, marketplace_id: l.marketplaceId })),
			purchasable_offer: listings.map((l) => ({
				currency: currency(l),
				our_price: [{ schedule: [{ value_with_tax: l.price / 100 }] }],
				marketplace_id: l.marketplaceId,
			})),
			fulfillment_availability: listings.map((l) =>
				l.channelCode === 'DEFAULT'
					? { fulfillment_channel_code: 'DEFAULT', quantity: l.quantity, marketplace_id: l.marketplaceId }
					: { fulfillment_channel_code: l.channelCode, marketplace_id: l.marketplaceId },
			),
		};
	}
	if (included.has('issues')) out.issues = [];
	if (included.has('offers')) {
		out.offers = listings.map((l) => ({
			marketplaceId: l.marketplaceId,
			offerType: 'B2C',
			price: { currencyCode: MARKETPLACES[l.marketplaceId].currency, amount: (l.price / 100).toFixed(2) },
		}));
	}
	if (included.has('fulfillmentAvailability')) {
		// One entry per channel, as Amazon reports it (not per marketplace).
		const byChannel = new Map<string, number>();
		for (const l of listings) byChannel.set(l.channelCode, (byChannel.get(l.channelCode) ?? 0) + l.quantity);
		out.fulfillmentAvailability = [...byChannel].map(([fulfillmentChannelCode, quantity]) => ({ fulfillmentChannelCode, quantity }));
	}
	if (included.has('productTypes')) {
		out.productTypes = listings.map((l) => ({ marketplaceId: l.marketplaceId, productType: l.product.productType }));
	}
	if (included.has('relationships')) out.relationships = listings.map((l) => ({ marketplaceId: l.marketplaceId, relationships: [] }));
	if (included.has('procurement')) out.procurement = [];
	return out;
}
