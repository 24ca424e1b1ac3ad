/** The reconciliation module's surface for other modules (the app wires the rest from module.ts). */
export { reconciliationCounts, type ReconciliationCounts } from './counts'
