/** Finance-test plumbing: model-checked calls that wait out throttling, document downloads, flat-file parsing. */
import * as zlib from 'zlib';
import { VirtualClock } from '../simulator/virtualClock';
import type { AccountKey, Simulator } from '../simulator';
import { HOSTS, getToken, rawRequest, sp, type SimResponse } from './simulator.helpers';

export const OPS = {
	listTransactions: '/finances/2024-06-19/transactions',
	listBalances: '/finances/2024-06-19/balances',
	listSummary: '/finances/2024-06-19/summary',
	listFinancialEventGroups: '/finances/v0/financialEventGroups',
	listFinancialEventsByGroupId: '/finances/v0/financialEventGroups/{eventGroupId}/financialEvents',
	listFinancialEventsByOrderId: '/finances/v0/orders/{orderId}/financialEvents',
	listFinancialEvents: '/finances/v0/financialEvents',
	getReports: '/reports/2021-06-30/reports',
	getReport: '/reports/2021-06-30/reports/{reportId}',
	getReportDocument: '/reports/2021-06-30/documents/{reportDocumentId}',
	createReport: '/reports/2021-06-30/reports',
} as const;

export type Query = Record<string, string | number | string[] | undefined>;

export class FinanceClient {
	private tokens = new Map<AccountKey, { token: string; at: number }>();
	/** Every response checked against the model, by operation. */
	checked: Record<string, number> = {};

	constructor(
		private sim: Simulator,
		private clock: VirtualClock,
	) {}

	private async token(account: AccountKey): Promise<string> {
		const t = this.tokens.get(account);
		if (t && this.clock.now() - t.at < 50 * 60_000) return t.token;
		const token = await getToken(this.sim, account);
		this.tokens.set(account, { token, at: this.clock.now() });
		return token;
	}

	/**
	 * One call; a 429 waits (virtual) time and retries unless `throttle` is false. Every answer must
	 * match the model's schema for its status.
	 */
	async call(
		op: keyof typeof OPS,
		opts: { account?: AccountKey; params?: Record<string, string>; query?: Query; method?: string; body?: unknown; throttle?: boolean } = {},
	): Promise<SimResponse> {
		const account = opts.account ?? 'na';
		let path: string = OPS[op];
		for (const [k, v] of Object.entries(opts.params ?? {})) path = path.replace(`{${k}}`, encodeURIComponent(v));
		for (let attempt = 0; ; attempt++) {
			const res = await sp(this.sim, await this.token(account), path, { host: HOSTS[account], query: opts.query, method: opts.method, body: opts.body });
			if (res.status === 429 && opts.throttle !== false && attempt < 100) {
				this.clock.advance(2_000);
				continue;
			}
			const model = this.sim.models!.operation(opts.method ?? 'GET', OPS[op])!;
			const problem = this.sim.models!.validateResponse(model, res.status, res.body);
			if (problem) throw new Error(`${op} ${res.status} does not match the model: ${problem}\n${res.text.slice(0, 500)}`);
			this.checked[op] = (this.checked[op] ?? 0) + 1;
			return res;
		}
	}

	/** Every page of a listing (nextToken / NextToken), the pages' items concatenated. */
	async all<T = any>(op: keyof typeof OPS, pick: (body: any) => { items: T[]; next?: string }, tokenName: string, opts: Parameters<FinanceClient['call']>[1] = {}): Promise<{ items: T[]; pages: number }> {
		const items: T[] = [];
		let next: string | undefined;
		let pages = 0;
		do {
			const res = await this.call(op, { ...opts, query: { ...(opts.query ?? {}), [tokenName]: next } });
			if (res.status !== 200) throw new Error(`${op}: ${res.status} ${res.text}`);
			const page = pick(res.body);
			items.push(...page.items);
			next = page.next;
			pages++;
		} while (next);
		return { items, pages };
	}

	/** getReportDocument, then the pre-signed URL, decompressed when Amazon says GZIP. */
	async download(account: AccountKey, reportDocumentId: string): Promise<{ text: string; compression?: string }> {
		const doc = await this.call('getReportDocument', { account, params: { reportDocumentId } });
		if (doc.status !== 200) throw new Error(`getReportDocument ${doc.status}`);
		const u = new URL(doc.body.url);
		const file = await rawRequestBuffer(this.sim, u);
		const raw = doc.body.compressionAlgorithm === 'GZIP' ? zlib.gunzipSync(file) : file;
		return { text: raw.toString('utf8'), compression: doc.body.compressionAlgorithm };
	}
}

async function rawRequestBuffer(sim: Simulator, u: URL): Promise<Buffer> {
	const res = await rawRequest(sim, { host: u.host, path: u.pathname + u.search });
	if (res.status !== 200) throw new Error(`document download ${res.status}`);
	return res.raw;
}

/** Tab-separated file → header + rows of cells. */
export function parseTsv(text: string): { header: string[]; rows: string[][] } {
	const lines = text.replace(/\n$/, '').split('\n');
	return { header: lines[0].split('\t'), rows: lines.slice(1).map((l) => l.split('\t')) };
}

/** A settlement amount in the file's locale ("-12,34", "1234", "12.34") to minor units (hundredths). */
export function fileAmount(text: string, currency: string): number {
	if (currency === 'JPY') {
		expect(text).toMatch(/^-?\d+$/);
		return Number(text) * 100;
	}
	const normal = currency === 'EUR' ? text.replace(',', '.') : text;
	expect(normal).toMatch(/^-?\d+\.\d{2}$/);
	return Math.round(Number(normal) * 100);
}

/** A JSON amount (Finances APIs send numbers) to minor units. */
export function minor(amount: number): number {
	return Math.round(amount * 100);
}
