/** The users module's public surface: other modules import only from here (lint enforces it). */
export { recordLogin, reserveLoginAttempt, type LoginAttempt, type LoginPolicy } from './commands'
export { fullNamesOf } from './names'
export { createPasswordChangeService, passwordChangeRoutes, requirePasswordChanged } from './password-change'
export { createPasswordPolicy, type PasswordPolicy } from './password-policy'
