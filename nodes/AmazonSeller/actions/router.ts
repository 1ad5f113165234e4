import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as event from './event';
import * as feed from './feed';
import * as finance from './finance';
import * as inventory from './inventory';
import { ItemRunner } from './itemRunner';
import * as order from './order';
import * as returns from './return';
import * as salesOrder from './salesOrder';
import type { AmazonSellerResource, OperationModule } from './types';

const resources: Record<AmazonSellerResource, Record<string, OperationModule>> = {
	order: order.operations,
	inventory: inventory.operations,
	salesOrder: salesOrder.operations,
	event: event.operations,
	feed: feed.operations,
	finance: finance.operations,
	return: returns.operations,
};

/**
 * Picks the operation and gives it the one item runner: checks before sending, pairing, "Continue
 * On Fail" and the item labels are handled there, the same way for every operation.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as AmazonSellerResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const runner = new ItemRunner(this, this.getInputData());
	await module.execute.call(this, runner);
	return runner.output();
}
