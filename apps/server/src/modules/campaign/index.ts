/** The campaign module's public surface (issue 13): phases, unit plans, book inventory. */
export { findPhase, listPhasesInScope, planTargets, type PlanTarget } from './targets'
export { phaseCommunesIn, phaseCoverage } from './phases'
export { provinceIdOf, type PhaseRow } from './repository'
export { createCampaignService, type CampaignService } from './service'
export { campaignRoutes } from './routes'
export { appendixCells, cellLines, drawAppendixTable, drawRow, type PdfTableLayout } from './appendix-files'
