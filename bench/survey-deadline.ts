import { spawn } from 'node:child_process';
import { cpuMeter, sleep, summarise, type LatencySummary } from './lib/measure';
import type { startOurs } from './lib/targets';
import { runRealtime, type RealtimeLoad } from './realtime';

/**
 * A survey deadline as it happens: a whole wave's schools answer in the last minutes, each going
 * through every page of the survey as a browser does (get the page, post the form, follow the
 * redirect), while a meeting goes on on the same server process. The meeting's edit delays are
 * measured twice in the same run, on an idle server and under the deadline.
 */
export interface SurveyDeadlineLoad {
  schools: number;
  /** How long the schools' arrivals are spread over. */
  seconds: number;
  meeting: Omit<RealtimeLoad, 'boards'>;
}

export interface SurveyDeadlineResult {
  load: SurveyDeadlineLoad;
  /** From posting "Send survey" until the server acknowledged it (stored durably): the redirect to "sent". */
  acknowledgementMs: LatencySummary;
  /** Every page request of every school, gets and posts. */
  pageRequestMs: LatencySummary;
  acknowledged: number;
  stored: number;
  lost: number;
  failedRequests: number;
  serverCpu: number;
  meetingIdle: LatencySummary;
  meetingUnderDeadline: LatencySummary;
  /** The meeting's edit p99 under the deadline ÷ on the idle server. */
  meetingP99Ratio: number;
}

type Ours = Awaited<ReturnType<typeof startOurs>>;
interface SchoolsOutcome {
  acknowledgements: number[];
  pageRequests: number[];
  failedRequests: number;
}

function runSchools(surveyUrl: string, load: SurveyDeadlineLoad): Promise<SchoolsOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./survey-schools.ts', import.meta.url).pathname, JSON.stringify({ surveyUrl, schools: load.schools, seconds: load.seconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as SchoolsOutcome) : reject(new Error(`the schools' process exited with ${code}`)))));
}

export async function runSurveyDeadline(ours: Ours, load: SurveyDeadlineLoad): Promise<SurveyDeadlineResult> {
  const { api, server } = ours;
  const siteId = (await api.get('/api/sites')).body[0].id as string;
  const campaign = await api.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
  const surveyUrl = campaign.body.publicUrl as string;
  const meeting: RealtimeLoad = { ...load.meeting, boards: 1 };

  const idle = await runRealtime(ours, meeting);

  // The schools run in a process of their own, so that neither side's load generator slows the other's.
  const cpu = cpuMeter(server.pid()!);
  const schools = runSchools(surveyUrl, load);
  await sleep(Math.min(2000, (load.seconds * 1000) / 10));
  const underDeadline = await runRealtime(ours, meeting);
  const { acknowledgements, pageRequests, failedRequests } = await schools;
  const serverCpu = cpu();

  const stored = (await api.get(`/api/surveys/${campaign.body.id}`)).body.completed as number;
  return {
    load,
    acknowledgementMs: summarise(acknowledgements),
    pageRequestMs: summarise(pageRequests),
    acknowledged: acknowledgements.length,
    stored,
    lost: acknowledgements.length - stored,
    failedRequests,
    serverCpu,
    meetingIdle: idle.latencyMs,
    meetingUnderDeadline: underDeadline.latencyMs,
    meetingP99Ratio: Math.round((underDeadline.latencyMs.p99 / idle.latencyMs.p99) * 100) / 100,
  };
}
