/** Routes of the APIs beyond sellers and orders, collected in one place for index.ts. */
import type { Route } from '../server';
import { ordersV0Routes } from './ordersV0';

export const extraRoutes: Route[] = [...ordersV0Routes];
