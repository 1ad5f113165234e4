/**
 * Amazon's feed processing reports, both formats, read into one shape: per-message errors and
 * warnings, and the issues about the document as a whole. Pure: no n8n, no I/O.
 *
 *  - XML (`AmazonEnvelope` / `ProcessingReport`), written for XML feeds such as the order
 *    acknowledgement feed: a `Result` per message that had an error or a warning, with
 *    `MessageID`, `ResultCode` (Error | Warning), `ResultMessageCode`, `ResultDescription` and
 *    `AdditionalInfo` (`SKU`, `AmazonOrderID`); `MessageID` 0 is the document itself.
 *  - JSON (listings feed processing report v2), written for JSON_LISTINGS_FEED: `issues` with
 *    `messageId`, `code`, `severity` (ERROR | WARNING | INFO), `message`, `attributeName(s)`, `sku`;
 *    an issue without a message id (or 0) is about the document.
 *
 * A message no issue names was accepted. Text that is neither report is an error, never "all
 * accepted".
 */

export type IssueSeverity = 'ERROR' | 'WARNING' | 'INFO';

export interface Issue {
	/** Amazon's code (`ResultMessageCode` in XML, `code` in JSON). */
	code?: string;
	message: string;
	severity: IssueSeverity;
	attributeNames?: string[];
	sku?: string;
	orderId?: string;
}

export interface MessageIssues {
	errors: Issue[];
	/** WARNING and INFO issues: the message was accepted with remarks. */
	warnings: Issue[];
}

export interface ProcessingReportSummary {
	messagesProcessed?: number;
	messagesAccepted?: number;
	messagesInvalid?: number;
	/** XML reports only (the JSON summary counts warnings, not messages). */
	messagesWithWarning?: number;
}

export interface ProcessingReport {
	format: 'xml' | 'json';
	summary: ProcessingReportSummary;
	/** Issues of each message that has any, by message id. */
	messages: Map<number, MessageIssues>;
	/** Issues that name no message: about the document as a whole. */
	documentIssues: Issue[];
}

export interface MessageOutcome {
	accepted: boolean;
	errors: Issue[];
	warnings: Issue[];
}

export class ProcessingReportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ProcessingReportError';
	}
}

/** Reads a processing report in either format; throws ProcessingReportError when the text is neither. */
export function parseProcessingReport(text: string): ProcessingReport {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed.startsWith('{')) return parseJsonReport(trimmed);
	if (trimmed.startsWith('<')) return parseXmlReport(trimmed);
	throw new ProcessingReportError(`The feed's processing report is neither XML nor JSON: ${preview(trimmed)}`);
}

/**
 * A message is accepted unless it has an error. Errors about the document reject every message,
 * since Amazon then processed none of them.
 */
export function messageOutcome(report: ProcessingReport, messageId: number): MessageOutcome {
	const own = report.messages.get(messageId) ?? { errors: [], warnings: [] };
	const errors = [...own.errors, ...documentErrors(report)];
	return { accepted: errors.length === 0, errors, warnings: own.warnings };
}

/** The document-level issues that are errors. */
export function documentErrors(report: ProcessingReport): Issue[] {
	return report.documentIssues.filter((issue) => issue.severity === 'ERROR');
}

/** "message [code]; message [code]" for error texts. */
export function describeIssues(issues: Issue[]): string {
	return issues.map((issue) => `${issue.message}${issue.code ? ` [${issue.code}]` : ''}`).join('; ');
}

// ------------------------------------------------------------------------------------------ JSON

interface JsonIssue {
	messageId?: unknown;
	code?: unknown;
	severity?: unknown;
	message?: unknown;
	attributeName?: unknown;
	attributeNames?: unknown;
	sku?: unknown;
}

