import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
				hint: 'Amazon limits how often each operation may be called per seller and app. Run less often or with fewer items; nothing was lost.',
			},
		);
		this.name = 'RateBudgetError';
		this.waitMs = waitMs;
	}
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
	const message = scrubSecrets(error instanceof Error ? error.message : String(error));
	return new NodeOperationError(node, message, { itemIndex });
}
