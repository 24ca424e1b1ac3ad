/** The review module's public surface (checking and approval of entries). */
export { createReviewService, type ReviewService } from './service'
export { reviewRoutes } from './routes'
export { bookLabelOf } from './presenter'
