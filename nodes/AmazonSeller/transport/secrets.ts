/**
 * Secrets must never reach an error, a log line or a thrown object. Every client registers the
 * values it holds (client secret, refresh token, each access token) and everything that leaves
 * the transport as text goes through `scrubSecrets`. The patterns catch LWA tokens even when a
 * value was never registered (e.g. echoed back by a proxy, or pruned from the registry).
 *
 * The registry is bounded: the static secrets of the credentials in use stay, but access tokens
 * (a new one every ~50 minutes per account) are kept only while they can still be in use: at
 * most MAX_TOKENS_PER_ACCOUNT per account and none older than ACCESS_TOKEN_KEEP_MS.
 */
import { getClock } from './clock';
import { transportState } from './state';

/** LWA access tokens live an hour; two hours covers a token still quoted by a slow failure. */
export const ACCESS_TOKEN_KEEP_MS = 2 * 3_600_000;
/** The current token, the one before it, and one spare (a refresh after an early expiry). */
export const MAX_TOKENS_PER_ACCOUNT = 3;
/** Across all accounts, whatever their number (credential tests create throwaway accounts). */
export const MAX_TOKENS = 500;

const PATTERNS: RegExp[] = [
	/Atz[ar]\|[A-Za-z0-9\-_.%/+=|]+/g, // LWA access (Atza|) and refresh (Atzr|) tokens
	/amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g, // LWA client secrets
];

// Very short values would scrub ordinary words; real secrets are long.
const isSecretLike = (value: string | undefined): value is string => !!value && value.length >= 8;

/** A client secret or refresh token: kept for the life of the process. */
export function registerSecret(value: string | undefined): void {
	if (isSecretLike(value)) transportState.secrets.staticSecrets.add(value);
}

/** An access token of `account`; older tokens of the account and of everyone are pruned. */
export function registerAccessToken(token: string | undefined, account: string): void {
	if (!isSecretLike(token)) return;
	const tokens = transportState.secrets.accessTokens;
	const now = getClock().now();
	tokens.delete(token);
	tokens.set(token, { account, at: now });
	pruneAccessTokens(now);
}

function pruneAccessTokens(now: number): void {
	const tokens = transportState.secrets.accessTokens;
	const perAccount = new Map<string, number>();
	// Newest first: Map order is insertion order, and registering moves a token to the end.
	const newestFirst = [...tokens.entries()].reverse();
	let kept = 0;
	for (const [token, { account, at }] of newestFirst) {
		const count = (perAccount.get(account) ?? 0) + 1;
		perAccount.set(account, count);
		// `at > now` only after a test swapped clocks: such a time base says nothing about age.
		const stale = now - at > ACCESS_TOKEN_KEEP_MS;
		if (stale || count > MAX_TOKENS_PER_ACCOUNT || kept >= MAX_TOKENS) tokens.delete(token);
		else kept++;
	}
}

/** How many values the registry holds (for tests and diagnostics; never the values). */
export function registeredSecretCounts(): { staticSecrets: number; accessTokens: number } {
	return { staticSecrets: transportState.secrets.staticSecrets.size, accessTokens: transportState.secrets.accessTokens.size };
}

export function scrubSecrets(text: string): string {
	let out = text;
	const { staticSecrets, accessTokens } = transportState.secrets;
	for (const secret of staticSecrets) {
		if (out.includes(secret)) out = out.split(secret).join('***');
	}
	for (const secret of accessTokens.keys()) {
		if (out.includes(secret)) out = out.split(secret).join('***');
	}
	for (const pattern of PATTERNS) out = out.replace(pattern, '***');
	return out;
}

/** Deep copy of a JSON-like value with every string scrubbed. */
export function scrubValue<T>(value: T): T {
	if (typeof value === 'string') return scrubSecrets(value) as T;
	if (Array.isArray(value)) return value.map((v) => scrubValue(v)) as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) out[key] = scrubValue(v);
		return out as T;
	}
	return value;
}
