/** The population module's public surface: other modules import only from here (lint enforces it). */
export { createPopulationImportJob } from './import-job'
export { type Candidate, type CandidateSnapshot, type LookupQuery, type LookupResult, type PopulationLookup } from './lookup'
export { createHttpLookup } from './lookup-http'
export { createLocalLookup } from './lookup-local'
export { createPopulationService } from './service'
export { snapshotsByIds } from './snapshots'
export { createUploadStore } from './uploads'
export { createPopulationUploadCleanupTask, POPULATION_UPLOAD_CLEANUP_TASK, type PopulationCleanupResult } from './upload-cleanup'
