// The mail identity from the configuration (see domains/mail/mail-identity.ts).
import type { Config } from '../config/config.ts';
import { mailIdentity, type MailIdentity } from '../domains/mail/mail-identity.ts';

/** `port`: the port actually listened on, when PORT is 0 (any free port). */
export function mailIdentityOf(config: Config, port: number = config.PORT): MailIdentity {
  return mailIdentity({
    securityAddress: config.SECDESK_INBOX_ADDRESS, teamName: config.SECDESK_TEAM_NAME, publicUrl: config.SECDESK_PUBLIC_URL,
    served: { host: config.HOST, port }, otherSenders: { SECDESK_STATUS_MAIL_FROM: config.SECDESK_STATUS_MAIL_FROM },
  });
}
