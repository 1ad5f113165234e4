/**
 * Amazon's cancellation reasons for the order acknowledgement feed (POST_ORDER_ACKNOWLEDGEMENT_DATA,
 * `OrderAcknowledgement/Item/CancelReason`, OrderAcknowledgement.xsd). Pure data, no n8n imports.
 * Amazon puts the canceled units back in stock for every reason except NoInventory.
 */
export interface CancelReason {
	code: string;
	description: string;
}

export const CANCEL_REASONS: readonly CancelReason[] = [
	{ code: 'BuyerCanceled', description: 'The buyer asked to cancel' },
	{ code: 'CarrierCoverageFailure', description: 'No carrier serves the destination' },
	{ code: 'CarrierCreditDecision', description: 'The carrier declined the shipment' },
	{ code: 'CustomerExchange', description: 'The buyer exchanges the item' },
	{ code: 'CustomerReturn', description: 'The buyer returns the item' },
	{ code: 'GeneralAdjustment', description: 'Any other reason' },
	{ code: 'MerchandiseNotReceived', description: 'The buyer did not receive the item' },
	{ code: 'NoInventory', description: 'Out of stock (stock is not put back)' },
	{ code: 'RiskAssessmentInformationNotValid', description: 'The order failed a risk check' },
	{ code: 'ShippingAddressUndeliverable', description: 'The address cannot be delivered to' },
];

const byLowerCase = new Map(CANCEL_REASONS.map((reason) => [reason.code.toLowerCase(), reason.code]));

/** The reason code as Amazon spells it, for a value in any letter case; undefined when unknown. */
export function cancelReasonFor(value: string): string | undefined {
	return byLowerCase.get(value.trim().toLowerCase());
}
