// The teams domain's durable work: an engagement's tracker issue and its update reminders.
import { job, type DomainJobs } from '../jobs.ts';
import { ISSUE_QUEUE, UPDATE_REMINDER_QUEUE, type EngagementsService, type IssueJob, type UpdateReminderJob } from './engagements.service.ts';

export function teamsJobs(d: { engagements: EngagementsService }): DomainJobs {
  return {
    jobs: [
      // A team's tracker may be down for a while: ~10 retries doubling from 30 s cover about 8 hours.
      job<IssueJob>(ISSUE_QUEUE, { retryLimit: 10, retryDelaySeconds: 30, policy: 'exclusive' }, (data, run) =>
        d.engagements.createIssue(data, run.lastAttempt),
      ),
      job<UpdateReminderJob>(UPDATE_REMINDER_QUEUE, { retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' }, (data) => d.engagements.remind(data)),
    ],
  };
}
