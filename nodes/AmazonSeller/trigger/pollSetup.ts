/**
 * What a poll settles with n8n before reading: the parameters, the account's marketplaces, the
 * saved position, and the warning about a poll interval Amazon's budget does not sustain. Errors
 * become n8n errors naming what to fix.
 */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkMarketplaces, participatingMarketplaces } from './accountCheck';
import { Cursor } from './cursor';
import type { TriggerOptions } from './options';
import { readTriggerOptions, TriggerInputError } from './options';
import { shortestPollIntervalMs, STEADY_INTERVAL_MS } from './readPolicy';
import { triggerState } from '../state';
import type { SpApiClient } from '../transport';
import { getClock, RateBudgetError, SpApiError, toNodeError } from '../transport';

/** A fresh trigger starts this far back at most, to cover the gap between activation and its first saved poll. */
const MAX_INITIAL_LOOKBACK_MS = 3600_000;

export function readOptions(ctx: IPollFunctions, nowMs: number): TriggerOptions {
	try {
		return readTriggerOptions((name, fallback) => ctx.getNodeParameter(name, fallback), nowMs);
	} catch (error) {
		if (error instanceof TriggerInputError) throw new NodeOperationError(ctx.getNode(), error.message, { description: `Check the "${error.field}" parameter.` });
		throw toNodeError(ctx.getNode(), error);
	}
}

/**
 * The saved position, or a new one: from the Start Date when set (a changed Start Date restarts
 * there), else from about now. A new position starts one poll interval back, because n8n does
 * not save what the poll at activation staged: the first scheduled poll creates it again, and
 * must still cover the time since activation.
 */
export function cursorFor(ctx: IPollFunctions, stored: unknown, options: TriggerOptions, nowMs: number): Cursor {
	const existing = Cursor.load(stored);
	if (existing && (!options.startDate || existing.startDate === options.startDate.text)) return existing;
	if (options.startDate) return Cursor.fresh(options.startDate.ms, options.startDate.text);
	const interval = shortestPollIntervalMs(ctx.getNodeParameter('pollTimes', {})) ?? MAX_INITIAL_LOOKBACK_MS;
	return Cursor.fresh(nowMs - Math.min(interval, MAX_INITIAL_LOOKBACK_MS));
}

/**
 * The account's marketplaces (cached an hour), checked against the selection. Permanent problems
 * throw: at activation n8n then refuses to activate with this message. A transient failure only
 * stops the editor's test; a scheduled poll goes on without the list.
 */
export async function checkAccount(ctx: IPollFunctions, client: SpApiClient, options: TriggerOptions, strict: boolean): Promise<string[] | undefined> {
	let participating: string[];
	try {
		participating = await participatingMarketplaces(client, getClock().now());
	} catch (error) {
		const transient = error instanceof RateBudgetError || (error instanceof SpApiError && error.transient);
		if (transient && !strict) return undefined;
		throw toNodeError(ctx.getNode(), error);
	}
	try {
		checkMarketplaces(options.marketplaceIds, participating, client.region);
	} catch (error) {
		if (error instanceof TriggerInputError) throw new NodeOperationError(ctx.getNode(), error.message, { description: `Check the "${error.field}" setting.` });
		throw toNodeError(ctx.getNode(), error);
	}
	return participating;
}

/** The operation the workflow confirms deliveries with (actions/event/confirmDelivery.operation.ts). */
export const CONFIRM_DELIVERY = { resource: 'event', operation: 'confirmDelivery' };

/**
 * Whether the workflow confirms deliveries: an enabled Amazon Seller → Event → Confirm Delivery
 * node after this trigger. Only then does the trigger keep events until they are confirmed.
 */
export function confirmsDeliveries(ctx: IPollFunctions): boolean {
	return ctx
		.getChildNodes(ctx.getNode().name, { includeNodeParameters: true })
		.some(
			(node) =>
				!node.disabled &&
				node.type.endsWith('.amazonSeller') &&
				node.parameters?.resource === CONFIRM_DELIVERY.resource &&
				node.parameters?.operation === CONFIRM_DELIVERY.operation,
		);
}

/** Logs once per process and node when the poll interval is shorter than Amazon's budget sustains. */
export function warnAboutPollInterval(ctx: IPollFunctions): void {
	const interval = shortestPollIntervalMs(ctx.getNodeParameter('pollTimes', {}));
	if (interval === undefined || interval >= STEADY_INTERVAL_MS) return;
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	if (triggerState.intervalWarnings.has(key)) return;
	triggerState.intervalWarnings.add(key);
	ctx.logger.warn(
		`Amazon Seller Trigger "${ctx.getNode().name}" polls every ${Math.round(interval / 1000)} s, but Amazon allows one order search per ${Math.round(STEADY_INTERVAL_MS / 1000)} s per seller account. Polls in between skip quietly (nothing is lost); polling every 3 minutes or more saves executions.`,
	);
}
