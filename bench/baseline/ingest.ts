/**
 * The baseline's order ingest: what a per-order connector does on each poll. Page through v0
 * getOrders for everything created since the last poll, and fetch each order's items with
 * getOrderItems as the page is processed (both paced at the published rates by V0OrdersClient).
 */
import type { V0OrdersClient } from './v0Client';

export interface V0IngestResult {
	/** Distinct orders read, each with its items. */
	orders: number;
	items: number;
	/** Orders a later page listed again (and that were skipped). */
	repeats: number;
}

export async function ingestV0(
	client: V0OrdersClient,
	options: { marketplaceIds: string[]; createdAfter: string; onOrder?: (orderId: string) => void },
): Promise<V0IngestResult> {
	const seen = new Set<string>();
	let items = 0;
	let repeats = 0;
	let nextToken: string | undefined;
	do {
		const page = await client.getOrders({ marketplaceIds: options.marketplaceIds, createdAfter: options.createdAfter, nextToken });
		for (const order of page.orders) {
			const orderId = String(order.AmazonOrderId);
			if (seen.has(orderId)) {
				repeats++;
				continue;
			}
			seen.add(orderId);
			items += (await client.getOrderItems(orderId)).length;
			options.onOrder?.(orderId);
		}
		nextToken = page.nextToken;
	} while (nextToken);
	return { orders: seen.size, items, repeats };
}
