/**
 * A local stand-in for Amazon's Selling Partner API (plus LWA and the S3 document hosts), strict
 * about the official models, rate limits and time rules, and driven by a shared clock so that tests
 * and benchmarks can cover hours of Amazon behaviour in milliseconds.
 *
 *   const sim = await startSimulator({ clock });      // clock: the VirtualClock the transport uses
 *   // requests go to sim.url with Host: sellingpartnerapi-na.amazon.com (or api.amazon.com, ...)
 */
import { type Clock } from '../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from './virtualClock';
import { createAccounts, type AccountKey, type SimAccount } from './data/accounts';
import { Catalog, type FbaStock, type Listing } from './data/catalog';
import { DocumentStore } from './data/documents';
import { Ledger } from './data/finance/ledger';
import { renderOrder, INCLUDED_DATA } from './data/orderViews';
import {
	OrderStore,
	type CreateOrderInput,
	type FulfillmentStatus,
	type GenerateInput,
	type LifecycleHandle,
	type LifecycleInput,
	type SimOrder,
} from './data/orders';
import { Rng } from './data/random';
import { Scheduler } from './data/scheduler';
import { Auth } from './auth';
import type { CallRecord, FeedTiming, SimContext, SimState, ValidationFailure } from './context';
import { Faults } from './faults';
import { Models, defaultModelsDir } from './models';
import { BUILTIN_USAGE_PLANS, RateLimiter, type UsagePlan } from './rateLimits';
import { SimServer, type Route } from './server';
import { sellersRoutes } from './apis/sellers';
import { ordersRoutes } from './apis/orders';
import { extraRoutes } from './apis/registry';
import { publishSettlementReport } from './apis/reports';
import { createFinanceApi, type SimFinance } from './financeApi';

export type { CallRecord, FeedTiming, SimState, ValidationFailure } from './context';
export type { FaultSpec, FaultKind } from './faults';
export type { SimAccount, AccountKey } from './data/accounts';
export type { SimOrder, CreateOrderInput, GenerateInput, LifecycleInput, FulfillmentStatus } from './data/orders';
export type {
	SimFinance,
	SimSettlement,
	SimTransaction,
	ExpectedJournal,
	MoneySummary,
	SimRefundInput,
	SimReturnInput,
	SimReturn,
	MoneyKind,
	MoneyComponent,
	MoneyItem,
	TransactionStatus,
	ReturnDisposition,
} from './financeApi';

export interface SimulatorOptions {
	/** Shared with the transport in tests; a new VirtualClock when omitted (the CLI passes systemClock). */
	clock?: Clock;
	seed?: number;
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	paginationMode?: 'live' | 'snapshot';
	/** Validate requests against the official models when they are present (default true). */
	validate?: boolean;
	modelsDir?: string;
	/** Orders generated per account at start-up, spread over the last three days (default 25). */
	seedOrders?: number;
}

export interface SimOrders {
	create(input?: CreateOrderInput): SimOrder;
	generate(input: GenerateInput): SimOrder[];
	/** Moves an order on: PENDING → UNSHIPPED → PARTIALLY_SHIPPED → SHIPPED, or CANCELLED. */
	transition(orderId: string, status: FulfillmentStatus, at?: number): SimOrder;
	/** The order as getOrder with every includedData section would return it. */
	get(orderId: string): Record<string, unknown> | undefined;
	/** The internal record (live object; do not mutate). */
	record(orderId: string): SimOrder | undefined;
	all(): readonly SimOrder[];
	lifecycle(input: LifecycleInput): LifecycleHandle;
	/** New orders on the real clock (CLI/demo); returns a stop function. */
	liveFlow(input: { perMinute: number; account?: AccountKey; timeScale?: number }): () => void;
	/** The buyer asks to cancel (the seller should then cancel via the acknowledgement feed). */
	requestCancellation(orderId: string, reason?: string): SimOrder;
}

export interface SimListings {
	get(account: AccountKey, marketplaceId: string, sku: string): Listing | undefined;
	all(account?: AccountKey, marketplaceId?: string): Listing[];
	/** The listing's current quantity (FBM) or fulfillable units (FBA). */
	quantity(account: AccountKey, marketplaceId: string, sku: string): number | undefined;
	/** Adds `count` bulk SKUs to one marketplace (benchmarks): `${prefix}-000001`…, every `fbaEvery`-th FBA with some stock. */
	generate(input: { account: AccountKey; marketplaceId: string; count: number; prefix?: string; fbaEvery?: number }): Listing[];
}

export interface SimInventory {
	get(account: AccountKey, marketplaceId: string, sku: string): FbaStock | undefined;
	setFulfillable(account: AccountKey, marketplaceId: string, sku: string, quantity: number): void;
}

