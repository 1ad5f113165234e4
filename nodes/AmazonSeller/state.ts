/**
 * Every piece of process-wide state the nodes keep, in one place, with what it is for and what
 * happens to it in n8n's queue mode (one main process that polls triggers, N workers that run
 * executions; see docs/scale-out.md). Anything not listed here lives only as long as one
 * execution or one poll.
 *
 * Transport (shared by every node, execution and trigger of the process):
 * - clients:   one SP-API client per seller account, app and region (access token, HTTP agent).
 *              Per process by design: each process refreshes its own access token.
 * - budgets:   token buckets per account and operation at Amazon's published rate. In queue mode
 *              they are shared through Redis, so main and every worker spend ONE budget per account.
 * - secrets:   the registry of values to scrub from every error and log line. Per process.
 * - clock:     the time source (the system clock; tests and benchmarks install a virtual one).
 *
 * Trigger (main only: in queue mode only the main process polls):
 */
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