function parseJsonReport(text: string): ProcessingReport {
	const { parsed, problem } = parseJson(text);
	if (problem !== undefined) throw new ProcessingReportError(`The feed's processing report is not valid JSON (${problem}): ${preview(text)}`);
	if (!isRecord(parsed) || (!Array.isArray(parsed.issues) && !isRecord(parsed.summary))) {
		throw new ProcessingReportError(`The JSON document is not a feed processing report (no issues, no summary): ${preview(text)}`);
	}
	const report = emptyReport('json');
	const summary = isRecord(parsed.summary) ? parsed.summary : {};
	report.summary = {
		messagesProcessed: count(summary.messagesProcessed),
		messagesAccepted: count(summary.messagesAccepted),
		messagesInvalid: count(summary.messagesInvalid),
	};
	for (const raw of Array.isArray(parsed.issues) ? (parsed.issues as unknown[]) : []) {
		if (!isRecord(raw)) continue;
		const issue = raw as JsonIssue;
		const attributeNames = [
			...(typeof issue.attributeName === 'string' ? [issue.attributeName] : []),
			...(Array.isArray(issue.attributeNames) ? issue.attributeNames.filter((name): name is string => typeof name === 'string') : []),
		];
		addIssue(report, messageIdOf(issue.messageId), {
			code: text_(issue.code),
			message: text_(issue.message) ?? 'Amazon gave no description',
			severity: severityOf(issue.severity),
			...(attributeNames.length ? { attributeNames: [...new Set(attributeNames)] } : {}),
			...(typeof issue.sku === 'string' && issue.sku ? { sku: issue.sku } : {}),
		});
	}
	return report;
}

// ------------------------------------------------------------------------------------------- XML

function parseXmlReport(text: string): ProcessingReport {
	const body = firstTag(text, 'ProcessingReport');
	if (body === undefined) throw new ProcessingReportError(`The XML document is not a feed processing report (no ProcessingReport): ${preview(text)}`);
	const report = emptyReport('xml');
	const summary = firstTag(body, 'ProcessingSummary') ?? '';
	report.summary = {
		messagesProcessed: count(firstTag(summary, 'MessagesProcessed')),
		messagesAccepted: count(firstTag(summary, 'MessagesSuccessful')),
		messagesInvalid: count(firstTag(summary, 'MessagesWithError')),
		messagesWithWarning: count(firstTag(summary, 'MessagesWithWarning')),
	};
	for (const result of allTags(body, 'Result')) {
		const resultCode = (unxml(firstTag(result, 'ResultCode') ?? '')).toLowerCase();
		const info = firstTag(result, 'AdditionalInfo') ?? '';
		const sku = unxml(firstTag(info, 'SKU') ?? '');
		const orderId = unxml(firstTag(info, 'AmazonOrderID') ?? '');
		addIssue(report, messageIdOf(unxml(firstTag(result, 'MessageID') ?? '')), {
			code: unxml(firstTag(result, 'ResultMessageCode') ?? '') || undefined,
			message: unxml(firstTag(result, 'ResultDescription') ?? '') || 'Amazon gave no description',
			// Amazon writes Error or Warning; anything else is read as the stricter one.
			severity: resultCode === 'warning' ? 'WARNING' : 'ERROR',
			...(sku ? { sku } : {}),
			...(orderId ? { orderId } : {}),
		});
	}
	return report;
}

function allTags(text: string, tag: string): string[] {
	const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
	return [...text.matchAll(pattern)].map((match) => match[1]);
}

function firstTag(text: string, tag: string): string | undefined {
	const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(text);
	return match?.[1];
}

function unxml(value: string): string {
	return value
		.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&')
		.trim();
}

// ---------------------------------------------------------------------------------------- shared

function emptyReport(format: 'xml' | 'json'): ProcessingReport {
	return { format, summary: {}, messages: new Map(), documentIssues: [] };
}

function addIssue(report: ProcessingReport, messageId: number | undefined, issue: Issue): void {
	// No message id, or 0: Amazon's way of speaking about the document as a whole.
	if (!messageId) {
		report.documentIssues.push(issue);
		return;
	}
	let own = report.messages.get(messageId);
	if (!own) report.messages.set(messageId, (own = { errors: [], warnings: [] }));
	(issue.severity === 'ERROR' ? own.errors : own.warnings).push(issue);
}

function messageIdOf(value: unknown): number | undefined {
	const id = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
	return Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}

function severityOf(value: unknown): IssueSeverity {
	const severity = typeof value === 'string' ? value.toUpperCase() : 'ERROR';
	return severity === 'WARNING' || severity === 'INFO' ? severity : 'ERROR';
}

function count(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
	return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function text_(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function preview(text: string): string {
	return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function parseJson(text: string): { parsed?: unknown; problem?: string } {
	try {
		return { parsed: JSON.parse(text) };
	} catch (error) {
		return { problem: (error as Error).message };
	}
}
