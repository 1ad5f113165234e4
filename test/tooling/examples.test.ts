/**
 * The example workflows follow the trigger's own advice: Amazon allows one order search per
 * ~179 s per seller account, so no example's Amazon Seller Trigger polls more often than that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STEADY_INTERVAL_MS, shortestPollIntervalMs } from '../../nodes/AmazonSeller/trigger/readPolicy';

const DIR = path.join(__dirname, '..', '..', 'examples');
const triggers = fs
	.readdirSync(DIR)
	.filter((f) => f.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).nodes as Array<{ name: string; type: string; parameters: Record<string, unknown> }>)
			.filter((n) => n.type === 'n8n-nodes-amazon-seller.amazonSellerTrigger')
			.map((n) => [`${file}: ${n.name}`, n.parameters.pollTimes] as const),
	);

test('the examples have Amazon Seller Triggers to check', () => {
	expect(triggers.length).toBeGreaterThanOrEqual(2);
});

test.each(triggers)('%s polls no more often than Amazon allows a search', (_name, pollTimes) => {
	const interval = shortestPollIntervalMs(pollTimes);
	expect(interval).toBeDefined();
	expect(interval!).toBeGreaterThanOrEqual(STEADY_INTERVAL_MS);
});
