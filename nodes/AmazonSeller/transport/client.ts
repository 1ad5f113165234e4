import { createHash } from 'crypto';
import type { Agent } from 'https';

import { getClock, trackIo } from './clock';
import type { AmazonSellerCredentials } from './credentials';
import { createEndpointAgent } from './endpointAgent';
import { RateBudgetError, SpApiError } from './errors';
import type { OperationName } from './operations';
import { ENDPOINT_VERSIONS, OPERATIONS } from './operations';
import { acquireToken, bucketFor } from './pacing';
import { registerSecret, scrubSecrets } from './secrets';

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
/** Access tokens live an hour; renew well before so no call meets an expired one. */
const TOKEN_RENEW_AFTER_MS = 50 * 60_000;
const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'API_RESPONSE_TIMEOUT', 'API_IDLE_TIMEOUT', 'API_DEADLINE_TIMEOUT']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

export function accountKeyOf(credentials: AmazonSellerCredentials): string {
	return createHash('sha256')
		.update(
			// The secret is part of the key so that a corrected secret takes effect at once.
			[credentials.clientId, credentials.clientSecret, credentials.refreshToken, credentials.environment, credentials.customEndpoint ?? '', credentials.region].join('\u0000'),
		)
		.digest('hex')
		.slice(0, 16);
}

/** The part of amazon-sp-api's SellingPartner this module uses (its bundled typings are partial). */
interface SellingPartner {
	readonly access_token: string | undefined;
	callAPI(params: Record<string, unknown>): Promise<unknown>;
	refreshAccessToken(): Promise<void>;
	upload(details: { url: string }, feed: { content: string; contentType: string }): Promise<unknown>;
	download(details: { url: string; compressionAlgorithm?: string }, options: { json: boolean }): Promise<unknown>;
}
const SellingPartnerClass = require('amazon-sp-api') as new (config: Record<string, unknown>) => SellingPartner;

const clients = new Map<string, SpApiClient>();

/**
 * The only door to Amazon. One client per seller account (client id + refresh-token hash +
 * environment), cached for the life of the process so access tokens and rate budgets are shared
 * by every item, execution and trigger of that account.
 */
export class SpApiClient {
	readonly accountKey: string;
	private readonly sp: SellingPartner;
	private tokenAt?: number;
	private tokenPromise?: Promise<void>;

