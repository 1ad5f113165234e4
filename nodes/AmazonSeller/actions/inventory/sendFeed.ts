import type { ProcessingReport } from '../../amazon/listingsFeed';
import { buildListingsFeed, LISTINGS_FEED_CONTENT_TYPE, LISTINGS_FEED_TYPE, messageOutcome, parseProcessingReport } from '../../amazon/listingsFeed';
import type { SpApiClient } from '../../transport';
import { SpApiError } from '../../transport';
import { getFeedResult, submitFeed, waitForFeed } from '../../transport/feeds';
import type { ItemRunner } from '../itemRunner';
import { amazonRejection, updatedJson } from './fbmResults';
import type { SendEntry } from './sendPatches';

/**
 * Amazon takes one to a few minutes for a listings feed. Asking every 90 s (not at once, not
 * every 15 s) delays the answer by at most 90 s and keeps status calls to a handful: two for a
 * feed done within three minutes, ten for a slow one of fifteen.
 */
const FEED_POLL_MS = 90_000;

/**
 * One JSON_LISTINGS_FEED for one marketplace: upload, wait for Amazon to process it, then give
 * each input item the result of its own message (messageId n is entries[n - 1]).
 */
export async function sendFeed(runner: ItemRunner, client: SpApiClient, sellerId: string, marketplaceId: string, entries: SendEntry[], waitTimeoutMs: number): Promise<void> {
	let feedId: string | undefined;
	let report: ProcessingReport;
	try {
		const document = buildListingsFeed(sellerId, entries);
		({ feedId } = await submitFeed(client, {
			feedType: LISTINGS_FEED_TYPE,
			marketplaceIds: [marketplaceId],
			content: JSON.stringify(document),
			contentType: LISTINGS_FEED_CONTENT_TYPE,
		}));
		const status = await waitForFeed(client, feedId, { timeoutMs: waitTimeoutMs, firstPollAfterMs: FEED_POLL_MS, pollEveryMs: FEED_POLL_MS });
		if (status.processingStatus === 'CANCELLED') {
			throw new SpApiError(`Amazon cancelled feed ${feedId} before processing it; no quantity in it was changed`, { code: 'FeedCancelled', operation: 'getFeed' });
		}
		// A FATAL feed usually still has a report saying why; without one, getFeedResult says so.
		report = parseProcessingReport(await getFeedResult(client, status));
	} catch (error) {
		const failure = feedId && error instanceof Error && !(error instanceof SpApiError) ? new SpApiError(`Feed ${feedId}: ${error.message}`, { code: 'FeedReportUnreadable' }) : error;
		for (const { request } of entries) runner.fail(request.itemIndex, failure);
		return;
	}

	entries.forEach(({ request, productType }, index) => {
		const outcome = messageOutcome(report, index + 1);
		if (outcome.accepted) runner.ok(request.itemIndex, updatedJson(request, productType, 'feed', { feedId, warnings: outcome.warnings }));
		else runner.fail(request.itemIndex, amazonRejection(request, outcome.errors, { feedId }));
	});
}
