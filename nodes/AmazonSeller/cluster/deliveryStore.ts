/**
 * Where "this event reached the ERP" is recorded, and where the trigger keeps a copy of what it
 * emitted, so that an event whose execution died can be delivered again without asking Amazon.
 *
 * The trigger runs in n8n's main process; the Confirm Delivery operation runs wherever the
 * execution runs (a worker, in queue mode). So in queue mode both go through the Redis n8n already
 * has; in a single process they are in memory. Both are best effort: the trigger's own ledger of
 * events awaiting confirmation lives in its static data, committed with the execution it starts
 * (trigger/delivery.ts). A lost confirmation costs a redelivery (the ERP write is idempotent by
 * eventId); a lost copy costs a re-read of the order.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RedisClient } from './redis';
import { clusterState } from '../state';
import { connectedRedis, redisKey, sharedRedis } from './redis';

/** A trigger's scope: its workflow and node name (n8n keys a node's static data by name too). */
export type DeliveryScope = string;

export function deliveryScope(workflowId: string | undefined, triggerNodeName: string): DeliveryScope {
	return `${workflowId ?? 'unsaved'}/${triggerNodeName}`;
}

export interface DeliveryStore {
	/** Where records go: 'redis' (shared by main and workers) or 'memory' (this process only). */
	readonly kind: 'redis' | 'memory';
	/** Records that these events reached the ERP. */
	confirm(scope: DeliveryScope, eventIds: string[]): Promise<void>;
	/** Which of these events were confirmed. */
	confirmed(scope: DeliveryScope, eventIds: string[]): Promise<Set<string>>;
	/** Keeps a copy of emitted items (by eventId) for redelivery. */
	keep(scope: DeliveryScope, items: Array<{ eventId: string; json: IDataObject }>): Promise<void>;
	/** The kept copies of these events (those still there). */
	copies(scope: DeliveryScope, eventIds: string[]): Promise<Map<string, IDataObject>>;
	/** Drops the copies of events that are done with (confirmed, or given up on). */
	drop(scope: DeliveryScope, eventIds: string[]): Promise<void>;
}

/** Confirmations outlive any redelivery schedule (trigger/delivery.ts gives up within a day). */
const CONFIRMED_TTL_S = 3 * 24 * 3600;
/** Copies are kept as long as an event may still be redelivered. */
const COPY_TTL_S = 2 * 24 * 3600;
/** In memory, per trigger: beyond this the oldest copies go (a redelivery then re-reads the order). */
const MAX_COPIES_IN_MEMORY = 20_000;
const MAX_CONFIRMED_IN_MEMORY = 200_000;

/** One process: the trigger and the executions share this memory. */
export class InProcessDeliveryStore implements DeliveryStore {
	readonly kind = 'memory' as const;
	private readonly confirmations = new Map<DeliveryScope, Set<string>>();
	private readonly kept = new Map<DeliveryScope, Map<string, IDataObject>>();

	async confirm(scope: DeliveryScope, eventIds: string[]): Promise<void> {
		const set = this.confirmations.get(scope) ?? new Set<string>();
		for (const id of eventIds) set.add(id);
		// Insertion order is age order: the oldest confirmations go first.
		for (const id of set) {
			if (set.size <= MAX_CONFIRMED_IN_MEMORY) break;
			set.delete(id);
		}
		this.confirmations.set(scope, set);
	}

	async confirmed(scope: DeliveryScope, eventIds: string[]): Promise<Set<string>> {
		const set = this.confirmations.get(scope);
		return new Set(set ? eventIds.filter((id) => set.has(id)) : []);
	}

	async keep(scope: DeliveryScope, items: Array<{ eventId: string; json: IDataObject }>): Promise<void> {
		const copies = this.kept.get(scope) ?? new Map<string, IDataObject>();
		for (const { eventId, json } of items) copies.set(eventId, json);
		for (const id of copies.keys()) {
			if (copies.size <= MAX_COPIES_IN_MEMORY) break;
			copies.delete(id);
		}
		this.kept.set(scope, copies);
	}

	async copies(scope: DeliveryScope, eventIds: string[]): Promise<Map<string, IDataObject>> {
		const copies = this.kept.get(scope);
		const found = new Map<string, IDataObject>();
		for (const id of eventIds) {
			const json = copies?.get(id);
			if (json) found.set(id, json);
		}
		return found;
	}

	async drop(scope: DeliveryScope, eventIds: string[]): Promise<void> {
		const copies = this.kept.get(scope);
		for (const id of eventIds) copies?.delete(id);
	}
}

/** Queue mode: main and every worker read and write the same records in n8n's Redis. */
export class RedisDeliveryStore implements DeliveryStore {
	readonly kind = 'redis' as const;

	constructor(private readonly redis: () => Promise<RedisClient>) {}

	async confirm(scope: DeliveryScope, eventIds: string[]): Promise<void> {
		if (!eventIds.length) return;
		const redis = await this.redis();
		const batch = redis.multi();
		for (const id of eventIds) batch.set(redisKey('delivery', scope, 'confirmed', id), '1', 'EX', CONFIRMED_TTL_S);
		await batch.exec();
	}

	async confirmed(scope: DeliveryScope, eventIds: string[]): Promise<Set<string>> {
		if (!eventIds.length) return new Set();
		const redis = await this.redis();
		const found = new Set<string>();
		for (const part of chunks(eventIds, 1000)) {
			const values = await redis.mget(part.map((id) => redisKey('delivery', scope, 'confirmed', id)));
			part.forEach((id, i) => values[i] !== null && found.add(id));
		}
		return found;
	}

	async keep(scope: DeliveryScope, items: Array<{ eventId: string; json: IDataObject }>): Promise<void> {
		if (!items.length) return;
		const redis = await this.redis();
		for (const part of chunks(items, 500)) {
			const batch = redis.multi();
			for (const { eventId, json } of part) batch.set(redisKey('delivery', scope, 'copy', eventId), JSON.stringify(json), 'EX', COPY_TTL_S);
			await batch.exec();
		}
	}

	async copies(scope: DeliveryScope, eventIds: string[]): Promise<Map<string, IDataObject>> {
		const found = new Map<string, IDataObject>();
		if (!eventIds.length) return found;
		const redis = await this.redis();
		for (const part of chunks(eventIds, 500)) {
			const values = await redis.mget(part.map((id) => redisKey('delivery', scope, 'copy', id)));
			part.forEach((id, i) => {
				if (values[i] !== null) found.set(id, JSON.parse(values[i] as string) as IDataObject);
			});
		}
		return found;
	}

	async drop(scope: DeliveryScope, eventIds: string[]): Promise<void> {
		if (!eventIds.length) return;
		const redis = await this.redis();
		for (const part of chunks(eventIds, 1000)) await redis.del(...part.map((id) => redisKey('delivery', scope, 'copy', id)));
	}
}

function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** What a restart of a single n8n process does to the in-memory records (tests). */
export function forgetInProcessDeliveries(): void {
	clusterState.deliveries = undefined;
}

/**
 * The store for this process: Redis in queue mode, memory otherwise. In queue mode a failing Redis
 * is reported to the caller (a confirmation must not silently land in one worker's memory, where
 * the trigger would never see it).
 */
export function deliveryStore(): DeliveryStore {
	return sharedRedis() ? new RedisDeliveryStore(connectedRedis) : (clusterState.deliveries ??= new InProcessDeliveryStore());
}
