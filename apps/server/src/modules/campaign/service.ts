/** The campaign module's services, built once by the app (phases → inventory → plans, and the appendix files). */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { UnitsService } from '../units'
import { createAppendixFiles } from './appendix-files'
import { createInventoryService } from './inventory'
import { createPhasesService } from './phases'
import { createPlansService } from './plans'

export function createCampaignService(db: Kysely<Database>, units: UnitsService) {
  const phases = createPhasesService(db, units)
  const inventory = createInventoryService(db, units, phases)
  return { phases, inventory, plans: createPlansService(db, units, phases, inventory), appendix: createAppendixFiles(db, inventory) }
}
export type CampaignService = ReturnType<typeof createCampaignService>
