import type { Logger } from './log';

interface Job {
  name: string;
  /** Does the job once, as of `now` (the present when not given); what it returns (if anything) is logged. */
  run(now?: Date): Promise<unknown>;
}

/** One run of a job, its outcome logged when there was one. */
export async function runJob(log: Logger, job: Job, now?: Date): Promise<void> {
  const outcome = await job.run(now);
  if (outcome && (!Array.isArray(outcome) || outcome.length)) log.info({ job: job.name, outcome }, `${job.name}: done`);
}

/**
 * Runs each job every `intervalSeconds`, one run of a job at a time; a failure is logged, not
 * thrown, and the next run tries again. Each job is safe with several processes running it
 * (reminders claim by compare-and-set; retention deletes what is still there).
 */
export function startPeriodicJobs(log: Logger, intervalSeconds: number, jobs: readonly Job[]): () => void {
  const running = new Set<string>();
  const sweep = async (job: Job) => {
    if (running.has(job.name)) return;
    running.add(job.name);
    try {
      await runJob(log, job);
    } catch (error) {
      log.error({ err: error, job: job.name }, `${job.name} failed`);
    } finally {
      running.delete(job.name);
    }
  };
  const timer = setInterval(() => jobs.forEach((job) => void sweep(job)), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
