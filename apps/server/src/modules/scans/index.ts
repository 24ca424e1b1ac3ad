/** The scans module's public surface: other modules import only from here (lint enforces it). */
export { type ReceivedFile } from './upload'
export { scannedPageCounts } from './page-counts'
