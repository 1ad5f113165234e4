/**
 * Map Payout to Journal Entry always has two outputs: entries ready to book, and entries with
 * Amazon types the account table does not book ("Unmapped Types"). An expression n8n evaluates on
 * the node's parameters (see actions/outputs.ts).
 */
export const mapsPayout = '$parameter.resource === "finance" && $parameter.operation === "mapPayout"';

export const PAYOUT_OUTPUTS = '[{ "type": "main", "displayName": "Journal Entries" }, { "type": "main", "displayName": "Unmapped Types" }]';
