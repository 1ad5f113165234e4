import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../processItems';
import { asNodeError, errorItem, toPairedItems } from '../processItems';
import { InputError, itemLabel } from './inputError';

/**
 * The per-item loop in stages: every item passes stage 1 (e.g. checking its fields) before any
 * item enters stage 2 (e.g. calling Amazon), so a bad input stops the run before anything is
 * sent. Without "Continue On Fail" the first failure is thrown with its item index; with it, the
 * failure becomes that item's output and the item skips the later stages.
 */
export class ItemBatch<T> {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly count: number,
		private readonly values: Map<number, T>,
		private readonly failures: Map<number, Error>,
		private readonly orderIds: Map<number, string>,
	) {}

	static of(ctx: IExecuteFunctions, items: INodeExecutionData[]): ItemBatch<INodeExecutionData> {
		return new ItemBatch(ctx, items.length, new Map(items.map((item, index) => [index, item])), new Map(), new Map());
	}

	/** Items still going, in input order. */
	get live(): Array<[number, T]> {
		return [...this.values];
	}

	/** Runs `stage` on each live item, one after another. */
	async map<U>(stage: (itemIndex: number, value: T) => Promise<U> | U): Promise<ItemBatch<U>> {
		const next = new Map<number, U>();
		for (const [itemIndex, value] of this.values) {
			try {
				next.set(itemIndex, await stage(itemIndex, value));
			} catch (error) {
				this.fail(itemIndex, error);
			}
		}
		return new ItemBatch(this.ctx, this.count, next, this.failures, this.orderIds);
	}

	/** Remembers which order an item is about, so its errors name it. */
	noteOrder(itemIndex: number, orderId: string): void {
		this.orderIds.set(itemIndex, orderId);
	}

	/** Records a failure for an item (throws at once without "Continue On Fail"). */
	fail(itemIndex: number, error: unknown): void {
		const nodeError = this.toNodeError(itemIndex, error);
		if (!this.ctx.continueOnFail()) throw nodeError;
		this.values.delete(itemIndex);
		this.failures.set(itemIndex, nodeError);
	}

	/** The node's output: each item's result (or its error), paired with its input, in input order. */
	output(toResult: (itemIndex: number, value: T) => ItemResult): INodeExecutionData[] {
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < this.count; itemIndex++) {
			const failure = this.failures.get(itemIndex);
			if (failure) out.push(errorItem(failure, itemIndex));
			else if (this.values.has(itemIndex)) out.push(...toPairedItems(toResult(itemIndex, this.values.get(itemIndex) as T), itemIndex));
		}
		return out;
	}

	private toNodeError(itemIndex: number, error: unknown): Error {
		if (error instanceof InputError) {
			const orderId = error.orderId ?? this.orderIds.get(itemIndex);
			return new NodeOperationError(this.ctx.getNode(), `${itemLabel(itemIndex, orderId)}: ${error.message}`, {
				itemIndex,
				description: [`Field: ${error.field}.`, error.hint, 'Amazon was not asked to change anything for this item.'].filter(Boolean).join(' '),
			});
		}
		const nodeError = asNodeError(this.ctx, error, itemIndex);
		if (!nodeError.message.startsWith('Item ')) nodeError.message = `${itemLabel(itemIndex, this.orderIds.get(itemIndex))}: ${nodeError.message}`;
		return nodeError;
	}
}