	static for(credentials: AmazonSellerCredentials): SpApiClient {
		validateCredentials(credentials);
		const key = accountKeyOf(credentials);
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
		registerSecret(credentials.clientSecret);
		registerSecret(credentials.refreshToken);
		let agent: Agent | undefined;
		if (credentials.environment === 'custom') agent = createEndpointAgent(credentials.customEndpoint ?? '');
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
				...(agent ? { https_proxy_agent: agent } : {}),
			},
		});
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

	/** Whole requests `operation` may make right now without waiting. */
	availableNow(operation: OperationName): number {
		const spec = OPERATIONS[operation];
		return bucketFor(this.accountKey, operation, spec.rate, spec.burst).available(getClock().now());
	}

	async call<T = Record<string, unknown>>(operation: OperationName, request: SpApiRequest = {}, options: CallOptions = {}): Promise<SpApiResponse<T>> {
		const spec = OPERATIONS[operation];
		const clock = getClock();
		const bucket = bucketFor(this.accountKey, operation, spec.rate, spec.burst);
		const started = clock.now();
		const deadline = started + (options.deadlineMs ?? DEFAULTS.deadlineMs);
		const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
		const maxWait = () => Math.min(options.maxWaitMs ?? Infinity, deadline - clock.now());
		let refreshedAfterExpiry = false;
		let lastError: SpApiError | undefined;

		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			await acquireToken(bucket, operation, Math.max(0, maxWait()));
			await this.ensureAccessToken();
			let raw: RawResult;
			try {
				raw = (await trackIo(this.sp.callAPI({
					operation: spec.operation,
					endpoint: spec.endpoint,
					path: request.path ? { ...request.path } : undefined,
					query: compactQuery(request.query),
					body: request.body,
					options: { version: spec.version, raw_result: true },
				}))) as RawResult;
			} catch (error) {
				lastError = networkError(error, operation);
				if (!lastError.transient || attempt === maxAttempts) throw lastError;
				await this.backoff(attempt, deadline, lastError);
				continue;
			}

			const headers = flattenHeaders(raw.headers);
			const requestId = headers['x-amzn-requestid'];
			if (raw.statusCode >= 200 && raw.statusCode < 300) {
				return { body: parseBody<T>(raw.body), statusCode: raw.statusCode, headers, requestId };
			}

			const amazonError = firstError(raw.body);
			lastError = new SpApiError(amazonError.message || `HTTP ${raw.statusCode}`, {
				code: amazonError.code || `HTTP${raw.statusCode}`,
				statusCode: raw.statusCode,
				requestId,
				details: amazonError.details,
				operation,
				transient: raw.statusCode === 429 || raw.statusCode >= 500,
				hint: hintFor(raw.statusCode, amazonError.code, amazonError.details, this.credentials),
			});

			if (raw.statusCode === 403 && /access token.*expired/i.test(amazonError.details ?? '') && !refreshedAfterExpiry) {
				refreshedAfterExpiry = true;
				this.tokenAt = undefined;
				attempt--; // an expired token is our bookkeeping, not a failed attempt
				continue;
			}
			if (raw.statusCode === 429) {
				const rate = Number(headers['x-amzn-ratelimit-limit']);
				bucket.drain(clock.now(), Number.isFinite(rate) && rate > 0 ? rate : undefined);
				if (attempt === maxAttempts) throw new RateBudgetError(operation, bucket.waitMs(clock.now()), true);
				// Jitter spreads callers that were throttled together.
				const wait = bucket.waitMs(clock.now()) + Math.floor(Math.random() * 250);
				if (wait > maxWait()) throw new RateBudgetError(operation, wait, true);
				await clock.sleep(wait);
				continue;
			}
			if (raw.statusCode >= 500 && attempt < maxAttempts) {
				await this.backoff(attempt, deadline, lastError);
				continue;
			}
			throw lastError;
		}
		throw lastError ?? new SpApiError('No attempt was made', { code: 'NoAttempt', operation });
	}

	/** PUT a feed document to the URL createFeedDocument returned. */
	async upload(url: string, content: string, contentType: string): Promise<void> {
		try {
			await trackIo(this.sp.upload({ url }, { content, contentType }));
		} catch (error) {
			throw asTransferError(error, 'upload');
		}
	}

	/** GET a report or feed-result document, unzipping when Amazon says it is compressed. */
	async download(url: string, compressionAlgorithm?: string): Promise<string> {
		try {
			const result = await trackIo(this.sp.download({ url, compressionAlgorithm }, { json: false }));
			return typeof result === 'string' ? result : JSON.stringify(result);
		} catch (error) {
			throw asTransferError(error, 'download');
		}
	}

	private async ensureAccessToken(): Promise<void> {
		const clock = getClock();
		if (this.tokenAt !== undefined && clock.now() - this.tokenAt < TOKEN_RENEW_AFTER_MS) return;
		// One refresh at a time per account, however many calls are waiting.
		if (!this.tokenPromise) {
			this.tokenPromise = (async () => {
				try {
					await trackIo(this.sp.refreshAccessToken());
					registerSecret(this.sp.access_token);
					this.tokenAt = clock.now();
				} catch (error) {
					throw lwaError(error, this.credentials);
				} finally {
					this.tokenPromise = undefined;
				}
			})();
		}
		await this.tokenPromise;
	}

	private async backoff(attempt: number, deadline: number, cause: SpApiError): Promise<void> {
		const clock = getClock();
		const wait = Math.min(30_000, 1000 * 2 ** (attempt - 1)) + Math.floor(Math.random() * 500);
		if (clock.now() + wait > deadline) throw cause;
		await clock.sleep(wait);
	}
}

