import { createHash } from 'crypto';
import type { Agent } from 'https';

import type { BudgetKey } from './budget';
import { getRateBudget, inProcessBudget } from './budget';
import { trackIo } from './clock';
import type { AmazonSellerCredentials } from './credentials';
import { parseCustomEndpoint } from './customEndpoint';
import type { TransferOptions } from './documents';
import { downloadDocument, uploadDocument } from './documents';
import { createEndpointAgent } from './endpointAgent';
import { networkError, RateBudgetError, SpApiError } from './errors';
import { hintFor } from './hints';
import type { OperationName } from './operations';
import { ENDPOINT_VERSIONS, OPERATIONS } from './operations';
import type { Attempt, RetryRun } from './retry';
import { withRetries } from './retry';
import { registerSecret, scrubSecrets } from './secrets';
import { transportState } from './state';
import { AccessTokenLifecycle } from './token';

export interface SpApiRequest {
	path?: Record<string, string>;
	query?: Record<string, string | number | boolean | string[] | undefined>;
	body?: unknown;
}

export interface CallOptions {
	/** Longest wait for rate budget (before the first try or a 429 retry) before giving up. */
	maxWaitMs?: number;
	/** Total time all attempts and waits may take. */
	deadlineMs?: number;
	/** Attempts in all, the first included. */
	maxAttempts?: number;
}

export interface SpApiResponse<T> {
	body: T;
	statusCode: number;
	headers: Record<string, string>;
	requestId?: string;
}

interface RawResult {
	body: string;
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
}

const DEFAULTS = { deadlineMs: 120_000, maxAttempts: 6 };

export function accountKeyOf(credentials: AmazonSellerCredentials): string {
	return createHash('sha256')
		.update(
			// The secret is part of the key so that a corrected secret takes effect at once.
			[credentials.clientId, credentials.clientSecret, credentials.refreshToken, credentials.environment, credentials.customEndpoint ?? '', credentials.region].join('\u0000'),
		)
		.digest('hex')
		.slice(0, 16);
}

/**
 * Whose rate budget a call spends: Amazon counts calls per seller (the refresh token's
 * authorization) and app (client id), per region. The client secret is left out, so rotating it
 * keeps the same budget; so is everything else that does not change who Amazon counts.
 */
export function budgetAccountOf(credentials: AmazonSellerCredentials): string {
	return createHash('sha256')
		.update([credentials.clientId, credentials.refreshToken, credentials.environment, credentials.customEndpoint ?? '', credentials.region].join('\u0000'))
		.digest('hex')
		.slice(0, 16);
}

/** The part of amazon-sp-api's SellingPartner this module uses (its bundled typings are partial). */
interface SellingPartner {
	readonly access_token: string | undefined;
	callAPI(params: Record<string, unknown>): Promise<unknown>;
	refreshAccessToken(): Promise<void>;
}
const SellingPartnerClass = require('amazon-sp-api') as new (config: Record<string, unknown>) => SellingPartner;

/**
 * The only door to Amazon. One client per seller account (client id + refresh-token hash +
 * environment), cached (see state.ts) so access tokens and rate budgets are shared by every item,
 * execution and trigger of that account. A call is a composition: rate budget (budget.ts), access
 * token (token.ts), bounded retries (retry.ts), Amazon's answer read into a result or an error
 * with a hint (hints.ts).
 */
export class SpApiClient {
	readonly accountKey: string;
	/** Whose rate budget this client spends (budgetAccountOf). */
	readonly budgetAccount: string;
	private readonly sp: SellingPartner;
	private readonly agent: Agent | undefined;
	private readonly token: AccessTokenLifecycle;

	static for(credentials: AmazonSellerCredentials): SpApiClient {
		validateCredentials(credentials);
		const key = accountKeyOf(credentials);
		const clients = transportState.clients;
		let client = clients.get(key);
		if (!client) {
			client = new SpApiClient(credentials);
			clients.set(key, client);
		} else {
			// Fields outside the cache key may be edited in n8n at any time.
			client.credentials.sellerId = credentials.sellerId;
			client.credentials.accountLabel = credentials.accountLabel;
		}
		return client;
	}

