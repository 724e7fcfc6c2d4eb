import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAddress } from '@shared/survey/addresses';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems, responseScaleOf } from '@shared/survey/instrument';
import { ApiClient } from '../helpers/http';
import { outbox } from '../helpers/outbox';
import { connectedSocket, request } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * An insider: someone on the site who, besides reading everything its role lets it read, makes
 * responses through every path its role allows (links sent to aliases of its own address or to
 * free-mail addresses it opens, codes it holds, the open link) around one real school's. It
 * then reads the results and the breakdown by setting and subtracts what it made itself: any
 * figure left covering fewer than the threshold of responses it did not make gives those
 * schools' answers away. The other person who runs the survey is honest: asked to approve a
 * list, they approve only addresses of schools they know and withdraw any other list.
 */
let server: RunningServer;
let siteId: string;
const people: Record<'lead' | 'facilitator' | 'stakeholder', ApiClient> = {} as never;
const threshold = 10;
const items = allItems(demoInstrument);
const settings = ['primary', 'secondary', 'fe-college'];
const knownSchools = new Set(['head@oak.sch.uk']);

type Submitted = { context: Record<string, string>; answers: Record<string, number | 'n/a'> };
const answersFrom = (seed: number): Submitted['answers'] =>
  Object.fromEntries(items.map((item, k) => [item.id, responseScaleOf(demoInstrument, item).options[(seed * 7 + k * 3) % responseScaleOf(demoInstrument, item).options.length]!.value]));
const realSchool: Submitted = { context: { setting: 'special', role: 'senco' }, answers: answersFrom(99) };

/** The additive counts of one figure: responses, then per item each answer's count and n/a. */
function countsOf(results: { responses: number; items: { distribution: { count: number }[]; notApplicable: number }[] }): number[] {
  return [results.responses, ...results.items.flatMap((i) => [...i.distribution.map((d) => d.count), i.notApplicable])];
}
function countsOfAnswers(submitted: Submitted[]): number[] {
  return [
    submitted.length,
    ...items.flatMap((item) => {
      const values = submitted.map((s) => s.answers[item.id]);
      return [...responseScaleOf(demoInstrument, item).options.map((o) => values.filter((v) => v === o.value).length), values.filter((v) => v === 'n/a').length];
    }),
  ];
}

/** Every figure the reader may read, minus what the insider made: those covering 1 to threshold − 1 others. */
async function singledOut(reader: ApiClient, campaignId: string, own: Submitted[]): Promise<{ figure: string; others: number; counts: number[] }[]> {
  const found: { figure: string; others: number; counts: number[] }[] = [];
  const consider = (figure: string, results: Parameters<typeof countsOf>[0], filter: (s: Submitted) => boolean) => {
    const mine = own.filter(filter);
    const others = results.responses - mine.length;
    if (others > 0 && others < threshold) {
      const counts = countsOf(results).map((c, k) => c - countsOfAnswers(mine)[k]!);
      // Prove it: with only the real school left, the difference is that school's own answers.
      if (others === 1) expect(counts).toEqual(countsOfAnswers([realSchool]));
      found.push({ figure, others, counts });
    }
  };
  const all = (await reader.get(`/api/surveys/${campaignId}/results`)).body.answer;
  if (all.kind === 'results') consider('all', all.results, () => true);
  const bySetting = (await reader.get(`/api/surveys/${campaignId}/results?breakdown=setting`)).body.answer;
  if (bySetting.kind === 'breakdown') {
    for (const group of bySetting.groups) if (group.results) consider(`setting=${group.value}`, group.results, (s) => s.context.setting === group.value);
  }
  return found;
}

async function newCampaign(accessMode: 'personal' | 'codes' | 'open') {
  const created = await people.facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode, opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
  expect(created.status).toBe(201);
  return { campaignId: created.body.id as string, token: (created.body.publicUrl as string).split('/s/')[1]! };
}

const submit = (token: string, entry: Submitted, accessCode?: string) => new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { ...entry, ...(accessCode ? { accessCode } : {}) });

/** The codes in this survey's personal links mailed to these mailboxes. */
function codesMailedTo(token: string, mailboxes: Set<string>): string[] {
  return outbox(server.dataDir).flatMap((raw) => {
    const mail = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const to = /^To: (.+)$/m.exec(mail)?.[1]?.trim() ?? '';
    const code = new RegExp(`/s/${token}#code=([A-Z0-9-]+)`).exec(mail)?.[1];
    return code && mailboxes.has(canonicalAddress(to)) ? [code] : [];
  });
}

/** The honest second person: approves lists of known schools without flags, withdraws any other. */
async function honestApprover(approver: ApiClient, campaignId: string) {
  const state = await approver.get(`/api/surveys/${campaignId}/personal-links`);
  if (state.status !== 200) return;
  for (const list of state.body.pending as { id: string; addresses: { email: string; flags: string[] }[] }[]) {
    const known = list.addresses.every((a) => knownSchools.has(a.email) && !a.flags.length);
    if (known) expect((await approver.post(`/api/surveys/${campaignId}/personal-links/${list.id}/approval`)).status).toBe(200);
    else await approver.request('DELETE', `/api/surveys/${campaignId}/personal-links/${list.id}`, {});
  }
}

