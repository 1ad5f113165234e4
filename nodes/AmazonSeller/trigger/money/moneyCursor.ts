/**
 * The money events' position, kept in the node's static data under its own key (MONEY_CURSOR_KEY),
 * beside the order cursor and committed with the execution the same way. Pure.
 *
 * One part per selected event; a part is created when its event is selected (starting at the
 * Start Date, or about now) and dropped when it is deselected, so selecting it again later starts
 * afresh instead of flooding the workflow with what happened meanwhile. A changed Start Date
 * restarts every part there.
 */
import { isRecord } from '../../amazon/json';
import { PayoutState, type PayoutStateJson } from './payouts';
import { RefundState, type RefundStateJson } from './refunds';
import { ReturnState, type ReturnStateJson } from './returns';
import type { MoneyEvent } from './types';

export const MONEY_CURSOR_KEY = 'amazonMoney';
export const MONEY_CURSOR_VERSION = 1;

export interface MoneyCursorJson {
	v: number;
	startDate?: string;
	payouts?: PayoutStateJson;
	refunds?: RefundStateJson;
	returns?: ReturnStateJson;
}

export class MoneyCursor {
	payouts?: PayoutState;
	refunds?: RefundState;
	returns?: ReturnState;
	private readonly startDate?: string;
	/** The stored form as read, to tell whether the poll changed anything. */
	private readonly readAs?: string;

	private constructor(usable: MoneyCursorJson | undefined, startDate: string | undefined, readAs: string | undefined) {
		this.startDate = startDate;
		this.readAs = readAs;
		if (usable) {
			this.payouts = usable.payouts ? PayoutState.load(usable.payouts) : undefined;
			this.refunds = usable.refunds ? RefundState.load(usable.refunds) : undefined;
			this.returns = usable.returns ? ReturnState.load(usable.returns) : undefined;
		}
	}

	/**
	 * The stored cursor with a part for each selected event: kept when it is there (and the Start
	 * Date is the one it started from), else started at `startMs`.
	 */
	static open(stored: unknown, selected: ReadonlySet<MoneyEvent>, startMs: number, startDate?: string): MoneyCursor {
		const usable = isRecord(stored) && stored.v === MONEY_CURSOR_VERSION && (stored.startDate as string | undefined) === startDate;
		const cursor = new MoneyCursor(usable ? (stored as unknown as MoneyCursorJson) : undefined, startDate, isRecord(stored) ? JSON.stringify(stored) : undefined);
		cursor.payouts = selected.has('payout') ? (cursor.payouts ?? PayoutState.fresh(startMs)) : undefined;
		cursor.refunds = selected.has('orderRefunded') ? (cursor.refunds ?? RefundState.fresh(startMs)) : undefined;
		cursor.returns = selected.has('orderReturned') ? (cursor.returns ?? ReturnState.fresh(startMs)) : undefined;
		return cursor;
	}

	toJSON(): MoneyCursorJson {
		const json: MoneyCursorJson = { v: MONEY_CURSOR_VERSION };
		if (this.startDate) json.startDate = this.startDate;
		if (this.payouts) json.payouts = this.payouts.toJSON();
		if (this.refunds) json.refunds = this.refunds.toJSON();
		if (this.returns) json.returns = this.returns.toJSON();
		return json;
	}

	/** The JSON to store, or undefined when nothing changed (static data is then left alone). */
	changedJson(): MoneyCursorJson | undefined {
		const json = this.toJSON();
		return JSON.stringify(json) === this.readAs ? undefined : json;
	}
}
