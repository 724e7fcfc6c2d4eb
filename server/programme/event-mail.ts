import { createEvent } from 'ics';
import { formatDateTime } from '@shared/format';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { eventPhrase, type RegistrationBook, type ReminderKind } from '@shared/programme/registration';
import type { Mailer } from '../mail/mailer';
import type { MeetingRecord, SiteRecord, UserRecord } from '../store/store';

/** The event's name as people know it: a session's own title, or the kind of meeting. */
export const eventTitle = (meeting: MeetingRecord, book: RegistrationBook) => book.session?.title ?? meetingKindLabels[meeting.kind];

const when = formatDateTime;

/** The event's calendar file; how to join the call is in it only for those registered (`withJoining`). */
export function eventCalendar(meeting: MeetingRecord, book: RegistrationBook, site: SiteRecord | null, publicUrl: string, withJoining = false): string {
  const joining = withJoining && book.joining ? [book.joining.link && `Join the call: ${book.joining.link}`, book.joining.details].filter(Boolean).join('\n') : '';
  const { error, value } = createEvent({
    uid: `${meeting.id}@link-programme`,
    start: Date.parse(meeting.startsAt),
    duration: { minutes: meeting.durationMinutes },
    title: `${site?.name ?? 'Link Programme'}: ${eventTitle(meeting, book)}`,
    description: joining ? `${joining}\n\nThe meeting's board: ${publicUrl}/meetings/${meeting.id}` : `Join online from the Link Programme tool: ${publicUrl}/meetings/${meeting.id}`,
    url: `${publicUrl}/meetings/${meeting.id}`,
    productId: 'link-programme',
    // Each move sends the same event with a higher sequence, so calendars update it, not add one;
    // a cancellation sends it once more, cancelled, so calendars take it out.
    sequence: book.sequence,
    ...(meeting.status === 'cancelled' ? { method: 'CANCEL', status: 'CANCELLED' as const } : {}),
  });
  if (error || !value) throw error ?? new Error('no calendar file');
  return value;
}

export type EventMailKind = 'invitation' | 'rescheduled' | 'cancelled' | ReminderKind;

/** Invitations and reminders for one event, each with its calendar file attached. */
export async function mailEvent(
  deps: { mailer: Mailer; publicUrl: string },
  event: { meeting: MeetingRecord; book: RegistrationBook; site: SiteRecord | null; kind: EventMailKind; to: readonly UserRecord[]; from?: string; movedFrom?: string },
): Promise<void> {
  const { meeting, book, site, kind } = event;
  const title = eventTitle(meeting, book);
  const phrase = eventPhrase(meeting.kind, book.session?.title ?? null);
  const siteName = site?.name ?? 'your site';
  const registerLink = `${deps.publicUrl}/meetings/${meeting.id}/register`;
  const closes = book.closesAt ? `Registration closes on ${when(book.closesAt)}.` : '';
  const content: Record<EventMailKind, { subject: string; lines: string[] }> = {
    invitation: {
      subject: `Please register: ${title} on ${when(meeting.startsAt)}`,
      lines: [
        `${event.from ?? 'The strategic lead'} invites you to ${phrase} for ${siteName}, online, on ${when(meeting.startsAt)}.`,
        '',
        'Please register so we know who is coming:',
        registerLink,
        '',
        closes,
      ],
    },
    cancelled: {
      subject: `Cancelled: ${title} on ${when(meeting.startsAt)}`,
      lines: [
        `${event.from ?? 'The strategic lead'} has cancelled ${phrase} for ${siteName} on ${when(meeting.startsAt)}.`,
        '',
        'Your registration is cancelled too. The calendar file attached takes it out of your calendar.',
      ],
    },
    rescheduled: {
      subject: `Moved: ${title} is now on ${when(meeting.startsAt)}`,
      lines: [
        `${event.from ?? 'The strategic lead'} has moved ${phrase} for ${siteName}${event.movedFrom ? ` from ${when(event.movedFrom)}` : ''} to ${when(meeting.startsAt)}. It lasts ${meeting.durationMinutes} minutes.`,
        '',
        'You are still registered. Join from this page when it starts:',
        `${deps.publicUrl}/meetings/${meeting.id}`,
      ],
    },
    'registration-closing': {
      subject: `Registration closes soon: ${title}`,
      lines: [`You are invited to ${phrase} for ${siteName} on ${when(meeting.startsAt)}, and have not registered yet.`, '', closes, 'Register here:', registerLink],
    },
    'pre-ratings': {
      subject: `Before ${title.toLowerCase()}: rate the seven domains`,
      lines: [
        `${phrase.charAt(0).toUpperCase() + phrase.slice(1)} for ${siteName} is on ${when(meeting.startsAt)}. Before it, please rate how close your area is to the gold standard in each of the seven CASCADE domains. It takes about 10 minutes; only the group's spread of ratings is ever shown.`,
        '',
        `${deps.publicUrl}/meetings/${meeting.id}/ratings/1`,
      ],
    },
    'baseline-survey': {
      subject: `Before the ${title.toLowerCase()}: a short survey`,
      lines: [
        `Before ${phrase} for ${siteName} on ${when(meeting.startsAt)}, please tell us how joint working feels now. It takes about five minutes, and only totals are ever shown.`,
        '',
        `${deps.publicUrl}/sites/${meeting.siteId}/evaluation/baseline`,
      ],
    },
    'feedback-survey': {
      subject: `How was it? ${title}`,
      lines: [`Thank you for coming to ${phrase} for ${siteName}. Two questions on how helpful it was:`, '', `${deps.publicUrl}/sites/${meeting.siteId}/evaluation/feedback?meeting=${meeting.id}`],
    },
    'follow-up-survey': {
      subject: `${siteName}: the follow-up survey`,
      lines: [
        `The tailored support for ${siteName} is over. Please answer the same questions as in the baseline survey, so we can see what has changed:`,
        '',
        `${deps.publicUrl}/sites/${meeting.siteId}/evaluation/follow-up`,
      ],
    },
    'joining-details': {
      subject: `Joining details: ${title} on ${when(meeting.startsAt)}`,
      lines: [
        `Thank you for registering for ${phrase} for ${siteName}. It starts on ${when(meeting.startsAt)} and lasts ${meeting.durationMinutes} minutes.`,
        '',
        'Join from this page when it starts:',
        `${deps.publicUrl}/meetings/${meeting.id}`,
      ],
    },
  };
  const { subject, lines } = content[kind];
  // Mails about coming to the event carry its calendar file; survey requests do not.
  const aboutComing = kind === 'invitation' || kind === 'rescheduled' || kind === 'cancelled' || kind === 'registration-closing' || kind === 'joining-details';
  // Only mails to those registered carry how to join the call.
  const toRegistered = kind === 'joining-details' || kind === 'rescheduled';
  const calendar = aboutComing ? Buffer.from(eventCalendar(meeting, book, site, deps.publicUrl, toRegistered)) : null;
  const joiningLines = toRegistered && book.joining ? ['', 'How to join the call:', ...[book.joining.link, book.joining.details].filter(Boolean)] : [];
  for (const person of event.to) {
    await deps.mailer.send({
      to: person.email,
      subject,
      text: [`Dear ${person.name},`, '', ...lines, ...joiningLines, ...(calendar && kind !== 'cancelled' ? ['', kind === 'rescheduled' ? 'The calendar file attached moves the event in your calendar.' : 'The calendar file attached adds the event to your calendar.'] : []), '', 'Link Programme'].join('\n'),
      attachments: calendar ? [{ filename: 'event.ics', content: calendar, contentType: 'text/calendar' }] : [],
    });
  }
}
