import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { Redis } from 'ioredis';
import { ApiClient } from '../helpers/http';
import { startRedisProcess } from '../helpers/redis-process';
import { clusterSettings } from '../helpers/redis';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/** Two processes behind one deployment share one Redis: a limit must hold across both. */
let processes: RunningServer[];
let facilitator: ApiClient;

beforeAll(async () => {
  const env = { ...clusterSettings(), AUTH_RATE_LIMIT: '4', SURVEY_RATE_LIMIT: '6' };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-limits-'));
  processes = [await startApp({ env: { ...env, SEED_DEMO: '1' }, dataDir }), await startApp({ env: { ...env, SEED_DEMO: '0' }, dataDir })];
  // Before any failures: once the limit is reached, correct passwords from this address wait too.
  facilitator = await ApiClient.signIn(processes[0]!.url, 'facilitator@demo.example', demoPassword);
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

describe('rate limits with several processes', () => {
  it('count sign-in failures once across processes, not once per process', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const server = processes[attempt % 2]!;
      statuses.push((await new ApiClient(server.url).request('POST', '/api/auth/login', { email: 'lead@demo.example', password: 'wrong password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('count survey submissions once across processes', async () => {
    const siteId = (await facilitator.get('/api/sites')).body[0].id;
    const created = await facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
    const token = created.body.publicUrl.split('/s/')[1];
    const answers = Object.fromEntries(allItems(demoInstrument).map((item) => [item.id, 2]));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const server = processes[attempt % 2]!;
      statuses.push((await new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { answers, context: { setting: 'primary' } })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429, 429]);
  });
});

describe('rate limits after Redis lost its scripts', () => {
  it('count in the process meanwhile, and in Redis again once it can load them, instead of failing every request from then on', async () => {
    // A Redis of this test's own: its permissions are changed below.
    const redis = await startRedisProcess();
    const settings = { ...clusterSettings(), REDIS_URL: redis.url, SURVEY_RATE_LIMIT: '100' };
    const server = await startApp({ env: settings });
    const admin = new Redis(redis.url);
    try {
      const lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
      const siteId = (await lead.get('/api/sites')).body[0].id;
      const created = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
      const token = created.body.publicUrl.split('/s/')[1];
      const answers = Object.fromEntries(allItems(demoInstrument).map((item) => [item.id, 2]));
      const submit = async () => (await new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { answers, context: { setting: 'primary' } })).status;
      expect(await submit()).toBe(201);
      // As after a restart, Redis has no scripts; and loading them fails, as it does while Redis
      // is away again (here refused, which is certain where a crash is a matter of timing).
      const countedInRedis = async () => {
        const keys = await admin.keys(`${settings.REDIS_PREFIX}rate-limit:survey-submission:*`);
        return keys.length ? Number(await admin.get(keys[0]!)) : 0;
      };
      expect(await countedInRedis()).toBe(1);
      await admin.script('FLUSH');
      await admin.call('ACL', 'SETUSER', 'default', '-script|load');
      // Nobody's answer fails for want of Redis: counted in this process meanwhile.
      expect(await submit()).toBe(201);
      expect(await countedInRedis()).toBe(1);
      await admin.call('ACL', 'SETUSER', 'default', '+script|load');
      expect(await submit()).toBe(201);
      expect(await submit()).toBe(201);
      expect(await countedInRedis()).toBe(3);
    } finally {
      admin.disconnect();
      await server.stop();
      await redis.stop();
    }
  });
});
