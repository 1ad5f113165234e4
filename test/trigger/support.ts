/** Shared setup for the trigger's simulator tests. */
import type { INodeExecutionData } from 'n8n-workflow';

import { startSimulator, type Simulator } from '../../simulator';
import type { SimOrder } from '../../simulator';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import { resetPacing } from '../../nodes/AmazonSeller/transport/pacing';
import { clearParticipationCache } from '../../nodes/AmazonSeller/trigger/accountCheck';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface SimSetup {
	sim: Simulator;
	clock: VirtualClock;
	close(): Promise<void>;
}

/** A virtual clock on which every request takes `latencyMs` (a slow network, or a slow Amazon). */
class LatencyClock extends VirtualClock {
	constructor(
		start: number,
		private readonly latencyMs: number,
	) {
		super(start);
	}

	override async track<T>(work: Promise<T>): Promise<T> {
		const result = await super.track(work);
		this.advance(this.latencyMs);
		return result;
	}
}

export async function simulatorOnVirtualClock(
	seed: number,
	start = Date.UTC(2026, 5, 1, 12),
	paginationMode: 'live' | 'snapshot' = 'live',
	latencyMs = 0,
): Promise<SimSetup> {
	const clock = latencyMs ? new LatencyClock(start, latencyMs) : new VirtualClock(start);
	setClock(clock);
	resetPacing();
	clearParticipationCache();
	const sim = await startSimulator({ clock, seed, seedOrders: 0, paginationMode });
	return {
		sim,
		clock,
		close: async () => {
			await sim.close();
			setClock(systemClock);
		},
	};
}

export function eventsOf(items: INodeExecutionData[], event?: string): INodeExecutionData[] {
	return event ? items.filter((i) => i.json.event === event) : items;
}

export function countBy<T>(list: T[], key: (t: T) => string): Map<string, number> {
	const out = new Map<string, number>();
	for (const x of list) out.set(key(x), (out.get(key(x)) ?? 0) + 1);
	return out;
}

/**
 * Every version (lastUpdatedTime) an order takes from now on, with the status it had: the
 * simulator keeps only the current one, so the test watches the field.
 */
export class VersionLog {
	readonly versions = new Map<string, Array<{ at: number; status: string }>>();

	watch(order: SimOrder): void {
		if (this.versions.has(order.orderId)) return;
		const log: Array<{ at: number; status: string }> = [{ at: order.lastUpdatedTime, status: order.status }];
		this.versions.set(order.orderId, log);
		let value = order.lastUpdatedTime;
		Object.defineProperty(order, 'lastUpdatedTime', {
			get: () => value,
			set: (v: number) => {
				if (v !== value) log.push({ at: v, status: order.status });
				value = v;
			},
			enumerable: true,
			configurable: true,
		});
	}
}
