/** The units module's public surface: other modules import only from here (lint enforces it). */
export { descendantUnitIds } from './repository'
export { type UnitsService } from './service'
