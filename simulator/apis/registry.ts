/** Routes of the APIs beyond sellers and orders, collected in one place for index.ts. */
import type { Route } from '../server';

export const extraRoutes: Route[] = [];
