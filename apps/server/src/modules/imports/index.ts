/** The imports module's public surface: other modules import only from here (lint enforces it). */
export { type SheetFormat, checkXlsxSafety, readHead, sniffFormat } from './file-checks'
export { cellText, readRows } from './readers'
export { lockContent, otherUses, uploadsKeeping } from './upload-cleanup'
