/**
 * The node's outputs as an expression n8n evaluates on the node's parameters (as its Switch node
 * does): one main output, or two when Map Order to Sales Order routes orders with missing offers.
 * actions/outputs.ts combines it with the other operations' outputs.
 */
export const routesMissingOffers =
	'$parameter.resource === "salesOrder" && $parameter.operation === "map" && ' +
	'["field", "table"].includes($parameter.offerMapping) && $parameter.routeMissingOffers === true';

export const MISSING_OFFERS = '[{ "type": "main", "displayName": "Sales Orders" }, { "type": "main", "displayName": "Missing Offers" }]';

export const MISSING_OFFERS_OUTPUTS = `(${routesMissingOffers}) ? ${MISSING_OFFERS} : [{ "type": "main" }]`;
