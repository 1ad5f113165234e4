/**
 * The HTTP front door. Clients dial this server but keep Amazon's Host header (the transport swaps
 * only the TCP destination), so requests are routed by Host: LWA, the three SP-API regions, and the
 * S3 document hosts. For SP-API calls the order of checks follows Amazon's gateway: route, token,
 * region, throttling, then the operation's input validation.
 */
import * as http from 'http';
import * as querystring from 'querystring';
import type { AccountKey, SimAccount } from './data/accounts';
import { LWA_HOST, regionOfHost, type Region } from './data/marketplaces';
import { s3Error } from './data/documents';
import type { CallRecord, SimContext } from './context';
import type { FaultSpec } from './faults';
import { moneySummary } from './financeApi';

export interface ApiResult {
	status: number;
	/** JSON body; omitted for 204. */
	body?: unknown;
	headers?: Record<string, string>;
}

export interface RouteContext {
	sim: SimContext;
	now: number;
	account: SimAccount;
	region: Region;
	sandbox: boolean;
	host: string;
	params: Record<string, string>;
	query: URLSearchParams;
	parsedQuery: Record<string, string | string[]>;
	body: any;
	hasBody: boolean;
	operation: string;
	/** Records a rejection in sim.validationErrors and builds Amazon's 400. */
	invalid(message: string, source?: 'schema' | 'rule'): ApiResult;
}

export interface Route {
	method: string;
	/** Swagger path template, e.g. /orders/2026-01-01/orders/{orderId}. */
	path: string;
	operation: string;
	/** Query parameters that are comma-separated lists (for the call log and handlers). */
	arrays?: string[];
	handler(ctx: RouteContext): ApiResult | Promise<ApiResult>;
}

interface CompiledRoute extends Route {
	regex: RegExp;
	names: string[];
}

export function apiError(status: number, code: string, message: string, details?: string): ApiResult {
	const error: Record<string, string> = { code, message };
	if (details !== undefined) error.details = details;
	return { status, body: { errors: [error] } };
}

const UNAUTHORIZED = 'Access to requested resource is denied.';

export class SimServer {
	readonly server: http.Server;
	private routes: CompiledRoute[];
	private requestSeq = 0;

