import type { Issue } from '../amazon/processingReport';
import { documentErrors, messageOutcome, parseProcessingReport } from '../amazon/processingReport';
import type { SpApiClient } from './client';
import { getClock } from './clock';
import { describeCause, NETWORK_CODES, SpApiError } from './errors';

/**
 * Feeds 2021-06-30 as one flow: document → upload → feed → wait → processing report, for every
 * feed the package sends (JSON_LISTINGS_FEED for Update FBM Quantity, the order acknowledgement
 * feed for Cancel). `runFeed` is the pipeline; `collectFeed` picks up a feed an earlier run left
 * unfinished (Feed → Get Results).
 */
export interface FeedStatus {
	feedId: string;
	feedType?: string;
	processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL' | string;
	resultFeedDocumentId?: string;
	createdTime?: string;
	processingEndTime?: string;
}

// ---------------------------------------------------------------------------------- the pipeline

export type { Issue } from '../amazon/processingReport';

/** Where a feed run ended. */
export type FeedState =
	/** Amazon processed the feed; each message has its own result. */
	| 'done'
	/** Amazon had not finished when the wait ended: collect it later with the feed id. */
	| 'processing'
	/** Amazon received the feed, but its outcome could not be read: it may have been processed. */
	| 'unknown'
	/** Amazon rejected the feed as a whole (FATAL, or errors about the document): no message was applied. */
	| 'rejected'
	/** Amazon cancelled the feed before processing it: no message was applied. */
	| 'cancelled'
	/** Nothing reached Amazon (a failure before createFeed succeeded). */
	| 'notSent';

export type MessageStatus = 'accepted' | 'rejected' | 'processing' | 'unknown' | 'notSent';

export interface MessageResult {
	status: MessageStatus;
	errors: Issue[];
	/** WARNING and INFO issues of an accepted (or rejected) message. */
	warnings: Issue[];
	/** Set whenever the feed exists at Amazon. */
	feedId?: string;
}

export interface FeedRun {
	feedId?: string;
	state: FeedState;
	/** One result per message id given, in the order given. */
	results: Map<number, MessageResult>;
	/** Issues Amazon reported about the document as a whole. */
	documentIssues: Issue[];
	/** What happened, in a sentence, when it is not plain success (processing, unknown, notSent, …). */
	note?: string;
	/** Amazon's processingStatus when last seen (IN_QUEUE, IN_PROGRESS, DONE, CANCELLED, FATAL). */
	processingStatus?: string;
	/** The failure behind a notSent or unknown run (Amazon's code, request id and hint). */
	error?: SpApiError;
}

export interface FeedRequest {
	feedType: string;
	marketplaceIds: string[];
	content: string;
	/** e.g. `application/json; charset=UTF-8` or `text/xml; charset=UTF-8`. */
	contentType: string;
	/** The message ids the document holds; each gets a result. */
	messageIds: number[];
}

export interface FeedWaitOptions {
	/** How long to wait for Amazon to finish (0: send and return `processing` at once). */
	waitMs: number;
	/** Stops waiting (the run then returns `processing` with the feed id, or `notSent` before createFeed). */
	signal?: AbortSignal;
}

/**
 * When to ask getFeed. Small feeds are often done within seconds and large ones take minutes, so
 * the first look comes after a few seconds and the gaps grow (×1.6) to a minute: about 6 getFeed
 * calls for a feed done in a minute, 15 for one done in ten (getFeed allows 2 per second).
 */
export const FEED_POLL = { firstMs: 3_000, factor: 1.6, maxMs: 60_000 } as const;

/** getFeed is cheap and retried by the client; a status read taking longer than this is a failure. */
const GET_FEED_DEADLINE_MS = 60_000;

/** The waits before each getFeed call: `firstMs`, then growing by FEED_POLL.factor up to FEED_POLL.maxMs. */
export function* feedPollDelays(firstMs: number = FEED_POLL.firstMs): Generator<number, never> {
	yield firstMs;
	let delay = Math.max(firstMs, FEED_POLL.firstMs);
	for (;;) {
		delay = Math.min(FEED_POLL.maxMs, delay * FEED_POLL.factor);
		yield Math.round(delay);
	}
}

/**
 * Sends one feed and waits (up to `waitMs`) for Amazon's per-message results. Never throws for
 * Amazon's or the network's sake: every outcome is a FeedRun (see FeedState); only a malformed
 * request (no message ids, duplicates) throws.
 */
