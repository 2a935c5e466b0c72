// Registers the token room's messages once, from whichever token module is imported first.
import {registerMessages} from '../../i18n/index.js';
import {messages} from '../../i18n/messages/token.js';

registerMessages(messages);
