// The fan-out engine's wiring: its relay (pooled SMTP with DKIM), its ended log and settings.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { FanoutEngine } from '../domains/fanout/engine.ts';
import type { FanoutRelay } from '../domains/fanout/fanout.ports.ts';
import type { LiveSettings } from './live-settings.ts';
import { createFanoutRelay } from '../adapters/mail/smtp-fanout.ts';
import { fanoutEndedLog } from '../adapters/mail/fanout-ended-log.ts';
import type { ServiceDeps } from './services.types.ts';

/**
 * The fan-out engine and its relay (opened on first use, so a process that never sends opens no SMTP
 * connection; reopened when the relay saved in the app changes).
 */
export function createFanout(deps: ServiceDeps, live: LiveSettings) {
  const { config } = deps;
  let relay: FanoutRelay | null = null;
  let relayUrl: string | undefined;
  const dkimSet = config.SECDESK_DKIM_DOMAIN && config.SECDESK_DKIM_SELECTOR && config.SECDESK_DKIM_KEY_FILE;
  const dkim = dkimSet
    ? { domainName: config.SECDESK_DKIM_DOMAIN!, keySelector: config.SECDESK_DKIM_SELECTOR!, privateKey: readFileSync(config.SECDESK_DKIM_KEY_FILE!, 'utf8') }
    : null;
  const engine = new FanoutEngine({
    ...deps,
    relay: () => {
      const url = live.value('SMTP_URL');
      if (relay && relayUrl !== url) void relay.close().catch((err: unknown) => deps.logger.warn({ err }, 'closing the previous fan-out relay failed'));
      if (!relay || relayUrl !== url)
        relay = url
          ? createFanoutRelay({ url, connections: config.SECDESK_FANOUT_CONNECTIONS, dkim, timeoutMs: config.SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS * 1000 })
          : null;
      relayUrl = url;
      return relay;
    },
    closeRelay: async () => {
      await relay?.close();
      relay = null;
    },
    endedLog: fanoutEndedLog(path.join(config.SECDESK_DATA_DIR, 'fanout-ended')),
    settings: {
      perSecond: config.SECDESK_FANOUT_RATE_PER_SECOND,
      perDomainPerSecond: config.SECDESK_FANOUT_DOMAIN_RATE_PER_SECOND,
      leaseSeconds: config.SECDESK_FANOUT_LEASE_SECONDS,
      retrySeconds: config.SECDESK_FANOUT_RETRY_SECONDS,
      maxAttempts: config.SECDESK_FANOUT_MAX_ATTEMPTS,
      relayDownPauseSeconds: config.SECDESK_FANOUT_RELAY_DOWN_PAUSE_SECONDS,
      sliceSeconds: 60,
      links: live.identity.links,
    },
  });
  return { engine };
}
