/** The exports module's public surface: other modules import only from here (lint enforces it). */
export { XLSX_MIME, ZIP_MIME, sendDownload } from './download'
export { writeMojWorkbook } from './moj-workbook'
export { packageBaseName } from './places'
export { pageImagesByEntry, pdfNamer, writePdfZip, writeToFile, type PdfOfEntry } from './book-package'
export { missingScansText } from './unit-job'
