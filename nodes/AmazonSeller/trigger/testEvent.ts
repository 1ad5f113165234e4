/**
 * "Fetch Test Event" in the editor: a few recent orders, labelled with the event each would be,
 * read with as few searchOrders calls as possible (narrow window first). It never touches the
 * cursor: manual runs must not move the trigger's position.
 */
import { Cursor } from './cursor';
import type { FbaNewWhen } from './events';
import { decide } from './events';
import type { SearchOrders, StreamFilter } from './orderStream';
import { searchQueryFor } from './orderStream';
import { observationOf } from './observations';
import type { EmittedEvent, TriggerEvent } from './types';

const LOOKBACKS_MS = [3600_000, 24 * 3600_000, 7 * 24 * 3600_000];
export const TEST_EVENT_COUNT = 5;
/** The editor waits for the test event; a longer wait for budget is reported instead. */
const MAX_WAIT_MS = 20_000;

export async function fetchTestEvents(
	search: SearchOrders,
	filter: StreamFilter,
	selected: ReadonlySet<TriggerEvent>,
	fbaNewWhen: FbaNewWhen,
	nowMs: number,
): Promise<EmittedEvent[]> {
	const before = Cursor.settledBefore(nowMs);
	const all = new Set<TriggerEvent>(['newOrder', 'orderCanceled', 'orderUpdated']);
	for (const lookback of LOOKBACKS_MS) {
		const page = await search(searchQueryFor({ afterMs: before - lookback, beforeMs: before }, filter), {
			maxWaitMs: MAX_WAIT_MS,
			deadlineMs: 60_000,
		});
		const events: EmittedEvent[] = [];
		for (const raw of page.orders ?? []) {
			const obs = observationOf(raw);
			if (!obs) continue;
			// The event the order's current state stands for, as if it were seen for the first time.
			const { event } = decide(obs, undefined, { startMs: 0, doneFloorMs: 0, openFloorMs: 0, selected: all, fbaNewWhen });
			if (event) events.push({ event, observation: obs });
		}
		if (!events.length) continue;
		return events
			.sort((a, b) => Number(selected.has(b.event)) - Number(selected.has(a.event)) || b.observation.updatedMs - a.observation.updatedMs)
			.slice(0, TEST_EVENT_COUNT);
	}
	return [];
}
