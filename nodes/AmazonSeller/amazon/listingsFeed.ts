/**
 * JSON_LISTINGS_FEED (listings-feed-schema-v2): the document we upload (Amazon's processing report
 * is read by processingReport.ts, as every feed's is). No n8n imports.
 */
import type { FbmQuantityRequest } from '../rules/fbmQuantity';
import { fulfillmentAvailabilityPatch } from '../rules/fbmQuantity';

export const LISTINGS_FEED_TYPE = 'JSON_LISTINGS_FEED';
export const LISTINGS_FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';
/**
 * The schema allows 25,000 messages; 10,000 keeps a document near 2 MB, well inside Amazon's
 * feed size limit, and still sends 10,000 SKUs of a marketplace in one feed.
 */
export const MAX_MESSAGES_PER_FEED = 10_000;

export interface ListingsFeedMessage {
	messageId: number;
	sku: string;
	operationType: 'PATCH';
	productType: string;
	patches: Array<ReturnType<typeof fulfillmentAvailabilityPatch>>;
}

export interface ListingsFeedDocument {
	header: { sellerId: string; version: '2.0'; issueLocale?: string };
	messages: ListingsFeedMessage[];
}

/** The feed for one marketplace; message n is `entries[n - 1]`, which is how results map back. */
export function buildListingsFeed(
	sellerId: string,
	entries: Array<{ request: FbmQuantityRequest; productType: string }>,
	issueLocale = 'en_US',
): ListingsFeedDocument {
	return {
		header: { sellerId, version: '2.0', issueLocale },
		messages: entries.map(({ request, productType }, index) => ({
			messageId: index + 1,
			sku: request.sku,
			operationType: 'PATCH',
			productType,
			patches: [fulfillmentAvailabilityPatch(request)],
		})),
	};
}
