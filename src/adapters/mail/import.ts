// `secdesk inbox import PATH`: a .eml file, a directory of them, or an mbox file, each message
// through the same intake as mail received by SMTP.
import { createReadStream, openSync, readFileSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MboxStream } from 'node-mbox';
import type { IntakeResult, MailIntakeService } from '../../domains/mail/intake.service.ts';

export interface ImportSummary {
  created: number;
  appended: number;
  duplicate: number;
}

function looksLikeMbox(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'From ';
  } finally {
    closeSync(fd);
  }
}

async function* messagesIn(target: string): AsyncGenerator<Buffer> {
  if (statSync(target).isDirectory()) {
    for (const name of readdirSync(target)
      .filter((n) => n.toLowerCase().endsWith('.eml'))
      .sort())
      yield readFileSync(path.join(target, name));
    return;
  }
  if (!looksLikeMbox(target)) {
    yield readFileSync(target);
    return;
  }
  for await (const message of MboxStream(createReadStream(target))) yield message as Buffer;
}

export async function importMail(target: string, intake: MailIntakeService, onEach?: (result: IntakeResult) => void): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, appended: 0, duplicate: 0 };
  for await (const raw of messagesIn(target)) {
    const result = await intake.receive(raw, 'import');
    summary[result.outcome] += 1;
    onEach?.(result);
  }
  return summary;
}
