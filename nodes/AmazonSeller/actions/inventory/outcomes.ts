import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../processItems';

type NodeError = NodeApiError | NodeOperationError;

/**
 * The result of each input item of a batched operation, collected while batches, lookups and
 * feeds finish in any order, and emitted in input order with pairedItem. Without "Continue On
 * Fail" the first failed item's error is thrown at the end, saying how the other items fared.
 */
export class ItemOutcomes {
	private readonly results = new Map<number, { json: IDataObject } | { error: NodeError }>();

	ok(itemIndex: number, json: IDataObject): void {
		this.results.set(itemIndex, { json });
	}

	fail(itemIndex: number, error: NodeError): void {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		this.results.set(itemIndex, { error });
	}

	has(itemIndex: number): boolean {
		return this.results.has(itemIndex);
	}

	get failures(): number {
		let count = 0;
		for (const result of this.results.values()) if ('error' in result) count++;
		return count;
	}

	/** Output items in input order; throws the first error unless the node continues on fail. */
	toOutput(ctx: IExecuteFunctions, itemCount: number, unsentNote = ''): INodeExecutionData[] {
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			const result = this.results.get(itemIndex);
			if (!result) continue;
			if ('json' in result) {
				out.push({ json: result.json, pairedItem: { item: itemIndex } });
				continue;
			}
			if (!ctx.continueOnFail()) throw this.withTally(result.error, itemCount, unsentNote);
			out.push(errorItem(result.error, itemIndex));
		}
		return out;
	}

	/** The thrown error only names one item; say what happened to the others. */
	private withTally(error: NodeError, itemCount: number, note: string): NodeError {
		if (itemCount < 2) return error;
		const failed = this.failures;
		const others = itemCount - failed;
		const fate = note || (others > 0 ? `The other ${others} went through (updated or skipped).` : '');
		const tally = `${failed} of ${itemCount} items failed. ${fate} Turn on "Continue On Fail" (Settings) to get every item's result.`.replace(/  +/g, ' ');
		error.description = [error.description, tally].filter(Boolean).join(' — ');
		return error;
	}
}
