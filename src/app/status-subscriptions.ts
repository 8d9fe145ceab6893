// Status page subscriptions' wiring: their mailer (the outbox's sender), the webhook poster, the settings.
import { headerSafe, sendRecorded, type CurrentSender } from '../domains/mail/replies.service.ts';
import type { MailIdentity } from '../domains/mail/mail-identity.ts';
import type { SendsService } from '../domains/fanout/sends.service.ts';
import { StatusSubscriptionsService } from '../domains/status-subscriptions/subscriptions.service.ts';
import { StatusWebhooksService } from '../domains/status-subscriptions/webhooks.service.ts';
import { StatusNotifyService } from '../domains/status-subscriptions/notify.service.ts';
import type { ConfirmationMailer } from '../domains/status-subscriptions/subscriptions.ports.ts';
import { webhookPoster } from '../adapters/webhooks/webhook-poster.ts';
import type { ServiceDeps } from './services.types.ts';

/** Status page subscriptions: e-mail (double opt-in, delivered by the fan-out) and signed webhooks. */
export function createStatusSubscriptions(deps: ServiceDeps, sender: CurrentSender, sends: SendsService, identity: MailIdentity) {
  const { config } = deps;
  const { links } = identity;
  // The security address may change in the app; SECDESK_STATUS_MAIL_FROM is environment-only.
  const fromOf = () => config.SECDESK_STATUS_MAIL_FROM ?? identity.address;
  const pageName = config.SECDESK_STATUS_NAME;
  const mailer = (): ConfirmationMailer | null => {
    const relay = sender();
    // Through the relay in force: sent-on-250, a temporary failure retries the status.confirmation-mail job.
    return (
      relay && {
        send: (mail, lastAttempt) =>
          sendRecorded(
            relay,
            {
              from: fromOf(),
              replyTo: fromOf(),
              to: mail.to,
              subject: headerSafe(mail.subject),
              messageId: identity.newMessageId(fromOf()),
              inReplyTo: null,
              references: [],
              text: mail.text,
              automatic: true,
            },
            lastAttempt,
            async (outcome, error) => {
              if (outcome === 'failed') deps.logger.warn({ error }, 'status subscription confirmation mail failed');
            },
          ),
      }
    );
  };
  return {
    statusSubscriptions: new StatusSubscriptionsService({
      ...deps,
      mailer,
      settings: { links, pageName, confirmHours: config.SECDESK_STATUS_CONFIRM_HOURS, perAddressPerHour: config.SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR },
    }),
    statusWebhooks: new StatusWebhooksService({
      ...deps,
      poster: webhookPoster({ allowPrivate: config.SECDESK_WEBHOOK_ALLOW_PRIVATE, timeoutMs: config.SECDESK_WEBHOOK_TIMEOUT_SECONDS * 1000 }),
      settings: {
        maxFailures: config.SECDESK_WEBHOOK_MAX_FAILURES,
        perAddressPerHour: config.SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR,
        page: { name: pageName, url: links.link('/status') },
      },
    }),
    statusNotify: new StatusNotifyService({
      ...deps,
      sends,
      settings: {
        get from() {
          return fromOf();
        },
        links,
        pageName,
      },
    }),
  };
}
