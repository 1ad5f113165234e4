/** Routes of the APIs beyond sellers and orders, collected in one place for index.ts. */
import type { Route } from '../server';
import { fbaInventoryRoutes } from './fbaInventory';
import { feedsRoutes } from './feeds';
import { financesRoutes } from './finances';
import { financesV0Routes } from './financesV0';
import { listingsRoutes } from './listings';
import { ordersV0Routes } from './ordersV0';
import { reportSearchRoutes } from './reportSearch';
import { reportsRoutes } from './reports';

export const extraRoutes: Route[] = [
	...ordersV0Routes,
	...listingsRoutes,
	...feedsRoutes,
	...reportsRoutes,
	...reportSearchRoutes,
	...fbaInventoryRoutes,
	...financesRoutes,
	...financesV0Routes,
];
