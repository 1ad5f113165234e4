/**
 * Every piece of process-wide state the nodes keep, in one place, with what it is for and what
 * happens to it in n8n's queue mode (one main process that polls triggers, N workers that run
 * executions, Redis and Postgres shared; see docs/scale-out.md). Anything not listed here lives only
 * as long as one execution or one poll.
 *
 * Transport (`transportState` in transport/state.ts, so the transport needs nothing from outside itself):
 * - clients:   one SP-API client per seller account, app and region (its access token, HTTP agent;
 *              LRU-bounded). Per process by design: each process refreshes its own access token.
 * - budgets:   token buckets per seller, app and operation at Amazon's published rate. In queue mode
 *              the budget in force is shared through Redis (cluster/sharedBudget.ts), so main and
 *              every worker spend ONE budget; the in-process buckets remain its fallback.
 * - secrets:   the registry of values scrubbed from every error and log line (bounded). Per process.
 * - settlementReports: which settlement each settlement report holds (Get Settlement by ID searches
 *              once; reports never change; LRU-bounded). Per process: another process searches once itself.
 * - clock:     the time source (the system clock; tests and benchmarks install a virtual one).
 */
import type { RedisClient } from './cluster/redis';
import type { RedisSettings } from './cluster/settings';
import type { InProcessDeliveryStore } from './cluster/deliveryStore';

/** Queue mode's shared pieces, as this process sees them (cluster/). */
export const clusterState: {
	/** n8n's queue Redis settings read from its environment (null: not queue mode; undefined: not read yet). */
	settings?: RedisSettings | null;
	/** The one connection to that Redis (created on first use), and its connect in progress. */
	client?: RedisClient;
	ready?: Promise<void>;
	/** When the last "Redis did not answer" warning was logged (at most one a minute). */
	lastWarnMs?: number;
	/** Where cluster warnings go: the n8n logger of the node that last used the transport. */
	logger?: { warn(message: string, meta?: Record<string, unknown>): void };
	/** Whether this process has chosen its budget (shared in queue mode) yet. */
	budgetChosen: boolean;
	/**
	 * Outside queue mode, Confirm Delivery's records and the trigger's copies of emitted items:
	 * the trigger and the executions run in this one process. Lost on restart, which costs a
	 * redelivery (the trigger's ledger itself is in its static data). Queue mode keeps them in Redis.
	 */
	deliveries?: InProcessDeliveryStore;
} = { budgetChosen: false };

/** The trigger's (main only: in queue mode only the main process polls). */
export const triggerState = {
	/**
	 * Polls in progress, by workflow and node: n8n starts the next tick even while a slow poll still
	 * runs, and two polls of one node would commit the same events. Per process is right: only one
	 * process polls a workflow.
	 */
	runningPolls: new Set<string>(),
	/** Nodes already warned that their poll interval is shorter than Amazon's budget sustains (log once). */
	intervalWarnings: new Set<string>(),
	/**
	 * The marketplaces each account sells in, cached an hour (getMarketplaceParticipations sustains
	 * about one call a minute). A cache: losing it costs one call.
	 */
	participations: new Map<string, { atMs: number; marketplaceIds: string[] }>(),
	/**
	 * Triggers of each account that polled recently, so they take turns on searchOrders. Per process
	 * is enough: only main polls.
	 */
	sharers: new Map<string, Map<string, number>>(),
};
