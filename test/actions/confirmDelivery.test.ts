import { NodeOperationError } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { deliveryScope, deliveryStore } from '../../nodes/AmazonSeller/cluster/deliveryStore';
import { runNode } from '../support/executeContext';

const TRIGGER = 'Amazon Seller Trigger';
const triggerItems = [{ eventId: '111-0000001-0000001:newOrder' }, { eventId: '111-0000002-0000002:orderCanceled' }];

describe('Event → Confirm Delivery', () => {
	it('confirms the events of the trigger items the input items came from, where the trigger reads them', async () => {
		const [out] = await runNode(new AmazonSeller(), {
			parameters: { resource: 'event', operation: 'confirmDelivery', eventSource: 'paired' },
			// Three ERP rows: two from the first order (header and line), one from the second.
			items: [{ json: { row: 1 } }, { json: { row: 2 } }, { json: { row: 3 } }],
			workflowId: 'wf-confirm',
			upstream: { triggerName: TRIGGER, triggerItems, pairing: (i) => [0, 0, 1][i] },
		});
		expect(out.map((o) => [o.json.eventIds, o.pairedItem])).toEqual([
			[['111-0000001-0000001:newOrder'], { item: 0 }],
			[['111-0000001-0000001:newOrder'], { item: 1 }],
			[['111-0000002-0000002:orderCanceled'], { item: 2 }],
		]);
		const confirmed = await deliveryStore().confirmed(deliveryScope('wf-confirm', TRIGGER), [...triggerItems.map((t) => t.eventId), 'other:newOrder']);
		expect([...confirmed].sort()).toEqual(triggerItems.map((t) => t.eventId).sort());
	});

	it('an item whose link to the trigger item is broken is named, and nothing is confirmed for the run', async () => {
		const run = runNode(new AmazonSeller(), {
			parameters: { resource: 'event', operation: 'confirmDelivery', eventSource: 'paired' },
			items: [{ json: {} }, { json: {} }],
			workflowId: 'wf-broken',
			upstream: { triggerName: TRIGGER, triggerItems, pairing: (i) => (i === 1 ? undefined : 0) },
		});
		await expect(run).rejects.toThrow(/^Item 1: this item's link to an Amazon Seller Trigger item is broken/);
		expect((await deliveryStore().confirmed(deliveryScope('wf-broken', TRIGGER), [triggerItems[0].eventId])).size).toBe(0);
	});

	it('takes the event id from a field when the flow breaks the links', async () => {
		const [out] = await runNode(new AmazonSeller(), {
			parameters: { resource: 'event', operation: 'confirmDelivery', eventSource: 'field', eventId: (i: number) => ['111-0000009-0000009:newOrder', ''][i] },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			workflowId: 'wf-field',
			upstream: { triggerName: TRIGGER, triggerItems, pairing: () => undefined },
		});
		expect(out[0].json).toMatchObject({ confirmed: true, eventIds: ['111-0000009-0000009:newOrder'] });
		expect(out[1].json.error).toBe("Item 1: Event ID is empty; map the trigger item's eventId");
	});

	it('refuses to run without an Amazon Seller Trigger before it', async () => {
		await expect(runNode(new AmazonSeller(), { parameters: { resource: 'event', operation: 'confirmDelivery' }, items: [{ json: {} }] })).rejects.toThrow(NodeOperationError);
	});
});