export async function runFeed(client: SpApiClient, request: FeedRequest, options: FeedWaitOptions): Promise<FeedRun> {
	checkMessageIds(request.messageIds);
	const { signal } = options;
	let step: 'createFeedDocument' | 'upload' | 'createFeed' = 'createFeedDocument';
	let feedId: string;
	try {
		throwIfAborted(signal);
		const document = await client.call<{ feedDocumentId: string; url: string }>('createFeedDocument', { body: { contentType: request.contentType } });
		step = 'upload';
		throwIfAborted(signal);
		await client.upload(document.body.url, request.content, request.contentType, { signal });
		step = 'createFeed';
		throwIfAborted(signal);
		const created = await client.call<{ feedId: string }>('createFeed', {
			body: { feedType: request.feedType, marketplaceIds: request.marketplaceIds, inputFeedDocumentId: document.body.feedDocumentId },
		});
		feedId = String(created.body.feedId);
	} catch (cause) {
		const error = asSpApiError(cause);
		if (step === 'createFeed' && unanswered(error)) {
			// The request left, the answer never came: Amazon may have created the feed, under an id we never saw.
			return everyMessage(request.messageIds, 'unknown', {
				note: `Amazon may have received this ${request.feedType} feed: createFeed got no answer (${error.message}). Check Seller Central's feed upload status before sending the same changes again.`,
				error,
			});
		}
		const note = signal?.aborted ? 'Nothing was sent to Amazon: the execution was cancelled before the feed was created.' : `Nothing reached Amazon: ${step} failed: ${error.message}`;
		return everyMessage(request.messageIds, 'notSent', { note, error, errors: [issueOf(error)] });
	}
	if (options.waitMs <= 0) {
		return everyMessage(request.messageIds, 'processing', { feedId, note: `Feed ${feedId} was sent; Amazon processes it within minutes. Collect its results later with the feed id.` });
	}
	return await followFeed(client, feedId, request.messageIds, options, FEED_POLL.firstMs);
}

/** A later run collects a feed an earlier one left `processing`: the first getFeed goes out at once. */
export async function collectFeed(client: SpApiClient, feedId: string, messageIds: number[], options: FeedWaitOptions): Promise<FeedRun> {
	checkMessageIds(messageIds);
	return await followFeed(client, feedId, messageIds, options, 0);
}

async function followFeed(client: SpApiClient, feedId: string, messageIds: number[], options: FeedWaitOptions, firstDelayMs: number): Promise<FeedRun> {
	const clock = getClock();
	const deadline = clock.now() + Math.max(0, options.waitMs);
	const delays = feedPollDelays(firstDelayMs);
	let feed: FeedStatus | undefined;
	for (;;) {
		const pollAt = Math.min(clock.now() + delays.next().value, deadline);
		try {
			if (pollAt > clock.now()) await clock.sleep(pollAt - clock.now(), options.signal);
		} catch {
			return stillProcessing(feedId, messageIds, feed, 'stopped waiting because the execution was cancelled');
		}
		try {
			feed = (await client.call<FeedStatus>('getFeed', { path: { feedId } }, { deadlineMs: GET_FEED_DEADLINE_MS })).body;
		} catch (cause) {
			return unknownOutcome(feedId, messageIds, feed, `its status could not be read`, asSpApiError(cause));
		}
		if (['DONE', 'CANCELLED', 'FATAL'].includes(feed.processingStatus)) break;
		if (clock.now() >= deadline) {
			return stillProcessing(feedId, messageIds, feed, `Amazon has not finished it after ${Math.round(options.waitMs / 1000)} s`);
		}
	}
	return await finishedFeed(client, feed, messageIds, options.signal);
}

