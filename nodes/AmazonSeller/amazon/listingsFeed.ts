/**
 * JSON_LISTINGS_FEED (listings-feed-schema-v2): the document we upload, and the processing report
 * Amazon writes back, read into one outcome per message. No n8n imports.
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

export interface ReportIssue {
	messageId?: number;
	code?: string;
	severity?: string;
	message?: string;
	attributeName?: string;
	attributeNames?: string[];
}

export interface ProcessingReport {
	/** Issues of each message, by messageId. */
	byMessage: Map<number, ReportIssue[]>;
	/** Issues not tied to a message (the whole feed was rejected, e.g. malformed). */
	general: ReportIssue[];
	summary?: Record<string, unknown>;
}

/** Reads a JSON listings processing report; throws when the text is not one. */
export function parseProcessingReport(text: string): ProcessingReport {
	let parsed: { issues?: ReportIssue[]; summary?: Record<string, unknown> };
	try {
		parsed = JSON.parse(text) as typeof parsed;
	} catch {
		throw new Error(`The feed's processing report is not JSON: ${text.slice(0, 120)}`);
	}
	if (!parsed || typeof parsed !== 'object') throw new Error('The feed processing report is empty');
	const byMessage = new Map<number, ReportIssue[]>();
	const general: ReportIssue[] = [];
	for (const issue of Array.isArray(parsed.issues) ? parsed.issues : []) {
		// messageIds start at 1; a feed-wide issue has none (or 0, as some reports write it).
		if (typeof issue?.messageId === 'number' && issue.messageId >= 1) byMessage.set(issue.messageId, [...(byMessage.get(issue.messageId) ?? []), issue]);
		else general.push(issue);
	}
	return { byMessage, general, summary: parsed.summary };
}

export interface MessageOutcome {
	accepted: boolean;
	errors: ReportIssue[];
	warnings: ReportIssue[];
}

/**
 * A message is accepted unless it has an ERROR issue. Feed-wide errors (no messageId) reject every
 * message, since Amazon then processed none of them.
 */
export function messageOutcome(report: ProcessingReport, messageId: number): MessageOutcome {
	const own = report.byMessage.get(messageId) ?? [];
	const generalErrors = report.general.filter(isError);
	const errors = [...own.filter(isError), ...generalErrors];
	const warnings = own.filter((issue) => !isError(issue));
	return { accepted: errors.length === 0, errors, warnings };
}

function isError(issue: ReportIssue): boolean {
	return (issue.severity ?? 'ERROR').toUpperCase() === 'ERROR';
}

export function describeIssues(issues: ReportIssue[]): string {
	return issues.map((issue) => `${issue.message ?? 'No message'}${issue.code ? ` [${issue.code}]` : ''}`).join('; ');
}
