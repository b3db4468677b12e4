// Who cockpit is for and where the other webapps are, under its login form (app/shared/login-hint.js)
import { showLoginHint } from '../../shared/login-hint.js';

showLoginHint('cockpit');
