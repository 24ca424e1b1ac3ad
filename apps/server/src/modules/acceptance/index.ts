/** The acceptance module's public surface (nghiệm thu by sampling). */
export { createAcceptanceService, type AcceptanceService } from './service'
export { createRecordService, type RecordService } from './record'
export { acceptanceRoutes } from './routes'
export { acceptanceCounts, type AcceptanceCounts } from './counts'
