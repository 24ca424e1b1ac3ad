/**
 * Wiring of the population and reconciliation modules (issue 5): one call from createServices.
 * The lookup service is the online one when POPULATION_LOOKUP_URL is set, else the local extracts.
 */
import type { Kysely } from 'kysely'
import type { Config } from '../../config'
import type { EngineName } from '../../db/engine'
import type { Database } from '../../db/schema'
import type { BooksService } from '../books'
import type { JobHandler, JobsService } from '../jobs'
import { createPopulationImportJob } from '../population'
import type { PopulationLookup } from '../population'
import { createHttpLookup } from '../population'
import { createLocalLookup } from '../population'
import { createPopulationService } from '../population'
import { createUploadStore } from '../population'
import { createPopulationUploadCleanupTask } from '../population'
import type { FileStore } from '../files'
import type { PeriodicTask } from '../jobs'
import type { UnitsService } from '../units'
import { createReconcileJob } from './batch'
import { createFollowupService } from './followup-service'
import { createNotFoundService } from './not-found'
import { createReconciliationService } from './service'
import { createSettingsService } from './settings'

export function createPopulationLookup(config: Config, db: Kysely<Database>): PopulationLookup {
  const { url, key, timeoutMs, populationSize } = config.populationLookup
  return url ? createHttpLookup({ url, key, timeoutMs, populationSize }) : createLocalLookup(db)
}

export function createReconciliationModule(config: Config, db: Kysely<Database>, deps: { engine: EngineName; units: UnitsService; books: BooksService; jobs: JobsService; files: FileStore }) {
  // Population uploads in the shared file store and the database: any instance shows them and runs their load.
  const uploads = createUploadStore(db, deps.files)
  const lookup = createPopulationLookup(config, db)
  const settings = createSettingsService(db)
  const jobHandlers: JobHandler[] = [createPopulationImportJob(uploads, deps.files), createReconcileJob({ db, engine: deps.engine, units: deps.units, lookup, settings })]
  const periodic: PeriodicTask[] = [createPopulationUploadCleanupTask(uploads)]
  return {
    jobHandlers,
    periodic,
    services: {
      population: createPopulationService(db, deps.units, deps.jobs, uploads),
      reconciliation: createReconciliationService({ db, units: deps.units, books: deps.books, jobs: deps.jobs, lookup, settings }),
      followups: createFollowupService(db, deps.units),
      notFound: createNotFoundService(db, deps.units),
    },
  }
}
