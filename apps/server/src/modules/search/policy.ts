import { notFound } from '../../http/errors'
import type { UnitsService } from '../units'

/**
 * The unit filter: a unit of the user's scope (with the units below it), or a historic unit whose
 * books the scope now keeps (merged communes: listed by the units module as visible). Any other
 * unit answers 404, as for any object outside the scope.
 */
export async function unitFilterOf(units: UnitsService, userUnitId: string, scope: ReadonlySet<string>, unitId: string): Promise<{ scope: string[]; unitId: string }> {
  if (scope.has(unitId)) return { scope: [...(await units.scopeOf(unitId))], unitId }
  const visible = await units.listVisible(userUnitId)
  if (!visible.some((u) => u.id === unitId)) throw notFound('Không tìm thấy đơn vị này')
  return { scope: [unitId], unitId }
}
