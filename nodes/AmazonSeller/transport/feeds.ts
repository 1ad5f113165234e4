import type { SpApiClient } from './client';
import { getClock } from './clock';
import { SpApiError } from './errors';

/**
 * Feeds 2021-06-30 as one flow: document → upload → feed → wait → processing report. Used by
 * Update FBM Quantity (JSON_LISTINGS_FEED) and Cancel Order (order acknowledgement feed).
 */
export interface FeedSubmission {
	feedType: string;
	marketplaceIds: string[];
	content: string;
	/** e.g. `application/json; charset=UTF-8` or `text/xml; charset=UTF-8`. */
	contentType: string;
}

export interface FeedStatus {
	feedId: string;
	feedType?: string;
	processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL' | string;
	resultFeedDocumentId?: string;
	createdTime?: string;
	processingEndTime?: string;
}

export async function submitFeed(client: SpApiClient, feed: FeedSubmission): Promise<{ feedId: string; feedDocumentId: string }> {
	const document = await client.call<{ feedDocumentId: string; url: string }>('createFeedDocument', {
		body: { contentType: feed.contentType },
	});
	await client.upload(document.body.url, feed.content, feed.contentType);
	const created = await client.call<{ feedId: string }>('createFeed', {
		body: { feedType: feed.feedType, marketplaceIds: feed.marketplaceIds, inputFeedDocumentId: document.body.feedDocumentId },
	});
	return { feedId: created.body.feedId, feedDocumentId: document.body.feedDocumentId };
}

export interface WaitOptions {
	/** Time between getFeed calls (getFeed allows 2/s, but Amazon takes minutes; no need to hurry). */
	pollEveryMs?: number;
	/** Wait before the first getFeed (Amazon never finishes a feed the moment it is created); default 0. */
	firstPollAfterMs?: number;
	timeoutMs?: number;
}

/** Polls getFeed until Amazon finished (DONE, CANCELLED or FATAL) or the timeout passes. */
export async function waitForFeed(client: SpApiClient, feedId: string, options: WaitOptions = {}): Promise<FeedStatus> {
	const clock = getClock();
	const pollEveryMs = options.pollEveryMs ?? 15_000;
	const deadline = clock.now() + (options.timeoutMs ?? 15 * 60_000);
	if (options.firstPollAfterMs) await clock.sleep(Math.min(options.firstPollAfterMs, Math.max(0, deadline - clock.now())));
	for (;;) {
		const { body } = await client.call<FeedStatus>('getFeed', { path: { feedId } });
		if (['DONE', 'CANCELLED', 'FATAL'].includes(body.processingStatus)) return body;
		if (clock.now() + pollEveryMs > deadline) {
			throw new SpApiError(`Feed ${feedId} is still ${body.processingStatus} after waiting; Amazon will finish it later`, {
				code: 'FeedNotDone',
				operation: 'getFeed',
				transient: true,
				hint: 'Raise the wait timeout, or read the feed result later with its feed id.',
			});
		}
		await clock.sleep(pollEveryMs);
	}
}

/** The processing report of a finished feed, as text (JSON or XML, by feed type). */
export async function getFeedResult(client: SpApiClient, feed: FeedStatus): Promise<string> {
	if (!feed.resultFeedDocumentId) {
		throw new SpApiError(`Feed ${feed.feedId} ended ${feed.processingStatus} without a processing report`, {
			code: 'FeedNoResult',
			operation: 'getFeedDocument',
		});
	}
	const { body } = await client.call<{ url: string; compressionAlgorithm?: string }>('getFeedDocument', {
		path: { feedDocumentId: feed.resultFeedDocumentId },
	});
	return await client.download(body.url, body.compressionAlgorithm);
}
