/**
 * Page tokens for the finance and report searches. Like Amazon's, a token belongs to one seller
 * and one operation, is bound to the query that produced it (the follow-up must repeat the same
 * arguments, except the page size) and expires.
 */
import type { ApiResult, RouteContext } from '../server';

export interface PageState {
	/** Offset in the current window. */
	o: number;
	/** Window index (listTransactions pages a posted range window by window). */
	w?: number;
	/** Frozen upper bound of the first page (a defaulted "now − 2 minutes" must not move). */
	b?: number;
	/** Anything else the operation needs to resume (getReports keeps its filters here). */
	x?: unknown;
}

interface Token extends PageState {
	v: 2;
	s: string;
	op: string;
	q: string;
	t: number;
}

/** The query minus the parameters a follow-up page may change. */
export function querySignature(q: URLSearchParams, free: ReadonlyArray<string>): string {
	const entries: string[] = [];
	for (const key of [...new Set(q.keys())].sort()) {
		if (free.includes(key)) continue;
		entries.push(`${key}=${q.getAll(key).join(',')}`);
	}
	return entries.join('&');
}

export function issueToken(ctx: RouteContext, signature: string, state: PageState): string {
	const token: Token = { v: 2, s: ctx.account.sellerId, op: ctx.operation, q: signature, t: ctx.now, ...state };
	return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** The page state a token resumes, or Amazon's 400. */
export function readToken(ctx: RouteContext, raw: string, name: string, signature: string, ttlMs: number): PageState | ApiResult {
	let token: Token | undefined;
	try {
		const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (parsed && parsed.v === 2 && typeof parsed.o === 'number') token = parsed as Token;
	} catch {
		token = undefined;
	}
	if (!token || token.s !== ctx.account.sellerId || token.op !== ctx.operation) return ctx.invalid(`Invalid value for parameter '${name}'.`);
	if (ctx.now - token.t > ttlMs) return ctx.invalid(`The ${name} has expired. Tokens are valid for ${Math.round(ttlMs / 60_000)} minutes; start again without it.`);
	if (token.q !== signature) return ctx.invalid(`The request must repeat the arguments of the call that returned the ${name}.`);
	return { o: token.o, w: token.w, b: token.b, x: token.x };
}

export function isApiResult(v: unknown): v is ApiResult {
	return !!v && typeof v === 'object' && typeof (v as ApiResult).status === 'number';
}