export interface Simulator {
	/** http://127.0.0.1:PORT — dial this, but send Amazon's Host header. */
	url: string;
	port: number;
	clock: Clock;
	accounts: Record<AccountKey, SimAccount>;
	orders: SimOrders;
	listings: SimListings;
	inventory: SimInventory;
	/** The money side: settlement periods, transactions, refunds, returns (see README, "Money"). */
	finance: SimFinance;
	faults: Faults;
	/** Every request, in arrival order. */
	calls: CallRecord[];
	/** Clears calls and validationErrors. */
	resetCalls(): void;
	/** Every 400 the simulator produced because a request broke the models or a documented rule. */
	validationErrors: ValidationFailure[];
	state: SimState;
	/**
	 * Test hook: every feed created from now on waits `queuedMs` IN_QUEUE and `processingMs`
	 * IN_PROGRESS (e.g. a feed done in 3 s); undefined restores Amazon-like timing (1 to 3 minutes).
	 */
	setFeedTiming(timing: FeedTiming | undefined): void;
	/** Test hooks for LWA. */
	auth: { revoke(account: AccountKey): void; expireTokens(): void };
	/** The loaded models, when present (also used by the simulator's own tests). */
	models?: Models;
	/** The usage plans in force (from the models when present). */
	usagePlans: Record<string, UsagePlan>;
	close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const clock = options.clock ?? new VirtualClock();
	const seed = options.seed ?? 20260101;
	const models = options.validate === false ? undefined : Models.load(options.modelsDir ?? defaultModelsDir());
	const modelsForPlans = models ?? Models.load(options.modelsDir ?? defaultModelsDir());
	const routes: Route[] = [...sellersRoutes, ...ordersRoutes, ...extraRoutes];
	const usagePlans: Record<string, UsagePlan> = { ...BUILTIN_USAGE_PLANS };
	if (modelsForPlans) {
		for (const r of routes) {
			const plan = modelsForPlans.operation(r.method, r.path)?.plan;
			if (plan) usagePlans[r.operation] = plan;
		}
	}
	const accounts = createAccounts(seed);
	const scheduler = new Scheduler();
	const catalog = new Catalog(accounts, seed, clock.now());
	const orders = new OrderStore(accounts, catalog, scheduler, () => clock.now(), seed);
	const ledger = new Ledger(accounts, catalog, orders, scheduler, () => clock.now(), seed);
	orders.onShip = (order, _lines, at) => ledger.recordShipment(order, at);
	const state: SimState = { quantities: {}, quantityUpdates: [], channelSwitches: [], cancellations: [], shipments: [] };
	const calls: CallRecord[] = [];
	const validationErrors: ValidationFailure[] = [];
	const faults = new Faults(seed);
	const ctx: SimContext = {
		clock,
		seed,
		rng: new Rng(seed ^ 0x5e4e),
		paginationMode: options.paginationMode ?? 'live',
		accounts,
		auth: new Auth(accounts, seed),
		catalog,
		orders,
		finance: ledger,
		documents: new DocumentStore(seed),
		scheduler,
		models,
		limiter: new RateLimiter(usagePlans),
		faults,
		calls,
		validationErrors,
		state,
		feeds: new Map(),
		reports: new Map(),
		scratch: new Map(),
	};
	ledger.onClose = (period) => publishSettlementReport(ctx, period);
	seedOrders(orders, accounts, clock.now(), options.seedOrders ?? 25);

