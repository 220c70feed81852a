/**
 * The daemon layer: the logrotate state file (state/), one logrotate-compatible pass
 * (pass/), and the long-running service (service/) with its log and metrics.
 */
export { runDaemon, type DaemonOptions } from "./service/supervisor.js";
export { DaemonControl, type DaemonRequest } from "./service/control.js";
export { buildJobs, DEFAULT_CHECK_MS, type JobSchedule, type JobSpec } from "./service/job-spec.js";
export { DEFAULT_BACKOFF, type Backoff, type RunJobOptions } from "./service/job.js";
export { runJob } from "./service/job-tasks.js";
export { rotateBatch, filesOf, type JobEnv, type BatchOutcome } from "./service/job-batch.js";
export { PendingWork, type Work } from "./service/pending-work.js";
export { nextScheduled, upcoming } from "./schedule/next-due.js";
export { describeSchedule, formatDuration } from "./schedule/describe.js";
export { scheduleOf, scheduleIsDue } from "./schedule/job-schedule.js";
export { createLogger, silentLogger, type Logger, type LogFields, type LogLevel, type LoggerOptions } from "./log/logger.js";
export { Metrics, type MetricName } from "./metrics/metrics.js";
export { parseMetricsAddress, serveMetrics, type MetricsAddress } from "./metrics/metrics-server.js";
export { DaemonError } from "./errors.js";