	constructor(
		private sim: SimContext,
		routes: Route[],
	) {
		this.routes = routes.map((r) => {
			const names: string[] = [];
			const pattern = r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, n) => {
				names.push(n);
				return '([^/]+)';
			});
			return { ...r, regex: new RegExp(`^${pattern}$`), names };
		});
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => {
				if (!res.headersSent) {
					send(res, 500, { errors: [{ code: 'InternalFailure', message: 'We encountered an internal error. Please try again.', details: String(err?.message ?? err) }] }, {
						'x-amzn-RequestId': this.requestId(),
					});
				} else res.destroy();
			});
		});
		// Keep-alive sockets must not hold jest or the CLI open after close().
		this.server.keepAliveTimeout = 5000;
	}

	private requestId(): string {
		const n = (++this.requestSeq).toString(16).padStart(12, '0');
		return `${this.sim.rng.hex(8)}-${this.sim.rng.hex(4)}-${this.sim.rng.hex(4)}-${this.sim.rng.hex(4)}-${n}`;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const rawBody = await readBody(req);
		const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
		const url = new URL(req.url ?? '/', 'http://sim.invalid');
		const method = (req.method ?? 'GET').toUpperCase();
		const now = this.sim.clock.now();
		this.sim.scheduler.runDue(now);

		if (url.pathname === '/__sim/state') {
			send(res, 200, summary(this.sim), {});
			return;
		}
		if (host === LWA_HOST) return this.handleLwa(req, res, url, method, rawBody, now, host);
		const region = regionOfHost(host);
		if (region) return this.handleSpApi(req, res, url, method, rawBody, now, host, region.region, region.sandbox);
		if (host.endsWith('.amazonaws.com')) return this.handleDocument(req, res, url, method, rawBody, now, host);
		send(res, 404, { message: `The simulator does not serve host '${host || '(none)'}'.` }, {});
	}

	private async handleLwa(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		url: URL,
		method: string,
		rawBody: Buffer,
		now: number,
		host: string,
	): Promise<void> {
		const params = parseLwaBody(rawBody, String(req.headers['content-type'] ?? ''));
		const call = this.log({ at: now, host, method, path: url.pathname, operation: 'lwaToken', account: str(params.client_id), query: {}, body: redactLwa(params), status: 0 });
		const fault = this.sim.faults.draw('lwaToken');
		if (await this.applyTransportFault(fault, req, call)) return;
		if (method !== 'POST' || url.pathname !== '/auth/o2/token') {
			call.status = 404;
			send(res, 404, { error: 'not_found', error_description: 'Not found' }, {});
			return;
		}
		if (fault && (fault.kind === '500' || fault.kind === '503' || fault.kind === '429')) {
			call.status = Number(fault.kind);
			send(res, call.status, { error: 'server_error', error_description: 'The authorization server encountered an unexpected condition' }, {});
			return;
		}
		const result = this.sim.auth.grant(params, now);
		call.status = result.status;
		if (result.account && result.status === 200) call.account = result.account;
		send(res, result.status, result.body, { 'x-amzn-RequestId': this.requestId() });
	}

	private async handleSpApi(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		url: URL,
		method: string,
		rawBody: Buffer,
		now: number,
		host: string,
		region: Region,
		sandbox: boolean,
	): Promise<void> {
		const requestId = this.requestId();
		let route: CompiledRoute | undefined;
		let params: Record<string, string> = {};
		let pathMatched = false;
		for (const r of this.routes) {
			const m = r.regex.exec(url.pathname);
			if (!m) continue;
			pathMatched = true;
			if (r.method !== method) continue;
			route = r;
			params = Object.fromEntries(r.names.map((n, i) => [n, safeDecode(m[i + 1])]));
			break;
		}
		const operation = route?.operation ?? 'unknown';
		const token = header(req, 'x-amz-access-token');
		let body: unknown;
		let bodyError = false;
		if (rawBody.length) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = rawBody.toString('utf8');
				bodyError = true;
			}
		}
		const call = this.log({
			at: now,
			host,
			method,
			path: url.pathname,
			operation,
			account: this.sim.auth.ownerOf(token)?.sellerId,
			query: parseQuery(url.searchParams, route?.arrays ?? []),
			body,
			status: 0,
		});
		const plan = route ? this.sim.limiter.plan(route.operation) : undefined;
		const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
		if (plan) headers['x-amzn-RateLimit-Limit'] = String(plan.rate);
		const reply = (result: ApiResult) => {
			call.status = result.status;
			send(res, result.status, result.body, { ...headers, ...(result.headers ?? {}) });
		};

		if (!route) {
			// Amazon answers unknown resources and wrong methods alike, without a usage plan.
			reply(apiError(pathMatched ? 405 : 404, pathMatched ? 'MethodNotAllowed' : 'NotFound', pathMatched ? 'Method not allowed.' : 'Resource not found.'));
			return;
		}
		const fault = this.sim.faults.draw(operation);
		if (await this.applyTransportFault(fault, req, call)) return;
		if (fault?.kind === '429') return reply(quotaExceeded());
		if (fault?.kind === '500') return reply(apiError(500, 'InternalFailure', 'We encountered an internal error. Please try again.'));
		if (fault?.kind === '503') return reply(apiError(503, 'ServiceUnavailable', 'Service temporarily unavailable. Please try again.'));

		const auth = this.sim.auth.check(token, now);
		if (fault?.kind === 'expiredToken' || (!auth.ok && auth.reason === 'expired')) {
			delete headers['x-amzn-RateLimit-Limit'];
			return reply(apiError(403, 'Unauthorized', UNAUTHORIZED, 'The access token you provided has expired.'));
		}
		if (!auth.ok) {
			delete headers['x-amzn-RateLimit-Limit'];
			return reply(apiError(403, 'Unauthorized', UNAUTHORIZED, ''));
		}
		const account = auth.account;
		call.account = account.sellerId;
		if (account.region !== region) {
			delete headers['x-amzn-RateLimit-Limit'];
			return reply(apiError(403, 'Unauthorized', UNAUTHORIZED, ''));
		}
		if (!this.sim.limiter.take(account.sellerId, operation, now)) return reply(quotaExceeded());

		const invalid = (message: string, source: 'schema' | 'rule' = 'rule'): ApiResult => {
			this.sim.validationErrors.push({ at: now, operation, source, message });
			return apiError(400, 'InvalidInput', message);
		};
		if (rawBody.length && !/json/i.test(String(req.headers['content-type'] ?? ''))) {
			return reply(apiError(415, 'UnsupportedMediaType', `The request body must be sent as application/json, not '${req.headers['content-type'] ?? ''}'.`));
		}
		if (bodyError) return reply(invalid('The request body is not valid JSON.'));
		const model = this.sim.models?.operation(route.method, route.path);
		if (model) {
			const check = this.sim.models!.validateRequest(model, params, url.searchParams, body, rawBody.length > 0);
			if (!check.ok) return reply(invalid(check.message, 'schema'));
		}
		const ctx: RouteContext = {
			sim: this.sim,
			now,
			account,
			region,
			sandbox,
			host,
			params,
			query: url.searchParams,
			parsedQuery: call.query,
			body,
			hasBody: rawBody.length > 0,
			operation,
			invalid,
		};
		reply(await route.handler(ctx));
	}

	private async handleDocument(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		url: URL,
		method: string,
		rawBody: Buffer,
		now: number,
		host: string,
	): Promise<void> {
		const requestId = this.sim.rng.hex(16).toUpperCase();
		const operation = method === 'PUT' ? 'upload' : 'download';
		const signed = this.sim.documents.resolve(url.searchParams.get('X-Amz-Signature'));
		const doc = signed ? this.sim.documents.docs.get(signed.docId) : undefined;
		const call = this.log({
			at: now,
			host,
			method,
			path: url.pathname,
			operation,
			account: doc?.sellerId,
			query: {},
			body: method === 'PUT' ? `<${rawBody.length} bytes>` : undefined,
			status: 0,
		});
		const xml = (status: number, code: string, message: string, extra = '') => {
			call.status = status;
			res.writeHead(status, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId });
			res.end(s3Error(code, message, requestId, extra));
		};
		const fault = this.sim.faults.draw(operation);
		if (await this.applyTransportFault(fault, req, call)) return;
		if (fault && ['429', '500', '503'].includes(fault.kind)) {
			if (fault.kind === '503') return xml(503, 'SlowDown', 'Please reduce your request rate.');
			return xml(500, 'InternalError', 'We encountered an internal error. Please try again.');
		}
		if (!signed || !doc || !url.pathname.endsWith('/' + encodeURIComponent(doc.id))) return xml(403, 'AccessDenied', 'Access Denied');
		if (signed.method !== method) {
			return xml(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
		}
		if (now > signed.expiresAt) {
			return xml(403, 'AccessDenied', 'Request has expired', `<X-Amz-Expires>300</X-Amz-Expires><Expires>${iso(signed.expiresAt)}</Expires><ServerTime>${iso(now)}</ServerTime>`);
		}
		if (method === 'PUT') {
			// The URL was signed for the contentType given to createFeedDocument; S3 checks it.
			const sent = String(req.headers['content-type'] ?? '');
			if (sent.replace(/\s+/g, '').toLowerCase() !== doc.contentType.replace(/\s+/g, '').toLowerCase()) {
				return xml(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
			}
			doc.content = rawBody;
			doc.uploadedAt = now;
			call.status = 200;
			res.writeHead(200, { ETag: `"${this.sim.rng.hex(32)}"`, 'x-amz-request-id': requestId, 'Content-Length': '0' });
			res.end();
			return;
		}
		if (!doc.content) return xml(404, 'NoSuchKey', 'The specified key does not exist.');
		call.status = 200;
		res.writeHead(200, { 'Content-Type': doc.contentType, 'Content-Length': String(doc.content.length), 'x-amz-request-id': requestId });
		res.end(doc.content);
	}

	/** 'reset' and 'slow' act on the connection itself, before any answer. Returns true when the call is over. */
	private async applyTransportFault(fault: FaultSpec | undefined, req: http.IncomingMessage, call: CallRecord): Promise<boolean> {
		if (!fault) return false;
		call.fault = fault.kind;
		if (fault.kind === 'reset') {
			call.status = 0;
			req.socket.destroy();
			return true;
		}
		if (fault.kind === 'slow') {
			await new Promise((r) => setTimeout(r, fault.delayMs ?? 200));
		}
		return false;
	}

	private log(call: CallRecord): CallRecord {
		this.sim.calls.push(call);
		return call;
	}

	listen(port: number, host: string): Promise<number> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve((this.server.address() as { port: number }).port);
			});
		});
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections?.();
		});
	}
}

