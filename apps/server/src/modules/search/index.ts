/** The search module's public surface (registry-wide search, issue 12). */
export { createSearchService, type SearchService } from './service'
export { searchRoutes } from './routes'
