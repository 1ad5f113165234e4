/**
 * Secrets must never reach an error, a log line or a thrown object. Every client registers the
 * values it holds (client secret, refresh token, each access token) and everything that leaves
 * the transport as text goes through `scrubSecrets`. The patterns catch LWA tokens even when a
 * value was never registered (e.g. echoed back by a proxy).
 */
const known = new Set<string>();

const PATTERNS: RegExp[] = [
	/Atz[ar]\|[A-Za-z0-9\-_.%/+=|]+/g, // LWA access (Atza|) and refresh (Atzr|) tokens
	/amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g, // LWA client secrets
];

export function registerSecret(value: string | undefined): void {
	// Very short values would scrub ordinary words; real secrets are long.
	if (value && value.length >= 8) known.add(value);
}

export function scrubSecrets(text: string): string {
	let out = text;
	for (const secret of known) {
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
