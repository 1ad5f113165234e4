import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HINTS } from './hints';
import { scrubSecrets, scrubValue } from './secrets';

export interface SpApiErrorInfo {
	/** Amazon's error code (`InvalidInput`, `QuotaExceeded`, `invalid_grant`, …) or a transport code. */
	code: string;
	statusCode?: number;
	requestId?: string;
	details?: string;
	operation?: string;
	/** Plain advice for the user: what to check or change. */
	hint?: string;
	/** Whether trying again later may succeed (throttling, 5xx, network). */
	transient?: boolean;
}

/** An SP-API (or LWA) failure, already scrubbed of secrets. */
export class SpApiError extends Error {
	readonly code: string;
	readonly statusCode?: number;
	readonly requestId?: string;
	readonly details?: string;
	readonly operation?: string;
	readonly hint?: string;
	readonly transient: boolean;

	constructor(message: string, info: SpApiErrorInfo) {
		super(scrubSecrets(message));
		this.name = 'SpApiError';
		this.code = info.code;
		this.statusCode = info.statusCode;
		this.requestId = info.requestId;
		this.details = info.details === undefined ? undefined : scrubSecrets(info.details);
		this.operation = info.operation;
		this.hint = info.hint;
		this.transient = info.transient ?? false;
	}
}

/**
 * The call was not sent (or not retried) because the rate budget for the operation would need a
 * longer wait than the caller allows. Nothing was changed at Amazon; the caller may try later.
 */
export class RateBudgetError extends SpApiError {
	readonly waitMs: number;

	constructor(operation: string, waitMs: number, throttledByAmazon: boolean) {
		super(
			throttledByAmazon
				? `Amazon throttled ${operation}; the next call is allowed in ${Math.ceil(waitMs / 1000)} s`
				: `The rate budget for ${operation} is used up; the next call is allowed in ${Math.ceil(waitMs / 1000)} s`,
			{
				code: 'QuotaExceeded',
				statusCode: throttledByAmazon ? 429 : undefined,
				operation,
				transient: true,
				hint: HINTS.rateBudget,
			},
		);
		this.name = 'RateBudgetError';
		this.waitMs = waitMs;
	}
}

/** Connection failures worth another try: the request may not have arrived, or the answer was lost. */
export const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'API_RESPONSE_TIMEOUT', 'API_IDLE_TIMEOUT', 'API_DEADLINE_TIMEOUT']);
/** Failures that say the endpoint is not there at all: trying again at once will not help. */
export const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The code a thrown value carries (Node's `code`, amazon-sp-api's `code`), if any. */
export function codeOf(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null | undefined)?.code;
	return typeof code === 'string' && code ? code : undefined;
}

/**
 * Readable text for anything thrown: an Error's message, a string, or a JSON rendering of an
 * object (amazon-sp-api puts parsed bodies in `message`), never "[object Object]". Scrubbed.
 */
export function describeCause(error: unknown): string {
	const raw: unknown = error instanceof Error || (error && typeof error === 'object' && 'message' in error) ? (error as { message?: unknown }).message : error;
	let text: string;
	if (typeof raw === 'string') text = raw;
	else if (raw === undefined || raw === null) text = '';
	else {
		try {
			text = JSON.stringify(raw) ?? String(raw);
		} catch {
			text = String(raw);
		}
	}
	if (!text && error instanceof Error) text = error.name;
	return scrubSecrets(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}

/** A failure with no HTTP answer (reset, timeout, refused), as an SpApiError that says whether to retry. */
export function networkError(error: unknown, operation: string): SpApiError {
	if (error instanceof SpApiError) return error;
	const message = describeCause(error);
	const code = codeOf(error) ?? (/socket hang up/i.test(message) ? 'ECONNRESET' : 'NetworkError');
	if (UNREACHABLE_CODES.has(code)) {
		return new SpApiError(`Could not reach the SP-API endpoint (${code})`, {
			code,
			operation,
			transient: false,
			details: message,
			hint: HINTS.unreachable,
		});
	}
	return new SpApiError(`Connection to Amazon failed (${code})`, {
		code,
		operation,
		transient: NETWORK_CODES.has(code),
		details: message,
	});
}

/** The same error, its message saying how many tries it took (for failures that were retried). */
export function afterTries(error: SpApiError, attempts: number): SpApiError {
	if (attempts <= 1 || error instanceof RateBudgetError) return error;
	return new SpApiError(`${error.message} (tried ${attempts} times)`, {
		code: error.code,
		statusCode: error.statusCode,
		requestId: error.requestId,
		details: error.details,
		operation: error.operation,
		hint: error.hint,
		transient: error.transient,
	});
}

/** Any failure → the n8n error shown to the user, with Amazon's code, request id and a hint. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof SpApiError) {
		const response: JsonObject = scrubValue({
			code: error.code,
			message: error.message,
			...(error.details ? { details: error.details } : {}),
			...(error.requestId ? { requestId: error.requestId } : {}),
		});
		const description = [error.details, error.hint, error.requestId ? `Amazon request id: ${error.requestId}` : undefined]
			.filter(Boolean)
			.join(' — ');
		const nodeError = new NodeApiError(node, response, {
			message: `Amazon ${error.operation ? `${error.operation}: ` : ''}${error.message} [${error.code}]`,
			description: description || undefined,
			httpCode: error.statusCode ? String(error.statusCode) : undefined,
			itemIndex,
		});
		nodeError.context.amazonErrorCode = error.code;
		if (error.requestId) nodeError.context.requestId = error.requestId;
		if (error instanceof RateBudgetError) nodeError.context.retryAfterMs = error.waitMs;
		return nodeError;
	}
	return new NodeOperationError(node, describeCause(error) || 'Unknown error', { itemIndex });
}
