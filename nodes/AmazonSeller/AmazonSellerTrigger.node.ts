import type { INodeType, INodeTypeDescription, IPollFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

// Placeholder until the trigger lands (owned by the engineer building it).
export class AmazonSellerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Seller Trigger',
		name: 'amazonSellerTrigger',
		icon: { light: 'file:amazon.svg', dark: 'file:amazon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"] }}',
		description: 'Starts the workflow when Amazon orders are new, canceled or updated',
		defaults: { name: 'Amazon Seller Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'amazonSellerApi', required: true, testedBy: 'amazonSellerApiTest' }],
		properties: [],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		throw new NodeOperationError(this.getNode(), 'The trigger is not built yet');
	}
}
