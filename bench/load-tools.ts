// The two outside programs bench/status drives: nginx (serving files, unprivileged, from a temporary
// prefix on a loopback port) and wrk (load, with its latency distribution parsed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../test/support/net.ts';

export const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';
export const WRK = process.env.BENCH_WRK ?? '/usr/bin/wrk';

/** Why the benchmark cannot run here, or null. */
export function missingTools(): string | null {
  const missing = [NGINX, WRK].filter((bin) => !existsSync(bin));
  return missing.length ? `${missing.join(' and ')} not found (apt-get install nginx-light wrk)` : null;
}

export interface StaticFile {
  /** URL path, e.g. /status or /status.json */
  url: string;
  file: string;
  contentType: string;
  body: Uint8Array;
}

export interface Nginx {
  base: string;
  stop(): Promise<void>;
}

function nginxConfig(prefix: string, port: number, files: StaticFile[], workers: number): string {
  const locations = files.map((f) => `    location = ${f.url} { default_type "${f.contentType}"; try_files /${f.file} =404; }`).join('\n');
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes ${workers};
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
${locations}
  }
}
`;
}

/** nginx serving `files` (written under prefix/www) until stop(). */
export async function startNginx(prefix: string, files: StaticFile[], workers: number): Promise<Nginx> {
  mkdirSync(path.join(prefix, 'www'), { recursive: true });
  mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  for (const f of files) writeFileSync(path.join(prefix, 'www', f.file), f.body);
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig(prefix, port, files, workers));
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}; see ${prefix}/error.log`);
    if (
      await fetch(`${base}${files[0]!.url}`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    base,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  requests: number;
  badResponses: number;
}

/** wrk's duration text (`1.23ms`, `456.00us`, `1.20s`) in milliseconds. */
function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!m) throw new Error(`cannot read wrk latency ${text}`);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(m[1]) * factor;
}

export function parseWrk(output: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  const total = /(\d+) requests in/.exec(output);
  if (!rps || !p99 || !total) throw new Error(`cannot read wrk's output:\n${output}`);
  const bad = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { requestsPerSecond: Number(rps[1]), p99Ms: ms(p99[1]!), requests: Number(total[1]), badResponses: Number(bad?.[1] ?? 0) + socketErrors };
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  threads: number;
  /** Sent as If-None-Match on every request (a conditional request, answered 304). */
  ifNoneMatch?: string;
  scriptDir: string;
}

/** Runs wrk and resolves with its figures; the run goes on in the background while the promise waits. */
export function runWrk(options: LoadOptions): Promise<LoadResult> {
  const args = ['--latency', '-d', `${options.seconds}s`, '-c', String(options.connections), '-t', String(options.threads)];
  if (options.ifNoneMatch) {
    const script = path.join(options.scriptDir, `conditional-${Date.now()}.lua`);
    writeFileSync(script, `wrk.headers["If-None-Match"] = ${JSON.stringify(options.ifNoneMatch)}\n`);
    args.push('-s', script);
  }
  args.push(options.url);
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`wrk exited with ${code}:\n${out}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (err) {
          reject(err);
        }
      }
    });
  });
}

/** The number of processors, for nginx's workers and the printed machine line. */
export function cpuModel(): string {
  const lscpu = spawnSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], { encoding: 'utf8' });
  return lscpu.stdout.trim() || 'unknown CPU';
}
