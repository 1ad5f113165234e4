/**
 * The Amazon Seller Trigger's poll, as n8n calls it: read the parameters and the trigger's position
 * from static data, run the poll's reads (pollRun.ts), and save the new position in the same step
 * as the items are returned, so that n8n commits both together (see docs/trigger.md).
 *
 * The position is only written at the end of a poll that did not throw. n8n 2.40 stages a poll's
 * static data and commits it with the execution the poll starts (or, for a poll that emits
 * nothing, on its own); a poll that throws commits nothing. Older n8n versions keep the object in
 * memory and save it when the poll emits. Either way a failed poll leaves the position where it
 * was and the next poll reads the same changes again.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { SpApiClient } from '../transport';
import { getClock, getSpApiClient, SpApiError, toNodeError } from '../transport';
import type { TriggerOptions } from './options';
import type { SearchOrders, StreamFilter } from './orderStream';
import { toItems } from './output';
import { runScheduledPoll } from './pollRun';
import { checkAccount, confirmsDeliveries, cursorFor, readOptions, warnAboutPollInterval } from './pollSetup';
import { noteTriggerPoll } from './readPolicy';
import { deliveryScope, deliveryStore } from '../cluster/deliveryStore';
import { backupPosition, positionBackupAvailable, restorePosition } from '../cluster/positionBackup';
import { triggerState } from '../state';
import { DeliveryLedger } from './delivery';
import { settleDeliveries } from './redelivery';
import { fetchTestEvents } from './testEvent';
import { MONEY_CURSOR_KEY } from './money/moneyCursor';
import { toMoneyItems } from './money/output';
import { pollMoney } from './money/pollMoney';
import { fetchMoneyTestEvents } from './money/testEvent';

/** Where the position lives in the node's static data. */
export const CURSOR_KEY = 'amazonOrders';
/** Scheduled polls failing for a transient reason this long surface as an error (the position is kept). */
export const FAILING_ALERT_MS = 3600_000;
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;
/** getOrder calls left to Get and Confirm Shipment when the trigger reads orders again for redelivery. */
const REREAD_RESERVE = 5;
/** The debug log line every scheduled poll ends with; its metadata is the poll's report. */
export const POLL_REPORT_LOG = 'Amazon Seller Trigger: poll done';

