/**
 * Turns what reads return into events, exactly once: drops versions already processed (the
 * overlap, an overflowed window read again), asks the event rules, updates the order memory.
 * Pure; it works on the cursor the poll will save, so nothing counts until the poll commits.
 */
import type { Cursor } from './cursor';
import type { FbaNewWhen } from './events';
import { decide } from './events';
import type { EmittedEvent, OrderObservation, TriggerEvent } from './types';

export interface CollectorStats {
	/** Orders the reads returned, repeats included. */
	read: number;
	/** Versions seen before (overlap, re-read windows). */
	repeats: number;
}

export class EventCollector {
	readonly events: EmittedEvent[] = [];
	readonly stats: CollectorStats = { read: 0, repeats: 0 };

	constructor(
		private readonly cursor: Cursor,
		private readonly selected: ReadonlySet<TriggerEvent>,
		private readonly fbaNewWhen: FbaNewWhen = 'shipped',
	) {}

	handle(observations: OrderObservation[]): void {
		const { cursor } = this;
		const floors = cursor.memory.floors(cursor.watermarkMs);
		for (const obs of observations) {
			this.stats.read++;
			if (!cursor.isNew(obs.orderId, obs.updatedMs, obs.status)) {
				this.stats.repeats++;
				continue;
			}
			cursor.markProcessed(obs.orderId, obs.updatedMs, obs.status);
			const known = cursor.memory.get(obs.orderId, obs.createdMs);
			const decision = decide(obs, known, {
				startMs: cursor.startMs,
				doneFloorMs: floors.done,
				openFloorMs: floors.open,
				selected: this.selected,
				fbaNewWhen: this.fbaNewWhen,
			});
			if (decision.remember && decision.remember !== known) cursor.memory.set(obs.orderId, obs.createdMs, decision.remember);
			if (decision.event) this.events.push({ event: decision.event, observation: obs });
		}
	}

	/** The events in the order the changes happened. */
	sorted(): EmittedEvent[] {
		return [...this.events].sort(
			(a, b) => a.observation.updatedMs - b.observation.updatedMs || a.observation.orderId.localeCompare(b.observation.orderId),
		);
	}
}