beforeAll(async () => {
  server = await startApp({ env: { SURVEY_RATE_LIMIT: '100000' } });
  for (const role of ['lead', 'facilitator'] as const) people[role] = await ApiClient.signIn(server.url, `${role}@demo.example`, demoPassword);
  people.stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  siteId = (await people.lead.get('/api/sites')).body[0].id;
});
afterAll(async () => {
  await server?.stop();
});

const own = Array.from({ length: threshold - 1 }, (_, i): Submitted => ({ context: { setting: settings[i % settings.length]!, role: 'teacher' }, answers: answersFrom(i) }));

describe('an insider who can make responses as well as read results', () => {
  for (const [insider, approver] of [['lead', 'facilitator'], ['facilitator', 'lead']] as const) {
    it(`with personal links: the ${insider} cannot get links of its own past the ${approver}, so learns nothing of the one real school`, async () => {
      const { campaignId, token } = await newCampaign('personal');
      const me = `${insider}@demo.example`;
      // The real school, sent by the insider and approved by the other.
      await people[insider].post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk' });
      await honestApprover(people[approver], campaignId);
      const [schoolCode] = codesMailedTo(token, new Set(['head@oak.sch.uk']));
      expect((await submit(token, realSchool, schoolCode)).status).toBe(201);

      // Every way of sending links to mailboxes it controls.
      const aliases = Array.from({ length: threshold - 1 }, (_, i) => `${insider}+school${i + 1}@demo.example`);
      const freeMail = Array.from({ length: threshold - 1 }, (_, i) => `${insider}.school.${i + 1}@gmail.com`);
      const mixedCase = [`${insider.toUpperCase()}@Demo.Example`];
      for (const list of [aliases, freeMail, mixedCase, ['head@oak.sch.uk', ...aliases]]) {
        const sent = await people[insider].post(`/api/surveys/${campaignId}/personal-links`, { addresses: list.join('\n') });
        // Approving its own list is refused: the second pair of eyes is the other role's.
        if (sent.status === 202) expect((await people[insider].post(`/api/surveys/${campaignId}/personal-links/${sent.body.pending}/approval`)).status).toBe(403);
      }
      await honestApprover(people[approver], campaignId);
      const controlled = new Set([me, ...aliases, ...freeMail, ...mixedCase].map(canonicalAddress));
      const made: Submitted[] = [];
      for (const [i, code] of codesMailedTo(token, controlled).entries()) if ((await submit(token, own[i % own.length]!, code)).status === 201) made.push(own[i % own.length]!);

      expect(await singledOut(people[insider], campaignId, made)).toEqual([]);
    });
  }

  it('with access codes: the lead holds every code but sees no results, and cannot ask whether a school’s code was used', async () => {
    const { campaignId, token } = await newCampaign('codes');
    const codes = (await people.lead.post(`/api/surveys/${campaignId}/codes`, { count: threshold })).body.codes as string[];
    const schoolCode = codes.pop()!;
    const askedBefore = (await new ApiClient(server.url).post(`/api/public/surveys/${token}/access-code`, { accessCode: schoolCode })).status;
    expect((await submit(token, realSchool, schoolCode)).status).toBe(201);
    for (const [i, code] of codes.entries()) expect((await submit(token, own[i]!, code)).status).toBe(201);

    expect(await singledOut(people.lead, campaignId, own)).toEqual([]);
    const askedAfter = (await new ApiClient(server.url).post(`/api/public/surveys/${token}/access-code`, { accessCode: schoolCode })).status;
    expect(askedAfter, 'the check answers alike before and after the school used its code').toBe(askedBefore);
  });

  it('with access codes: a facilitator reads the results but cannot hold a code', async () => {
    const { campaignId, token } = await newCampaign('codes');
    const [schoolCode] = (await people.lead.post(`/api/surveys/${campaignId}/codes`, { count: 1 })).body.codes as string[];
    expect((await submit(token, realSchool, schoolCode)).status).toBe(201);
    const issued = await people.facilitator.post(`/api/surveys/${campaignId}/codes`, { count: threshold - 1 });
    const codes: string[] = issued.status === 201 ? issued.body.codes : [];
    for (const [i, entry] of own.entries()) await submit(token, entry, codes[i]);

    expect(await singledOut(people.facilitator, campaignId, own)).toEqual([]);
    expect(issued.status).toBe(403);
  });

  for (const insider of ['lead', 'stakeholder'] as const) {
    it(`with the open link: the ${insider} answers through it but sees neither results nor the live count`, async () => {
      const { campaignId } = await newCampaign('open');
      const link = ((await people[insider].get(`/api/sites/${siteId}/surveys`)).body as { id: string; publicUrl: string }[]).find((c) => c.id === campaignId)!.publicUrl;
      const token = link.split('/s/')[1]!;
      expect((await submit(token, realSchool)).status).toBe(201);
      for (const entry of own) expect((await submit(token, entry)).status).toBe(201);

      expect(await singledOut(people[insider], campaignId, own)).toEqual([]);
      if (insider === 'stakeholder') {
        const socket = await connectedSocket(server.url, people.stakeholder.cookie);
        expect(await request(socket, 'survey:watch', { campaignId })).toMatchObject({ ok: false });
        socket.close();
      }
    });
  }
});
