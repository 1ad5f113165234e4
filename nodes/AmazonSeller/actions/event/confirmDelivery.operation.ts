import type { IDataObject, IExecuteFunctions, INodeProperties, NodeTypeAndVersion } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliveryScope, deliveryStore } from '../../cluster/deliveryStore';
import { InputError } from '../../rules/inputError';
import type { ItemRunner } from '../itemRunner';

const show = { resource: ['event'], operation: ['confirmDelivery'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Put this node where your ERP has the event (after the write). The Amazon Seller Trigger then keeps every event until it is confirmed here, and delivers again (same eventId) what is not confirmed in time: an execution that failed, or whose queue-mode worker died. Make your ERP writes idempotent by eventId.',
		name: 'confirmNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Events',
		name: 'eventSource',
		type: 'options',
		options: [
			{
				name: 'Trigger Items These Items Came From',
				value: 'paired',
				description: "Follows each item's link back to the Amazon Seller Trigger item it came from",
			},
			{ name: 'Event ID Field', value: 'field', description: 'Takes the event ID from each item, for flows that break the link to the trigger item' },
		],
		default: 'paired',
		displayOptions: { show },
	},
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '={{ $json.eventId }}',
		description: "The trigger's eventId of the event this item is about",
		displayOptions: { show: { ...show, eventSource: ['field'] } },
	},
];

const TRIGGER_TYPE_SUFFIX = '.amazonSellerTrigger';

/**
 * Event → Confirm Delivery: records, where the trigger reads it (n8n's Redis in queue mode, memory
 * otherwise), that these items' events reached the ERP. Outputs one item per input item saying
 * which events it confirmed.
 */
export async function execute(this: IExecuteFunctions, runner: ItemRunner): Promise<void> {
	const triggers = this.getParentNodes(this.getNode().name).filter((node) => node.type.endsWith(TRIGGER_TYPE_SUFFIX) && !node.disabled);
	if (!triggers.length) {
		throw new NodeOperationError(this.getNode(), 'Confirm Delivery must come after an Amazon Seller Trigger in the same workflow', {
			description: 'It confirms the events of the trigger that started this execution; connect it (directly or through other nodes) after that trigger.',
		});
	}
	const source = this.getNodeParameter('eventSource', 0, 'paired') as string;
	const checked = runner.read((itemIndex) => (source === 'field' ? fromField(this, itemIndex, triggers) : fromPairedItems(this, itemIndex, triggers)));
	if (!checked.length) return;

	// One write per trigger for all items.
	const byScope = new Map<string, string[]>();
	for (const { value } of checked) {
		for (const { trigger, eventId } of value) {
			const scope = deliveryScope(this.getWorkflow().id, trigger);
			byScope.set(scope, [...(byScope.get(scope) ?? []), eventId]);
		}
	}
	const store = deliveryStore();
	try {
		for (const [scope, eventIds] of byScope) await store.confirm(scope, [...new Set(eventIds)]);
	} catch (error) {
		for (const { itemIndex } of checked) {
			runner.fail(
				itemIndex,
				new NodeOperationError(this.getNode(), `could not record the delivery (${(error as Error).message}); the trigger will deliver these events again`, { itemIndex }),
			);
		}
		return;
	}
	for (const { itemIndex, value } of checked) {
		runner.ok(itemIndex, { confirmed: true, eventIds: value.map((entry) => entry.eventId), store: store.kind } as IDataObject);
	}
}

interface Confirmation {
	trigger: string;
	eventId: string;
}

/** The eventId of the trigger item this item descends from (n8n's paired-item link), per trigger. */
function fromPairedItems(ctx: IExecuteFunctions, itemIndex: number, triggers: NodeTypeAndVersion[]): Confirmation[] {
	const proxy = ctx.getWorkflowDataProxy(itemIndex);
	const found: Confirmation[] = [];
	for (const trigger of triggers) {
		let json: IDataObject | undefined;
		try {
			json = (proxy.$(trigger.name) as { item?: { json?: IDataObject } }).item?.json;
		} catch {
			// This item does not descend from that trigger (another trigger of the workflow, or a broken link).
			json = undefined;
		}
		if (typeof json?.eventId === 'string' && json.eventId) found.push({ trigger: trigger.name, eventId: json.eventId });
	}
	if (!found.length) {
		throw new InputError('Events', "this item's link to an Amazon Seller Trigger item is broken by an earlier node, so its event cannot be found", {
			hint: 'Choose Events: Event ID Field and map the eventId (e.g. carry it through your nodes), or keep the items paired.',
		});
	}
	return found;
}

function fromField(ctx: IExecuteFunctions, itemIndex: number, triggers: NodeTypeAndVersion[]): Confirmation[] {
	const value = ctx.getNodeParameter('eventId', itemIndex, '') as unknown;
	const eventId = typeof value === 'string' ? value.trim() : '';
	if (!eventId) throw new InputError('Event ID', 'Event ID is empty; map the trigger item\'s eventId');
	// Which trigger it came from is not known here: confirming it for each is harmless (ids differ per event).
	return triggers.map((trigger) => ({ trigger: trigger.name, eventId }));
}
