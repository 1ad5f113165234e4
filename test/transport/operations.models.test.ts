import { OPERATIONS } from '../../nodes/AmazonSeller/transport/operations';
import { findOperation, loadModel, usagePlan } from '../support/models';

const MODEL_FILES: Record<string, string> = {
	'orders@2026-01-01': 'orders_2026-01-01.json',
	'orders@v0': 'ordersV0.json',
	'sellers@v1': 'sellers.json',
	'listingsItems@2021-08-01': 'listingsItems_2021-08-01.json',
	'feeds@2021-06-30': 'feeds_2021-06-30.json',
	'reports@2021-06-30': 'reports_2021-06-30.json',
	'fbaInventory@v1': 'fbaInventory.json',
	'finances@2024-06-19': 'finances_2024-06-19.json',
	'finances@v0': 'financesV0.json',
};

describe('pinned operations match the official models', () => {
	it.each(Object.entries(OPERATIONS))('%s: version exists and pacing uses the published rate and burst', (_name, spec) => {
		const file = MODEL_FILES[`${spec.endpoint}@${spec.version}`];
		expect(file).toBeDefined();
		const found = findOperation(loadModel(file), spec.operation);
		expect(found).toBeDefined();
		expect(usagePlan(found!.op)).toEqual({ rate: spec.rate, burst: spec.burst });
	});

	it('never reads orders through the deprecated v0 operations', () => {
		const v0 = Object.values(OPERATIONS).filter((spec) => spec.endpoint === 'orders' && spec.version === 'v0');
		expect(v0.map((spec) => spec.operation)).toEqual(['confirmShipment']);
	});
});
