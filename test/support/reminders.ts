// Drives the durable engagement reminders on a test's controllable clock. pg-boss starts a job by
// the database's real time, while the app reads the test clock: when the test clock reaches a
// check's time, this moves that job's start to now (pg-boss update()), and the app's real worker
// runs it through the real queue. It returns once every released job has completed.
import type { App } from '../../src/app/app.ts';
import { ENGAGEMENT_REMINDER_QUEUE, type ReminderJob } from '../../src/domains/incidents/engagement-steps.ts';

export class TestClock {
  time: number;
  constructor(start = Date.now()) {
    this.time = start;
  }
  now = () => new Date(this.time);
  advance(minutes: number) {
    this.time += minutes * 60_000;
  }
}

/** Any queue whose jobs carry {engagementId, checkAt} (incident and team engagement reminders). */
export async function queuedReminders(app: App, queue = ENGAGEMENT_REMINDER_QUEUE) {
  return app.jobs.boss.findJobs<ReminderJob>(queue, { queued: true });
}

async function completed(app: App, id: string, queue: string): Promise<boolean> {
  const [job] = await app.jobs.boss.findJobs(queue, { id });
  if (job?.state === 'failed') throw new Error(`reminder job ${id} failed: ${JSON.stringify(job.output)}`);
  return !job || job.state === 'completed';
}

/** Runs every reminder check due by the test clock (and any it schedules that are due too). */
export async function runDueReminders(app: App, clock: TestClock, timeoutMs = 60_000, queue = ENGAGEMENT_REMINDER_QUEUE): Promise<number> {
  const started = Date.now();
  let ran = 0;
  for (;;) {
    const due = (await queuedReminders(app, queue)).filter((j) => new Date(j.data.checkAt).getTime() <= clock.time);
    if (due.length === 0) return ran;
    for (const job of due) await app.jobs.boss.update(queue, undefined, { id: job.id, startAfter: new Date() });
    for (const job of due) {
      while (!(await completed(app, job.id, queue))) {
        if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for reminder jobs');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    ran += due.length;
  }
}
