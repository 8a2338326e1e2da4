import type { Page } from '../layout.js';
import { accessibilityPage } from './accessibility.js';
import { coordinatorPage } from './coordinator.js';
import { homePage } from './home.js';
import { loginPage } from './login.js';
import { submitPage } from './submit.js';

/** Every page, built in every language. A new page goes here, and its journey into test/e2e. */
export const pages: readonly Page[] = [homePage, submitPage, accessibilityPage, loginPage, coordinatorPage];
