/** The ocr module's public surface: other modules import only from here (lint enforces it). */
export { createOcrService, type OcrService } from './service'
export { createTesseractEngine, type OcrEngine, type OcrReading } from './engine'
export { OCR_PAGE_JOB } from './job'
export { queueUnreadPages } from './queue'
export { ocrRoutes } from './routes'
