/**
 * Amazon's usage plans: a token bucket per (selling partner, operation). The table below is the
 * fallback for machines without the models; at start-up the rates in the models' descriptions win
 * (test/simulator.rateLimits.test.ts checks both agree).
 */
export interface UsagePlan {
	rate: number;
	burst: number;
}

export const BUILTIN_USAGE_PLANS: Record<string, UsagePlan> = {
	getMarketplaceParticipations: { rate: 0.016, burst: 15 },
	searchOrders: { rate: 0.0056, burst: 20 },
	getOrder: { rate: 0.5, burst: 30 },
	confirmShipment: { rate: 2, burst: 10 },
	getOrders: { rate: 0.0167, burst: 20 },
	getOrderItems: { rate: 0.5, burst: 30 },
	getListingsItem: { rate: 5, burst: 10 },
	patchListingsItem: { rate: 5, burst: 5 },
	searchListingsItems: { rate: 5, burst: 5 },
	createFeedDocument: { rate: 0.5, burst: 15 },
	createFeed: { rate: 0.0083, burst: 15 },
	getFeed: { rate: 2, burst: 15 },
	getFeedDocument: { rate: 0.0222, burst: 10 },
	createReport: { rate: 0.0167, burst: 15 },
	getReport: { rate: 2, burst: 15 },
	getReportDocument: { rate: 0.0167, burst: 15 },
	getInventorySummaries: { rate: 2, burst: 2 },
	getReports: { rate: 0.0222, burst: 10 },
	listTransactions: { rate: 0.5, burst: 10 },
	listBalances: { rate: 0.5, burst: 10 },
	listSummary: { rate: 0.5, burst: 10 },
	listFinancialEventGroups: { rate: 0.5, burst: 30 },
	listFinancialEventsByGroupId: { rate: 0.5, burst: 30 },
	listFinancialEventsByOrderId: { rate: 0.5, burst: 30 },
	listFinancialEvents: { rate: 0.5, burst: 30 },
};

interface Bucket {
	tokens: number;
	at: number;
}

export class RateLimiter {
	private buckets = new Map<string, Bucket>();

	constructor(private plans: Record<string, UsagePlan>) {}

	plan(operation: string): UsagePlan | undefined {
		return this.plans[operation];
	}

	/** Takes one token; false means the caller gets a 429. Buckets start full (a fresh app has its burst). */
	take(account: string, operation: string, now: number): boolean {
		const plan = this.plans[operation];
		if (!plan) return true;
		const key = account + '\u0000' + operation;
		let b = this.buckets.get(key);
		if (!b) {
			b = { tokens: plan.burst, at: now };
			this.buckets.set(key, b);
		}
		if (now > b.at) {
			b.tokens = Math.min(plan.burst, b.tokens + ((now - b.at) / 1000) * plan.rate);
			b.at = now;
		}
		// A hair of tolerance so that waiting exactly 1/rate seconds always suffices despite float error.
		if (b.tokens >= 1 - 1e-9) {
			b.tokens -= 1;
			return true;
		}
		return false;
	}

	/** Tokens left now (for /__sim/state and tests). */
	tokens(account: string, operation: string, now: number): number | undefined {
		const plan = this.plans[operation];
		const b = this.buckets.get(account + '\u0000' + operation);
		if (!plan) return undefined;
		if (!b) return plan.burst;
		return Math.min(plan.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * plan.rate);
	}

	reset(): void {
		this.buckets.clear();
	}
}
