import { Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { signInPath } from '@shared/api/return-path';
import { useMe } from './api/hooks';
import { Layout, Loading, ProblemPage } from './components/Layout';
import { LoadProblem } from './components/LoadProblem';
import { lazyPage } from './lazy-page';
import { SitesPage } from './pages/SitesPage';

// A site's pages carry its timeline, presence (socket.io) and survey counter: loaded when a site is
// opened, so that signing in and the list of sites download less.
const SitePage = lazyPage(() => import('./pages/SitePage').then((m) => m.SitePage));
const CreateSitePage = lazyPage(() => import('./pages/CreateSitePage').then((m) => m.CreateSitePage));
const InvitePage = lazyPage(() => import('./pages/InvitePage').then((m) => m.InvitePage));
const InvitationPage = lazyPage(() => import('./pages/InvitationPage').then((m) => m.InvitationPage));
// Meeting pages carry Yjs and the board: loaded when someone opens a meeting, not on sign-in.
export const MeetingPage = lazyPage(() => import('./pages/meetings/MeetingPage').then((m) => m.MeetingPage));
const PlanMeetingPage = lazyPage(() => import('./pages/meetings/PlanMeetingPage').then((m) => m.PlanMeetingPage));
const FacilitatorScriptPage = lazyPage(() => import('./pages/meetings/FacilitatorScriptPage').then((m) => m.FacilitatorScriptPage));
const MoveMeetingPage = lazyPage(() => import('./pages/meetings/MoveMeetingPage').then((m) => m.MoveMeetingPage));
const PresenterView = lazyPage(() => import('./pages/meetings/PresenterView').then((m) => m.PresenterView));
const PreRatingPage = lazyPage(() => import('./pages/meetings/PreRatingPage').then((m) => m.PreRatingPage));
const PreRatingCheckPage = lazyPage(() => import('./pages/meetings/PreRatingPage').then((m) => m.PreRatingCheckPage));
const OpenSurveyPage = lazyPage(() => import('./pages/survey/OpenSurveyPage').then((m) => m.OpenSurveyPage));
const SurveyPage = lazyPage(() => import('./pages/survey/SurveyPage').then((m) => m.SurveyPage));
const GoalsPage = lazyPage(() => import('./pages/goals/GoalsPage').then((m) => m.GoalsPage));
const EditGoalPage = lazyPage(() => import('./pages/goals/EditGoalPage').then((m) => m.EditGoalPage));
const CheckInPage = lazyPage(() => import('./pages/goals/CheckInPage').then((m) => m.CheckInPage));
const MeetingReportPage = lazyPage(() => import('./pages/reports/MeetingReportPage').then((m) => m.MeetingReportPage));
const DashboardPage = lazyPage(() => import('./pages/reports/DashboardPage').then((m) => m.DashboardPage));
const DirectoryPage = lazyPage(() => import('./pages/directory/DirectoryPage').then((m) => m.DirectoryPage));
const DirectoryEntryPage = lazyPage(() => import('./pages/directory/DirectoryEntryPage').then((m) => m.DirectoryEntryPage));
const EvaluationFormPage = lazyPage(() => import('./pages/evaluation/EvaluationFormPage').then((m) => m.EvaluationFormPage));
const EvaluationResultsPage = lazyPage(() => import('./pages/evaluation/EvaluationResultsPage').then((m) => m.EvaluationResultsPage));
/** Pages that share one lazily loaded chunk: it loads once, with the first of them opened. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page takes its own props
function pagesIn<M extends Record<string, ComponentType<any>>>(load: () => Promise<M>) {
  return (name: keyof M) => lazyPage(() => load().then((m) => m[name]!));
}
const accountPage = pagesIn(() => import('./pages/account/pages'));
const ForgottenPasswordPage = accountPage('ForgottenPasswordPage');
const SetPasswordPage = accountPage('SetPasswordPage');
const AccountPage = accountPage('AccountPage');
const AccountDetailsPage = accountPage('AccountDetailsPage');
const ChangePasswordPage = accountPage('ChangePasswordPage');
const AdministrationPage = accountPage('AdministrationPage');
const InviteFacilitatorPage = accountPage('InviteFacilitatorPage');
const PrivacyNoticePage = accountPage('PrivacyNoticePage');
const AccessibilityStatementPage = accountPage('AccessibilityStatementPage');
const ScheduleMeetingPage = lazyPage(() => import('./pages/meetings/ScheduleMeetingPage').then((m) => m.ScheduleMeetingPage));
const programmePage = pagesIn(() => import('./pages/programme/pages'));
const RegisterPage = programmePage('RegisterPage');
const ConfirmMeetingPage = programmePage('ConfirmMeetingPage');
const RegistrationsPage = programmePage('RegistrationsPage');
const SessionActionsPage = programmePage('SessionActionsPage');
const TailoredSessionsPage = programmePage('TailoredSessionsPage');
const ChooseSessionPage = programmePage('ChooseSessionPage');
const ProgrammePlanPage = programmePage('ProgrammePlanPage');
const SurveyChoicePage = programmePage('SurveyChoicePage');

function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/**
 * Pages the server makes (signing in): reached from inside the app, the browser loads them
 * afresh from the server rather than the app drawing them.
 */
function ServerPage() {
  const location = useLocation();
  useEffect(() => window.location.replace(location.pathname + location.search), [location]);
  return <Loading />;
}

export function App() {
  const { pathname } = useLocation();
  return (
    <Layout>
      <LoadProblem resetKeys={[pathname]}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/sign-in" element={<ServerPage />} />
          <Route path="/invitation" element={<InvitationPage />} />
          <Route path="/forgotten-password" element={<ForgottenPasswordPage />} />
          <Route path="/set-password" element={<SetPasswordPage />} />
          <Route path="/privacy" element={<PrivacyNoticePage />} />
          <Route path="/accessibility" element={<AccessibilityStatementPage />} />
          <Route path="/account" element={<RequireSignIn><AccountPage /></RequireSignIn>} />
          <Route path="/account/details" element={<RequireSignIn><AccountDetailsPage /></RequireSignIn>} />
          <Route path="/account/password" element={<RequireSignIn><ChangePasswordPage /></RequireSignIn>} />
          <Route path="/administration" element={<RequireSignIn><AdministrationPage /></RequireSignIn>} />
          <Route path="/administration/invite-facilitator" element={<RequireSignIn><InviteFacilitatorPage /></RequireSignIn>} />
          <Route path="/" element={<RequireSignIn><SitesPage /></RequireSignIn>} />
          <Route path="/sites/new" element={<RequireSignIn><CreateSitePage /></RequireSignIn>} />
          <Route path="/sites/:siteId" element={<RequireSignIn><SitePage /></RequireSignIn>} />
          <Route path="/sites/:siteId/invite" element={<RequireSignIn><InvitePage /></RequireSignIn>} />
          <Route path="/sites/:siteId/meetings/new" element={<RequireSignIn><ScheduleMeetingPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/goals" element={<RequireSignIn><GoalsPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/goals/:goalId/edit" element={<RequireSignIn><EditGoalPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/goals/:goalId/check-in/:step" element={<RequireSignIn><CheckInPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/evaluation/results" element={<RequireSignIn><EvaluationResultsPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/evaluation/:kind" element={<RequireSignIn><EvaluationFormPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/directory" element={<RequireSignIn><DirectoryPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/directory/new" element={<RequireSignIn><DirectoryEntryPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/directory/:entryId/edit" element={<RequireSignIn><DirectoryEntryPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/programme-plan" element={<RequireSignIn><ProgrammePlanPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/tailored-sessions" element={<RequireSignIn><TailoredSessionsPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/tailored-sessions/new" element={<RequireSignIn><ChooseSessionPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/register" element={<RequireSignIn><RegisterPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/confirm" element={<RequireSignIn><ConfirmMeetingPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/registrations" element={<RequireSignIn><RegistrationsPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/actions" element={<RequireSignIn><SessionActionsPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/report" element={<RequireSignIn><MeetingReportPage /></RequireSignIn>} />
          <Route path="/dashboard" element={<RequireSignIn><DashboardPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId" element={<RequireSignIn><MeetingPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/present" element={<RequireSignIn><PresenterView /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/move" element={<RequireSignIn><MoveMeetingPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/plan" element={<RequireSignIn><PlanMeetingPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/facilitator-script" element={<RequireSignIn><FacilitatorScriptPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/ratings/check" element={<RequireSignIn><PreRatingCheckPage /></RequireSignIn>} />
          <Route path="/meetings/:meetingId/ratings/:domain" element={<RequireSignIn><PreRatingPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/surveys/new" element={<RequireSignIn><OpenSurveyPage /></RequireSignIn>} />
          <Route path="/sites/:siteId/surveys/choice" element={<RequireSignIn><SurveyChoicePage /></RequireSignIn>} />
          <Route path="/surveys/:campaignId" element={<RequireSignIn><SurveyPage /></RequireSignIn>} />
          <Route path="*" element={<ProblemPage title="Page not found" message="If you typed the web address, check it is correct." />} />
        </Routes>
      </Suspense>
      </LoadProblem>
    </Layout>
  );
}
