/** The campaign (issue 13): phases, plans, inventory (helper A); forecast and cost (helper B). */
export * from './phases'
export * from './plans'
export * from './inventory'
export * from './forecast'
export * from './cost'
export * from './weekly-report'