const NON_PII_DATA = ['FULFILLMENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'PACKAGES', 'PAYMENT'];
/** Buyer, delivery address and the buyer's tax registration: personal data, only on request. */
const PII_DATA = ['BUYER', 'RECIPIENT', 'TAX'];

export async function pollOrders(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const clock = getClock();
	const startedMs = clock.now();
	const options = readOptions(this, startedMs);
	const client = await getSpApiClient.call(this);
	const filter: StreamFilter = {
		marketplaceIds: options.marketplaceIds,
		fulfilledBy: options.fulfilledBy,
		includedData: options.includeBuyerData ? [...NON_PII_DATA, ...PII_DATA] : NON_PII_DATA,
	};
	const search: SearchOrders = async (query, callOptions) =>
		(await client.call<Record<string, unknown>>('searchOrders', { query }, callOptions)).body;

	if (this.getMode() === 'manual') {
		await checkAccount(this, client, options, true);
		try {
			// Only money events selected: recent ones of those (trigger/money/testEvent.ts).
			if (!options.events.size) {
				const money = toMoneyItems(await fetchMoneyTestEvents(client, options, clock.now()));
				return money.length ? [money] : null;
			}
			const events = await fetchTestEvents(search, filter, options.events, options.fbaNewWhen, clock.now());
			return events.length ? [toItems(events, options.output)] : null;
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		}
	}

	warnAboutPollInterval(this);
	// n8n starts the next tick even while a slow poll is still running; two polls of one node would
	// read the same changes and both commit them, so the later one steps aside.
	const pollKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	if (triggerState.runningPolls.has(pollKey)) {
		this.logger.debug(`Amazon Seller Trigger: the previous poll of "${this.getNode().name}" is still running; skipping this one`);
		return null;
	}
	triggerState.runningPolls.add(pollKey);
	try {
		return await scheduledPoll(this, client, options, filter, search, startedMs, pollKey);
	} finally {
		triggerState.runningPolls.delete(pollKey);
	}
}

async function scheduledPoll(
	ctx: IPollFunctions,
	client: SpApiClient,
	options: TriggerOptions,
	filter: StreamFilter,
	search: SearchOrders,
	startedMs: number,
	pollKey: string,
): Promise<INodeExecutionData[][] | null> {
	const clock = getClock();
	const participating = await checkAccount(ctx, client, options, false);
	const staticData = ctx.getWorkflowStaticData('node');
	const scope = deliveryScope(ctx.getWorkflow().id, ctx.getNode().name);
	const stored = await storedPosition(staticData, scope, (message) => ctx.logger.warn(`Amazon Seller Trigger: ${message}`, { node: ctx.getNode().name }));
	const cursor = cursorFor(ctx, stored[CURSOR_KEY], options, startedMs);
	const budgetMs = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS;
	// Stop starting calls with a margin before n8n's poll budget ends.
	const stopAtMs = startedMs + budgetMs - Math.min(budgetMs / 2, Math.max(5_000, budgetMs * 0.2));
	const warn = (message: string) => ctx.logger.warn(`Amazon Seller Trigger: ${message}`, { node: ctx.getNode().name });

	// With a Confirm Delivery node in the workflow, events are kept until confirmed (delivery.ts).
	const tracking = confirmsDeliveries(ctx);
	const store = tracking ? deliveryStore() : undefined;
	const ledger = tracking ? new DeliveryLedger(cursor.pending) : undefined;
	const redeliveries = ledger
		? await settleDeliveries({
				ledger,
				store: store!,
				scope,
				nowMs: clock.now(),
				redeliverAfterMs: options.redeliverAfterMs,
				output: options.output,
				reread: async (orderIds) => await rereadOrders(client, orderIds, filter.includedData),
				warn,
			})
		: undefined;

	let run;
	try {
		run = await runScheduledPoll(cursor, {
			client,
			options,
			filter,
			search,
			participating,
			sharers: noteTriggerPoll(client.accountKey, pollKey, clock.now()),
			stopAtMs,
			warn,
		});
	} catch (error) {
		// Not transient (a rejected request, a revoked credential): nothing is saved, the error shows in n8n.
		throw toNodeError(ctx.getNode(), error);
	}
	const { events, report, failure } = run;
	if (failure) warn(`Amazon did not answer (${failure.code}); the trigger keeps its position and reads again next poll`);
	// ——— Money events (trigger/money/): after the order stream, on what is left of the poll's time, with
	// their own position under MONEY_CURSOR_KEY, saved in this same step as the order cursor. ———
	const money = await pollMoney(ctx, { client, options, participating, stored: stored[MONEY_CURSOR_KEY], stopAtMs, warn });
	if (money.cursor) staticData[MONEY_CURSOR_KEY] = money.cursor;
	// ———
	const items = [...toItems(events, options.output), ...money.items];
	if (ledger) {
		const dropped = ledger.add(items.map((item) => item.json.eventId as string), clock.now());
		if (dropped.length) warn(`more than ${ledger.size} events await confirmation; the ${dropped.length} oldest are no longer tracked`);
		// A copy for redelivery; without it a redelivery reads the order again.
		await store!.keep(scope, items.map((item) => ({ eventId: item.json.eventId as string, json: item.json }))).catch((error: Error) => warn(`could not keep a copy of the events for redelivery (${error.message})`));
		cursor.pending = ledger.toJSON();
	} else {
		cursor.pending = undefined;
	}
	if (cursor.changed) staticData[CURSOR_KEY] = cursor.toJSON() as unknown as IDataObject;
	if (positionBackupAvailable() && (cursor.changed || money.cursor)) {
		// Queue mode: a copy in Redis, in case a worker's static-data write erases it (positionBackup.ts).
		await backupPosition(scope, { [CURSOR_KEY]: staticData[CURSOR_KEY], [MONEY_CURSOR_KEY]: staticData[MONEY_CURSOR_KEY] } as IDataObject).catch((error: Error) =>
			warn(`could not keep a copy of the trigger's position in Redis (${error.message})`),
		);
	}
	ctx.logger.debug(POLL_REPORT_LOG, {
		node: ctx.getNode().name,
		...report,
		...(money.report.calls || money.report.events ? { money: money.report } : {}),
		...(redeliveries ? { confirmed: redeliveries.confirmed, redelivered: redeliveries.redelivered, awaitingConfirmation: ledger!.size } : {}),
	});

	const failingSince = cursor.failingSinceMs;
	if (failure && failingSince !== undefined && clock.now() - failingSince > FAILING_ALERT_MS && items.length === 0) {
		const error = toNodeError(ctx.getNode(), failure);
		error.description = `Amazon has not answered for ${Math.round((clock.now() - failingSince) / 60_000)} minutes. The trigger keeps its position and catches up when Amazon answers again. ${error.description ?? ''}`.trim();
		throw error;
	}
	const all = [...(redeliveries?.items ?? []), ...items];
	return all.length ? [all] : null;
}

/** Orders read again for redelivery, as many as getOrder's budget allows now (keeping some for the actions). */
async function rereadOrders(client: SpApiClient, orderIds: string[], includedData: string[]): Promise<Map<string, Record<string, unknown>>> {
	const orders = new Map<string, Record<string, unknown>>();
	for (const orderId of orderIds) {
		if ((await client.available('getOrder')) <= REREAD_RESERVE) break;
		try {
			const { body } = await client.call<{ order?: Record<string, unknown> }>('getOrder', { path: { orderId }, query: { includedData } }, { maxWaitMs: 0, maxAttempts: 2 });
			if (body.order) orders.set(orderId, body.order);
		} catch (error) {
			// An order Amazon no longer has is skipped; anything else (budget, Amazon down) waits for the next poll.
			if (error instanceof SpApiError && error.statusCode === 404) continue;
			break;
		}
	}
	return orders;
}

/**
 * The position as stored in the node's static data; in queue mode, when none is stored at all (a
 * worker's static-data write erased it), the copy kept in Redis, with a warning.
 */
async function storedPosition(staticData: IDataObject, scope: string, warn: (message: string) => void): Promise<IDataObject> {
	if (staticData[CURSOR_KEY] !== undefined || staticData[MONEY_CURSOR_KEY] !== undefined || !positionBackupAvailable()) return staticData;
	const copy = await restorePosition(scope).catch(() => undefined);
	if (!copy?.[CURSOR_KEY] && !copy?.[MONEY_CURSOR_KEY]) return staticData;
	warn(
		"the workflow's static data holds no position for this trigger, but Redis has its copy: going on from there. " +
			'Another node of this workflow probably wrote workflow static data on a worker (docs/scale-out.md).',
	);
	return copy;
}
