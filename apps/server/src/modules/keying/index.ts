/** The keying module's public surface: other modules import only from here (lint enforces it). */
export { deleteDraftOf } from './drafts'
