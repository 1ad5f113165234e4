import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation of the Amazon Seller node. Each `*.operation.ts` exports its own `description`
 * (the fields it shows) and `execute`, which receives *all* input items: some operations batch
 * items into one Amazon call (feeds), so the per-item loop lives in the operation, built on
 * `processItems` where items are independent.
 */
export type OperationExecute = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[] | INodeExecutionData[][]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

export type AmazonSellerResource = 'order' | 'inventory' | 'salesOrder';
