/**
 * Login with Amazon: refresh-token grants and the access tokens SP-API calls must carry.
 * Tokens live 3600 s on the simulator's clock, so a shared VirtualClock can expire them on demand.
 */
import { Rng } from './data/random';
import type { AccountKey, SimAccount } from './data/accounts';

export const ACCESS_TOKEN_TTL_S = 3600;

interface IssuedToken {
	account: AccountKey;
	issuedAt: number;
	expiresAt: number;
}

export type TokenCheck =
	| { ok: true; account: SimAccount }
	| { ok: false; reason: 'missing' | 'unknown' | 'expired'; account?: SimAccount };

export interface LwaResponse {
	status: number;
	body: Record<string, unknown>;
	/** Which app or seller asked, for the call log. */
	account?: string;
}

export class Auth {
	private tokens = new Map<string, IssuedToken>();
	private revoked = new Set<string>();
	private rng: Rng;

	constructor(
		private accounts: Record<AccountKey, SimAccount>,
		seed: number,
	) {
		this.rng = new Rng(seed ^ 0x1a3a);
	}

	/** POST /auth/o2/token with a JSON or form body, answered as LWA answers. */
	grant(params: Record<string, unknown>, now: number): LwaResponse {
		const clientId = str(params.client_id);
		const clientSecret = str(params.client_secret);
		const grantType = str(params.grant_type);
		if (!grantType) {
			return lwaError(400, 'invalid_request', 'The request is missing a required parameter : grant_type', clientId);
		}
		if (!clientId || !clientSecret) {
			return lwaError(400, 'invalid_request', 'The request is missing a required parameter : client_id', clientId);
		}
		const app = Object.values(this.accounts).find((a) => a.clientId === clientId);
		if (!app || app.clientSecret !== clientSecret) {
			return lwaError(401, 'invalid_client', 'Client authentication failed', clientId);
		}
		if (grantType !== 'refresh_token') {
			// client_credentials (grantless) is not needed by anything the package calls.
			return lwaError(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server`, clientId);
		}
		const refreshToken = str(params.refresh_token);
		if (!refreshToken) {
			return lwaError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token', clientId);
		}
		const account = Object.values(this.accounts).find((a) => a.refreshToken === refreshToken);
		// A refresh token only works with the app it was issued to.
		if (!account || this.revoked.has(refreshToken) || account.clientId !== clientId) {
			return lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token', clientId);
		}
		const accessToken = 'Atza|IwEB' + this.rng.chars(180, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
		this.tokens.set(accessToken, { account: account.key, issuedAt: now, expiresAt: now + ACCESS_TOKEN_TTL_S * 1000 });
		return {
			status: 200,
			account: account.sellerId,
			body: { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S },
		};
	}

	check(token: string | undefined, now: number): TokenCheck {
		if (!token) return { ok: false, reason: 'missing' };
		const t = this.tokens.get(token);
		if (!t) return { ok: false, reason: 'unknown' };
		const account = this.accounts[t.account];
		if (now >= t.expiresAt) return { ok: false, reason: 'expired', account };
		return { ok: true, account };
	}

	/** Best effort owner of a token (valid or not), for logging faulted calls. */
	ownerOf(token: string | undefined): SimAccount | undefined {
		const t = token ? this.tokens.get(token) : undefined;
		return t ? this.accounts[t.account] : undefined;
	}

	/** Test hook: the seller de-authorised the app. */
	revoke(refreshToken: string): void {
		this.revoked.add(refreshToken);
		for (const [token, t] of this.tokens) {
			if (this.accounts[t.account].refreshToken === refreshToken) this.tokens.delete(token);
		}
	}

	/** Test hook: every issued access token expires now. */
	expireAll(now: number): void {
		for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
	}

	get issuedCount(): number {
		return this.tokens.size;
	}
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v !== '' ? v : undefined;
}

function lwaError(status: number, error: string, description: string, account?: string): LwaResponse {
	return { status, body: { error_description: description, error }, account };
}
