import type { Page } from '../layout.js';
import { accessibilityPage } from './accessibility.js';
import { coordinatorPage } from './coordinator.js';
import { homePage } from './home.js';
import { loginPage } from './login.js';
import { meetingAnswerPage, meetingPage, meetingsPage, meetingTurnPage } from './meetings.js';
import { privacyPage } from './privacy.js';
import { submitPage } from './submit.js';
import { surveyAnswerPage, surveyConfirmPage, surveyResultsPage } from './surveys.js';
import { subscribeConfirmPage, subscribeManagePage, subscribePage, unsubscribePage } from './subscribe.js';
import { digestArchivePage, digestViewPage } from './digests.js';
import { directoryPage } from './directory.js';
import { editPage } from './edit.js';
import { extendPage } from './extend.js';
import { viewPage } from './view.js';

/** Every page, built in every language. A new page goes here, and its journey into test/e2e. */
export const pages: readonly Page[] = [homePage, directoryPage, viewPage, submitPage, editPage, extendPage, meetingsPage, meetingPage, meetingAnswerPage, meetingTurnPage, surveyAnswerPage, surveyConfirmPage, surveyResultsPage, subscribePage, subscribeConfirmPage, subscribeManagePage, unsubscribePage, digestArchivePage, digestViewPage, accessibilityPage, privacyPage, loginPage, coordinatorPage];
