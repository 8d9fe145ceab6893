// The configured chat platform, if any: Slack, Mattermost, or none (the incident's timeline serves).
import type { Config } from '../../config/config.ts';
import type { ChatPlatform } from '../../domains/chat/chat.ports.ts';
import { mattermostPlatform } from './mattermost.ts';
import { slackPlatform } from './slack.ts';

export function chatPlatformFrom(config: Config): { platform: ChatPlatform; securityChannel: string } | null {
  if (config.SECDESK_SLACK_TOKEN)
    return {
      platform: slackPlatform({ token: config.SECDESK_SLACK_TOKEN, apiUrl: config.SECDESK_SLACK_API_URL }),
      securityChannel: config.SECDESK_SLACK_SECURITY_CHANNEL,
    };
  if (config.SECDESK_MATTERMOST_URL) {
    return {
      platform: mattermostPlatform({ url: config.SECDESK_MATTERMOST_URL, token: config.SECDESK_MATTERMOST_TOKEN!, teamId: config.SECDESK_MATTERMOST_TEAM_ID! }),
      securityChannel: config.SECDESK_MATTERMOST_SECURITY_CHANNEL,
    };
  }
  return null;
}