	const server = new SimServer(ctx, routes);
	const port = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	const sync = () => scheduler.runDue(clock.now());
	const mustGet = (orderId: string) => {
		const o = orders.record(orderId);
		if (!o) throw new Error(`Unknown order ${orderId}`);
		return o;
	};
	const allIncluded = new Set<string>(INCLUDED_DATA);

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		clock,
		accounts,
		faults,
		calls,
		validationErrors,
		state,
		models,
		usagePlans,
		resetCalls() {
			calls.length = 0;
			validationErrors.length = 0;
		},
		setFeedTiming(timing) {
			ctx.feedTiming = timing ? { ...timing } : undefined;
		},
		auth: {
			revoke: (account) => ctx.auth.revoke(accounts[account].refreshToken),
			expireTokens: () => ctx.auth.expireAll(clock.now()),
		},
		orders: {
			create(input) {
				sync();
				return orders.create(input);
			},
			generate(input) {
				sync();
				return orders.generate(input);
			},
			transition(orderId, status, at) {
				sync();
				const o = mustGet(orderId);
				// Amazon spells it CANCELLED in 2026-01-01 and Canceled in v0; accept both.
				const target = (String(status).toUpperCase() === 'CANCELED' ? 'CANCELLED' : status) as FulfillmentStatus;
				orders.moveTo(o, target, at ?? clock.now());
				return o;
			},
			get(orderId) {
				sync();
				const o = orders.record(orderId);
				return o && renderOrder(o, allIncluded, clock.now());
			},
			record(orderId) {
				sync();
				return orders.record(orderId);
			},
			all() {
				sync();
				return orders.all();
			},
			lifecycle(input) {
				sync();
				return orders.lifecycle(input);
			},
			liveFlow({ perMinute, account, timeScale }) {
				const every = 60_000 / Math.max(0.01, perMinute);
				const timer = setInterval(() => {
					sync();
					orders.lifecycle({ count: 1, over: 0, account, timeScale: timeScale ?? 0.05, start: clock.now() });
					sync();
				}, every);
				timer.unref?.();
				return () => clearInterval(timer);
			},
			requestCancellation(orderId, reason = 'Ordered by mistake') {
				sync();
				const o = mustGet(orderId);
				orders.requestCancellation(o, reason, clock.now());
				return o;
			},
		},
		listings: {
			get(account, marketplaceId, sku) {
				sync();
				return catalog.listing(accounts[account].sellerId, marketplaceId, sku);
			},
			all(account, marketplaceId) {
				sync();
				const all = [...catalog.listings.values()];
				return all.filter((l) => (!account || l.account === account) && (!marketplaceId || l.marketplaceId === marketplaceId));
			},
			quantity(account, marketplaceId, sku) {
				sync();
				return catalog.listing(accounts[account].sellerId, marketplaceId, sku)?.quantity;
			},
			generate({ account, marketplaceId, count, prefix, fbaEvery }) {
				return catalog.generate(accounts[account], marketplaceId, count, clock.now(), { prefix, fbaEvery });
			},
		},
		finance: createFinanceApi(ledger, accounts, () => clock.now()),
		inventory: {
			get(account, marketplaceId, sku) {
				sync();
				return catalog.listing(accounts[account].sellerId, marketplaceId, sku)?.fba;
			},
			setFulfillable(account, marketplaceId, sku, quantity) {
				sync();
				const l = catalog.listing(accounts[account].sellerId, marketplaceId, sku);
				if (!l?.fba) throw new Error(`${sku} is not an FBA listing in ${marketplaceId}`);
				l.fba.fulfillable = quantity;
				l.fba.lastUpdated = clock.now();
				l.quantity = quantity;
			},
		},
		close: () => server.close(),
	};
}

/**
 * A realistic starting book: a few days of mixed orders per account plus one of each case a
 * connector must handle (gift wrap, business/VAT, promotions, free shipping, replacement, NA FBA
 * without buyer name, JP points).
 */
function seedOrders(orders: OrderStore, accounts: Record<AccountKey, SimAccount>, now: number, perAccount: number): void {
	if (perAccount <= 0) return;
	for (const key of Object.keys(accounts) as AccountKey[]) orders.generate({ count: perAccount, account: key });
	const h = 3600_000;
	const original = orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', createdAt: now - 50 * h, status: 'SHIPPED', lastUpdatedAt: now - 40 * h });
	orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', createdAt: now - 20 * h, status: 'UNSHIPPED', replacementOf: original.orderId });
	orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'AMAZON', createdAt: now - 30 * h, status: 'SHIPPED', lastUpdatedAt: now - 10 * h });
	orders.create({ account: 'na', marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', createdAt: now - 6 * h, status: 'UNSHIPPED', gift: true, itemCount: 2, freeShipping: true });
	orders.create({ account: 'na', marketplaceId: 'A2EUQ1WTGCTBG2', fulfilledBy: 'MERCHANT', createdAt: now - 5 * h, status: 'UNSHIPPED', promotion: true, business: true });
	orders.create({ account: 'eu', marketplaceId: 'A1PA6795UKMFR9', fulfilledBy: 'MERCHANT', createdAt: now - 8 * h, status: 'UNSHIPPED', business: true, itemCount: 3 });
	orders.create({ account: 'eu', marketplaceId: 'A1F83G8C2ARO7P', fulfilledBy: 'MERCHANT', createdAt: now - 4 * h, status: 'UNSHIPPED', gift: true });
	orders.create({ account: 'eu', marketplaceId: 'A13V1IB3VIYZZH', fulfilledBy: 'AMAZON', createdAt: now - 26 * h, status: 'SHIPPED', promotion: true, lastUpdatedAt: now - 20 * h });
	orders.create({ account: 'fe', marketplaceId: 'A1VC38T7YXB528', fulfilledBy: 'MERCHANT', createdAt: now - 7 * h, status: 'UNSHIPPED', itemCount: 2 });
}
