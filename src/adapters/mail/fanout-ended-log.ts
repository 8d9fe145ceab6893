// The fan-out's ended log: for each batch, the recipients whose final dot is in the kernel's send
// buffer, appended as one line with one synchronous write the moment the dots left, so the evidence
// exists right after the dots instead of a database round trip later. The page cache keeps it
// when the process is killed; recovery on this host reads it (engine.ts). A machine crash may lose
// it (and then, likely, the unsent dots too): the database's `ended_at`, written right after, is the
// evidence other hosts and later recoveries use. One file per send, removed when the send is done.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EndedLog } from '../../domains/fanout/fanout.ports.ts';

const SEND_ID = /^[0-9a-f-]{36}$/;

export function fanoutEndedLog(dir: string): EndedLog {
  const files = new Map<string, number>();
  const fileOf = (sendId: string) => {
    if (!SEND_ID.test(sendId)) throw new Error('a send id is a UUID');
    return path.join(dir, `${sendId}.log`);
  };
  const closeFile = (sendId: string) => {
    const fd = files.get(sendId);
    files.delete(sendId);
    if (fd !== undefined) closeSync(fd);
  };
  return {
    record(sendId, claimId, seqs) {
      if (!seqs.length) return;
      let fd = files.get(sendId);
      if (fd === undefined) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        fd = openSync(fileOf(sendId), 'a', 0o600);
        files.set(sendId, fd);
      }
      writeSync(fd, `${claimId} ${seqs.join(',')}\n`);
    },
    async read(sendId) {
      const ended = new Map<string, Set<number>>();
      const text = await readFile(fileOf(sendId), 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return '';
        throw err;
      });
      // Only whole lines: a line without its newline was never fully written.
      for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
        const [claimId, seqs] = line.split(' ');
        if (!claimId || !seqs) continue;
        const set = ended.get(claimId) ?? new Set<number>();
        for (const seq of seqs.split(',')) set.add(Number(seq));
        ended.set(claimId, set);
      }
      return ended;
    },
    async remove(sendId) {
      closeFile(sendId);
      await rm(fileOf(sendId), { force: true });
    },
    close() {
      for (const sendId of [...files.keys()]) closeFile(sendId);
    },
  };
}
