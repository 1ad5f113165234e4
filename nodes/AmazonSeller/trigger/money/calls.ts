/**
 * What the money readers need from the transport, and the rules they share for spending: they run
 * after the order stream, on what is left of n8n's poll time, never wait for rate budget, and
 * leave a reserve of every bucket they share with the order stream (the orders report path uses
 * createReport, getReport and getReportDocument) and with the account's actions.
 */
import { ReportFormatError } from '../../amazon/flatFile';
import type { CallOptions, OperationName, SpApiRequest } from '../../transport';
import { RateBudgetError, SpApiError } from '../../transport';

export interface MoneyCalls {
	call<T>(operation: OperationName, request: SpApiRequest, options: CallOptions): Promise<T>;
	download(url: string, compressionAlgorithm: string | undefined, deadlineMs: number): Promise<string>;
	/** Whole calls the budget in force allows now (in queue mode shared with the workers, so what they spend counts). */
	tokensNow(operation: OperationName): number | Promise<number>;
	nowMs(): number;
	/** No call starts after this (n8n's poll budget, less the margin for committing). */
	stopAtMs: number;
	warn(message: string): void;
}

/**
 * Tokens left in each bucket for others. createReport, getReport and getReportDocument are the
 * orders report path's (which needs one or two of each per report); the rest the actions'.
 */
export const RESERVE: Partial<Record<OperationName, number>> = {
	createReport: 5,
	getReport: 5,
	getReportDocument: 5,
	getReports: 2,
	listTransactions: 2,
	listFinancialEventGroups: 2,
};

/** A call is not started with less poll time than this left. */
const MIN_CALL_TIME_MS = 2_000;
const CALL_DEADLINE_MS = 60_000;

/** Why a reader stopped before it was done: the next poll goes on from where it was. */
export type MoneyStop = 'budget' | 'pollTime' | 'transient';

/** Whether one more call of `operation` may start now, or why not. */
export async function mayCall(deps: MoneyCalls, operation: OperationName): Promise<true | MoneyStop> {
	if (deps.stopAtMs - deps.nowMs() < MIN_CALL_TIME_MS) return 'pollTime';
	if ((await deps.tokensNow(operation)) - (RESERVE[operation] ?? 0) < 1) return 'budget';
	return true;
}

/** Call options: no waiting for budget, bounded retries, inside the poll's time. */
export function callOptions(deps: MoneyCalls): CallOptions {
	return { maxWaitMs: 0, maxAttempts: 3, deadlineMs: deadline(deps) };
}

export function deadline(deps: MoneyCalls): number {
	return Math.max(1_000, Math.min(CALL_DEADLINE_MS, deps.stopAtMs - deps.nowMs()));
}

/** A failure that only means "later": throttling, Amazon's 5xx, the network. Others are the user's to fix. */
export function isTransient(error: unknown): boolean {
	return error instanceof RateBudgetError || (error instanceof SpApiError && error.transient);
}

/** A permanent failure of a money read, naming the event it serves so the user knows what to fix. */
export class MoneyReadError extends Error {
	constructor(
		readonly eventName: string,
		readonly failure: SpApiError,
	) {
		super(failure.message);
		this.name = 'MoneyReadError';
	}
}

/** The file read, or the reason it cannot be (Amazon's format); anything else (a bug) propagates. */
export async function readFormat<T>(read: () => T): Promise<T | ReportFormatError> {
	return await Promise.resolve()
		.then(read)
		.catch(async (error: unknown) => (error instanceof ReportFormatError ? error : await Promise.reject(error)));
}

