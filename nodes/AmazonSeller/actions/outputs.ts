import { mapsPayout, PAYOUT_OUTPUTS } from './finance/outputs';
import { MISSING_OFFERS, routesMissingOffers } from './salesOrder/outputs';

/**
 * The node's outputs as one expression n8n evaluates on the node's parameters (as its Switch node
 * does): two when Map Order to Sales Order routes missing offers or for Map Payout to Journal
 * Entry, else one.
 */
export const NODE_OUTPUTS = `(${routesMissingOffers}) ? ${MISSING_OFFERS} : (${mapsPayout}) ? ${PAYOUT_OUTPUTS} : [{ "type": "main" }]`;
