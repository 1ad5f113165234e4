/** Raw HTTP against the simulator, addressed by Amazon host names as the package's transport does. */
import * as http from 'http';
import type { Simulator, AccountKey } from '../simulator';

export const HOSTS = {
	lwa: 'api.amazon.com',
	na: 'sellingpartnerapi-na.amazon.com',
	eu: 'sellingpartnerapi-eu.amazon.com',
	fe: 'sellingpartnerapi-fe.amazon.com',
} as const;

export interface SimResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	body: any;
	/** The body's bytes (documents may be gzip). */
	raw: Buffer;
}

export function rawRequest(
	sim: Simulator,
	opts: { host: string; method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<SimResponse> {
	const url = new URL(sim.url);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: url.hostname,
				port: url.port,
				method: opts.method ?? 'GET',
				path: opts.path,
				headers: { host: opts.host, ...(opts.headers ?? {}) },
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const buf = Buffer.concat(chunks);
					const text = buf.toString('utf8');
					let body: any = text;
					try {
						body = text ? JSON.parse(text) : undefined;
					} catch {
						/* not JSON */
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, raw: buf });
				});
			},
		);
		req.on('error', reject);
		if (opts.body !== undefined) req.write(opts.body);
		req.end();
	});
}

export async function getToken(sim: Simulator, account: AccountKey = 'na'): Promise<string> {
	const a = sim.accounts[account];
	const res = await rawRequest(sim, {
		host: HOSTS.lwa,
		method: 'POST',
		path: '/auth/o2/token',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: a.refreshToken, client_id: a.clientId, client_secret: a.clientSecret }),
	});
	if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
	return res.body.access_token;
}

export function qs(params: Record<string, string | number | string[] | undefined>): string {
	const parts: string[] = [];
	for (const [k, v] of Object.entries(params)) {
		if (v === undefined) continue;
		parts.push(`${k}=${encodeURIComponent(Array.isArray(v) ? v.join(',') : String(v))}`);
	}
	return parts.length ? '?' + parts.join('&') : '';
}

export function sp(
	sim: Simulator,
	token: string,
	path: string,
	opts: { host?: string; method?: string; body?: unknown; query?: Record<string, string | number | string[] | undefined> } = {},
): Promise<SimResponse> {
	return rawRequest(sim, {
		host: opts.host ?? HOSTS.na,
		method: opts.method ?? 'GET',
		path: path + (opts.query ? qs(opts.query) : ''),
		headers: { 'x-amz-access-token': token, 'content-type': 'application/json; charset=utf-8' },
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
	});
}

export function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
