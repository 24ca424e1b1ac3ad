/** The audit module's public surface: other modules import only from here (lint enforces it). */
export { type Actor, actorOf, diffFields, recordAudit } from './service'
