import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as inventory from './inventory';
import * as order from './order';
import * as salesOrder from './salesOrder';
import type { AmazonSellerResource, OperationModule } from './types';

const resources: Record<AmazonSellerResource, Record<string, OperationModule>> = {
	order: order.operations,
	inventory: inventory.operations,
	salesOrder: salesOrder.operations,
};

/** Picks the operation module; operations own their item loop (some batch items into one feed). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as AmazonSellerResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const result = await module.execute.call(this, items);
	return Array.isArray(result[0]) ? (result as INodeExecutionData[][]) : [result as INodeExecutionData[]];
}
