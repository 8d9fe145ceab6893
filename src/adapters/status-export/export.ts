// Pushes one set of files to every target at once; a target that fails does not stop the others.
import { writeToDirectory } from './dir-target.ts';
import { uploadToS3 } from './s3-target.ts';
import { describeTarget, type ExportTarget } from './export-targets.ts';
import type { ExportFile } from './export-files.ts';

import type { TargetResult } from '../../domains/status-export/status-export.types.ts';

export type { TargetResult };

function push(target: ExportTarget, files: ExportFile[]): Promise<void> {
  return target.kind === 'dir' ? writeToDirectory(target.path, files) : uploadToS3(target, files);
}

export async function exportToTargets(files: ExportFile[], targets: ExportTarget[]): Promise<TargetResult[]> {
  const settled = await Promise.allSettled(targets.map((t) => push(t, files)));
  return settled.map((outcome, i) => {
    const target = describeTarget(targets[i]!);
    if (outcome.status === 'fulfilled') return { target, ok: true, files: files.length };
    const reason = outcome.reason as Error;
    return { target, ok: false, files: 0, error: reason?.message ?? String(reason) };
  });
}
