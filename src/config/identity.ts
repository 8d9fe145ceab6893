// The mail identity (see domains/mail/mail-identity.ts) and the status page's branding, from the configuration.
import type { Config } from './config.ts';
import { mailIdentity, type MailIdentity, type PublicLinks } from '../domains/mail/mail-identity.ts';
import type { Branding } from '../domains/statuspage/statuspage.types.ts';

/** `port`: the port actually listened on, when PORT is 0 (any free port). */
export function mailIdentityOf(config: Config, port: number = config.PORT): MailIdentity {
  return mailIdentity({
    securityAddress: config.SECDESK_INBOX_ADDRESS,
    teamName: config.SECDESK_TEAM_NAME,
    publicUrl: config.SECDESK_PUBLIC_URL,
    served: { host: config.HOST, port },
    otherSenders: { SECDESK_STATUS_MAIL_FROM: config.SECDESK_STATUS_MAIL_FROM },
  });
}

/** The page's branding from config (the same as the public routes use); `links`: the live public links (the public URL may change in the app). */
export function statusBranding(config: Config, links: PublicLinks = mailIdentityOf(config).links): Branding {
  return {
    name: config.SECDESK_STATUS_NAME,
    logoUrl: config.SECDESK_STATUS_LOGO_URL ?? null,
    brandColor: config.SECDESK_STATUS_BRAND_COLOR.toLowerCase(),
    get baseUrl() {
      return links.base;
    },
  };
}
