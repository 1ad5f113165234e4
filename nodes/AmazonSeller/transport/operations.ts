/**
 * Every SP-API operation this package calls, with the version pinned and Amazon's published usage
 * plan (rate in requests per second, burst). amazon-sp-api picks the *oldest* version of an
 * operation when none is given, so every call names its version explicitly from this table.
 * The rates are those of the official models (see test/models.test.ts, which checks them).
 */
export interface OperationSpec {
	/** amazon-sp-api endpoint name. */
	endpoint: string;
	/** amazon-sp-api (and SP-API) operation id. */
	operation: string;
	version: string;
	/** Sustained requests per second. */
	rate: number;
	burst: number;
}

const spec = (endpoint: string, operation: string, version: string, rate: number, burst: number): OperationSpec => ({
	endpoint,
	operation,
	version,
	rate,
	burst,
});

export const OPERATIONS = {
	getMarketplaceParticipations: spec('sellers', 'getMarketplaceParticipations', 'v1', 0.016, 15),
	searchOrders: spec('orders', 'searchOrders', '2026-01-01', 0.0056, 20),
	getOrder: spec('orders', 'getOrder', '2026-01-01', 0.5, 30),
	// v0 confirmShipment is current (only the v0 *reads* are deprecated).
	confirmShipment: spec('orders', 'confirmShipment', 'v0', 2, 10),
	getListingsItem: spec('listingsItems', 'getListingsItem', '2021-08-01', 5, 10),
	patchListingsItem: spec('listingsItems', 'patchListingsItem', '2021-08-01', 5, 5),
	searchListingsItems: spec('listingsItems', 'searchListingsItems', '2021-08-01', 5, 5),
	createFeedDocument: spec('feeds', 'createFeedDocument', '2021-06-30', 0.5, 15),
	createFeed: spec('feeds', 'createFeed', '2021-06-30', 0.0083, 15),
	getFeed: spec('feeds', 'getFeed', '2021-06-30', 2, 15),
	getFeedDocument: spec('feeds', 'getFeedDocument', '2021-06-30', 0.0222, 10),
	createReport: spec('reports', 'createReport', '2021-06-30', 0.0167, 15),
	getReport: spec('reports', 'getReport', '2021-06-30', 2, 15),
	getReportDocument: spec('reports', 'getReportDocument', '2021-06-30', 0.0167, 15),
	getInventorySummaries: spec('fbaInventory', 'getInventorySummaries', 'v1', 2, 2),
	// Settlement reports cannot be requested: they are found (getReports) and downloaded.
	getReports: spec('reports', 'getReports', '2021-06-30', 0.0222, 10),
	// Finances 2024-06-19 is current for transactions; v0 still has the event groups (settlement periods).
	listTransactions: spec('finances', 'listTransactions', '2024-06-19', 0.5, 10),
	listFinancialEventGroups: spec('finances', 'listFinancialEventGroups', 'v0', 0.5, 30),
	listFinancialEventsByGroupId: spec('finances', 'listFinancialEventsByGroupId', 'v0', 0.5, 30),
	listFinancialEventsByOrderId: spec('finances', 'listFinancialEventsByOrderId', 'v0', 0.5, 30),
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** The versions pinned on the client as well (belt and braces: callAPI also names the version). */
export const ENDPOINT_VERSIONS: Record<string, string> = {
	sellers: 'v1',
	orders: '2026-01-01',
	listingsItems: '2021-08-01',
	feeds: '2021-06-30',
	reports: '2021-06-30',
	fbaInventory: 'v1',
	finances: '2024-06-19',
};
