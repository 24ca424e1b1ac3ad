/** The bands module's public surface (issue 16 part 1: row bands of handwritten books, ruled-line detection). */
export { createBandsService, type BandsService } from './service'
export { bandsRoutes } from './routes'