	/** A client outside the cache (the credential test must not keep a half-valid credential). */
	static uncached(credentials: AmazonSellerCredentials): SpApiClient {
		validateCredentials(credentials);
		return new SpApiClient(credentials);
	}

	private constructor(private readonly credentials: AmazonSellerCredentials) {
		this.credentials = { ...credentials };
		this.accountKey = accountKeyOf(credentials);
		this.budgetAccount = budgetAccountOf(credentials);
		registerSecret(credentials.clientSecret);
		registerSecret(credentials.refreshToken);
		if (credentials.environment === 'custom') this.agent = createEndpointAgent(credentials.customEndpoint ?? '');
		this.sp = new SellingPartnerClass({
			region: credentials.region,
			refresh_token: credentials.refreshToken,
			endpoints_versions: ENDPOINT_VERSIONS,
			credentials: {
				SELLING_PARTNER_APP_CLIENT_ID: credentials.clientId,
				SELLING_PARTNER_APP_CLIENT_SECRET: credentials.clientSecret,
			},
			options: {
				// We own retries: the library's own retry 429s and resets forever without delay.
				auto_request_throttled: false,
				retry_remote_timeout: false,
				auto_request_tokens: false,
				version_fallback: false,
				use_sandbox: credentials.environment === 'sandbox',
				debug_log: false, // it prints tokens
				// No `response` timeout: the library never clears it when a connection fails, which would hold
				// the process open; `deadline` bounds a hung request just as well and is always cleared.
				timeouts: { idle: 30_000, deadline: 60_000 },
				...(this.agent ? { https_proxy_agent: this.agent } : {}),
			},
		});
		this.token = new AccessTokenLifecycle(
			async () => {
				await this.sp.refreshAccessToken();
				return this.sp.access_token;
			},
			this.credentials,
			this.accountKey,
		);
	}

	get label(): string {
		return this.credentials.accountLabel || `account ${this.accountKey.slice(0, 6)}`;
	}

	get sellerId(): string | undefined {
		return this.credentials.sellerId || undefined;
	}

	get region(): string {
		return this.credentials.region;
	}

	/**
	 * Whole requests `operation` may make right now without waiting, as THIS process's budget sees
	 * it (the in-process view, synchronous, for the trigger). With a shared budget installed
	 * (queue mode), use `available`.
	 */
	availableNow(operation: OperationName): number {
		return inProcessBudget().availableNow(this.budgetKey(operation));
	}

	/** Whole requests `operation` may make right now, from the budget in force (shared or in-process). */
	async available(operation: OperationName): Promise<number> {
		return await getRateBudget().available(this.budgetKey(operation));
	}

	async call<T = Record<string, unknown>>(operation: OperationName, request: SpApiRequest = {}, options: CallOptions = {}): Promise<SpApiResponse<T>> {
		const budget = getRateBudget();
		const key = this.budgetKey(operation);
		let refreshedAfterExpiry = false;
		const policy = { maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts, deadlineMs: options.deadlineMs ?? DEFAULTS.deadlineMs, maxWaitMs: options.maxWaitMs };

		return await withRetries(policy, async (run: RetryRun): Promise<Attempt<SpApiResponse<T>>> => {
			await budget.acquire(key, run.maxBudgetWaitMs);
			await this.token.ensure();
			let raw: RawResult;
			try {
				raw = (await trackIo(this.send(operation, request))) as RawResult;
			} catch (cause) {
				const error = networkError(cause, operation);
				return error.transient ? { backoff: error } : { fail: error };
			}
			const answer = readAnswer<T>(raw, operation, this.credentials);
			if (!(answer instanceof SpApiError)) return { done: answer };
			if (answer.statusCode === 403 && /access token.*expired/i.test(answer.details ?? '') && !refreshedAfterExpiry) {
				// An expired token is our bookkeeping, not a failed attempt.
				refreshedAfterExpiry = true;
				this.token.expire();
				return { again: true };
			}
			if (answer.statusCode === 429) {
				const rate = Number(flattenHeaders(raw.headers)['x-amzn-ratelimit-limit']);
				await budget.drain(key, Number.isFinite(rate) && rate > 0 ? rate : undefined);
				const waitMs = await budget.waitMs(key);
				return { wait: waitMs, error: new RateBudgetError(operation, waitMs, true) };
			}
			return answer.statusCode !== undefined && answer.statusCode >= 500 ? { backoff: answer } : { fail: answer };
		});
	}

