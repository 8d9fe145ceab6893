import type { MailParserPort } from '../../domains/mail/intake.service.ts';
import { parseMail } from './parse.ts';

export const mailParser: MailParserPort = { parse: parseMail };
