/** The simulator's shared state, handed to every API handler. */
import type { Clock } from '../nodes/AmazonSeller/transport/clock';
import type { AccountKey, SimAccount } from './data/accounts';
import type { Catalog } from './data/catalog';
import type { DocumentStore } from './data/documents';
import type { Ledger } from './data/finance/ledger';
import type { OrderStore } from './data/orders';
import type { Scheduler } from './data/scheduler';
import type { Rng } from './data/random';
import type { Auth } from './auth';
import type { Faults } from './faults';
import type { Models } from './models';
import type { RateLimiter } from './rateLimits';

export interface CallRecord {
	/** Simulator clock (ms) when the request arrived. */
	at: number;
	host: string;
	method: string;
	path: string;
	/** SP-API operationId, or 'lwaToken', 'upload', 'download'. */
	operation: string;
	/** Seller id for SP-API and documents; client id for LWA calls. */
	account?: string;
	/** Parsed query; comma-separated lists as arrays. */
	query: Record<string, string | string[]>;
	body?: unknown;
	status: number;
	/** Set when a fault was injected into this call. */
	fault?: string;
}

export interface ValidationFailure {
	at: number;
	operation: string;
	/** 'schema' = rejected by the official model; 'rule' = by a documented rule the model cannot express. */
	source: 'schema' | 'rule';
	message: string;
}

export interface QuantityUpdate {
	at: number;
	sellerId: string;
	marketplaceId: string;
	sku: string;
	quantity: number;
	via: 'patchListingsItem' | 'JSON_LISTINGS_FEED';
	channelCode: string;
}

export interface SimState {
	/** sellerId → marketplaceId → sku → last quantity set through the API (patch or feed). */
	quantities: Record<string, Record<string, Record<string, number>>>;
	quantityUpdates: QuantityUpdate[];
	/** FBA listings turned into FBM by a DEFAULT-channel quantity (almost always a client bug). */
	channelSwitches: Array<{ at: number; sellerId: string; marketplaceId: string; sku: string; from: string; to: string }>;
	/** Orders cancelled through POST_ORDER_ACKNOWLEDGEMENT_DATA. */
	cancellations: Array<{ at: number; sellerId: string; orderId: string; orderItemIds: string[]; reason?: string; feedId: string }>;
	/** Shipments confirmed through confirmShipment. */
	shipments: Array<{ at: number; sellerId: string; orderId: string; packageReferenceId: string; carrierCode: string; trackingNumber: string; items: Array<{ orderItemId: string; quantity: number }> }>;
}

export interface FeedTiming {
	/** From createFeed to IN_PROGRESS. */
	queuedMs: number;
	/** From IN_PROGRESS to DONE (or FATAL). */
	processingMs: number;
}

export interface SimContext {
	clock: Clock;
	seed: number;
	rng: Rng;
	paginationMode: 'live' | 'snapshot';
	accounts: Record<AccountKey, SimAccount>;
	auth: Auth;
	catalog: Catalog;
	orders: OrderStore;
	/** Money: transactions, settlement periods, returns (lazy; call finance.sync() before reading). */
	finance: Ledger;
	documents: DocumentStore;
	scheduler: Scheduler;
	models?: Models;
	limiter: RateLimiter;
	faults: Faults;
	calls: CallRecord[];
	validationErrors: ValidationFailure[];
	state: SimState;
	/** Fixed feed timing (test hook, see Simulator.setFeedTiming); Amazon-like random timing when unset. */
	feedTiming?: FeedTiming;
	/** Feed and report records, keyed by id (see apis/feeds.ts and apis/reports.ts). */
	feeds: Map<string, any>;
	reports: Map<string, any>;
	/** Opaque per-API scratch space (pagination snapshots and the like). */
	scratch: Map<string, unknown>;
}
