/**
 * Every piece of process-wide state the transport keeps, in one place, with what it is for and
 * whether queue mode (n8n's main process plus workers, each a separate Node.js process) must share
 * it across processes. The transport's modules read and write their state here and nowhere else.
 *
 * This file imports only types (and the leaf LruMap) so that every module can import it without
 * an import cycle; the modules that own a slot fill it on first use.
 */
import type { InProcessRateBudget, RateBudget } from './budget';
import type { SpApiClient } from './client';
import type { Clock } from './clock';
import { LruMap } from './lru';

/** Clients kept at most; the least recently used one is dropped first (see `clients`). */
export const MAX_CACHED_CLIENTS = 100;
/** Settlement reports remembered at most (see `settlementReports`). */
export const MAX_REMEMBERED_SETTLEMENT_REPORTS = 2_000;

/** What a settlement report holds, by its summary row. */
export interface SettlementReportSummary {
	settlementId: string;
	currency: string;
	start: string;
}

export interface SecretState {
	/** Client secrets and refresh tokens of every credential this process has used (a handful). */
	staticSecrets: Set<string>;
	/** Access tokens this process obtained, with their account and when (pruned, see secrets.ts). */
	accessTokens: Map<string, { account: string; at: number }>;
}

export interface TransportState {
	/**
	 * The clock every wait, retry and pacing decision uses; undefined means the system clock.
	 * Tests, the simulator and benchmarks install a VirtualClock. Per process: queue mode keeps
	 * the system clock in every process, nothing to share.
	 */
	clock: Clock | undefined;

	/**
	 * The rate budget chosen with setRateBudget (budget.ts); undefined means the in-process one.
	 * Amazon counts each operation's calls per seller account and app, whatever process makes
	 * them: queue mode MUST share this across processes (a Redis-backed RateBudget), or N workers
	 * spend N times the budget and draw 429s.
	 */
	rateBudget: RateBudget | undefined;

	/**
	 * The in-process token buckets (created on first use). Always kept, even when a shared budget
	 * is installed, because `SpApiClient.availableNow` (the trigger's synchronous view) reads it.
	 * Per process by nature; it is what the shared budget replaces in queue mode.
	 */
	inProcessBudget: InProcessRateBudget | undefined;

	/**
	 * One SpApiClient per account (credential hash), so access tokens are reused by every item,
	 * execution and trigger of the account. Each client carries its access token and the refresh
	 * in flight. Bounded (LRU, MAX_CACHED_CLIENTS): a dropped client costs one token request when
	 * its account is used again. Per process: each process may hold its own access tokens (LWA
	 * issues several valid ones), so queue mode need not share it.
	 */
	clients: LruMap<string, SpApiClient>;

	/**
	 * Which settlement each settlement report holds, by account key and report id (settlements.ts).
	 * Amazon's report listing does not say, and reports never change, so a settlement looked up by
	 * id is searched for once per process. Bounded (LRU). Per process: another process only
	 * searches once itself; nothing to share.
	 */
	settlementReports: LruMap<string, SettlementReportSummary>;

	/**
	 * Values scrubbed from every error and log line (secrets.ts). Per process: a process only has
	 * to scrub what it has seen itself; nothing to share.
	 */
	secrets: SecretState;
}

export const transportState: TransportState = {
	clock: undefined,
	rateBudget: undefined,
	inProcessBudget: undefined,
	clients: new LruMap<string, SpApiClient>(MAX_CACHED_CLIENTS),
	settlementReports: new LruMap<string, SettlementReportSummary>(MAX_REMEMBERED_SETTLEMENT_REPORTS),
	secrets: { staticSecrets: new Set(), accessTokens: new Map() },
};
