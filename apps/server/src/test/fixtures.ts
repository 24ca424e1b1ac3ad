/**
 * The repository's own test data, copied from the project's shared folder (each folder's README says
 * where each file came from): tests never read outside the repository.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const DOMAIN_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../packages/domain/fixtures')

/** MOJ templates and exports: moj-template-KS.xlsx, real-export-CMC.2006.01.xlsx, moj-template-columns.json. */
export const MOJ_FIXTURES = path.join(DOMAIN_FIXTURES, 'moj')
/** Administrative unit lists (CSV). */
export const UNIT_LISTS = path.join(DOMAIN_FIXTURES, 'units')

export function mojFixture(name: string): Buffer {
  return fs.readFileSync(path.join(MOJ_FIXTURES, name))
}
