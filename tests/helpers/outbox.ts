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
