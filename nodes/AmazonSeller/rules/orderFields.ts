import { marketplaceById } from '../amazon/marketplaces';
import { isAmazonOrderId } from '../amazon/orders';
import { InputError } from './inputError';

/** The order id, trimmed, in Amazon's 3-7-7 digit form. */
export function readOrderId(value: unknown): string {
	const orderId = value === undefined || value === null ? '' : String(value).trim();
	if (!orderId) throw new InputError('Order ID', 'Order ID is empty');
	if (!isAmazonOrderId(orderId)) {
		throw new InputError('Order ID', `Order ID "${orderId}" is not an Amazon order id (3-7-7 digits, e.g. 902-1106328-1059050)`, {
			hint: 'Use the Amazon order id, not your ERP\'s order number.',
		});
	}
	return orderId;
}

/** A marketplace id, or undefined when left empty. Unknown ids of the right shape pass: Amazon adds marketplaces. */
export function readMarketplaceId(value: unknown): string | undefined {
	const id = value === undefined || value === null ? '' : String(value).trim();
	if (!id) return undefined;
	if (!marketplaceById(id) && !/^[A-Z0-9]{9,16}$/.test(id)) {
		throw new InputError('Marketplace', `Marketplace "${id}" is not an Amazon marketplace id (e.g. ATVPDKIKX0DER for amazon.com)`);
	}
	return id;
}
