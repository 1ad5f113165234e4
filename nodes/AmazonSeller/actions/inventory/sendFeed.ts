import { buildListingsFeed, LISTINGS_FEED_CONTENT_TYPE, LISTINGS_FEED_TYPE } from '../../amazon/listingsFeed';
import type { SpApiClient } from '../../transport';
import { runFeed } from '../../transport';
import { reportFeedResults } from '../feedResults';
import type { ItemRunner } from '../itemRunner';
import { baseJson, updatedJson } from './fbmResults';
import type { SendEntry } from './sendPatches';

/**
 * One JSON_LISTINGS_FEED for one marketplace through the transport's feed pipeline; each input
 * item gets the result of its own message (messageId n is entries[n - 1]).
 */
export async function sendFeed(runner: ItemRunner, client: SpApiClient, sellerId: string, marketplaceId: string, entries: SendEntry[], waitTimeoutMs: number): Promise<void> {
	const document = buildListingsFeed(sellerId, entries);
	const messages = entries.map(({ request, productType }, index) => ({ itemIndex: request.itemIndex, messageId: index + 1, base: baseJson(request), request, productType }));
	const run = await runFeed(
		client,
		{
			feedType: LISTINGS_FEED_TYPE,
			marketplaceIds: [marketplaceId],
			content: JSON.stringify(document),
			contentType: LISTINGS_FEED_CONTENT_TYPE,
			messageIds: messages.map((message) => message.messageId),
		},
		{ waitMs: waitTimeoutMs },
	);
	const byMessage = new Map(messages.map((message) => [message.messageId, message]));
	reportFeedResults(
		runner,
		run,
		messages,
		(entry) => {
			const { request, productType } = byMessage.get(entry.messageId)!;
			return updatedJson(request, productType, 'feed', {});
		},
		{ rejected: () => `the quantity for ${marketplaceId}` },
	);
}
