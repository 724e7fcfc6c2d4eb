import { formatDate } from '@shared/format';
import crypto from 'node:crypto';
import { answerQuery, effectiveThreshold, nextRelease, type ReleaseHistory, type ResultsQuery } from '@shared/survey/anonymity';
import type { SurveyCount, SurveyResultsReply } from '@shared/survey/api';
import { publishedCount, type PublishedCount } from '@shared/survey/count';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { checkAnswers, InstrumentFile } from '@shared/survey/instrument';
import type { SurveyResponse } from '@shared/survey/results';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { DomainEvents } from '../events/domain-events';
import type { SurveyCampaignRecord } from '../store/store';

export function campaignStatus(campaign: SurveyCampaignRecord, now = new Date()): 'not-open' | 'open' | 'closed' {
  const t = now.toISOString();
  if (t < campaign.opensAt) return 'not-open';
  return t < campaign.closesAt ? 'open' : 'closed';
}

/** Access codes are stored only as hashes, and codes are compared case-insensitively. */
export const hashAccessCode = (code: string) => crypto.createHash('sha256').update(code.trim().toUpperCase()).digest('base64url');

// No 0/O or 1/I: codes are read out and typed by people.
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const looksLikeAccessCode = (code: string) => new RegExp(`^[${alphabet}]{4}-?[${alphabet}]{4}$`).test(code.trim().toUpperCase());

export function newAccessCode(): string {
  const bytes = crypto.randomBytes(8);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('').replace(/(.{4})(.{4})/, '$1-$2');
}

/**
 * Reads of survey results all come here, so that the anonymity rules in shared/ are the only
 * way anything computed from answers leaves the server.
 */
export class SurveyService {
  constructor(
    private readonly store: Store,
    private readonly events: DomainEvents,
  ) {}

  async instrumentOf(campaign: Pick<SurveyCampaignRecord, 'instrumentId' | 'instrumentVersion'>): Promise<InstrumentFile> {
    if (campaign.instrumentId === demoInstrument.id && campaign.instrumentVersion === demoInstrument.version) return demoInstrument;
    const json = await this.store.getInstrument(campaign.instrumentId, campaign.instrumentVersion);
    if (!json) throw new HttpError(404, 'The survey’s questions could not be found');
    return InstrumentFile.parse(JSON.parse(json));
  }

  async count(campaign: SurveyCampaignRecord): Promise<SurveyCount> {
    return { campaignId: campaign.id, ...this.published(campaign, await this.store.countResponses(campaign.id)), threshold: effectiveThreshold(campaign.threshold), closesAt: campaign.closesAt };
  }

  /** The count as anyone is told it (`publishedCount`): in steps while the survey is open. */
  published(campaign: SurveyCampaignRecord, exact: number): PublishedCount {
    return publishedCount(exact, effectiveThreshold(campaign.threshold), Date.now() >= Date.parse(campaign.closesAt));
  }

  /** Makes a new release if one is due with `completed` responses in; returns every release made. */
  private async releases(campaign: SurveyCampaignRecord, completed: number): Promise<ReleaseHistory> {
    const threshold = effectiveThreshold(campaign.threshold);
    for (let attempt = 0; attempt < 5; attempt++) {
      const history = await this.store.getReleases(campaign.id);
      const latest = history.at(-1)?.size ?? null;
      if (completed < (latest ?? 0) + threshold) return history;
      const instrument = await this.instrumentOf(campaign);
      const responses = toResponses(await this.store.listResponses(campaign.id, completed));
      const release = nextRelease(instrument, responses, history, threshold);
      if (!release) return history;
      const next = [...history, release];
      // Another reader may have made this release first: then read theirs.
      if (await this.store.saveReleases(campaign.id, next, latest)) return next;
    }
    return this.store.getReleases(campaign.id);
  }

  /**
   * `reader` says whether the person asking may see the results of a survey not answered through
   * approved personal links (`see-unprotected-survey-results`); without it (reports, boards) they
   * are not shown, only the count.
   */
  async results(campaign: SurveyCampaignRecord, query: ResultsQuery, reader: ResultsReader = {}): Promise<SurveyResultsReply> {
    return (await this.resultsFor(campaign, [query], reader))[0]!;
  }

