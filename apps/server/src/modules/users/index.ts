/** The users module's public surface: other modules import only from here (lint enforces it). */
export { recordFailedLogin, recordLogin } from './commands'
export { fullNamesOf } from './names'
