/** The handover module's public surface (chuyển giao batches and their packages). */
export { createHandoverService, type HandoverService } from './service'
export { handoverRoutes } from './routes'
export { createHandoverPdfJobHandler, HANDOVER_PDFS_JOB } from './pdf-job'
