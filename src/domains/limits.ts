// The sizes of text secdesk accepts, in one place. Limits for different purposes stay different;
// each is named for what it bounds.

/** A mail secdesk sends as written: a reply to a requester, or a fan-out send's body. */
export const MAIL_BODY_MAX = 200_000;
/** A communication draft's body (one channel's text; the status page channel takes less, STATUS_UPDATE_BODY_MAX). */
export const COMMUNICATION_BODY_MAX = 100_000;
/** A mail template's body, and the mail a disposition sends from a template. */
export const TEMPLATE_BODY_MAX = 50_000;
/** An update on the public status page or a private one (the same renderers, feeds and subscribers' mail carry it whole). */
export const STATUS_UPDATE_BODY_MAX = 10_000;
/** A mail's subject line, whoever writes it. */
export const SUBJECT_MAX = 300;
