import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sector } from '@shared/organisations';
import type { SiteRole } from '@shared/roles';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Store } from '../store';
import { UserRecord } from '../store/records';

const demoSiteName = 'Demo Borough';

export const demoPeople: { email: string; name: string; role: SiteRole; organisation: string; sector: Sector }[] = [
  { email: 'facilitator@demo.example', name: 'Farah Facilitator', role: 'facilitator', organisation: 'Link Programme team', sector: 'other' },
  { email: 'lead@demo.example', name: 'Leo Lead', role: 'lead', organisation: 'Demo Borough Council', sector: 'local-authority' },
  { email: 'stakeholder1@demo.example', name: 'Sam Stakeholder', role: 'stakeholder', organisation: 'Demo CYPMHS', sector: 'cypmhs' },
  { email: 'stakeholder2@demo.example', name: 'Sasha Stakeholder', role: 'stakeholder', organisation: 'Demo Academy Trust', sector: 'education' },
];

/**
 * The demo password: DEMO_PASSWORD if given, else one generated on first seed and kept in the
 * data folder so later starts can print it again.
 */
function demoPassword(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'demo-password.txt');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const generated = crypto.randomBytes(12).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

/** Creates the demo site and people if they are missing; safe to run on every start. */
export async function seedDemo(store: Store, options: { dataDir: string; password?: string }) {
  const password = demoPassword(options.dataDir, options.password);
  let site = await store.getSiteByName(demoSiteName);
  if (!site) {
    site = { id: crypto.randomUUID(), name: demoSiteName, createdAt: new Date().toISOString() };
    await store.createSite(site);
  }
  for (const person of demoPeople) {
    let user: UserRecord | null = await store.getUserByEmail(person.email);
    if (!user) {
      user = UserRecord.parse({
        id: crypto.randomUUID(),
        email: person.email,
        name: person.name,
        passwordHash: await hashPassword(password),
        isFacilitator: person.role === 'facilitator',
        organisation: person.organisation,
        sector: person.sector,
        createdAt: new Date().toISOString(),
      });
      await store.createUser(user);
    } else if (!(await verifyPassword(password, user.passwordHash))) {
      await store.updateUser(user.id, { passwordHash: await hashPassword(password) });
    }
    if (!(await store.getMembership(site.id, user.id))) {
      await store.putMembership({ siteId: site.id, userId: user.id, role: person.role });
    }
  }
  return { siteId: site.id, password };
}
