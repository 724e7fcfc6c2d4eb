/** The account, administration and information pages: one lazily loaded chunk, rarely visited. */
export { AccountDetailsPage } from './AccountDetailsPage';
export { AccountPage } from './AccountPage';
export { ChangePasswordPage } from './ChangePasswordPage';
export { ForgottenPasswordPage } from './ForgottenPasswordPage';
export { SetPasswordPage } from './SetPasswordPage';
export { AdministrationPage } from '../admin/AdministrationPage';
export { InviteFacilitatorPage } from '../admin/InviteFacilitatorPage';
export { AccessibilityStatementPage } from '../legal/AccessibilityStatementPage';
export { PrivacyNoticePage } from '../legal/PrivacyNoticePage';
