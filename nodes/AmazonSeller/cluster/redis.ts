/**
 * The process's one connection to the Redis of n8n's queue mode, used to share Amazon's rate budget
 * and the trigger's delivery records between main and every worker. Outside queue mode there is
 * none (`sharedRedis()` is undefined) and everything stays in-process.
 *
 * Redis being down must never stop the nodes or make them call Amazon unpaced: every use goes
 * through `withRedis`, which answers from a per-process fallback and logs a warning (at most once a
 * minute) until Redis answers again. Commands fail fast rather than queue while disconnected.
 */
import Redis, { Cluster } from 'ioredis';

import type { RedisSettings } from './settings';
import { clusterState } from '../state';
import { queueRedisSettings } from './settings';

export type RedisClient = Redis | Cluster;

export interface ClusterLogger {
	warn(message: string, meta?: Record<string, unknown>): void;
}

const WARN_EVERY_MS = 60_000;
const CONNECT_TIMEOUT_MS = 2_000;

/** Process-wide, listed in state.ts. */
const redisState = clusterState;

/** Where cluster warnings go: the n8n logger of the node that last used the transport. */
export function setClusterLogger(logger: ClusterLogger | undefined): void {
	if (logger) redisState.logger = logger;
}

export function redisSettings(): RedisSettings | undefined {
	if (redisState.settings === undefined) redisState.settings = queueRedisSettings() ?? null;
	return redisState.settings ?? undefined;
}

/** Key namespace of this package inside n8n's Redis (beside n8n's own `bull:` keys). */
export function redisKey(...parts: string[]): string {
	return ['n8n-nodes-amazon-seller', ...parts].join(':');
}

/** The shared connection, created on first use; undefined outside queue mode. */
export function sharedRedis(): RedisClient | undefined {
	const settings = redisSettings();
	if (!settings) return undefined;
	if (!redisState.client) {
		const common = {
			username: settings.username,
			password: settings.password,
			tls: settings.tls ? {} : undefined,
			db: settings.db,
			lazyConnect: true,
			// Fail fast while disconnected: the caller's fallback answers instead of a queue that grows.
			enableOfflineQueue: false,
			maxRetriesPerRequest: 1,
			connectTimeout: CONNECT_TIMEOUT_MS,
			retryStrategy: (times: number) => Math.min(times * 500, 5_000),
		};
		redisState.client = settings.clusterNodes.length
			? new Cluster(settings.clusterNodes, { redisOptions: common, enableOfflineQueue: false, lazyConnect: true })
			: new Redis({ host: settings.host, port: settings.port, ...common });
		// ioredis reports connection errors as events too; they are expected while Redis is down.
		redisState.client.on('error', () => undefined);
	}
	return redisState.client;
}

async function connected(client: RedisClient): Promise<void> {
	if (client.status === 'ready') return;
	if (client.status === 'wait') redisState.ready ??= client.connect().finally(() => (redisState.ready = undefined));
	if (redisState.ready) await redisState.ready;
}

/** The shared connection, connected; throws when there is none or it cannot connect. */
export async function connectedRedis(): Promise<RedisClient> {
	const client = sharedRedis();
	if (!client) throw new Error("n8n is not in queue mode: there is no shared Redis");
	await connected(client);
	return client;
}

/**
 * Runs `work` on the shared Redis; when there is none (not queue mode) or it fails (down,
 * unreachable, a script error), answers with `fallback` and logs why (rate-limited).
 */
export async function withRedis<T>(what: string, work: (redis: RedisClient) => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
	const client = sharedRedis();
	if (!client) return await fallback();
	try {
		await connected(client);
		return await work(client);
	} catch (error) {
		warnOnce(`Redis of n8n's queue mode did not answer (${(error as Error)?.message ?? String(error)}); ${what} falls back to this process only until it answers again`);
		return await fallback();
	}
}

function warnOnce(message: string): void {
	const now = Date.now();
	if (redisState.lastWarnMs !== undefined && now - redisState.lastWarnMs < WARN_EVERY_MS) return;
	redisState.lastWarnMs = now;
	redisState.logger?.warn(`Amazon Seller: ${message}`);
}

/** Tests and shutdown: closes the connection and forgets the settings (read again on next use). */
export async function resetSharedRedis(): Promise<void> {
	const client = redisState.client;
	redisState.client = undefined;
	redisState.settings = undefined;
	redisState.ready = undefined;
	redisState.lastWarnMs = undefined;
	if (client) await client.quit().catch(() => client.disconnect());
}
