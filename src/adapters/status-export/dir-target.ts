// Writes an export to a local directory. Each file is written beside its final name and renamed into
// place, so a web server reading the directory sees the old file or the new one, never half of one.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { checkExportPath, type ExportFile } from './export-files.ts';

async function writeAtomically(file: string, body: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function writeToDirectory(root: string, files: ExportFile[]): Promise<void> {
  const base = path.resolve(root);
  await mkdir(base, { recursive: true });
  for (const file of files) {
    const target = path.join(base, checkExportPath(file.path));
    await mkdir(path.dirname(target), { recursive: true });
    await writeAtomically(target, file.body);
  }
}
