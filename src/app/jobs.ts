// Every domain's declared jobs (`<domain>.jobs.ts`) on the queue adapter: the queues, their workers,
// and the event subscriptions the store's recorder sends jobs to.
import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { EventSubscriptions } from '../domains/events.ts';
import type { DomainJobs } from '../domains/jobs.ts';

export function subscribeAll(subscriptions: EventSubscriptions, domains: readonly DomainJobs[]): void {
  for (const { type, queue } of domains.flatMap((d) => d.subscriptions ?? [])) subscriptions.subscribe(type, queue);
}

export async function defineAll(queue: JobQueue, domains: readonly DomainJobs[]): Promise<void> {
  for (const declared of domains.flatMap((d) => d.jobs)) await queue.define({ name: declared.queue, ...declared.settings });
}

/** `beforeEach`: run before every job (the app rereads the settings saved in the app). */
export async function workAll(queue: JobQueue, domains: readonly DomainJobs[], beforeEach: () => Promise<void>): Promise<void> {
  for (const declared of domains.flatMap((d) => d.jobs)) {
    await queue.work<never>(
      declared.queue,
      async (data, job) => {
        await beforeEach();
        await declared.handle(data, job);
      },
      declared.worker,
    );
  }
  for (const domain of domains) await domain.afterStart?.();
}