	/** PUT a feed document to the URL createFeedDocument returned (retried, bounded). */
	async upload(url: string, content: string, contentType: string, options: TransferOptions = {}): Promise<void> {
		await uploadDocument(url, content, contentType, this.agent, options);
	}

	/** GET a report or feed-result document, unzipping when Amazon says it is compressed (retried, bounded). */
	async download(url: string, compressionAlgorithm?: string, options: TransferOptions = {}): Promise<string> {
		return await downloadDocument(url, compressionAlgorithm, this.agent, options);
	}

	private budgetKey(operation: OperationName): BudgetKey {
		const spec = OPERATIONS[operation];
		return { account: this.budgetAccount, operation, rate: spec.rate, burst: spec.burst };
	}

	private async send(operation: OperationName, request: SpApiRequest): Promise<unknown> {
		const spec = OPERATIONS[operation];
		return await this.sp.callAPI({
			operation: spec.operation,
			endpoint: spec.endpoint,
			path: request.path ? { ...request.path } : undefined,
			query: compactQuery(request.query),
			body: request.body,
			options: { version: spec.version, raw_result: true },
		});
	}
}

/** Amazon's HTTP answer → the response, or the SpApiError it amounts to (with Amazon's code, request id and a hint). */
function readAnswer<T>(raw: RawResult, operation: OperationName, credentials: AmazonSellerCredentials): SpApiResponse<T> | SpApiError {
	const headers = flattenHeaders(raw.headers);
	const requestId = headers['x-amzn-requestid'];
	if (raw.statusCode >= 200 && raw.statusCode < 300) {
		return { body: parseBody<T>(raw.body), statusCode: raw.statusCode, headers, requestId };
	}
	const amazonError = firstError(raw.body);
	return new SpApiError(amazonError.message || `HTTP ${raw.statusCode}`, {
		code: amazonError.code || `HTTP${raw.statusCode}`,
		statusCode: raw.statusCode,
		requestId,
		details: amazonError.details,
		operation,
		transient: raw.statusCode === 429 || raw.statusCode >= 500,
		hint: hintFor(raw.statusCode, amazonError.code, amazonError.details, credentials.region),
	});
}

function validateCredentials(credentials: AmazonSellerCredentials): void {
	const missing = (['clientId', 'clientSecret', 'refreshToken'] as const).filter((key) => !credentials[key]?.trim());
	if (missing.length) {
		throw new SpApiError(`The Amazon Seller API credential is missing: ${missing.join(', ')}`, { code: 'CredentialIncomplete' });
	}
	if (!['na', 'eu', 'fe'].includes(credentials.region)) {
		throw new SpApiError(`The credential's region "${credentials.region}" is not one of na, eu, fe`, { code: 'CredentialIncomplete' });
	}
	if (credentials.environment === 'custom') parseCustomEndpoint(credentials.customEndpoint);
}

function compactQuery(query: SpApiRequest['query']): Record<string, unknown> | undefined {
	if (!query) return undefined;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		out[key] = value;
	}
	return out;
}

function flattenHeaders(headers: RawResult['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

const NOT_JSON = Symbol('not JSON');

function parseBody<T>(body: string): T {
	if (!body) return {} as T;
	const parsed = tryJson(body);
	if (parsed === NOT_JSON) throw new SpApiError('Amazon answered with a body that is not JSON', { code: 'InvalidResponse', details: scrubSecrets(body.slice(0, 200)) });
	return parsed as T;
}

function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

function firstError(body: string): { code?: string; message?: string; details?: string } {
	try {
		const parsed = JSON.parse(body) as { errors?: Array<{ code?: string; message?: string; details?: string }> };
		return parsed.errors?.[0] ?? {};
	} catch {
		return { message: body ? body.slice(0, 200) : undefined };
	}
}
