import { chunk, groupBy } from '../../mapping/batches';
import type { FbmQuantityRequest } from '../../mapping/fbmQuantity';
import type { ListingFacts, ListingsItem } from '../../mapping/listingLookup';
import { listingFacts, matchListings, searchableBySku, SKUS_PER_LISTING_SEARCH } from '../../mapping/listingLookup';
import type { SpApiClient } from '../../transport';
import { SpApiError } from '../../transport';
import { affectsEveryRequest, runPool } from './batchRunner';

const INCLUDED_DATA = ['summaries', 'fulfillmentAvailability'];

export interface ListingLookup {
	facts: Map<FbmQuantityRequest, ListingFacts>;
	/** Requests whose lookup call failed, with the error. */
	failed: Map<FbmQuantityRequest, unknown>;
}

/**
 * Product type and fulfillment channel of each SKU, 20 SKUs per searchListingsItems call (its
 * identifier limit) rather than one getListingsItem per SKU: 10,000 SKUs cost 500 calls, about
 * 100 s at the 5/s rate. SKUs with a comma cannot be searched for and use getListingsItem.
 */
export async function lookupListings(client: SpApiClient, sellerId: string, requests: FbmQuantityRequest[]): Promise<ListingLookup> {
	const result: ListingLookup = { facts: new Map(), failed: new Map() };
	const tasks: Array<{ marketplaceId: string; requests: FbmQuantityRequest[]; search: boolean }> = [];
	for (const [marketplaceId, group] of groupBy(requests, (r) => r.marketplaceId)) {
		const searchable = group.filter((r) => searchableBySku(r.sku));
		for (const batch of chunk(searchable, SKUS_PER_LISTING_SEARCH)) tasks.push({ marketplaceId, requests: batch, search: true });
		for (const single of group.filter((r) => !searchableBySku(r.sku))) tasks.push({ marketplaceId, requests: [single], search: false });
	}

	let fatal: unknown;
	await runPool(
		tasks,
		5,
		async (task) => {
			try {
				const skus = task.requests.map((r) => r.sku);
				const items = task.search
					? await searchListings(client, sellerId, task.marketplaceId, skus)
					: await getListing(client, sellerId, task.marketplaceId, skus[0]);
				const matched = matchListings(skus, items);
				for (const request of task.requests) result.facts.set(request, listingFacts(matched.get(request.sku), task.marketplaceId));
			} catch (error) {
				for (const request of task.requests) result.failed.set(request, error);
				if (affectsEveryRequest(error)) fatal = error;
			}
		},
		{ stop: () => fatal, skipped: (task, reason) => task.requests.forEach((r) => result.failed.set(r, reason)) },
	);
	return result;
}

async function searchListings(client: SpApiClient, sellerId: string, marketplaceId: string, skus: string[]): Promise<ListingsItem[]> {
	const items: ListingsItem[] = [];
	let pageToken: string | undefined;
	do {
		const { body } = await client.call<{ items?: ListingsItem[]; pagination?: { nextToken?: string } }>('searchListingsItems', {
			path: { sellerId },
			query: {
				marketplaceIds: [marketplaceId],
				identifiers: skus,
				identifiersType: 'SKU',
				includedData: INCLUDED_DATA,
				pageSize: SKUS_PER_LISTING_SEARCH,
				pageToken,
			},
		});
		items.push(...(body.items ?? []));
		pageToken = body.pagination?.nextToken;
	} while (pageToken);
	return items;
}

async function getListing(client: SpApiClient, sellerId: string, marketplaceId: string, sku: string): Promise<ListingsItem[]> {
	const response = await client
		.call<ListingsItem>('getListingsItem', { path: { sellerId, sku }, query: { marketplaceIds: [marketplaceId], includedData: INCLUDED_DATA } })
		// 404: no listing for this SKU, which the caller reports like a search that found nothing.
		.catch(async (error: unknown) => (error instanceof SpApiError && error.statusCode === 404 ? undefined : await Promise.reject(error)));
	return response ? [{ ...response.body, sku: response.body.sku ?? sku }] : [];
}
