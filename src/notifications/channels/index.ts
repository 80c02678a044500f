import { RrcuError } from '../../core/errors.ts';
import { NOTIFICATION_ERRORS } from '../errors.ts';
import { emailDriver } from './email.ts';
import { slackAppDriver, slackWebhookDriver } from './slack.ts';
import type { ChannelDriver, ChannelKind } from './types.ts';
import { webhookDriver } from './webhook.ts';

export { CHANNEL_KINDS, type ChannelDriver, type ChannelKind, type DeliveryAddress, type RenderedMessage, type SendContext, type SendResult } from './types.ts';
export { emailChannelFromEnvironment, emailDriver, type EmailConfig, type EmailSecrets } from './email.ts';

/**
 * The driver of each channel kind. Each driver's file adds its line; a kind without a driver yet cannot be
 * configured (`driverFor` refuses it) and its stored channels are skipped by the fan-out.
 */
export const DRIVERS: Partial<Record<ChannelKind, ChannelDriver<unknown, unknown>>> = {
  email: emailDriver as ChannelDriver<unknown, unknown>,
  slack_webhook: slackWebhookDriver as ChannelDriver<unknown, unknown>,
  slack_app: slackAppDriver as ChannelDriver<unknown, unknown>,
  webhook: webhookDriver as ChannelDriver<unknown, unknown>,
};

export function driverFor(kind: string): ChannelDriver<unknown, unknown> {
  const driver = DRIVERS[kind as ChannelKind];
  if (!driver) {
    throw new RrcuError(NOTIFICATION_ERRORS.CHANNEL_KIND_UNKNOWN, `There is no notification channel of kind ${JSON.stringify(kind)}.`, {
      fix: `Use one of: ${Object.keys(DRIVERS).join(', ')}.`,
    });
  }
  return driver;
}
