/** The programme's pages around the meetings, loaded together on first use. */
export { ChooseSessionPage } from './ChooseSessionPage';
export { ConfirmMeetingPage } from './ConfirmMeetingPage';
export { ProgrammePlanPage } from './ProgrammePlanPage';
export { RegisterPage } from './RegisterPage';
export { RegistrationsPage } from './RegistrationsPage';
export { SessionActionsPage } from './SessionActionsPage';
export { SurveyChoicePage } from './SurveyChoicePage';
export { TailoredSessionsPage } from './TailoredSessionsPage';
