// Recognising mail written by machines: auto-replies (RFC 3834 and common vendor headers),
// out-of-office answers, delivery status notifications (bounces, RFC 3464) and abuse feedback
// reports (RFC 5965). None of these is ever answered automatically.
import type { InboundMail, NoiseKind } from './mail.types.ts';

const OUT_OF_OFFICE_SUBJECT =
  /\b(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|abwesenheit|absence|on vacation|autosvar|respuesta autom[aá]tica|r[ée]ponse automatique)\b/i;
const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const BOUNCE_SUBJECT = /\b(undeliver(able|ed)|delivery (status notification|has failed|failure)|returned mail|failure notice|mail delivery failed)\b/i;

export function classifyNoise(mail: Pick<InboundMail, 'headers' | 'subject' | 'from'>): NoiseKind | null {
  const h = mail.headers;
  const contentType = (h['content-type'] ?? '').toLowerCase();
  if (contentType.includes('multipart/report')) {
    if (contentType.includes('feedback-report')) return 'feedback-report';
    if (contentType.includes('delivery-status')) return 'bounce';
  }
  const from = mail.from?.address ?? '';
  if (BOUNCE_SENDER.test(from) && (BOUNCE_SUBJECT.test(mail.subject) || contentType.includes('report'))) return 'bounce';
  const autoSubmitted = (h['auto-submitted'] ?? '').trim().toLowerCase();
  const automatic =
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    'x-autoreply' in h ||
    'x-autorespond' in h ||
    /^(auto_reply|bulk|junk|list)$/i.test((h.precedence ?? '').trim()) ||
    ('x-auto-response-suppress' in h && /oof|all/i.test(h['x-auto-response-suppress'] ?? ''));
  if (OUT_OF_OFFICE_SUBJECT.test(mail.subject) && (automatic || /^(automatic reply|out of office)/i.test(mail.subject))) return 'out-of-office';
  if (automatic) return 'auto-reply';
  if (BOUNCE_SENDER.test(from)) return 'bounce';
  return null;
}
