/** Weekly progress reports (issue 13): generated from the campaign's figures, submitted and frozen, exported. */
export { createReportsService, type ReportsService } from './service'
export { reportsRoutes } from './routes'
