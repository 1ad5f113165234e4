/**
 * The LWA access token of one account: obtained on first use, renewed before it expires, renewed
 * once more when Amazon says it expired anyway, one token request at a time however many calls
 * wait for it. A token request that meets a temporary failure (LWA's 5xx and 429 answers, a reset
 * connection) is retried like any other transient error, within bounds; a rejected credential
 * (invalid_grant, invalid_client) never is.
 */
import { getClock, trackIo } from './clock';
import type { AmazonSellerCredentials } from './credentials';
import { afterTries, codeOf, describeCause, networkError, SpApiError, UNREACHABLE_CODES } from './errors';
import { HINTS, lwaUnreachableHint } from './hints';
import type { RetryPolicy } from './retry';
import { withRetries } from './retry';
import { registerAccessToken } from './secrets';

/** Access tokens live an hour; renew well before so no call meets an expired one. */
export const TOKEN_RENEW_AFTER_MS = 50 * 60_000;

/** Token requests: four tries (backoffs of about 1, 2 and 4 s) within a minute. */
export const TOKEN_RETRY: RetryPolicy = { maxAttempts: 4, deadlineMs: 60_000 };

/** OAuth 2's own "try again later" answers; LWA sends them with its 5xx and 429 statuses. */
const LWA_TRANSIENT_CODES = new Set(['server_error', 'temporarily_unavailable', 'slow_down']);

/** Requests a new access token (LWA refresh-token grant) and returns it. */
export type TokenRequest = () => Promise<string | undefined>;

export class AccessTokenLifecycle {
	private obtainedAt: number | undefined;
	private pending: Promise<void> | undefined;

	constructor(
		private readonly requestToken: TokenRequest,
		private readonly credentials: AmazonSellerCredentials,
		private readonly account: string,
		private readonly policy: RetryPolicy = TOKEN_RETRY,
	) {}

	/** Resolves once the account holds a token with at least ten minutes to live. */
	async ensure(): Promise<void> {
		const now = getClock().now();
		if (this.obtainedAt !== undefined && now - this.obtainedAt < TOKEN_RENEW_AFTER_MS) return;
		// One refresh at a time per account, however many calls are waiting.
		this.pending ??= this.refresh().finally(() => {
			this.pending = undefined;
		});
		await this.pending;
	}

	/** Amazon answered "access token expired" (early expiry, clock skew): the next ensure() renews it. */
	expire(): void {
		this.obtainedAt = undefined;
	}

	private async refresh(): Promise<void> {
		await withRetries(
			this.policy,
			async () => {
				try {
					const token = await trackIo(this.requestToken());
					registerAccessToken(token, this.account);
					this.obtainedAt = getClock().now();
					return { done: undefined };
				} catch (cause) {
					const error = lwaError(cause, this.credentials);
					return error.transient ? { backoff: error } : { fail: error };
				}
			},
			(error, run) => (error instanceof SpApiError ? afterTries(error, run.attempts) : error),
		);
	}
}

/** A failed token request → an SpApiError with plain advice, transient when trying again may help. */
export function lwaError(error: unknown, credentials: AmazonSellerCredentials): SpApiError {
	if (error instanceof SpApiError) return error;
	const code = codeOf(error) ?? 'LwaError';
	const message = describeCause(error);
	if (code === 'invalid_grant') {
		return new SpApiError('Amazon rejected the refresh token (invalid_grant)', { code, statusCode: 400, details: message, hint: HINTS.invalidGrant });
	}
	if (code === 'invalid_client' || code === 'unauthorized_client') {
		return new SpApiError(`Amazon rejected the LWA client id or secret (${code})`, { code, statusCode: 401, details: message, hint: HINTS.invalidClient });
	}
	if (UNREACHABLE_CODES.has(code)) {
		return new SpApiError(`Could not reach the Login with Amazon token endpoint (${code})`, {
			code,
			details: message,
			hint: lwaUnreachableHint(credentials.environment, credentials.customEndpoint),
		});
	}
	const net = networkError(error, 'lwaToken');
	if (net.transient) {
		return new SpApiError(`Connection to Login with Amazon failed (${net.code})`, { code: net.code, operation: 'lwaToken', details: message, transient: true, hint: HINTS.lwaUnavailable });
	}
	if (LWA_TRANSIENT_CODES.has(code)) {
		return new SpApiError(`Login with Amazon is temporarily unavailable (${code})`, { code, details: message, transient: true, hint: HINTS.lwaUnavailable });
	}
	// A body that is not JSON at all is a gateway's error page (502/503/504 in front of LWA), not LWA's verdict.
	if (code === 'REFRESH_ACCESS_TOKEN_PARSE_ERROR') {
		return new SpApiError('Login with Amazon answered with an error page instead of a token', {
			code,
			details: message.slice(0, 200),
			transient: true,
			hint: HINTS.lwaUnavailable,
		});
	}
	return new SpApiError(`Getting an access token failed: ${message}`, { code, details: message });
}
