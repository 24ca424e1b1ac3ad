/** The audit module's public surface: other modules import only from here (lint enforces it). */
export { type Actor, actorOf, diffFields, recordAudit } from './service'
export { describeAuditChain, verifyAuditChain, type AuditChainReport, type BrokenAuditRow } from './verify'
export { AUDIT_VERIFY_JOB, AUDIT_VERIFY_TASK, createAuditVerifyJobHandler, createAuditVerifyTask } from './verify-job'
export { auditVerifyRoutes } from './verify-routes'
export { AUDIT_ANCHOR_FILE, AUDIT_ANCHOR_TASK, auditChainHead, createAuditAnchorTask, readAuditAnchors, type AuditAnchor } from './anchors'
