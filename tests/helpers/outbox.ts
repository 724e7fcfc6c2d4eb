import { ApiClient } from './http';
import fs from 'node:fs';
import path from 'node:path';

/** Mails the server wrote to its outbox folder, oldest first. */
export function outbox(dataDir: string): string[] {
  const dir = path.join(dataDir, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
}

/** The invitation token from the newest mail to `email` (links carry it after `#`). */
export function invitationToken(dataDir: string, email: string): string {
  const mail = outbox(dataDir)
    .reverse()
    .find((m) => m.includes(`To: ${email}`));
  if (!mail) throw new Error(`no mail to ${email}`);
  // Quoted-printable may wrap long lines with a soft break.
  const unwrapped = mail.replace(/=\r?\n/g, '');
  const match = /\/invitation#([A-Za-z0-9_-]{32,64})/.exec(unwrapped);
  if (!match) throw new Error(`no invitation link in mail:\n${mail}`);
  return match[1]!;
}

export const testPassword = 'a long enough password';

/**
 * Invites `email` to the site as `inviter` and accepts the mailed invitation as a new person,
 * the way someone would from their inbox; returns that person, signed in.
 */
export async function inviteAndAccept(
  server: { url: string; dataDir: string },
  inviter: ApiClient,
  siteId: string,
  email: string,
  options: { role?: 'lead' | 'stakeholder' | 'facilitator'; name?: string; organisation?: string; sector?: string } = {},
): Promise<ApiClient> {
  const invited = await inviter.post(`/api/sites/${siteId}/invitations`, { email, role: options.role ?? 'stakeholder' });
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const person = new ApiClient(server.url);
  const accepted = await person.post('/api/invitations/accept', {
    token: invitationToken(server.dataDir, email),
    name: options.name ?? 'Test Person',
    password: testPassword,
    organisation: options.organisation ?? 'Test Organisation',
    sector: options.sector ?? 'voluntary-sector',
  });
  if (accepted.status !== 200) throw new Error(`accepting failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return person;
}

/** The calendar file attached to a mail, decoded (nodemailer sends it in base64). */
export function calendarAttachment(mail: string): string | null {
  const match = /Content-Type: text\/calendar[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail);
  return match ? Buffer.from(match[1]!.replace(/\s/g, ''), 'base64').toString('utf8') : null;
}
