/** The duplicates module's public surface: the scan job, the review list and its decisions (issue 12). */
export { createDuplicatesService, type DuplicatesService } from './service'
export { createDuplicatesScanJobHandler, DUPLICATES_SCAN_JOB } from './job'
export { duplicatesRoutes } from './routes'
