/**
 * The usual way Amazon connectors read orders (existing n8n Amazon nodes, Odoo's Amazon Connector):
 * Orders API v0 `getOrders` pages, then one `getOrderItems` per order. This is a measurement
 * baseline, not package code: it talks plain HTTP to the simulator (keeping Amazon's Host header,
 * through the simulator tests' raw helpers) and paces itself at the same published rates the package
 * uses, so the comparison is between the two *patterns*, both played fairly — not against a client
 * that hammers and eats 429s.
 */
import type { AccountKey, Simulator } from '../../simulator';
import { TokenBucket } from '../../nodes/AmazonSeller/transport/pacing';
import { HOSTS, getToken, sp } from '../../test/simulator.helpers';

/** Amazon's published usage plans for the two v0 reads (Orders v0 model). */
export const V0_PLANS = {
	getOrders: { rate: 0.0167, burst: 20 },
	getOrderItems: { rate: 0.5, burst: 30 },
} as const;

export type V0Operation = keyof typeof V0_PLANS;

/** Access tokens live an hour; renew a little before, as any client does. */
const TOKEN_RENEW_AFTER_MS = 50 * 60_000;
const MAX_ATTEMPTS = 5;

export class V0OrdersClient {
	/** Login-with-Amazon token requests made. */
	tokenCalls = 0;
	private readonly buckets: Record<V0Operation, TokenBucket>;
	private accessToken?: string;
	private tokenAt = 0;

	constructor(
		private readonly sim: Simulator,
		private readonly account: AccountKey = 'na',
	) {
		const now = sim.clock.now();
		this.buckets = {
			getOrders: new TokenBucket(V0_PLANS.getOrders.rate, V0_PLANS.getOrders.burst, now),
			getOrderItems: new TokenBucket(V0_PLANS.getOrderItems.rate, V0_PLANS.getOrderItems.burst, now),
		};
	}

	/** One page of getOrders; `nextToken` pages repeat only the marketplaces, as v0 requires. */
	async getOrders(query: { marketplaceIds: string[]; createdAfter: string; nextToken?: string }): Promise<{ orders: any[]; nextToken?: string }> {
		const q: Record<string, string> = { MarketplaceIds: query.marketplaceIds.join(',') };
		if (query.nextToken) q.NextToken = query.nextToken;
		else Object.assign(q, { CreatedAfter: query.createdAfter, MaxResultsPerPage: '100' });
		const body = await this.call('getOrders', '/orders/v0/orders', q);
		return { orders: body?.payload?.Orders ?? [], nextToken: body?.payload?.NextToken || undefined };
	}

	/** Every item of one order (following NextToken when an order has more than one page). */
	async getOrderItems(orderId: string): Promise<any[]> {
		const items: any[] = [];
		let nextToken: string | undefined;
		do {
			const path = `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`;
			const body = await this.call('getOrderItems', path, nextToken ? { NextToken: nextToken } : undefined);
			items.push(...(body?.payload?.OrderItems ?? []));
			nextToken = body?.payload?.NextToken || undefined;
		} while (nextToken);
		return items;
	}

	private async call(operation: V0Operation, path: string, query?: Record<string, string>): Promise<any> {
		const clock = this.sim.clock;
		const bucket = this.buckets[operation];
		for (let attempt = 1; ; attempt++) {
			const wait = bucket.reserve(clock.now());
			if (wait > 0) await clock.sleep(wait);
			const token = await this.token();
			const res = await this.io(sp(this.sim, token, path, { host: HOSTS[this.account], query }));
			if (res.status >= 200 && res.status < 300) return res.body;
			if (res.status === 403 && /expired/i.test(res.text)) this.accessToken = undefined;
			else if (res.status === 429) bucket.drain(clock.now());
			else if (res.status < 500) throw new Error(`${operation} ${res.status}: ${res.text}`);
			if (attempt >= MAX_ATTEMPTS) throw new Error(`${operation} failed ${attempt} times (last ${res.status})`);
		}
	}

	/** The virtual clock holds still while a request is on the wire (as it does for the package's transport). */
	private io<T>(work: Promise<T>): Promise<T> {
		const clock = this.sim.clock;
		return clock.track ? clock.track(work) : work;
	}

	private async token(): Promise<string> {
		const now = this.sim.clock.now();
		if (this.accessToken && now - this.tokenAt < TOKEN_RENEW_AFTER_MS) return this.accessToken;
		this.tokenCalls++;
		this.accessToken = await this.io(getToken(this.sim, this.account));
		this.tokenAt = now;
		return this.accessToken;
	}
}
