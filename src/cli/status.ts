// `secdesk status publish`: writes the public status page, its feeds, JSON and badge to directories
// and S3-compatible buckets (the same bytes the live routes serve), printing one line per target.
import type { Command } from 'commander';
import type { App } from '../app/app.ts';
import { CLI_CONTEXT } from '../app/serve.ts';
import { ExportTargetsError, parseExportTargets, type ExportTarget } from '../adapters/status-export/export-targets.ts';
import { DomainError } from '../domains/errors.ts';

function targetsOf(options: { out?: string[]; target?: string }, configured: ExportTarget[]): ExportTarget[] {
  const extra: ExportTarget[] = (options.out ?? []).map((path) => ({ kind: 'dir', path }));
  if (options.target) {
    try {
      extra.push(...parseExportTargets(options.target));
    } catch (err) {
      if (err instanceof ExportTargetsError) throw new DomainError('invalid', `--target ${err.message}`);
      throw err;
    }
  }
  return extra.length ? extra : configured;
}

export function statusCommands(program: Command, withApp: <T>(work: (app: App) => Promise<T>) => Promise<T>): void {
  const status = program.command('status').description('the public status page');
  status
    .command('publish')
    .description(
      'export the status page (HTML pages, status.json, Atom and RSS feeds, badge) to directories or S3-compatible buckets; default: SECDESK_STATUS_EXPORT_TARGETS',
    )
    .option('--out <dir...>', 'directory to write (several allowed)')
    .option('--target <json>', 'JSON list of targets, as in SECDESK_STATUS_EXPORT_TARGETS')
    .action(async (options: { out?: string[]; target?: string }) => {
      const results = await withApp((app) => app.services.statusExport.exportNow(CLI_CONTEXT, targetsOf(options, app.services.statusExport.configuredTargets)));
      for (const r of results) console.log(r.ok ? `ok      ${r.target}: ${r.files} files` : `FAILED  ${r.target}: ${r.error}`);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
