/**
 * The trigger's parameters, read and checked before any call to Amazon. Pure: the node passes a
 * getter; errors name the field the user has to fix.
 */
import { DateTime } from 'luxon';

import { marketplaceById } from '../amazon/marketplaces';
import { DEFAULT_REDELIVER_AFTER_MS } from './delivery';
import type { FbaNewWhen } from './events';
import type { MoneyEvent } from './money/types';
import { isMoneyEvent } from './money/types';
import type { FulfilledBy, TriggerEvent } from './types';
import { TRIGGER_EVENTS } from './types';

export type OutputFormat = 'raw' | 'salesOrder';

export interface TriggerOptions {
	/** The order events selected (the searchOrders stream). */
	events: ReadonlySet<TriggerEvent>;
	/** The money events selected (trigger/money/: other operations, their own position). */
	moneyEvents: ReadonlySet<MoneyEvent>;
	/** Empty: every marketplace the account sells in. */
	marketplaceIds: string[];
	/** Empty: both. */
	fulfilledBy: FulfilledBy[];
	includeBuyerData: boolean;
	output: OutputFormat;
	fbaNewWhen: FbaNewWhen;
	/** Backfill start, when set. */
	startDate?: { ms: number; text: string };
	/** With a Confirm Delivery node: how long an event may stay unconfirmed before it is delivered again. */
	redeliverAfterMs: number;
}

export class TriggerInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'TriggerInputError';
	}
}

export type ParameterGetter = (name: string, fallback: unknown) => unknown;

const FULFILLED_BY: Record<string, FulfilledBy[]> = { both: [], amazon: ['AMAZON'], merchant: ['MERCHANT'] };

export function readTriggerOptions(get: ParameterGetter, nowMs: number): TriggerOptions {
	const events = get('events', []);
	if (!Array.isArray(events) || events.length === 0) {
		throw new TriggerInputError('Events', 'Select at least one event (New Order, Order Canceled, Order Updated, Payout, Order Refunded or Order Returned)');
	}
	for (const e of events) {
		if (!TRIGGER_EVENTS.includes(e as TriggerEvent) && !isMoneyEvent(e)) throw new TriggerInputError('Events', `Events: "${String(e)}" is not an event this trigger knows`);
	}

	const options = (get('options', {}) ?? {}) as Record<string, unknown>;
	const marketplaceIds = toList(options.marketplaceIds);
	for (const id of marketplaceIds) {
		if (!marketplaceById(id)) throw new TriggerInputError('Marketplace Names or IDs', `Marketplace Names or IDs: "${id}" is not an Amazon marketplace id`);
	}
	const fulfilledByValue = String(options.fulfilledBy ?? 'both');
	const fulfilledBy = FULFILLED_BY[fulfilledByValue];
	if (!fulfilledBy) throw new TriggerInputError('Fulfilled By', `Fulfilled By: "${fulfilledByValue}" is not amazon, merchant or both`);
	const output = String(options.output ?? 'raw');
	if (output !== 'raw' && output !== 'salesOrder') throw new TriggerInputError('Output', `Output: "${output}" is not raw or salesOrder`);
	const fbaNewWhen = String(options.fbaNewWhen ?? 'shipped');
	if (fbaNewWhen !== 'shipped' && fbaNewWhen !== 'paid') {
		throw new TriggerInputError('FBA Order Is New When', `FBA Order Is New When: "${fbaNewWhen}" is not shipped or paid`);
	}

	return {
		events: new Set(events.filter((e): e is TriggerEvent => TRIGGER_EVENTS.includes(e as TriggerEvent))),
		moneyEvents: new Set(events.filter(isMoneyEvent)),
		marketplaceIds,
		fulfilledBy: [...fulfilledBy],
		includeBuyerData: options.includeBuyerData === true,
		output,
		fbaNewWhen,
		startDate: readStartDate(options.startDate, nowMs),
		redeliverAfterMs: readRedeliverAfter(options.redeliverAfterMinutes),
	};
}

function readRedeliverAfter(value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_REDELIVER_AFTER_MS;
	const minutes = Number(value);
	if (!Number.isFinite(minutes) || minutes < 1) {
		throw new TriggerInputError('Redeliver Unconfirmed After (Minutes)', `Redeliver Unconfirmed After (Minutes) must be 1 or more, not ${String(value)}`);
	}
	return minutes * 60_000;
}

function readStartDate(value: unknown, nowMs: number): { ms: number; text: string } | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let time: DateTime;
	if (value instanceof Date) time = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) time = value;
	else time = DateTime.fromISO(String(value).trim(), { zone: 'utc', setZone: true });
	if (!time.isValid) throw new TriggerInputError('Start Date', `Start Date "${String(value)}" is not a date; use ISO 8601 such as 2026-01-05T00:00:00Z`);
	if (time.toMillis() > nowMs) throw new TriggerInputError('Start Date', `Start Date ${time.toUTC().toISO()} is in the future`);
	return { ms: time.toMillis(), text: time.toUTC().toISO() as string };
}

function toList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(',');
	return [...new Set(list.map((v) => String(v).trim()).filter(Boolean))];
}
