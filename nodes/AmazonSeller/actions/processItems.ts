import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../transport/errors';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[] | undefined;

/**
 * The per-item loop every independent-item operation shares (Outlook V2's pattern): each output
 * item is paired with its input; with "Continue On Fail" the error becomes that item's output and
 * the other items go on; otherwise the error is thrown with the item index so n8n points at it.
 */
export async function processItems(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number, item: INodeExecutionData) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handle(itemIndex, items[itemIndex]);
			out.push(...toPairedItems(result, itemIndex));
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			if (ctx.continueOnFail()) {
				out.push(errorItem(nodeError, itemIndex));
				continue;
			}
			throw nodeError;
		}
	}
	return out;
}

export function toPairedItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	if (result === undefined) return [];
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const isExecutionData = typeof entry === 'object' && entry !== null && 'json' in entry && typeof entry.json === 'object';
		const json = (isExecutionData ? (entry as INodeExecutionData).json : entry) as IDataObject;
		return { json, pairedItem: { item: itemIndex } };
	});
}

/** The output item "Continue On Fail" produces for a failed input item. */
export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as NodeApiError).description;
	if (description) json.errorDetails = description;
	const context = (error as NodeApiError).context;
	if (context?.amazonErrorCode) json.amazonErrorCode = context.amazonErrorCode as string;
	if (context?.requestId) json.requestId = context.requestId as string;
	return { json, pairedItem: { item: itemIndex } };
}

export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return toNodeError(ctx.getNode(), error, itemIndex);
}
