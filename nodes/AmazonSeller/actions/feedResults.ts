import type { IDataObject } from 'n8n-workflow';

import type { Issue } from '../amazon/processingReport';
import { describeIssues } from '../amazon/processingReport';
import type { FeedRun, MessageResult } from '../transport';
import { SpApiError } from '../transport';
import type { ItemRunner } from './itemRunner';

/** One input item's message in a feed. */
export interface FeedEntry {
	itemIndex: number;
	messageId: number;
	/** What the item's output says whatever happened (order id, SKU, marketplace, …). */
	base: IDataObject;
}

/**
 * Gives each item the result of its own message in a feed run, the same way for every feed:
 * - accepted: `accepted(entry, result)` (the operation's success output), with Amazon's warnings;
 * - rejected: the item fails with Amazon's reasons for that message;
 * - processing: Amazon has not finished; the item says so, with the feed and message ids that
 *   Feed → Get Results collects later;
 * - unknown: the feed reached Amazon but its outcome could not be read: never called a failure
 *   (Amazon may have applied it); the item says so, with the feed id;
 * - notSent: nothing reached Amazon: the item fails, saying so.
 */
export function reportFeedResults(
	runner: ItemRunner,
	run: FeedRun,
	entries: FeedEntry[],
	accepted: (entry: FeedEntry, result: MessageResult) => IDataObject,
	options: { unfinished?: 'processing' | 'submitted'; rejected?: (entry: FeedEntry) => string } = {},
): void {
	for (const entry of entries) {
		const result = run.results.get(entry.messageId);
		if (!result) {
			runner.fail(entry.itemIndex, new SpApiError(`no result for message ${entry.messageId} of feed ${run.feedId ?? '(none)'}`, { code: 'FeedNoResult', statusCode: 400 }));
			continue;
		}
		const ids = { ...(result.feedId ? { feedId: result.feedId } : {}), messageId: entry.messageId };
		switch (result.status) {
			case 'accepted':
				runner.ok(entry.itemIndex, { ...accepted(entry, result), ...ids, ...(result.warnings.length ? { warnings: issuesJson(result.warnings) } : {}) });
				break;
			case 'rejected':
				runner.fail(entry.itemIndex, rejection(run, result, options.rejected?.(entry) ?? 'it'));
				break;
			case 'processing':
				runner.ok(entry.itemIndex, { ...entry.base, status: options.unfinished ?? 'processing', ...ids, message: run.note ?? `Feed ${run.feedId} is not processed yet` });
				break;
			case 'unknown':
				runner.ok(entry.itemIndex, { ...entry.base, status: 'unknown', ...ids, message: run.note ?? `The outcome of feed ${run.feedId} is unknown` });
				break;
			case 'notSent':
				runner.fail(entry.itemIndex, run.error ?? new SpApiError(run.note ?? 'the feed was not sent', { code: 'FeedNotSent' }));
				break;
		}
	}
}

/** Amazon refused this message (or the whole feed): a 400-class error about this item only. */
function rejection(run: FeedRun, result: MessageResult, what: string): SpApiError {
	const issues = result.errors.length ? result.errors : run.documentIssues;
	return new SpApiError(`rejected ${what}: ${issues.map((issue) => issue.message).join('; ') || run.note || 'no reason given'}`, {
		code: issues.find((issue) => issue.code)?.code ?? `Feed${run.processingStatus ?? 'Rejected'}`,
		statusCode: 400,
		details: [run.feedId ? `Feed ${run.feedId}` : '', issues.length > 1 ? describeIssues(issues) : ''].filter(Boolean).join(': ') || undefined,
	});
}

export function issuesJson(issues: Issue[]): IDataObject[] {
	return issues.map((issue) => ({ ...issue }) as IDataObject);
}
