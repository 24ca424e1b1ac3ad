/** The auth module's public surface: other modules import only from here (lint enforces it). */
export { hashPassword, verifyPassword } from './passwords'
export { type AuthUser } from './service'
export { endSessionsOf } from './sessions'
export { createSessionSweepTask, SESSION_SWEEP_TASK, sweepSessions } from './sweep'