function quotaExceeded(): ApiResult {
	return apiError(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
	if (status === 204 || body === undefined) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
	res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function header(req: http.IncomingMessage, name: string): string | undefined {
	const v = req.headers[name];
	return Array.isArray(v) ? v[0] : v;
}

function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' ? v : undefined;
}

/** Query as the call log shows it: repeated keys and the declared list parameters become arrays. */
export function parseQuery(params: URLSearchParams, arrays: string[]): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key);
		if (arrays.includes(key)) out[key] = all.join(',').split(',');
		else out[key] = all.length > 1 ? all : all[0];
	}
	return out;
}

function parseLwaBody(raw: Buffer, contentType: string): Record<string, unknown> {
	const text = raw.toString('utf8');
	if (!text) return {};
	if (!contentType.includes('x-www-form-urlencoded')) {
		try {
			const parsed = JSON.parse(text);
			if (parsed && typeof parsed === 'object') return parsed;
		} catch {
			/* fall through: LWA also takes form posts */
		}
	}
	return { ...querystring.parse(text) };
}

function redactLwa(params: Record<string, unknown>): Record<string, unknown> {
	const out = { ...params };
	if (out.client_secret) out.client_secret = '***';
	return out;
}

export function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function summary(sim: SimContext): Record<string, unknown> {
	const byStatus: Record<string, number> = {};
	for (const o of sim.orders.all()) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
	return {
		now: iso(sim.clock.now()),
		accounts: Object.fromEntries(
			Object.entries(sim.accounts).map(([k, a]: [string, SimAccount]) => [k, { sellerId: a.sellerId, region: a.region, marketplaceIds: a.marketplaceIds }]),
		) as Record<AccountKey, unknown>,
		orders: { total: sim.orders.size, byStatus },
		scheduledJobs: sim.scheduler.pending,
		calls: sim.calls.length,
		validationErrors: sim.validationErrors.length,
		feeds: sim.feeds.size,
		reports: sim.reports.size,
		quantities: sim.state.quantities,
		paginationMode: sim.paginationMode,
		modelsLoaded: !!sim.models,
		money: (sim.finance.sync(), moneySummary(sim.finance)),
	};
}
