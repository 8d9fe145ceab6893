// The last published status page on disk (SECDESK_DATA_DIR/status-snapshot/), so a restart while the
// database is unreachable still serves it. Bodies are stored under their content hash and the manifest
// naming them is renamed into place last: a crash mid-write leaves the previous snapshot whole.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeToDirectory } from './dir-target.ts';

import type { SnapshotEntry } from '../../domains/status-export/status-export.types.ts';

export type { SnapshotEntry };

interface ManifestEntry extends Omit<SnapshotEntry, 'body'> {
  file: string;
}

const MANIFEST = 'manifest.json';

export function snapshotDir(dataDir: string): string {
  return path.join(dataDir, 'status-snapshot');
}

const fileOf = (body: Uint8Array) => `${createHash('sha256').update(body).digest('hex')}.body`;

export async function persistSnapshot(dataDir: string, entries: SnapshotEntry[]): Promise<void> {
  const dir = snapshotDir(dataDir);
  const manifest: ManifestEntry[] = entries.map(({ body, ...meta }) => ({ ...meta, file: fileOf(body) }));
  const bodies = entries.map((e) => ({ path: fileOf(e.body), contentType: e.contentType, body: e.body }));
  await writeToDirectory(dir, bodies);
  await writeToDirectory(dir, [{ path: MANIFEST, contentType: 'application/json', body: new TextEncoder().encode(JSON.stringify(manifest)) }]);
  const kept = new Set([MANIFEST, ...manifest.map((m) => m.file)]);
  for (const name of await readdir(dir)) {
    if (!kept.has(name) && name.endsWith('.body')) await rm(path.join(dir, name), { force: true });
  }
}

/** The persisted snapshot, or null when none was written (or it cannot be read whole). */
export async function loadPersistedSnapshot(dataDir: string): Promise<SnapshotEntry[] | null> {
  const dir = snapshotDir(dataDir);
  let manifest: ManifestEntry[];
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as ManifestEntry[];
  } catch {
    return null;
  }
  try {
    return await Promise.all(
      manifest.map(async ({ file, ...meta }) => ({ ...meta, body: new Uint8Array(await readFile(path.join(dir, path.basename(file)))) })),
    );
  } catch {
    return null;
  }
}