  /** Answers several queries from the releases, loading the responses once. */
  async resultsFor(campaign: SurveyCampaignRecord, queries: ResultsQuery[], reader: ResultsReader = {}): Promise<SurveyResultsReply[]> {
    const threshold = effectiveThreshold(campaign.threshold);
    const completed = await this.store.countResponses(campaign.id);
    const count = this.published(campaign, completed);
    if (campaign.accessMode !== 'personal' && !reader.seesUnprotected) {
      const answer = { kind: 'withheld' as const, reason: unprotectedResultsReason(campaign.accessMode) };
      return queries.map(() => ({ ...count, threshold, released: null, answer }));
    }
    if (campaign.answersDeletedOn) {
      const answer = { kind: 'deleted' as const, reason: `The answers were deleted on ${formatDate(campaign.answersDeletedOn)} under the retention rule; reports made before then keep the figures they showed` };
      return queries.map(() => ({ ...count, threshold, released: null, answer }));
    }
    // A release covers the responses the count as told covers (a step of five while open), so
    // its size never tells the exact count either.
    const history = await this.releases(campaign, count.completed);
    const released = history.at(-1)?.size ?? null;
    if (released === null) {
      const answer = { kind: 'too-few' as const, reason: `Results are shown once ${threshold} surveys are complete` };
      return queries.map(() => ({ ...count, threshold, released, answer }));
    }
    const instrument = await this.instrumentOf(campaign);
    const responses = toResponses(await this.store.listResponses(campaign.id, released));
    return queries.map((query) => ({ ...count, threshold, released, answer: answerQuery(instrument, responses, history, query, threshold) }));
  }

  /**
   * Refuses a code that is wrong or used, without using it up (that happens only when answers are
   * sent): the survey's first page checks it, not after ten minutes of answers. With access
   * codes the lead holds every code, so this would tell them which schools have answered, and
   * when: there only the code's form is checked.
   */
  async checkAccessCode(campaign: SurveyCampaignRecord, code: string): Promise<void> {
    if (campaign.accessMode === 'codes' ? looksLikeAccessCode(code) : await this.store.hasUnusedAccessCode(campaign.id, hashAccessCode(code))) return;
    const refusal = 'This access code is not right, or has already been used. Check it, or ask the person who sent you the survey for another';
    throw new HttpError(422, refusal, { accessCode: refusal });
  }

  async submit(
    campaign: SurveyCampaignRecord,
    response: { answers: Record<string, number | 'n/a'>; context: Record<string, string> },
    accessCode: string | null,
    submissionId: string | null,
  ) {
    // Whichever way the answers came (the JSON API, the plain pages' cookie), they are checked here.
    const problems = checkAnswers(await this.instrumentOf(campaign), response.answers, response.context);
    if (Object.keys(problems).length) throw new HttpError(400, Object.values(problems)[0]!, problems);
    const outcome = await this.store.submitResponse(
      campaign.id,
      // The day only: a time could be matched to when a school said it filled the survey in.
      { submittedOn: new Date().toISOString().slice(0, 10), answers: response.answers, context: response.context },
      accessCode === null ? null : hashAccessCode(accessCode),
      submissionId,
    );
    if (outcome === 'code-refused') throw new HttpError(409, 'This access code is not valid or has already been used', { accessCode: 'This access code is not valid or has already been used' });
    await this.events.publish({ type: 'survey-count', count: await this.count(campaign) });
  }
}

export interface ResultsReader {
  seesUnprotected?: boolean;
}

const unprotectedResultsReason = (mode: 'open' | 'codes') =>
  `Whoever holds ${mode === 'open' ? 'the survey’s link' : 'the access codes'} could answer in schools’ names and work out one school’s answers from the difference, so the results of this survey are shown only to facilitators`;

function toResponses(records: Awaited<ReturnType<Store['listResponses']>>): SurveyResponse[] {
  return records.map((r) => ({ id: String(r.seq), answers: r.answers, context: r.context }));
}
