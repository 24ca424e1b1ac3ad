/** The exports module's public surface: other modules import only from here (lint enforces it). */
export { XLSX_MIME, sendDownload } from './download'
