/** The campaign dashboard (issue 13): figures per unit rolled up from the units below. */
export { createDashboardService, type DashboardService } from './service'
export { dashboardRoutes } from './routes'