async function finishedFeed(client: SpApiClient, feed: FeedStatus, messageIds: number[], signal: AbortSignal | undefined): Promise<FeedRun> {
	const feedId = feed.feedId;
	const base = { feedId, processingStatus: feed.processingStatus };
	if (feed.processingStatus === 'CANCELLED') {
		const issue: Issue = { code: 'FeedCancelled', message: `Amazon cancelled feed ${feedId} before processing it; nothing in it was applied`, severity: 'ERROR' };
		return { ...everyMessage(messageIds, 'rejected', { ...base, errors: [issue] }), state: 'cancelled', note: issue.message };
	}

	let text: string | undefined;
	let failure: SpApiError | undefined;
	if (feed.resultFeedDocumentId) {
		try {
			const { body } = await client.call<{ url: string; compressionAlgorithm?: string }>('getFeedDocument', { path: { feedDocumentId: feed.resultFeedDocumentId } });
			text = await client.download(body.url, body.compressionAlgorithm, { signal });
		} catch (cause) {
			failure = asSpApiError(cause);
		}
	} else {
		failure = new SpApiError(`Feed ${feedId} ended ${feed.processingStatus} without a processing report`, { code: 'FeedNoResult', operation: 'getFeed' });
	}
	let report: ReturnType<typeof parseProcessingReport> | undefined;
	if (text !== undefined) {
		try {
			report = parseProcessingReport(text);
		} catch (cause) {
			failure = new SpApiError(`the processing report of feed ${feedId} is unreadable: ${describeCause(cause)}`, { code: 'FeedReportUnreadable' });
		}
	}

	if (feed.processingStatus === 'FATAL') {
		// Amazon rejected the whole feed: that much is known even without a readable report.
		const fallback: Issue = {
			code: 'FeedFatal',
			message: `Amazon rejected feed ${feedId} as a whole (FATAL)${failure ? `; its report could not be read: ${failure.message}` : ''}`,
			severity: 'ERROR',
		};
		const documentIssues = report?.documentIssues ?? [];
		const results = new Map<number, MessageResult>();
		for (const id of messageIds) {
			const own = report ? messageOutcome(report, id) : { errors: [], warnings: [] };
			results.set(id, { status: 'rejected', errors: own.errors.length ? own.errors : [fallback], warnings: own.warnings, feedId });
		}
		return { ...base, state: 'rejected', results, documentIssues, note: documentIssues.length ? undefined : fallback.message };
	}
	if (!report) return unknownOutcome(feedId, messageIds, feed, 'its processing report could not be read', failure!);

	const results = new Map<number, MessageResult>();
	for (const id of messageIds) {
		const outcome = messageOutcome(report, id);
		results.set(id, { status: outcome.accepted ? 'accepted' : 'rejected', errors: outcome.errors, warnings: outcome.warnings, feedId });
	}
	const rejectedAsAWhole = documentErrors(report).length > 0;
	return {
		...base,
		state: rejectedAsAWhole ? 'rejected' : 'done',
		results,
		documentIssues: report.documentIssues,
		...(rejectedAsAWhole ? { note: `Amazon rejected feed ${feedId} as a whole: ${documentErrors(report).map((issue) => issue.message).join('; ')}` } : {}),
	};
}

function stillProcessing(feedId: string, messageIds: number[], feed: FeedStatus | undefined, why: string): FeedRun {
	const status = feed?.processingStatus ?? 'IN_QUEUE';
	return everyMessage(messageIds, 'processing', {
		feedId,
		processingStatus: feed?.processingStatus,
		note: `Feed ${feedId} is ${status}: ${why}. Amazon will finish it; collect its results later with the feed id.`,
	});
}

function unknownOutcome(feedId: string, messageIds: number[], feed: FeedStatus | undefined, what: string, error: SpApiError): FeedRun {
	const done = feed?.processingStatus === 'DONE';
	return everyMessage(messageIds, 'unknown', {
		feedId,
		processingStatus: feed?.processingStatus,
		error,
		note: done
			? `Amazon processed feed ${feedId}, but ${what} (${error.message}), so which messages it applied is unknown: collect it later with the feed id, or check it in Seller Central, before sending the same changes again.`
			: `Amazon received feed ${feedId}, but ${what} (${error.message}). Amazon may have processed it: collect it later with the feed id, or check it in Seller Central, before sending the same changes again.`,
	});
}

function everyMessage(
	messageIds: number[],
	status: MessageStatus,
	extra: { feedId?: string; note?: string; error?: SpApiError; errors?: Issue[]; processingStatus?: string },
): FeedRun {
	const results = new Map<number, MessageResult>();
	for (const id of messageIds) {
		results.set(id, { status, errors: extra.errors ?? [], warnings: [], ...(extra.feedId ? { feedId: extra.feedId } : {}) });
	}
	const state: FeedState = status === 'accepted' ? 'done' : status;
	return {
		...(extra.feedId ? { feedId: extra.feedId } : {}),
		state,
		results,
		documentIssues: [],
		...(extra.note ? { note: extra.note } : {}),
		...(extra.processingStatus ? { processingStatus: extra.processingStatus } : {}),
		...(extra.error ? { error: extra.error } : {}),
	};
}

function checkMessageIds(messageIds: number[]): void {
	if (!messageIds.length) throw new Error('A feed needs at least one message id');
	if (new Set(messageIds).size !== messageIds.length) throw new Error('A feed\'s message ids must be unique');
	if (!messageIds.every((id) => Number.isSafeInteger(id) && id >= 1)) throw new Error('Feed message ids are positive integers');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new SpApiError('The execution was cancelled', { code: 'Aborted' });
}

function asSpApiError(error: unknown): SpApiError {
	return error instanceof SpApiError ? error : new SpApiError(describeCause(error) || 'Unknown error', { code: 'Unknown' });
}

/** The request may have arrived: it failed without any HTTP answer. */
function unanswered(error: SpApiError): boolean {
	return error.statusCode === undefined && NETWORK_CODES.has(error.code);
}

function issueOf(error: SpApiError): Issue {
	return { code: error.code, message: error.message, severity: 'ERROR' };
}
