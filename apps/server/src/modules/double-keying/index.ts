/** The double-keying module's public surface (issue 11: two blind keyings, comparison, arbitration). */
export { createDoubleKeyingService, type DoubleKeyingService } from './service'
export { doubleKeyingRoutes } from './routes'
