/**
 * The order acknowledgement feed (Feeds 2021-06-30, feedType POST_ORDER_ACKNOWLEDGEMENT_DATA):
 * Amazon's documented way for a seller to cancel merchant-fulfilled orders or order items.
 * Amazon documents it as XML only (OrderAcknowledgement.xsd); there is no JSON variant of it.
 * Pure: builds the document and reads the processing report, no n8n, no transport.
 */
export const ACKNOWLEDGEMENT_FEED_TYPE = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';
export const ACKNOWLEDGEMENT_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export interface CancelMessage {
	messageId: number;
	orderId: string;
	items: Array<{ orderItemId: string; cancelReason: string }>;
}

/** One message per order: StatusCode Failure cancels the listed items with their reasons. */
export function buildAcknowledgementFeed(merchantIdentifier: string, messages: CancelMessage[]): string {
	const body = messages
		.map((message) =>
			[
				'  <Message>',
				`    <MessageID>${message.messageId}</MessageID>`,
				'    <OrderAcknowledgement>',
				`      <AmazonOrderID>${xml(message.orderId)}</AmazonOrderID>`,
				'      <StatusCode>Failure</StatusCode>',
				...message.items.map((item) =>
					[
						'      <Item>',
						`        <AmazonOrderItemCode>${xml(item.orderItemId)}</AmazonOrderItemCode>`,
						`        <CancelReason>${xml(item.cancelReason)}</CancelReason>`,
						'      </Item>',
					].join('\n'),
				),
				'    </OrderAcknowledgement>',
				'  </Message>',
			].join('\n'),
		)
		.join('\n');
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
		'  <Header>',
		'    <DocumentVersion>1.01</DocumentVersion>',
		`    <MerchantIdentifier>${xml(merchantIdentifier)}</MerchantIdentifier>`,
		'  </Header>',
		'  <MessageType>OrderAcknowledgement</MessageType>',
		body,
		'</AmazonEnvelope>',
		'',
	].join('\n');
}

export interface ReportIssue {
	code?: string;
	message: string;
}

export interface ProcessingReport {
	messagesProcessed?: number;
	messagesSuccessful?: number;
	messagesWithError?: number;
	/** Errors and warnings by MessageID; a message with no errors was accepted. */
	errors: Map<number, ReportIssue[]>;
	warnings: Map<number, ReportIssue[]>;
	/** Errors that name no message (the whole document was rejected). */
	documentErrors: ReportIssue[];
}

/**
 * Reads the processing report of an XML feed (AmazonEnvelope / ProcessingReport with a Result per
 * message that had an error or warning). JSON reports (header / issues with messageId) are read too,
 * in case Amazon answers this feed type the way it answers JSON feeds.
 */
export function parseProcessingReport(text: string): ProcessingReport {
	const report: ProcessingReport = { errors: new Map(), warnings: new Map(), documentErrors: [] };
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) return parseJsonReport(trimmed, report);

	const summary = firstTag(trimmed, 'ProcessingSummary') ?? '';
	report.messagesProcessed = numberTag(summary, 'MessagesProcessed');
	report.messagesSuccessful = numberTag(summary, 'MessagesSuccessful');
	report.messagesWithError = numberTag(summary, 'MessagesWithError');
	for (const result of allTags(trimmed, 'Result')) {
		const kind = (firstTag(result, 'ResultCode') ?? '').trim().toLowerCase();
		const issue: ReportIssue = {
			code: firstTag(result, 'ResultMessageCode')?.trim(),
			message: unxml(firstTag(result, 'ResultDescription') ?? '').trim() || 'Amazon gave no description',
		};
		const messageId = numberTag(result, 'MessageID');
		addIssue(report, kind === 'warning' ? 'warning' : 'error', messageId, issue);
	}
	return report;
}

function parseJsonReport(text: string, report: ProcessingReport): ProcessingReport {
	const parsed = JSON.parse(text) as {
		summary?: { messagesProcessed?: number; messagesAccepted?: number; messagesInvalid?: number };
		issues?: Array<{ messageId?: number; code?: string; severity?: string; message?: string }>;
	};
	report.messagesProcessed = parsed.summary?.messagesProcessed;
	report.messagesSuccessful = parsed.summary?.messagesAccepted;
	report.messagesWithError = parsed.summary?.messagesInvalid;
	for (const issue of parsed.issues ?? []) {
		const kind = issue.severity?.toUpperCase() === 'WARNING' ? 'warning' : 'error';
		addIssue(report, kind, issue.messageId, { code: issue.code, message: issue.message ?? 'Amazon gave no description' });
	}
	return report;
}

function addIssue(report: ProcessingReport, kind: 'error' | 'warning', messageId: number | undefined, issue: ReportIssue): void {
	// MessageID 0 (or none) is how Amazon reports a problem with the document as a whole.
	if (!messageId) {
		if (kind === 'error') report.documentErrors.push(issue);
		return;
	}
	const map = kind === 'error' ? report.errors : report.warnings;
	map.set(messageId, [...(map.get(messageId) ?? []), issue]);
}

function allTags(text: string, tag: string): string[] {
	const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
	return [...text.matchAll(pattern)].map((match) => match[1]);
}

function firstTag(text: string, tag: string): string | undefined {
	return allTags(text, tag)[0];
}

function numberTag(text: string, tag: string): number | undefined {
	const value = firstTag(text, tag);
	return value === undefined || !/^\s*\d+\s*$/.test(value) ? undefined : Number(value);
}

function xml(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function unxml(value: string): string {
	return value
		.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}