function validateCredentials(credentials: AmazonSellerCredentials): void {
	const missing = (['clientId', 'clientSecret', 'refreshToken'] as const).filter((key) => !credentials[key]?.trim());
	if (missing.length) {
		throw new SpApiError(`The Amazon Seller API credential is missing: ${missing.join(', ')}`, { code: 'CredentialIncomplete' });
	}
	if (!['na', 'eu', 'fe'].includes(credentials.region)) {
		throw new SpApiError(`The credential's region "${credentials.region}" is not one of na, eu, fe`, { code: 'CredentialIncomplete' });
	}
	if (credentials.environment === 'custom') {
		let url: URL | undefined;
		try {
			url = new URL(credentials.customEndpoint ?? '');
		} catch {
			url = undefined;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) {
			throw new SpApiError(`The credential's Custom Endpoint URL "${credentials.customEndpoint ?? ''}" is not an http(s) URL`, {
				code: 'CredentialIncomplete',
			});
		}
	}
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

function parseBody<T>(body: string): T {
	if (!body) return {} as T;
	try {
		return JSON.parse(body) as T;
	} catch {
		throw new SpApiError('Amazon answered with a body that is not JSON', { code: 'InvalidResponse', details: scrubSecrets(body.slice(0, 200)) });
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

function hintFor(status: number, code: string | undefined, details: string | undefined, credentials: AmazonSellerCredentials): string | undefined {
	if (status === 403 && !/expired/i.test(details ?? '')) {
		return `Amazon denied access on the ${regionName(credentials.region)} endpoint. Check that the credential's Region matches where the account sells (e.g. Europe for amazon.de) and that the app has the role this operation needs.`;
	}
	if (status === 429) return 'Amazon throttled the call. The node paces calls at the published rate; another app or workflow may share this budget.';
	if (status >= 500) return 'Amazon had a temporary problem; try again later.';
	if (code === 'InvalidInput') return 'Amazon rejected a value in the request; the message names it.';
	if (status === 404) return 'Amazon does not know this resource for this seller account and marketplace.';
	return undefined;
}

function regionName(region: string): string {
	return { na: 'North America', eu: 'Europe', fe: 'Far East' }[region] ?? region;
}

function networkError(error: unknown, operation: string): SpApiError {
	if (error instanceof SpApiError) return error;
	const code = String((error as { code?: string })?.code ?? 'NetworkError');
	const message = scrubSecrets(String((error as Error)?.message ?? error));
	if (UNREACHABLE_CODES.has(code)) {
		return new SpApiError(`Could not reach the SP-API endpoint (${code})`, {
			code,
			operation,
			transient: false,
			details: message,
			hint: 'Check the network, or the Custom Endpoint URL in the credential.',
		});
	}
	return new SpApiError(`Connection to Amazon failed (${code})`, {
		code,
		operation,
		transient: NETWORK_CODES.has(code) || /socket hang up/i.test(message),
		details: message,
	});
}

function lwaError(error: unknown, credentials: AmazonSellerCredentials): SpApiError {
	const code = String((error as { code?: string })?.code ?? 'LwaError');
	const message = scrubSecrets(String((error as Error)?.message ?? error));
	if (code === 'invalid_grant') {
		return new SpApiError('Amazon rejected the refresh token (invalid_grant)', {
			code,
			statusCode: 400,
			details: message,
			hint: 'The refresh token was revoked, has expired, or belongs to another app or seller. Authorize the app again in Seller Central and paste the new refresh token.',
		});
	}
	if (code === 'invalid_client' || code === 'unauthorized_client') {
		return new SpApiError(`Amazon rejected the LWA client id or secret (${code})`, {
			code,
			statusCode: 401,
			details: message,
			hint: "Copy the LWA client id and secret again from the app's page in Solution Provider Portal / Developer Central; client secrets rotate and old ones stop working.",
		});
	}
	if (UNREACHABLE_CODES.has(code)) {
		return new SpApiError(`Could not reach the Login with Amazon token endpoint (${code})`, {
			code,
			details: message,
			hint: credentials.environment === 'custom' ? `Check that the custom endpoint ${credentials.customEndpoint} is running and reachable.` : 'Check the network connection to api.amazon.com.',
		});
	}
	const net = networkError(error, 'lwaToken');
	if (net.transient) return net;
	// OAuth 2's own "try again later" answers (LWA sends them with 5xx and 429).
	if (code === 'server_error' || code === 'temporarily_unavailable' || code === 'slow_down') {
		return new SpApiError(`Login with Amazon is temporarily unavailable (${code})`, {
			code,
			details: message,
			transient: true,
			hint: "Amazon's token service had a temporary problem; the next try usually works.",
		});
	}
	return new SpApiError(`Getting an access token failed: ${message}`, { code, details: message });
}

function asTransferError(error: unknown, what: 'upload' | 'download'): SpApiError {
	const code = String((error as { code?: string })?.code ?? `${what.toUpperCase()}_ERROR`);
	const message = scrubSecrets(String((error as Error)?.message ?? error));
	return new SpApiError(`Document ${what} failed: ${message}`, { code, transient: NETWORK_CODES.has(code) });
}
