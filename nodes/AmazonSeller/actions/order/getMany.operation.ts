import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Placeholder until the operation lands (owned by the engineer building it).
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, _items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	throw new NodeOperationError(this.getNode(), 'This operation is not built yet');
}
