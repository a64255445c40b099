import type { messageChannels, messageKinds, outboxStatuses } from '../../../src-shared/contract/messages';

/** What the outbox, the conversation and the inbox call statuses, channels and kinds of messages. */
export const statusLabels: Record<(typeof outboxStatuses)[number], string> = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', notSent: 'Not sent' };
export const statusKind = { queued: 'neutral', sending: 'neutral', sent: 'ok', failed: 'alert', notSent: 'warn' } as const;
export const channelLabels: Record<(typeof messageChannels)[number], string> = { email: 'Email', sms: 'SMS' };
export const kindLabels: Record<(typeof messageKinds)[number], string> = {
  confirmation: 'Confirmation',
  reminder: 'Reminder',
  outreach: 'Outreach',
  conversation: 'Message',
  optOut: 'Opt-out confirmation',
};
