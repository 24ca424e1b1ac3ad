/** The jobs module's public surface: other modules import only from here (lint enforces it). */
export { saveJobProgress, setJobParams } from './commands'
export { defineJob, jobKind, parseJobParams, parseJobProgress, type JobDefinition, type JobKind, type TypedJob, type TypedJobContext } from './define'
export { createJobRunner, JobCancelled, JobInterrupted, type JobHandler, type JobRow, type JobRunner, type JobRunnerOptions, type PeriodicTask } from './runner'
export { createJobsService, JOB_STATUSES, presentJob, type JobsService } from './service'
export { jobQueueStats, type JobQueueStats } from './queue-stats'
