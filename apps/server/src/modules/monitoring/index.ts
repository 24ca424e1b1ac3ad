/** Health and Prometheus metrics (issue 17): reads only, owns no table. */
export { createServerMetrics, type ServerMetrics } from './metrics'
export { monitoringRoutes } from './routes'
