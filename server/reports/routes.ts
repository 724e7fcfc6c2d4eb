import { Router } from 'express';
import { completedWords } from '@shared/survey/count';
import { signedInUser } from '../auth/sessions';
import type { GoalService } from '../goals/service';
import { parse } from '../http/errors';
import { toCsv } from '../http/csv';
import { MeetingParams } from '../http/params';
import type { Mailer } from '../mail/mailer';
import { allowOnMeeting } from '../meetings/access';
import { allowOnAccount } from '../sites/access';
import type { Store } from '../store';
import type { SurveyService } from '../survey/service';
import { dashboardRows } from './dashboard';
import { recordOutline } from '@shared/reports/record-outline';
import { recordOdt } from './odt';
import type { ReportService } from './service';

// The PDF and Word writers load their packages (pdfkit with its fonts, docx) when first asked
// for, not when the server starts: a third of a second of every start, for a few downloads a day.
const meetingReportPdf = async (...args: Parameters<typeof import('./pdf').meetingReportPdf>) => (await import('./pdf')).meetingReportPdf(...args);
const recordDocx = async (...args: Parameters<typeof import('./docx').recordDocx>) => (await import('./docx')).recordDocx(...args);

/** Meeting reports for a site's members, and the facilitators' programme dashboard. */
export function reportRoutes(deps: { store: Store; reports: ReportService; goals: GoalService; surveys: SurveyService; mailer: Mailer; publicUrl: string }) {
  const { store, reports, goals, surveys, mailer } = deps;
  const router = Router();

  const readableReport = async (userId: string, meetingId: string) => {
    await allowOnMeeting(store, userId, meetingId, 'see-meeting');
    return reports.meetingReport(meetingId);
  };

  router.get('/meetings/:meetingId/report', async (req, res) => {
    res.json(await readableReport(signedInUser(res).id, parse(MeetingParams, req.params).meetingId));
  });

  router.get('/meetings/:meetingId/report.pdf', async (req, res) => {
    const report = await readableReport(signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    res.type('application/pdf').attachment('meeting-report.pdf').send(await meetingReportPdf(report));
  });

  // Editable copies of the record for leads to circulate: the same outline in two open formats.
  router.get('/meetings/:meetingId/report.odt', async (req, res) => {
    const report = await readableReport(signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    const title = `${report.site.name}: ${report.meeting.kindLabel}`;
    res.type('application/vnd.oasis.opendocument.text').attachment('meeting-record.odt').send(recordOdt(recordOutline(report), title));
  });

  router.get('/meetings/:meetingId/report.docx', async (req, res) => {
    const report = await readableReport(signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    const title = `${report.site.name}: ${report.meeting.kindLabel}`;
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').attachment('meeting-record.docx').send(await recordDocx(recordOutline(report), title));
  });

  router.post('/meetings/:meetingId/report/email', async (req, res) => {
    const user = signedInUser(res);
    const { meetingId } = parse(MeetingParams, req.params);
    await allowOnMeeting(store, user.id, meetingId, 'send-report');
    const report = await reports.meetingReport(meetingId);
    const pdf = await meetingReportPdf(report);
    const link = `${deps.publicUrl}/meetings/${meetingId}/report`;
    let sent = 0;
    for (const person of report.attendance.people) {
      const attendee = await store.getUserById(person.userId);
      if (!attendee) continue;
      await mailer.send({
        to: attendee.email,
        subject: `${report.site.name}: report of the ${report.meeting.kindLabel.toLowerCase()}`,
        text: `Dear ${attendee.name},\n\n${user.name} has sent you the report of the ${report.meeting.kindLabel.toLowerCase()} for ${report.site.name}. It is attached as a PDF, and you can read it online at:\n\n${link}\n\nLink Programme`,
        attachments: [{ filename: 'meeting-report.pdf', content: pdf, contentType: 'application/pdf' }],
      });
      sent += 1;
    }
    res.json({ sent });
  });

  const requireFacilitatorAccount = (res: Parameters<typeof signedInUser>[0]) => {
    const user = signedInUser(res);
    allowOnAccount(user, 'see-programme');
    return user;
  };

  router.get('/dashboard', async (_req, res) => {
    res.json(await dashboardRows({ store, goals, surveys }, requireFacilitatorAccount(res).id));
  });

  router.get('/dashboard.csv', async (_req, res) => {
    const rows = await dashboardRows({ store, goals, surveys }, requireFacilitatorAccount(res).id);
    const csv = toCsv([
      ['Site', 'Stage', 'Next deadline', 'What', 'Surveys completed', 'Survey threshold', 'Consultation held', 'Goals: mean change from baseline', 'Feedback satisfaction (1 to 5)'],
      ...rows.map((r) => [
        r.siteName,
        r.stage,
        r.nextDeadline?.by.slice(0, 10) ?? '',
        r.nextDeadline?.what ?? '',
        r.survey ? completedWords(r.survey) : '',
        r.survey?.threshold ?? '',
        r.consultationHeld ? 'Yes' : 'No',
        r.goalsMeanChange ?? '',
        r.feedbackSatisfaction ?? '',
      ]),
    ]);
    res.type('text/csv').attachment('programme-dashboard.csv').send(csv);
  });

  return router;
}
