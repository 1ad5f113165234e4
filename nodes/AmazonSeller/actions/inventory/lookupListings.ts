import type { ListingFacts, ListingsItem } from '../../amazon/listings';
import { listingFacts, matchListings, searchableBySku, SKUS_PER_LISTING_SEARCH } from '../../amazon/listings';
import { chunk, groupBy } from '../../rules/batches';
import type { FbmQuantityRequest } from '../../rules/fbmQuantity';
import type { SpApiClient } from '../../transport';
import { SpApiError } from '../../transport';
import type { ItemRunner } from '../itemRunner';

const INCLUDED_DATA = ['summaries', 'fulfillmentAvailability'];

interface LookupTask {
	marketplaceId: string;
	requests: FbmQuantityRequest[];
	search: boolean;
}

/**
 * Product type and fulfillment channel of each SKU, 20 SKUs per searchListingsItems call (its
 * identifier limit) rather than one getListingsItem per SKU: 10,000 SKUs cost 500 calls, about
 * 100 s at the 5/s rate. SKUs with a comma cannot be searched for and use getListingsItem.
 * A failed lookup fails the items of its batch in the runner.
 */
export async function lookupListings(
	runner: ItemRunner,
	client: SpApiClient,
	sellerId: string,
	requests: FbmQuantityRequest[],
): Promise<Map<FbmQuantityRequest, ListingFacts>> {
	const facts = new Map<FbmQuantityRequest, ListingFacts>();
	const tasks: LookupTask[] = [];
	for (const [marketplaceId, group] of groupBy(requests, (r) => r.marketplaceId)) {
		const searchable = group.filter((r) => searchableBySku(r.sku));
		for (const batch of chunk(searchable, SKUS_PER_LISTING_SEARCH)) tasks.push({ marketplaceId, requests: batch, search: true });
		for (const single of group.filter((r) => !searchableBySku(r.sku))) tasks.push({ marketplaceId, requests: [single], search: false });
	}
	await runner.eachBatch(
		tasks,
		(task) => task.requests.map((r) => r.itemIndex),
		async (task) => {
			const skus = task.requests.map((r) => r.sku);
			const items = task.search
				? await searchListings(client, sellerId, task.marketplaceId, skus)
				: await getListing(client, sellerId, task.marketplaceId, skus[0]);
			const matched = matchListings(skus, items);
			for (const request of task.requests) facts.set(request, listingFacts(matched.get(request.sku), task.marketplaceId));
		},
		{ concurrency: 5 },
	);
	return facts;
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
